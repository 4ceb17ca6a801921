"""`docker-tutor begin STEP_ID [--json]`: enter a step (record its start, make what is missing
of its start state, show it with placeholders filled). Exit 1 when a learner's own resource is
in the way (nothing was changed; the output names the command that clears it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar


def add_arguments(parser) -> None:
    parser.add_argument("step_id", metavar="STEP_ID", help="시작할 단계 id (예: 4.2/start)")
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")
    parser.add_argument("--redraw", action="store_true",
                        help="다시 연습: 이 레슨(연습 문제)의 변수 값을 새로 뽑은 뒤 시작해요")


@dataclass(frozen=True)
class BeginRun:
    view: ClassVar[str] = "begin"
    result: Any  # tutor.journey.begin.BeginResult

    @property
    def exit_code(self) -> int:
        return 0 if self.result.ok else 1

    def to_dict(self) -> dict[str, Any]:
        return self.result.to_dict()

    def render(self, console) -> None:
        render(self, console)


def run(args) -> BeginRun:
    from tutor.journey.begin import BeginContext, enter_step
    from tutor.lessonfile.catalog import load_course

    course = load_course(getattr(args, "file", None))
    step = course.step(args.step_id)
    if getattr(args, "redraw", False):  # "다시 연습": new values for the lesson, then the course again
        from tutor.draws import redraw
        from tutor.lessonfile.catalog import raw_course

        redraw(raw_course(getattr(args, "file", None)).lesson(step.lesson_id))
        course = load_course(getattr(args, "file", None))
        step = course.step(args.step_id)
    return BeginRun(enter_step(step, course, BeginContext(restart=True)))


_KIND = {"task": "실습", "answer": "답 쓰기", "quiz": "퀴즈"}


def render(run: BeginRun, console) -> None:
    from rich.text import Text

    from tutor.ui.safe_text import safe_text

    r = run.result
    head = Text(f"{r.step}", style="tutor.title")
    if r.position[1]:
        head.append(Text(f" ({r.position[0]}/{r.position[1]}, {_KIND.get(r.kind, r.kind)})", style="tutor.dim"))
    head.append(safe_text(f"  {r.title}"))
    console.print(head)
    if r.blocked:
        console.print(Text("시작 상태를 만들 수 없어서 아무것도 바꾸지 않았어요:", style="tutor.fail"))
        for b in r.blocked:
            console.print(safe_text(f"  • {b.message}"))
        return
    if r.prepared:
        console.print(Text("튜터가 이 단계의 시작 상태를 맞춰 뒀어요:", style="tutor.ok"))
        for p in r.prepared:
            console.print(safe_text(f"  • {p.message}"))
    console.print()
    from rich.markdown import Markdown

    from tutor.ui.safe_text import safe, safe_text

    if r.body.strip():
        console.print(Markdown(safe(r.body)))
    if r.note:
        console.print(Markdown(safe(r.note)))
    hint = "다른 터미널에서 docker 명령을 실행한 뒤 `docker-tutor check " + r.step + "`로 확인해요."
    if r.kind == "answer":
        hint = f"답을 찾으면 `docker-tutor check {r.step} --answer \"답\"`으로 확인해요."
    elif r.kind == "quiz":
        hint = f"`docker-tutor quiz --step {r.step}`로 풀어요."
    console.print(Text(hint, style="tutor.dim"))
