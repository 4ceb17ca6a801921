"""`docker-tutor prepare STEP_ID [--json]`: make the state a step starts from.

Everything it makes carries the tutor's label. A resource of the same name the learner made,
or a host port someone else holds, stops it before anything changes (exit 1, named in Korean).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar


def add_arguments(parser) -> None:
    parser.add_argument("step_id", metavar="STEP_ID", help="준비할 단계 id (예: 4.2/start)")
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


@dataclass(frozen=True)
class PrepareResult:
    view: ClassVar[str] = "prepare"
    step: str
    title: str = ""
    done: tuple[str, ...] = ()
    made: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    nothing_to_do: bool = False

    @property
    def exit_code(self) -> int:
        return 0

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "title": self.title, "prepared": True, "nothing_to_do": self.nothing_to_do,
                "done": list(self.done), "made": [{"kind": k, "name": n} for k, n in self.made]}


def run(args) -> PrepareResult:
    from tutor.lessonfile.catalog import load_course

    course = load_course(getattr(args, "file", None))
    step = course.step(args.step_id)
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

