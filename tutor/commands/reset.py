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
from typing import Any

from rich.text import Text

from tutor.exitcodes import ExitCode
from tutor.ui.widgets import resource_label


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
    items: tuple = ()  # ResetItem, everything that would be removed
    removed: tuple = ()
    kept: tuple = ()
    failed: tuple = ()  # (ResetItem, reason)
    applied: bool = False
    reason: str = ""  # why nothing was removed: "empty" | "declined" | "no_tty"

    def render(self, console) -> None:
        render_text(self, console)

    @property
    def exit_code(self) -> int:
        if self.reason == "no_tty":
            return ExitCode.BAD_INPUT
        return ExitCode.FAILED if self.failed else ExitCode.OK

    def to_dict(self) -> dict[str, Any]:
        return {"applied": self.applied, "reason": self.reason,
                "items": [i.to_dict() for i in self.items], "removed": [i.to_dict() for i in self.removed],
                "kept": [i.to_dict() for i in self.kept],
                "failed": [{**i.to_dict(), "error": why} for i, why in self.failed],
                **({"message": NO_TTY_NOTE} if self.reason == "no_tty" else {})}


NO_TTY_NOTE = ("확인을 물어볼 터미널이 없어서 목록만 보여 줬어요. 튜터가 만든 것을 지우려면 `--yes`를, "
               "직접 만든 것도 지우려면 `--include-mine 이름`을 붙여 다시 실행해 주세요.")


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




def _line(item, mark: str = "•") -> Text:
    text = Text(f"  {mark} {resource_label(item.kind)} ")
    text.append(Text(item.name, style="tutor.title"))
    if item.step:
        text.append(Text(f"  ({item.step})", style="tutor.dim"))
    if item.learner_made:
        text.append(Text("  ← 직접 만든 것 (레슨이 이름으로 쓰는 자원)", style="tutor.warn"))
    return text


def print_plan(plan, console) -> None:
    console.print(Text("정리할 자원이에요:", style="tutor.title"))
    for item in plan.items:
        console.print(_line(item))


def _yes(prompt: str) -> bool:
    try:
        return input(prompt).strip().lower() in ("y", "yes", "예", "네", "ㅇ")
    except EOFError:
        return False


def _typed(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:
        return ""


def ask(plan):
    """None: keep everything; else the names of the learner's items confirmed one by one
    (typing the item's own name; Enter keeps it)."""
    from tutor.render import make_console

    console = make_console()
    print_plan(plan, console)
    if plan.tutor_items and not _yes(f"튜터가 만든 자원 {len(plan.tutor_items)}개를 지울까요? [y/N] "):
        return None
    confirmed = []
    for item in plan.learner_items:
        kind = resource_label(item.kind)
        console.print(Text(f"'{item.name}' {kind}는 직접 만든 것이에요. 지우려면 이름을 그대로 입력하고, "
                           "그대로 두려면 Enter를 눌러요.", style="tutor.warn"))
        if _typed(f"지울 {kind} 이름: ") == item.name:
            confirmed.append(item.name)
    return confirmed


def render_text(result, console) -> None:
    if result.reason == "empty":
        console.print(Text("정리할 것이 없어요. 튜터가 만든 자원이 남아 있지 않아요.", style="tutor.ok"))
        return
    if result.reason == "no_tty":
        print_plan(result, console)
        console.print(Text("확인을 물어볼 터미널이 없어서 목록만 보여 줬어요. 튜터가 만든 것을 지우려면 `--yes`를, "
                           "직접 만든 것도 지우려면 `--include-mine 이름`을 붙여 다시 실행해 주세요.", style="tutor.warn"))
        return
    if result.reason == "declined":
        console.print(Text("아무것도 지우지 않았어요.", style="tutor.dim"))
        return
    for item in result.removed:
        console.print(_line(item, "✓"))
    for item in result.kept:
        console.print(_line(item, "−"))
    for item, why in result.failed:
        line = _line(item, "✗")
        line.append(Text(f"  {why}", style="tutor.fail"))
        console.print(line)
    summary = f"{len(result.removed)}개를 지웠어요."
    if result.kept:
        summary += (f" 직접 만든 {len(result.kept)}개는 그대로 뒀어요 (지우려면 `--include-mine "
                    f"{' '.join(i.name for i in result.kept)}`).")
    console.print(Text(summary, style="tutor.ok" if not result.failed else "tutor.warn"))
