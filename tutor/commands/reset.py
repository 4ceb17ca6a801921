"""`docker-tutor reset [--lesson ID | --step ID] [--yes] [--json]`: tidy up after the tutor.

Lists first, then removes only what the tutor made (by its own record). Resources the lessons
name (e.g. container `webserver`) that the learner made are removed only when confirmed by
name: on a terminal each one is asked about; otherwise `--include-mine NAME` names them.
`--yes` confirms the tutor's own and nothing else. Without a terminal and without --yes it
only lists (exit 2).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, ClassVar


def add_arguments(parser) -> None:
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--lesson", metavar="ID", help="이 레슨에서 만든 것만 정리해요 (예: 4.2)")
    scope.add_argument("--step", metavar="ID", help="이 단계에서 만든 것만 정리해요 (예: 4.2/start)")
    parser.add_argument("--yes", "-y", action="store_true", help="튜터가 만든 것을 묻지 않고 바로 지워요")
    parser.add_argument("--include-mine", nargs="+", metavar="NAME", default=[],
                        help="직접 만든 것 중 이 이름들도 지워요 (이름을 하나씩 적어야 해요)")
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


@dataclass(frozen=True)
class ResetResult:
    view: ClassVar[str] = "reset"
    items: tuple = ()  # ResetItem, everything that would be removed
    removed: tuple = ()
    kept: tuple = ()
    failed: tuple = ()  # (ResetItem, reason)
    applied: bool = False
    reason: str = ""  # why nothing was removed: "empty" | "declined" | "no_tty"

    @property
    def exit_code(self) -> int:
        if self.reason == "no_tty":
            return 2
        return 1 if self.failed else 0

    def to_dict(self) -> dict[str, Any]:
        return {"applied": self.applied, "reason": self.reason,
                "items": [i.to_dict() for i in self.items], "removed": [i.to_dict() for i in self.removed],
                "kept": [i.to_dict() for i in self.kept],
                "failed": [{**i.to_dict(), "error": why} for i, why in self.failed],
                **({"message": NO_TTY_NOTE} if self.reason == "no_tty" else {})}


NO_TTY_NOTE = ("확인을 물어볼 터미널이 없어서 목록만 보여 줬어요. 정말 지우려면 `--yes`를 붙여 다시 실행해 주세요.")


def run(args) -> ResetResult:
    from tutor.daemon.cleanup import ResetScope, apply_reset, plan_reset, steps_in
    from tutor.daemon.connect import connect
    from tutor.lessonfile.catalog import load_course
    from tutor.lessonfile.placeholders import current

    course = load_course(getattr(args, "file", None))
    if args.lesson:
        course.lesson(args.lesson)  # BadInput for an unknown id
    step_id = course.step(args.step).id if args.step else None
    scope = ResetScope(lesson=args.lesson, step=step_id,
                       steps=steps_in(course.steps(), args.lesson, step_id), placeholders=current())
    conn = connect()
    try:
        plan = plan_reset(conn.api, scope)
        if not plan.items:
            return ResetResult(reason="empty")
        mine = list(getattr(args, "include_mine", None) or [])
        if args.yes or mine:
            confirmed = mine  # --yes alone confirms only the tutor's own
            if not args.yes:  # only named items of the learner's: the tutor's own stay
                plan = type(plan)(tuple(i for i in plan.items if i.learner_made))
        elif not getattr(args, "json", False) and sys.stdin.isatty() and sys.stdout.isatty():
            from tutor.views.reset import ask

            answer = ask(plan)
            if answer is None:
                return ResetResult(items=plan.items, reason="declined")
            confirmed = answer
        else:
            return ResetResult(items=plan.items, reason="no_tty")
        report = apply_reset(plan, conn.api, confirmed=confirmed)
    finally:
        conn.close()
    return ResetResult(plan.items, report.removed, report.kept, report.failed, applied=True)
