"""`docker-tutor leave LESSON [--remove NAME ...] [--json]`: what the lesson left behind
(running containers, ports held, networks), and removing only the items named.

Without `--remove` in a terminal it asks about each item by name ([y/N]); in a script it only
lists. Nothing the lesson did not make or name is ever listed, so nothing else is removed.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any, ClassVar


def add_arguments(parser) -> None:
    parser.add_argument("lesson", metavar="LESSON", help="정리할 레슨 id (예: 4.2)")
    parser.add_argument("--remove", action="append", metavar="NAME", default=[],
                        help="이 이름의 항목을 지워요 (여러 번 쓸 수 있어요; 목록에 있는 것만)")
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


@dataclass(frozen=True)
class LeaveResult:
    view: ClassVar[str] = "leave"
    lesson: str
    items: tuple = ()
    removed: tuple[str, ...] = field(default_factory=tuple)
    asked: bool = False

    @property
    def exit_code(self) -> int:
        return 0

    def to_dict(self) -> dict[str, Any]:
        return {"lesson": self.lesson, "left": [i.to_dict() for i in self.items], "removed": list(self.removed)}

    def render(self, console) -> None:
        from rich.text import Text

        from tutor.ui.safe_text import safe_text

        if self.removed:
            for line in self.removed:
                console.print(safe_text(f"✓ {line}"))
        left = [i for i in self.items if not any(f"'{i.name}'" in r and "지웠어요" in r for r in self.removed)]
        if not left:
            console.print(Text(f"{self.lesson} 레슨이 남긴 컨테이너나 네트워크가 없어요.", style="tutor.ok"))
            return
        console.print(Text(f"{self.lesson} 레슨이 남긴 것:", style="tutor.title"))
        for item in left:
            console.print(safe_text(f"  • {item.message}  →  {item.command}"))
        if not self.asked:
            names = " ".join(f"--remove {i.name}" for i in left)
            console.print(Text(f"지우려면 이름을 적어 주세요: docker-tutor leave {self.lesson} {names}", style="tutor.dim"))


def _ask(item) -> bool:
    try:
        answer = input(f"'{item.name}' 항목을 지울까요? ({item.message}) [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes", "예", "네")


def run(args) -> LeaveResult:
    from tutor.daemon.connect import connect
    from tutor.errors import BadInput
    from tutor.journey.leave import leftovers, remove
    from tutor.lessonfile.catalog import load_course
    from tutor.lessonfile.placeholders import current

    lesson = load_course(getattr(args, "file", None)).lesson(args.lesson)
    conn = connect()
    try:
        items = leftovers(lesson, conn.api, current())
        unknown = [n for n in args.remove if n not in {i.name for i in items}]
        if unknown:
            raise BadInput(f"이 레슨이 남긴 목록에 없는 이름이에요: {', '.join(unknown)}. 튜터는 목록에 있는 것만 지워요.")
        confirmed = list(args.remove)
        asked = False
        if not confirmed and items and sys.stdin.isatty() and not args.json:
            asked = True
            confirmed = [i.name for i in items if _ask(i)]
        removed = tuple(remove(items, confirmed, conn.api)) if confirmed else ()
    finally:
        conn.close()
    return LeaveResult(lesson.id, tuple(items), removed, asked)
