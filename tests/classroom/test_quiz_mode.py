"""Quiz mode: reproducible shuffles, judging, the non-interactive --answers form, progress."""

from __future__ import annotations

import json

from tests.classroom.lesson_factory import write_lesson
from tutor.cli import main
from tutor.lessonfile.catalog import load_course
from tutor.quizzing import build_questions, judge


def _quiz_steps(tmp_path):
    path = write_lesson(tmp_path, "q1", "tt-quiz-unused")
    return path, [s for s in load_course(str(path)).steps() if s.kind == "quiz"]


def test_same_seed_same_order_and_choices(tmp_path):
    _, steps = _quiz_steps(tmp_path)
    a = build_questions(steps, seed=7)
    b = build_questions(steps, seed=7)
    assert [(q.id, [c.text for c in q.choices]) for q in a] == [(q.id, [c.text for c in q.choices]) for q in b]
    orders = {tuple(c.text for c in build_questions(steps, seed=s)[0].choices) for s in range(20)}
    assert len(orders) > 1  # choices really are shuffled


def test_judge_by_text_or_number_with_explanations(tmp_path):
    _, steps = _quiz_steps(tmp_path)
    q = next(q for q in build_questions(steps, seed=1) if q.id == "q1/what")
    right = judge(q, "커널")
    assert right.correct and "공유" in right.explanation
    wrong_index = next(i for i, c in enumerate(q.choices, 1) if c.text == "BIOS")
    wrong = judge(q, wrong_index)
    assert not wrong.correct and wrong.right_answer == "커널" and "BIOS" in wrong.explanation


def test_quiz_answers_file_scores_and_saves_progress(tmp_path, capsys):
    path, _ = _quiz_steps(tmp_path)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"q1/what": "커널", "q1/image": "볼륨"}, ensure_ascii=False), encoding="utf-8")
    code = main(["--file", str(path), "quiz", "--no-live", "--seed", "3", "--answers", str(answers), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert out["score"] == 1 and out["total"] == 2
    assert out["lessons"] == {"q1": {"correct": 1, "total": 2}}
    assert [w["step"] for w in out["wrong"]] == ["q1/image"]
    from tutor import progress

    saved = progress.load()
    assert saved.step("q1/what").quiz[-1]["correct"] is True
    assert saved.step("q1/image").quiz[-1]["correct"] is False


def test_quiz_text_view_shows_score_and_review(tmp_path, capsys):
    path, _ = _quiz_steps(tmp_path)
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"q1/what": "BIOS", "q1/image": "이미지"}, ensure_ascii=False), encoding="utf-8")
    main(["--no-color", "--file", str(path), "quiz", "--no-live", "--answers", str(answers)])
    out = capsys.readouterr().out
    assert "점수: 1 / 2" in out and "다시 볼 문제" in out and "BIOS" in out
