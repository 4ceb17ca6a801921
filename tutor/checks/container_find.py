"""Finding the container a `container` check is about: by name, or by its properties.

The seed's `docker container run -d -p 8080:80 nginx` names nothing, so without `name` the
candidates come from server-side filters (`ancestor=<image>`, `publish=<host port>`, and the
container port as a host port to catch `-p 80:8080`). The candidate that satisfies everything
wins; otherwise the closest one is explained. Each filter is one list call plus a bounded
number of inspects, so the cost does not grow with unrelated containers.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tutor.model import Problem
from tutor.state import ContainerInfo, StateView

CANDIDATES = 10  # inspects per filter: the newest ones are the learner's latest attempts

# Codes that say "this candidate has nothing of what was asked" weigh more than a specific
# near miss (reversed port, other value), so the closest attempt is the one explained.
_GENERIC = ("missing", "not_published", "default_only", "not_attached")


@dataclass(frozen=True)
class Verdict:
    container: ContainerInfo | None
    problems: tuple[Problem, ...]


Compare = Callable[[ContainerInfo], list[Problem]]


def distance(problems: list[Problem]) -> int:
    return sum(2 if p.code.endswith(_GENERIC) else 1 for p in problems)


def candidates(params: Mapping[str, Any], view: StateView,
               narrow: Mapping[str, list[str]] | None = None) -> list[ContainerInfo]:
    """Containers that could be the one asked for, newest first, without duplicates.
    `narrow`: extra list filters (e.g. the asked state) when only a full match is of use."""
    from tutor.checks.ports import wanted_ports

    queries: list[dict[str, list[str]]] = []
    if params.get("image"):
        # `ancestor` resolves the image, so containers run by id or by another tag count too.
        queries.append({"ancestor": [str(params["image"])]})
    else:
        for cport, hport in wanted_ports(params.get("ports") or {}):
            queries.append({"publish": [str(hport)]})
            queries.append({"publish": [cport.split("/")[0]]})  # `-p 80:8080`: 80 held on the host
    if not queries:
        # Nothing to narrow by: the newest containers are the learner's latest attempts.
        queries.append({})
    seen: dict[str, ContainerInfo] = {}
    for q in queries:
        for c in view.containers({**q, **(narrow or {})}, limit=CANDIDATES):
            seen.setdefault(c.id, c)
    return sorted(seen.values(), key=lambda c: c.created.timestamp() if c.created else 0.0, reverse=True)


# A candidate found by image alone is the learner's attempt at THIS step only if it shows one
# of the step's properties, or was made after the step began. Otherwise a container of an
# earlier step (the unnamed `--restart=always` centos) would be explained as this step's.
_SET: dict[str, Callable[[ContainerInfo], bool]] = {
    "ports": lambda c: bool(c.ports),
    "restart": lambda c: c.restart_policy not in ("", "no"),
    "dns": lambda c: bool(c.dns),
    "extra_hosts": lambda c: bool(c.extra_hosts),
    "cpu_shares": lambda c: c.cpu_shares not in (0, 1024),
    "memory": lambda c: c.memory != 0,
    "mounts": lambda c: any(m.type == "bind" or m.name for m in c.mounts),
    "workdir": lambda c: c.working_dir not in ("", "/"),
    "networks": lambda c: any(n not in ("bridge", "default") for n in c.networks),
    "env": lambda c: True,  # image env and learner env look alike: judged by time only
    "env_file": lambda c: True,
}


def published_match(params: Mapping[str, Any], view: StateView, passes: Callable[[ContainerInfo], bool]) -> bool:
    """The cheap first look for a name-less step with ports (`run -d -p 8080:80 nginx`): only the
    containers that publish the asked host port, one list call that the Engine narrows by port
    before any image scan. True when one of them already passes (nothing more to read)."""
    from tutor.checks.ports import wanted_ports

    ports = wanted_ports(params.get("ports") or {})
    if not ports:
        return False
    query: dict[str, list[str]] = {"publish": [str(ports[0][1])]}
    if params.get("image"):
        query["ancestor"] = [str(params["image"])]
    return any(passes(c) for c in view.containers(query, limit=CANDIDATES))


def plausible(params: Mapping[str, Any], c: ContainerInfo, since: datetime | None) -> bool:
    if since is None or (c.created is not None and c.created > since):
        return True
    keys = [k for k in params if k in _SET]
    if not keys:  # nothing of this step's own to show: an older container is an earlier step's
        return False
    return any(_SET[k](c) for k in keys if k not in ("env", "env_file"))


def attempts(params: Mapping[str, Any], view: StateView, since: datetime | None,
             narrow: Mapping[str, list[str]] | None = None) -> list[ContainerInfo]:
    """`candidates` minus the containers that cannot be this step's attempt."""
    return [c for c in candidates(params, view, narrow) if plausible(params, c, since)]


def closest(found: list[ContainerInfo], compare: Compare) -> Verdict | None:
    """The first candidate with no problems, else the one with the smallest distance (newest on
    ties, since `found` is newest first)."""
    best: Verdict | None = None
    best_score = 0
    for c in found:
        problems = compare(c)
        if not problems:
            return Verdict(c, ())
        score = distance(problems)
        if best is None or score < best_score:
            best, best_score = Verdict(c, tuple(problems)), score
    return best


def similar_name(name: str, view: StateView) -> str | None:
    names = view.container_names()
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    if close:
        return close[0]
    lowered = [n for n in names if n.lower() == name.lower()]
    return lowered[0] if lowered else None

