"""`docker-tutor prepare STEP_ID [--json]`: make the state a step starts from.

Everything it makes is written to the tutor's own record (and labelled). A resource of the same
name the learner made, or a host port someone else holds, stops it before anything changes
(exit 1, named in Korean); a practice file the learner changed is moved aside, never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.text import Text

from tutor.exitcodes import ExitCode


def add_arguments(parser) -> None:
    parser.add_argument("step_id", metavar="STEP_ID", help="준비할 단계 id (예: 4.2/start)")
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


@dataclass(frozen=True)
class PrepareResult:
    step: str
    title: str = ""
    done: tuple[str, ...] = ()
    made: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    nothing_to_do: bool = False

    def render(self, console) -> None:
        render_text(self, console)

    @property
    def exit_code(self) -> int:
        return ExitCode.OK

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "title": self.title, "prepared": True, "nothing_to_do": self.nothing_to_do,
                "done": list(self.done), "made": [{"kind": k, "name": n} for k, n in self.made]}


def run(args) -> PrepareResult:
    return prepare_step(args.step_id, getattr(args, "file", None))


def prepare_step(step_id: str, lesson_file: str | None = None) -> PrepareResult:
    """Make the state `step_id` starts from (the guided UI calls this too, with no argparse)."""
    from tutor.lessonfile.catalog import load_course

    course = load_course(lesson_file)
    step = course.step(step_id)
    from tutor.contexts import placeholders, step_began

    if step.kind == "quiz" or (step.prepare.empty and step.kind != "task"):
        step_began(step.id)
        return PrepareResult(step.id, step.title, nothing_to_do=True)
    from tutor.daemon.actions import prepare
    from tutor.daemon.connect import connect

    conn = connect()
    try:
        report = prepare(step, conn.api, placeholders())
    finally:
        conn.close()
    step_began(step.id, prepared=True)  # the step's clock starts when its state is ready
    # A task without a preparation still gets the conflict check (e.g. port 8080 taken).
    return PrepareResult(step.id, step.title, report.done, report.made, nothing_to_do=not report.done)



def render_text(result, console) -> None:
    head = Text("✓ ", style="tutor.ok")
    head.append(Text(result.step, style="tutor.title"))
    if result.title:
        head.append(Text(f" {result.title}"))
    console.print(head)
    if result.nothing_to_do:
        console.print(Text("이 단계는 따로 준비할 상태가 없어요. 바로 시작하면 돼요."))
        return
    for line in result.done:
        console.print(Text(f"  • {line}"))
    console.print(Text("준비됐어요. 튜터가 만든 것은 튜터의 기록에 남겨 뒀어요. "
                       "정리할 때는 `docker-tutor reset`을 써요.", style="tutor.dim"))
