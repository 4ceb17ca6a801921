"""Engine differences the read-only view smooths over, so checks see one Docker.

- **Podman's Docker-compatible API** (4.3) refuses some container-list filters with a 500
  ("publish is an invalid filter", "unknown container state: dead"), and its `ancestor` filter
  matches only a fully qualified name (`ancestor=nginx` finds nothing). For Podman those filters
  are applied here, on the list summaries, instead: still one list request, so a check costs the
  same. Any other daemon that refuses a filter gets the same treatment after the first refusal
  (one retry, then remembered for that view).
- Podman's states `stopping`, `stopped`, `configured`, `initialized` are Docker's `running`,
  `exited`, `created`; its default network is `podman` in a container's inspect and `bridge` in
  the network list (Docker's name, which lessons use).
- An invalid reference answers 400 on Docker and 500 on Podman: either way no image has that name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from tutor.daemon import filters, snapshots

PODMAN_STATES = {"stopping": "running", "stopped": "exited", "configured": "created",
                 "initialized": "created", "unknown": "dead"}
# Filters whose server-side form Podman refuses or answers differently (see above).
PODMAN_CLIENT_SIDE = frozenset({"publish", "expose", "ancestor", "status"})
_REFUSED = re.compile(r"(\w[\w-]*) is an invalid filter|invalid filter '?(\w[\w-]*)|unknown container state")
_INVALID_REF = ("invalid reference format", "repository name must be lowercase", "normalizing name",
                "invalid reference", "not a valid repository/tag")


def is_podman(server: Mapping[str, Any] | None) -> bool:
    """GET /version names its engine component "Podman Engine" (Docker's is "Engine")."""
    for component in (server or {}).get("Components") or ():
        if str(component.get("Name", "")).lower().startswith("podman"):
            return True
    return False


def podman_version(server: Mapping[str, Any] | None) -> str:
    for component in (server or {}).get("Components") or ():
        if str(component.get("Name", "")).lower().startswith("podman"):
            return str(component.get("Version") or "")
    return ""


def docker_state(state: str) -> str:
    return PODMAN_STATES.get(state, state)


def podman_container(info):
    """A ContainerInfo in Docker's words: Docker's state names, `bridge` for Podman's default."""
    from dataclasses import replace

    networks = tuple(sorted("bridge" if n == "podman" else n for n in info.networks))
    return replace(info, state=docker_state(info.state), networks=networks)


def podman_summary(row):
    """A ContainerSummary (list entry) in Docker's words, like `podman_container`."""
    from dataclasses import replace

    networks = {("bridge" if n == "podman" else n): nid for n, nid in row.networks.items()}
    return replace(row, state=docker_state(row.state), networks=networks)


def refused_filter_keys(exc: BaseException, sent: Mapping[str, Sequence[str]]) -> set[str]:
    """The filter keys a daemon's error names as unsupported (empty: not a filter refusal)."""
    text = str(getattr(exc, "explanation", "") or exc)
    keys: set[str] = set()
    for match in _REFUSED.finditer(text):
        name = match.group(1) or match.group(2)
        keys.add(name if name else "status")
    return {k for k in keys if k in sent}


def invalid_reference(exc: BaseException) -> bool:
    status = getattr(getattr(exc, "response", None), "status_code", None)
    text = str(getattr(exc, "explanation", "") or exc).lower()
    return status in (400, 500) and any(marker in text for marker in _INVALID_REF)


def split_filters(filters: Mapping[str, list[str]] | None, local_keys: Iterable[str]):
    """(sent to the daemon, applied here) for one list call."""
    local_keys = set(local_keys)
    wire = {k: v for k, v in (filters or {}).items() if k not in local_keys}
    here = {k: v for k, v in (filters or {}).items() if k in local_keys}
    return (wire or None), here


# --- container summaries matched the way the daemon's filters would -------------------------

def _familiar(ref: str) -> str:
    ref = ref.strip().lower()
    for prefix in ("docker.io/library/", "docker.io/", "localhost/"):
        if ref.startswith(prefix):
            ref = ref[len(prefix):]
            break
    last = ref.rsplit("/", 1)[-1]
    return ref if ":" in last or "@" in last else f"{ref}:latest"


def _ancestor(summary: Mapping[str, Any], wanted: str) -> bool:
    want = wanted.strip().lower()
    image_id = str(summary.get("ImageID") or "").lower()
    bare = want[len("sha256:"):] if want.startswith("sha256:") else want
    if re.fullmatch(r"[0-9a-f]{12,64}", bare) and image_id.removeprefix("sha256:").startswith(bare):
        return True
    return _familiar(str(summary.get("Image") or "")) == _familiar(want)


def matches(summary: Mapping[str, Any], wanted: Mapping[str, list[str]]) -> bool:
    """The Engine's filter rules (tutor.daemon.filters) on one list entry, in Docker's state names;
    `ancestor` by the name or id the entry shows (Podman's own ancestor filter is the broken one)."""
    row = snapshots.container_summary(summary)
    row = replace(row, state=docker_state(row.state))
    return filters.container_matches(row, wanted, lambda _row, term: _ancestor(summary, term))


def emulable(keys: Iterable[str]) -> bool:
    return all(k in filters.CONTAINER_KEYS for k in keys)
