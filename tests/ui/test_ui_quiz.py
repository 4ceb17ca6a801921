"""Quizzes that teach: choice order per learner and attempt, number keys, retry, instructions."""

from __future__ import annotations

import io
import re

from conftest import ENTER, make_course

from tutor.model import CheckResult, Problem
from tutor.quizzing import build_questions, choice_seed, shuffled_choices, strip_verdict_word
from tutor.render import make_console


def _course_quiz_steps():
    from tutor.lessonfile.catalog import load_course

    steps = [s for les in load_course().lessons for s in les.steps if s.kind == "quiz" and s.quiz and s.quiz.choices]
    assert len(steps) >= 10  # the course has its quizzes
    return steps


def test_the_right_choice_is_first_only_by_chance_across_learners():
    steps = _course_quiz_steps()
    first_right = total = 0
    chance = 0.0
    for learner in (f"learner-{i}" for i in range(40)):
        for step in steps:
            order = shuffled_choices(step.quiz.choices, choice_seed(learner, step.id, 0))
            first_right += order[0].correct
            chance += sum(c.correct for c in step.quiz.choices) / len(step.quiz.choices)
            total += 1
    # In the lesson files the right answer is always written first; shuffled it is first about
    # as often as chance says (1/number of choices), far from always.
    assert abs(first_right - chance) / total < 0.1, (first_right, chance, total)


def test_order_is_reproducible_per_learner_and_changes_with_the_attempt():
    steps = _course_quiz_steps()
    same = [shuffled_choices(s.quiz.choices, choice_seed("me", s.id, 0)) for s in steps]
    again = [shuffled_choices(s.quiz.choices, choice_seed("me", s.id, 0)) for s in steps]
    retry = [shuffled_choices(s.quiz.choices, choice_seed("me", s.id, 1)) for s in steps]
    assert same == again
    assert same != retry
    assert sorted(map(repr, same[0])) == sorted(map(repr, steps[0].quiz.choices))  # nothing lost


def test_quiz_command_seed_fixes_the_whole_quiz_and_learner_changes_it():
    steps = _course_quiz_steps()
    a = build_questions(steps, seed=3)
    b = build_questions(steps, seed=3)
    assert [(q.id, q.choices) for q in a] == [(q.id, q.choices) for q in b]
    x = build_questions(steps, learner="x", attempts={})
    y = build_questions(steps, learner="y", attempts={})
    assert sorted((q.id, q.choices) for q in x) != sorted((q.id, q.choices) for q in y)


def test_leading_verdict_word_is_stripped_from_explanations():
    assert strip_verdict_word("맞아요. run은 create와 start예요.") == "run은 create와 start예요."
    assert strip_verdict_word("맞아요! 그래서") == "그래서"
    assert strip_verdict_word("아쉬워요, 그건 VM이에요.") == "그건 VM이에요."
    assert strip_verdict_word("맞아요") == "맞아요"  # nothing else to say: kept
    assert strip_verdict_word("컨테이너는 가벼워요.") == "컨테이너는 가벼워요."


def test_quiz_flow_number_keys_retry_and_answer_step_instructions(pipe, monkeypatch):
    from tutor.checks import engine
    from tutor.ui.quiz_flow import ask_all

    prompter, send = pipe
    course = make_course()
    quiz_step, answer_step = course.lessons[0].steps[2], course.lessons[0].steps[1]
    questions = list(build_questions([quiz_step, answer_step], seed=1))
    questions.sort(key=lambda q: q.step.kind != "quiz")  # the quiz first
    right = next(i for i, c in enumerate(questions[0].choices) if c.correct) + 1
    wrong = 3 - right
    monkeypatch.setattr(engine, "check_answer", lambda step, view, text, ctx: CheckResult(
        step.id, "answer", text == "20.10.24", () if text == "20.10.24" else (Problem("answer.wrong", "달라요.", None, text),)))
    import tutor.contexts

    monkeypatch.setattr(tutor.contexts, "context_for", lambda step_id: None)
    console = make_console(file=io.StringIO(), width=60, force_terminal=True)
    send(str(wrong) + str(right) + "20.10.24" + ENTER)
    outcomes, quit_early = ask_all(questions, None, prompter=prompter, console=console)
    text = re.sub(r"\x1b\[[0-9;]*m", "", console.file.getvalue())
    assert not quit_early and len(outcomes) == 2
    assert outcomes[0].correct is False  # scored by the first choice
    assert "그건 가상 머신이에요." in text and "다른 번호를 눌러" not in text.split("그건 가상 머신이에요.")[0]
    assert text.count("✓ 맞아요!") == 2 and "맞아요. 그래서" not in text and "그래서 가벼워요." in text
    assert "1) " in text and "2) " in text
    assert "`docker version`의 Server 버전을 적어요." in text or "docker version의 Server 버전을 적어요." in text
    assert outcomes[1].correct
