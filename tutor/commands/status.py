"""`docker-tutor status`: the learner's containers on the lifecycle diagram, and the networks.

Reads the live daemon through the read-only view (`tutor.daemon.view.open_view`) and returns
data; `tutor.views.status` draws it. Containers are grouped into the four lifecycle columns the
lessons teach (created → running ⇄ paused, running → exited).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

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
    exit_code: int = 0
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
    view: ClassVar[str] = "status"
    containers: tuple[StatusContainer, ...]
    networks: tuple[StatusNetwork, ...]
    total_containers: int  # on the daemon, even beyond the limit
    exit_code: int = 0

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
