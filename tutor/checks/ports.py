"""Published ports: `ports = { "80/tcp" = 8080 }` means container port 80/tcp on host port 8080.

The classic mistakes get their own code: `-p 80:8080` (reversed), another host port, nothing
published, and the host port already held by another container (which makes `docker run`
create the container but fail to start it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tutor.checks.base import CheckContext
from tutor.messages import problem
from tutor.model import Problem
from tutor.state import ContainerInfo, StateView


def port_key(port: Any) -> str:
    port = str(port).strip()
    return port if "/" in port else f"{port}/tcp"


def wanted_ports(value: Mapping[str, Any]) -> list[tuple[str, int]]:
    return [(port_key(cp), int(hp)) for cp, hp in dict(value).items()]


def _number(cport: str) -> str:
    return cport.split("/", 1)[0]


def _shown(c: ContainerInfo) -> str | None:
    pairs = [f"{b.host_port}:{_number(b.container_port)}" for b in c.ports if b.host_port]
    return ", ".join(pairs) or None


def check_ports(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    out: list[Problem] = []
    for cport, hport in wanted_ports(value):
        bound = [b for b in c.ports if b.container_port == cport and b.host_port is not None]
        if any(b.host_port == hport for b in bound):
            continue
        pair = f"{hport}:{_number(cport)}"
        reversed_ = [b for b in c.ports if _number(b.container_port) == str(hport) and b.host_port == int(_number(cport))]
        if reversed_:
            b = reversed_[0]
            out.append(problem("port.reversed", pair, f"{b.host_port}:{_number(b.container_port)}", name=c.name,
                               found_host=b.host_port, found_container=b.container_port))
        elif bound:
            out.append(problem("port.other_host_port", hport, ", ".join(str(b.host_port) for b in bound),
                               name=c.name, container_port=cport, container_port_number=_number(cport)))
        else:
            out.append(problem("port.not_published", pair, _shown(c), name=c.name, container_port=cport,
                               expected_pair=pair))
    return out


def port_holders(value: Any, view: StateView, exclude: str = "") -> dict[int, str]:
    """Host port → name of another running container publishing it (server-side `publish`)."""
    out: dict[int, str] = {}
    for _cport, hport in wanted_ports(value):
        names = [n for n in view.container_names({"publish": [str(hport)], "status": ["running"]}) if n != exclude]
        if names:
            out[hport] = names[0]
    return out


def taken_problems(value: Any, c: ContainerInfo | None, view: StateView) -> list[Problem]:
    """`port.taken` for each asked host port that another container holds while `c` does not
    have it live (c missing, stopped, or bound elsewhere)."""
    out = []
    for hport, holder in port_holders(value, view, exclude=c.name if c else "").items():
        live = c is not None and c.state == "running" and any(b.host_port == hport for b in c.ports)
        if not live:
            out.append(problem("port.taken", hport, holder))
    return out
