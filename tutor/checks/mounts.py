"""Mounts: `mounts = [{ type = "bind", target = "/usr/share/nginx/html", source = "..." }]`.

Diagnoses the seed's typo target (`/user/share/...`), a named volume where a host folder was
meant (`-v html:/...` without `./`), another source folder, and a bind source that did not exist
so Docker created it empty (only judged when the daemon shares our file system).
"""

from __future__ import annotations

import difflib
import os
import posixpath
from collections.abc import Mapping
from typing import Any

from tutor.checks.base import CheckContext
from tutor.messages import problem
from tutor.model import Problem
from tutor.state import ContainerInfo, Mount, StateView


def _norm(path: str) -> str:
    return posixpath.normpath(path) if path else path


def _shown(c: ContainerInfo) -> str | None:
    return ", ".join(f"{m.type}:{m.source or m.name}->{m.target}" for m in c.mounts) or None


def check_mounts(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    out: list[Problem] = []
    for spec in value:
        kind = str(spec.get("type", "bind"))
        target = _norm(str(spec["target"]))
        source = spec.get("source")
        match = next((m for m in c.mounts if _norm(m.target) == target), None)
        if match is None:
            out.append(_missing(kind, target, source, c))
            continue
        out.extend(_compare(kind, target, source, match, c, view, bool(spec.get("any_source"))))
    return out


def _missing(kind: str, target: str, source: Any, c: ContainerInfo) -> Problem:
    targets = [_norm(m.target) for m in c.mounts]
    close = difflib.get_close_matches(target, targets, n=1, cutoff=0.8)
    if close:
        return problem("mount.typo_target", target, close[0], name=c.name, target=target)
    return problem("mount.missing", f"{source}:{target}" if source else target, _shown(c), name=c.name,
                   target=target)


def _compare(kind: str, target: str, source: Any, m: Mount, c: ContainerInfo, view: StateView,
             any_source: bool = False) -> list[Problem]:
    if m.type != kind:
        if kind == "bind" and m.type == "volume":
            return [problem("mount.volume_not_bind", source or "/절대/경로", m.name or m.source, name=c.name,
                            target=target)]
        return [problem("mount.other_type", kind, m.type, name=c.name, target=target)]
    if kind != "bind":
        if source and str(source) not in (m.name, m.source):
            return [problem("mount.other_source", source, m.name or m.source, name=c.name, target=target)]
        return []
    if source and _norm(os.path.realpath(str(source))) != _norm(os.path.realpath(m.source)) \
            and _norm(str(source)) != _norm(m.source):
        if getattr(view, "local", False) and created_empty_by_docker(m.source, c):
            return [problem("mount.source_created_empty", source, m.source, name=c.name, target=target)]
        if any_source:
            return []  # the learner's own existing folder is what the step asks for
        return [problem("mount.other_source", source, m.source, name=c.name, target=target)]
    if getattr(view, "local", False) and created_empty_by_docker(m.source, c):
        return [problem("mount.source_created_empty", source or "파일이 있는 호스트 폴더", m.source,
                        name=c.name, target=target)]
    return []


def created_empty_by_docker(path: str, c: ContainerInfo) -> bool:
    """Docker silently creates a missing bind source as an empty directory when the container
    STARTS (after its `Created` time). Seen from here: the folder is empty and changed after the
    container was created, within seconds. An empty folder the learner made before the
    container (`mkdir` then `run`) changed before `Created`: it existed, it is not this case."""
    try:
        st = os.stat(path)
        empty = os.path.isdir(path) and not os.listdir(path)
    except OSError:
        return False
    if not empty or c.created is None:
        return False
    created = c.created.timestamp()
    return created - 0.01 <= st.st_ctime <= created + 5.0 + _start_delay(c)  # 10 ms: timestamp rounding


def _start_delay(c: ContainerInfo) -> float:
    if c.started_at is None or c.created is None:
        return 0.0
    return max(0.0, c.started_at.timestamp() - c.created.timestamp())
