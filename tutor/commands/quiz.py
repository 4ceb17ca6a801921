"""`docker-tutor quiz`: a self-check quiz over the course, interactive or from an answers file.

`--answers FILE` (JSON object: step id -> choice number, choice text or answer text) runs
without prompts, for scripts and tests. Results are saved into progress either way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.markdown import Markdown
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tutor.errors import BadInput
from tutor.exitcodes import ExitCode
from tutor.ui.safe_text import lesson_markdown, prompt_text, safe_text


def add_arguments(parser) -> None:
    parser.add_argument("--lesson", action="append", metavar="ID", help="이 레슨의 문제만 내요 (여러 번 가능)")
    parser.add_argument("--count", type=int, metavar="N", help="문제 수")
    parser.add_argument("--seed", type=int, metavar="S", help="섞는 순서를 고정해요 (같은 S면 같은 순서)")
    parser.add_argument("--answers", metavar="FILE", help="답을 JSON 파일에서 읽어요 (프롬프트 없이 실행)")
    parser.add_argument("--no-live", action="store_true", help="데몬에서 읽는 answer 단계는 빼요")
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


@dataclass(frozen=True)
class QuizResult:
    outcomes: tuple = ()
    quit_early: bool = False

    def render(self, console) -> None:
        render_text(self, console)

    @property
    def score(self) -> int:
        return sum(1 for o in self.outcomes if o.correct)

    @property
    def exit_code(self) -> int:
        return ExitCode.OK if self.outcomes and self.score == len(self.outcomes) else ExitCode.FAILED

    def to_dict(self) -> dict[str, Any]:
        from tutor.quizzing import breakdown

        return {"score": self.score, "total": len(self.outcomes), "quit_early": self.quit_early,
                "lessons": breakdown(self.outcomes), "answers": [o.to_dict() for o in self.outcomes],
                "wrong": [o.to_dict() for o in self.outcomes if not o.correct]}


def _read_answers(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadInput(f"답 파일({path})을 읽을 수 없어요: {exc}") from None
    if not isinstance(data, dict):
        raise BadInput(f"답 파일({path})은 '단계 id: 답' 모양의 JSON 객체여야 해요.")
    return data


def run(args) -> QuizResult:
    from tutor import progress
    from tutor.lessonfile.catalog import load_course
    from tutor.quizzing import build_questions, judge

    course = load_course(getattr(args, "file", None))
    lessons = [course.lesson(i) for i in args.lesson] if args.lesson else list(course.lessons)
    steps = [s for lesson in lessons for s in lesson.steps]
    from tutor.ui import preferences as prefs

    state = progress.load()
    questions = build_questions(steps, args.count, args.seed, with_answer_steps=not args.no_live,
                                learner=prefs.load().learner,
                                attempts={s.id: len(state.step(s.id).quiz) for s in steps})
    if not questions:
        raise BadInput("고른 레슨에 퀴즈로 낼 문제가 없어요.")
    view = None
    if any(q.step.kind == "answer" for q in questions):
        from tutor.daemon.view import open_view

        view = open_view()
    if args.answers:
        given = _read_answers(args.answers)
        outcomes = [judge(q, given[q.id], view) for q in questions if q.id in given]
        quit_early = len(outcomes) < len(questions)
    else:
        from tutor.ui.quiz_flow import ask_all

        outcomes, quit_early = ask_all(questions, view)
    for o in outcomes:
        step = course.step(o.question)
        if step.kind == "quiz":
            progress.record_quiz(o.question, o.correct, o.given)
        else:
            progress.record_answer(o.question, o.correct, o.given)
    return QuizResult(tuple(outcomes), quit_early)


def render_text(result, console) -> None:
    from tutor.quizzing import breakdown

    total = len(result.outcomes)
    style = "tutor.ok" if total and result.score == total else "tutor.warn"
    console.print(Text(f"\n점수: {result.score} / {total}", style=style))
    if result.quit_early:
        console.print(Text("답하지 않은 문제가 있어서, 답한 문제만 채점했어요.", style="tutor.dim"))
    table = Table(title="레슨별 결과")
    table.add_column("레슨", no_wrap=True)
    table.add_column("맞힘", justify="right")
    table.add_column("문제 수", justify="right")
    for lesson, row in breakdown(result.outcomes).items():
        table.add_row(Text(lesson), str(row["correct"]), str(row["total"]))
    console.print(table)
    wrong = [o for o in result.outcomes if not o.correct]
    if wrong:
        console.print(Text("다시 볼 문제", style="tutor.title"))
        for o in wrong:
            bullet = Table.grid(padding=(0, 1))
            bullet.add_column(no_wrap=True)
            bullet.add_column(overflow="fold")
            # Choice texts are lesson Markdown: shown without their backticks (prompt_text).
            bullet.add_row(Text("•", style="tutor.fail"), safe_text(f"{o.question}: 내 답 '{prompt_text(o.given)}'", "tutor.fail"))
            console.print(bullet)
            # Padding keeps wrapped lines indented under their bullet.
            if o.right_answer:
                console.print(Padding(safe_text(f"정답: {prompt_text(o.right_answer)}", "tutor.expected"), (0, 0, 0, 2),
                                      expand=False))
            if o.explanation:
                console.print(Padding(Markdown(lesson_markdown(o.explanation)), (0, 0, 0, 2)))
