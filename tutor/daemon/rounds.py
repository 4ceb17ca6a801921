"""`RoundView`: one snapshot of the daemon shared by every check of one round.

A round is one command (`check --lesson 4.2`, `grade`) or one event of `watch`. Without it each
check lists the containers again, so a lesson's check sent 9 unfiltered `GET /containers/json`
and took 2.16× as long with 200 unrelated containers as with none. Here the container list is
fetched once (unfiltered, every state) and the filters the checks use are applied in Python with
the Engine's own rules; inspects, image and network answers are memoised for the round.

Filters kept with the Engine's semantics (daemon/list.go of Engine 20.10):
- `name`: a regular expression searched in "/<name>"; `id`: one searched in the id;
- `status`: any of the values; `label`: every value ("key" or "key=value");
- `network`: a network name or id the container is attached to;
- `publish`: "<port>[/<proto>]", a live host binding (the Engine reads the same list field);
- `ancestor`: the image a reference resolves to, or any image built on it (parent chain).
Any other key goes to the daemon (memoised per filter), so nothing is ever guessed.
A round never outlives its command or event: a new round sees the daemon anew.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tutor.state import (
    ContainerInfo,
    ContainerSummary,
    Credentials,
    ImageInfo,
    NetworkInfo,
)

_LOCAL_KEYS = frozenset({"name", "id", "status", "label", "network", "publish", "ancestor"})
_MISSING = object()
_PARALLEL = 8  # below the SDK client's pool of 10 connections


def _key(filters: Mapping[str, Sequence[str]] | None) -> tuple:
    return tuple(sorted((k, tuple(str(v) for v in vs)) for k, vs in (filters or {}).items() if vs))


class RoundView:
    """A caching `StateView` over a `DaemonView` for one round (see the module docstring)."""

    def __init__(self, base: Any):
        self.base = base
        self._listing: list[ContainerSummary] | None = None
        self._parents: dict[str, str] | None = None
        self._memo: dict[tuple, Any] = {}

    # request figures of the underlying client, for tests and the bench
    @property
    def request_count(self) -> int:
        return self.base.request_count

    @property
    def requests(self) -> list[tuple[str, str]]:
        return self.base.requests

    def _once(self, key: tuple, fetch):
        value = self._memo.get(key, _MISSING)
        if value is _MISSING:
            value = self._memo[key] = fetch()
        return value

    # --- the one container listing ----------------------------------------------------------
    def listing(self) -> list[ContainerSummary]:
        if self._listing is None:
            self._listing = self.base.container_list()
        return self._listing

    def _matching(self, filters: Mapping[str, Sequence[str]] | None) -> list[ContainerSummary]:
        wanted = {k: [str(v) for v in vs] for k, vs in (filters or {}).items() if vs}
        if set(wanted) - _LOCAL_KEYS:
            return self._once(("list", _key(wanted)), lambda: self.base.container_list(wanted))
        ancestors = self._ancestor_ids(wanted["ancestor"]) if "ancestor" in wanted else None
        return [c for c in self.listing() if _matches(c, wanted, ancestors)]

    def _ancestor_ids(self, refs: Sequence[str]) -> set[str]:
        roots = {img.id for img in (self.image(ref) for ref in refs) if img is not None}
        if not roots:
            return set()
        if self._parents is None:
            self._parents = self.base.image_parents()
        found = set(roots)
        grew = True
        while grew:  # children of children: a chain is short, the loop ends after its length
            grew = False
            for image_id, parent in self._parents.items():
                if parent in found and image_id not in found:
                    found.add(image_id)
                    grew = True
        return found

    # --- StateView --------------------------------------------------------------------------
    def containers(self, filters: Mapping[str, Sequence[str]] | None = None, limit: int = 20) -> list[ContainerInfo]:
        chosen = self._matching(filters)[: max(limit, 0)]
        self._prefetch([s.id for s in chosen])
        out = []
        for summary in chosen:
            info = self.container(summary.id)
            if info is not None:
                out.append(info)
        return out

    def _prefetch(self, ids: list[str]) -> None:
        """Inspect the not-yet-seen candidates side by side: each inspect waits on the daemon,
        not on us, so ten of them cost about one (the client's pool holds ten connections)."""
        missing = [i for i in ids if ("container", i) not in self._memo]
        if len(missing) < 2:
            return
        with ThreadPoolExecutor(max_workers=min(_PARALLEL, len(missing))) as pool:
            for cid, info in zip(missing, pool.map(self.base.container, missing)):
                self._memo[("container", cid)] = info

    def container_names(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[str]:
        return [c.name for c in self._matching(filters)]

    def container(self, name_or_id: str) -> ContainerInfo | None:
        info = self._once(("container", name_or_id), lambda: self.base.container(name_or_id))
        if info is not None:  # the same object under its id, its name and the key asked
            self._memo.setdefault(("container", info.id), info)
            self._memo.setdefault(("container", info.name), info)
        return info

    def image(self, ref: str) -> ImageInfo | None:
        return self._once(("image", ref), lambda: self.base.image(ref))

    def images(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[ImageInfo]:
        return self._once(("images", _key(filters)), lambda: self.base.images(filters))

    def network(self, name_or_id: str) -> NetworkInfo | None:
        return self._once(("network", name_or_id), lambda: self.base.network(name_or_id))

    def networks(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[NetworkInfo]:
        return self._once(("networks", _key(filters)), lambda: self.base.networks(filters))

    def server(self):
        return self._once(("server",), self.base.server)

    def system_info(self):
        return self._once(("info",), self.base.system_info)

    def disk_usage(self):
        return self._once(("df",), self.base.disk_usage)

    def credentials(self, server: str) -> Credentials:
        return self.base.credentials(server)  # a file read: cheap, and a login may just have happened

    def registry_tags(self, registry: str, repository: str) -> list[str] | None:
        return self._once(("tags", registry, repository), lambda: self.base.registry_tags(registry, repository))

    def stats(self, name_or_id: str):
        return self.base.stats(name_or_id)  # a live figure: never cached

    def top(self, name_or_id: str):
        return self.base.top(name_or_id)


def _search(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return False


def _label_ok(labels: Mapping[str, str], wanted: str) -> bool:
    key, eq, value = wanted.partition("=")
    return key in labels and (not eq or labels[key] == value)


def _published(c: ContainerSummary, wanted: str) -> bool:
    port, _, proto = wanted.partition("/")
    return port.isdigit() and (int(port), proto or "tcp") in c.published


def _matches(c: ContainerSummary, f: Mapping[str, list[str]], ancestors: set[str] | None) -> bool:
    if "name" in f and not any(_search(p, "/" + c.name) for p in f["name"]):
        return False
    if "id" in f and not any(_search(p, c.id) for p in f["id"]):
        return False
    if "status" in f and c.state not in f["status"]:
        return False
    if "label" in f and not all(_label_ok(c.labels, w) for w in f["label"]):
        return False
    if "network" in f and not any(w in c.networks or w in c.networks.values() for w in f["network"]):
        return False
    if "publish" in f and not any(_published(c, w) for w in f["publish"]):
        return False
    return ancestors is None or c.image_id in ancestors


def one_round(view: Any) -> Any:
    """The view for one round: a `RoundView` over a daemon view, any other view (a fake, the
    no-daemon view) as it is."""
    if isinstance(view, RoundView) or not hasattr(view, "container_list"):
        return view
    return RoundView(view)
