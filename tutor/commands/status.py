"""`docker-tutor status`: the learner's containers on the lifecycle diagram, and the networks.

Reads the live daemon through the read-only view (`tutor.daemon.view.open_view`) and returns
a StatusResult that draws itself (`render`). Containers are grouped into the four lifecycle columns the
lessons teach (created → running ⇄ paused, running → exited).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from tutor.exitcodes import ExitCode
from tutor.ui.safe_text import safe_text

# Lifecycle column for each Engine state ("restarting" is running-ish, "dead"/"removing" exited).
COLUMNS: tuple[str, ...] = ("created", "running", "paused", "exited")
STATE_COLUMN = {"created": "created", "running": "running", "restarting": "running", "paused": "paused",
                "exited": "exited", "dead": "exited", "removing": "exited"}
# Inspecting every container is one request each; a learner's daemon rarely has more.
DEFAULT_LIMIT = 60


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                        help=f"보여 줄 컨테이너 수 (기본 {DEFAULT_LIMIT}, 최근 것부터)")


@dataclass(frozen=True)
class StatusContainer:
    name: str
    state: str
    column: str
    image: str
    ports: tuple[str, ...] = ()  # "8080->80/tcp"
    networks: tuple[str, ...] = ()
    exit_code: int = 0  # the container's own exit code
    managed: bool = False  # made by the tutor (prepare)
    step: str = ""  # the step that made it (org.docker-tutor.step label), for managed ones

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "state": self.state, "column": self.column, "image": self.image,
                "ports": list(self.ports), "networks": list(self.networks), "exit_code": self.exit_code,
                "managed": self.managed, "step": self.step}


@dataclass(frozen=True)
class StatusNetwork:
    name: str
    driver: str
    containers: tuple[str, ...] = ()
    subnets: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "driver": self.driver, "containers": list(self.containers),
                "subnets": list(self.subnets)}


@dataclass(frozen=True)
class StatusResult:
    containers: tuple[StatusContainer, ...]
    networks: tuple[StatusNetwork, ...]
    total_containers: int  # on the daemon, even beyond the limit
    exit_code: int = ExitCode.OK

    def render(self, console) -> None:
        render_text(self, console)

    def column(self, name: str) -> list[StatusContainer]:
        return [c for c in self.containers if c.column == name]

    def to_dict(self) -> dict[str, Any]:
        return {
            "columns": {col: [c.to_dict() for c in self.column(col)] for col in COLUMNS},
            "networks": [n.to_dict() for n in self.networks],
            "total_containers": self.total_containers,
            "shown_containers": len(self.containers),
        }


def from_snapshots(containers, networks, total: int | None = None) -> StatusResult:
    """Build the result from `tutor.state` snapshots (unit tests pass hand-made ones)."""
    rows = []
    for c in containers:
        ports = tuple(f"{p.host_port}->{p.container_port}" for p in c.ports if p.host_port)
        rows.append(StatusContainer(
            name=c.name, state=c.state, column=STATE_COLUMN.get(c.state, "exited"), image=c.image,
            ports=ports, networks=tuple(c.networks), exit_code=c.exit_code,
            managed=(c.labels or {}).get("org.docker-tutor.managed") == "true",
            step=(c.labels or {}).get("org.docker-tutor.step", ""),
        ))
    # The network list endpoint leaves "Containers" empty; the containers we already read say
    # which networks they are on, so attachments need no extra request per network.
    attached: dict[str, set[str]] = {}
    for c in containers:
        for net in c.networks:
            attached.setdefault(net, set()).add(c.name)
    nets = tuple(StatusNetwork(n.name, n.driver, tuple(sorted(set(n.containers) | attached.get(n.name, set()))),
                               tuple(n.subnets))
                 for n in sorted(networks, key=lambda n: (n.name not in ("bridge", "host", "none"), n.name)))
    return StatusResult(tuple(rows), nets, total if total is not None else len(rows))


def run(args) -> StatusResult:
    from tutor.daemon.view import open_view

    view = open_view()
    limit = max(1, int(getattr(args, "limit", DEFAULT_LIMIT) or DEFAULT_LIMIT))
    total = len(view.container_names())
    return from_snapshots(view.containers(limit=limit), view.networks(), total)


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


def render_text(result, console) -> None:
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
