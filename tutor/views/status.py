"""Text view of `docker-tutor status`: lifecycle columns, then networks with their containers.

Wide terminals get a four-column table under a small state diagram; narrow ones (< 64 cells)
get one section per state, so nothing is squeezed into unreadable slivers. Every name comes
from the daemon and goes through `safe_text`.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from tutor.commands.status import COLUMNS
from tutor.ui.safe_text import safe_text

TITLES = {"created": "생성됨", "running": "실행 중", "paused": "일시 정지", "exited": "종료됨"}
STYLES = {c: f"tutor.{c}" for c in COLUMNS}
DIAGRAM = ("created ─start→ running ─pause→ paused (unpause하면 running)",
           "running ─stop→ exited (start하면 다시 running, rm하면 사라져요)")
NARROW = 64


def _entry(c) -> Text:
    # One detail per line: table cells are narrow (4 columns in 80 cells), and a line per item
    # wraps far less often than "nginx · 0.0.0.0:8080->80/tcp (튜터가 만듦: ...)" in one run.
    t = safe_text(c.name, STYLES[c.column], single_line=True)
    details = [c.image] + list(c.ports)
    if c.column == "exited":
        details.append(f"종료 코드 {c.exit_code}")
    for detail in details:
        t.append_text(Text("\n  "))
        t.append_text(safe_text(detail, "tutor.dim", single_line=True))
    if c.managed:
        t.append_text(Text("\n  튜터가 만듦", style="tutor.dim"))
        if c.step:
            t.append_text(Text("\n  ", style="tutor.dim"))
            t.append_text(safe_text(c.step, "tutor.dim", single_line=True))
    return t


def _cell(items) -> Group | Text:
    return Group(*(_entry(c) for c in items)) if items else Text("-", style="tutor.dim")


def render(result, console) -> None:
    console.print(Text("컨테이너 라이프사이클", style="tutor.title"))
    for line in DIAGRAM:
        console.print(Text(line, style="tutor.dim"), overflow="fold")
    if console.width < NARROW:
        for col in COLUMNS:
            items = result.column(col)
            console.print(Text(f"{col} ({TITLES[col]}): {len(items)}개", style=STYLES[col]))
            console.print(_cell(items))
    else:
        table = Table(expand=True, show_lines=False)
        for col in COLUMNS:
            table.add_column(Text(f"{col} {len(result.column(col))}\n{TITLES[col]}", style=STYLES[col]),
                             overflow="fold", ratio=1)
        table.add_row(*(_cell(result.column(col)) for col in COLUMNS))
        console.print(table)
    hidden = result.total_containers - len(result.containers)
    if hidden > 0:
        console.print(Text(f"오래된 컨테이너 {hidden}개는 생략했어요 (--limit으로 더 볼 수 있어요).", style="tutor.dim"))
    if not result.containers:
        console.print(Text("아직 컨테이너가 없어요. `docker container run`으로 하나 만들어 보세요.", style="tutor.hint"))

    console.print()
    console.print(Text("네트워크", style="tutor.title"))
    table = Table(expand=console.width >= NARROW)
    table.add_column("이름", overflow="fold")
    table.add_column("드라이버", no_wrap=True)
    table.add_column("연결된 컨테이너", overflow="fold")
    for n in result.networks:
        attached = safe_text(", ".join(n.containers), single_line=True) if n.containers else Text("-", style="tutor.dim")
        table.add_row(safe_text(n.name, single_line=True), safe_text(n.driver, single_line=True), attached)
    console.print(table)
