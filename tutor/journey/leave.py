"""Leaving a lesson: what it left behind (running containers, ports held, networks), and
removing exactly the items the learner confirmed, by name.

"Left by this lesson" means: made by the tutor for one of its steps (its label), named by the
lesson's own commands (`webserver`, `web-network`), or recorded as the container a passed step
of this lesson was about (the evidence keeps its id: the unnamed `--restart=always` centos, the
nginx on 8080). Nothing else is ever listed, so nothing else can be removed from here.
Used by `docker-tutor leave LESSON` and by the guided UI at a lesson's end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tutor.journey.names import lesson_names
from tutor.journey.rawapi import tutors
from tutor.labels import LESSON


@dataclass(frozen=True)
class Leftover:
    kind: str  # container | network
    name: str
    id: str
    state: str  # container state, or "" for a network
    ports: tuple[str, ...] = ()  # "8080->80/tcp"
    why: str = ""  # Korean: how the tutor knows it is this lesson's
    command: str = ""  # the docker command that removes it (what `remove` does)

    @property
    def message(self) -> str:
        what = "컨테이너" if self.kind == "container" else "네트워크"
        parts = [f"'{self.name}' {what}"]
        if self.state:
            parts.append(f"상태: {self.state}")
        if self.ports:
            parts.append(f"호스트 포트 {', '.join(self.ports)} 사용 중")
        return " · ".join(parts) + f" ({self.why})"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "id": self.id, "state": self.state, "ports": list(self.ports),
                "why": self.why, "command": self.command, "message": self.message}


def _ports(attrs: Mapping[str, Any]) -> tuple[str, ...]:
    out = []
    for cport, binds in ((attrs.get("HostConfig") or {}).get("PortBindings") or {}).items():
        for b in binds or []:
            if b.get("HostPort"):
                out.append(f"{b['HostPort']}->{cport}")
    return tuple(out)


def _recorded_ids(lesson, saved) -> dict[str, str]:
    """Container id -> step id, from the evidence of this lesson's passed steps."""
    out = {}
    for step in lesson.steps:
        ev = saved.step(step.id).evidence or {}
        c = (ev.get("facts") or {}).get("container") or {}
        if c.get("id"):
            out[c["id"]] = step.id
    return out


def leftovers(lesson, api, mapping: Mapping[str, str], saved=None) -> list[Leftover]:
    """What this lesson left running on the daemon (containers, with the ports they hold), then
    its networks."""
    from tutor import progress

    saved = saved or progress.load()
    names = lesson_names(lesson.steps, mapping)
    recorded = _recorded_ids(lesson, saved)
    found: dict[str, Leftover] = {}
    # Only what still runs (and so holds ports and names for later steps): a stopped container
    # costs nothing, and a later lesson may use it (3's `hello` is 4.1's `commit` source).
    for c in api.containers(all=False):
        name = (c.get("Names") or ["/?"])[0].lstrip("/")
        labels = c.get("Labels") or {}
        why = ""
        if tutors("container", c["Id"]) and labels.get(LESSON) == lesson.id:
            why = "튜터가 이 레슨의 단계를 위해 만든 것"
        elif name in names.containers:
            why = "이 레슨에서 만들라고 한 이름"
        elif c["Id"] in recorded:
            why = f"{recorded[c['Id']]} 단계에서 만든 것"
        if why:
            attrs = api.inspect_container(c["Id"])
            found[c["Id"]] = Leftover("container", name, c["Id"], (attrs.get("State") or {}).get("Status", ""),
                                      _ports(attrs), why, f"docker container rm -f {name}")
    out = sorted(found.values(), key=lambda x: (x.state != "running", x.name))
    for n in api.networks():
        labels = n.get("Labels") or {}
        ours = tutors("network", n["Id"]) and labels.get(LESSON) == lesson.id
        if ours or n.get("Name") in names.networks:
            why = "튜터가 만든 것" if ours else "이 레슨에서 만들라고 한 이름"
            out.append(Leftover("network", n["Name"], n["Id"], "", (), why, f"docker network rm {n['Name']}"))
    return out


def remove(items: Iterable[Leftover], confirmed: Iterable[str], api) -> list[str]:
    """Remove the listed items whose NAME the learner confirmed; Korean line per removal."""
    chosen = set(confirmed)
    done = []
    items = list(items)
    for item in [i for i in items if i.kind == "container" and i.name in chosen]:
        api.remove_container(item.id, force=True, v=True)
        done.append(f"'{item.name}' 컨테이너를 지웠어요 (`{item.command}`).")
    for item in [i for i in items if i.kind == "network" and i.name in chosen]:
        # Stopped containers keep their endpoint config but are not in inspect's Containers.
        attached = [c["Names"][0].lstrip("/") for c in api.containers(all=True, filters={"network": item.name})]
        if attached:  # never disconnect a container the learner did not name
            done.append(f"'{item.name}' 네트워크는 아직 {', '.join(attached)} 컨테이너가 연결돼 있어서 그대로 뒀어요. "
                        f"`docker network disconnect {item.name} {attached[0]}` 뒤에 다시 해 봐요.")
            continue
        api.remove_network(item.id)
        done.append(f"'{item.name}' 네트워크를 지웠어요 (`{item.command}`).")
    return done
