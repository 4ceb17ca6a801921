"""`RoundView`: one snapshot of the daemon shared by every check of one round.

A round is one command (`check --lesson 4.2`, `grade`) or one event of `watch`. Without it each
check lists the containers again, so a lesson's check sent 9 unfiltered `GET /containers/json`
and took 2.16× as long with 200 unrelated containers as with none. Here the container list is
fetched once (unfiltered, every state) and the filters the checks use are applied in Python with
the Engine's own rules; inspects, image and network answers are memoised for the round.

The filters are the Engine's own rules in `tutor.daemon.filters` (shared with the live model and
the Podman path); a key it does not model goes to the daemon (memoised per filter), so nothing
is ever guessed.
A round never outlives its command or event: a new round sees the daemon anew.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tutor.daemon import filters as filters_
from tutor.state import (
    ContainerInfo,
    ContainerSummary,
    Credentials,
    ImageInfo,
    NetworkInfo,
)

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
        if not filters_.supported(wanted, filters_.CONTAINER_KEYS):
            return self._once(("list", _key(wanted)), lambda: self.base.container_list(wanted))
        ancestors = self._ancestor_ids(wanted["ancestor"]) if "ancestor" in wanted else set()
        return [c for c in self.listing()
                if filters_.container_matches(c, wanted, lambda row, _term: row.image_id in ancestors)]

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

    def was_attached(self, name_or_id: str) -> bool | None:
        return self.base.was_attached(name_or_id)  # the event log: never cached


def one_round(view: Any) -> Any:
    """The view for one round: a `RoundView` over a daemon view, any other view (a fake, the
    no-daemon view) as it is."""
    if isinstance(view, RoundView) or not hasattr(view, "container_list"):
        return view
    return RoundView(view)
