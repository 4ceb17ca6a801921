"""`LiveModel`: a `StateView` kept in memory from the daemon's event stream.

A live screen (guided UI, `watch`) is already subscribed to `/events`, so it does not need to ask
the daemon again for what did not change. The model lists containers, images and networks once,
then each event only marks the object it names as stale; the next read re-inspects just that
object. A verdict therefore costs zero requests when nothing changed and one per changed object,
whatever the number of unrelated containers.

Rules that keep it equal to a fresh read (tests/daemon/test_live_model_real.py checks both agree
after every command of a lesson walk):
- every (re)connection of the event stream (`tap`) drops everything: events missed while the
  stream was down are never guessed, the next read lists afresh;
- filters are evaluated as the daemon does (`tutor.daemon.filters`); a filter key we do not model
  goes to the daemon (`fresh`);
- the lock is held across a refresh's request, so an event that lands meanwhile marks the object
  stale again after the refresh, never before it (no lost update).
What has no events (registry logins, stats, top, system df) is always read fresh.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from tutor.daemon import filters as flt
from tutor.daemon import live_rows, snapshots
from tutor.daemon.live_rows import RowIndex
from tutor.daemon.view import DaemonView
from tutor.state import (
    ContainerInfo,
    ContainerStats,
    ContainerSummary,
    Credentials,
    DiskUsage,
    ImageInfo,
    NetworkInfo,
    Process,
    ServerInfo,
    SystemInfo,
)

# Container actions that change nothing a check reads (exec, attach, copy, export, top, resize…).
_HEX = re.compile(r"[0-9a-f]+")
_NO_CHANGE = re.compile(r"^(exec_|attach|detach|resize|top|copy|archive-path|extract-to-dir|export|commit)")


class LiveModel:
    """The learner's daemon in memory, fed by events; reads fall back to `fresh` where needed."""

    def __init__(self, fresh: DaemonView):
        self.fresh = fresh
        self._lock = threading.RLock()
        self._server: ServerInfo | None = None
        self.events_seen = 0
        self.resyncs = 0
        self._taps = 0  # event streams open now: without one, memory would go stale unnoticed
        self._reset()

    # --- feeding ------------------------------------------------------------------------------
    def _reset(self) -> None:
        self._rows: RowIndex | None = None  # None: list afresh on next read
        self._inspected: dict[str, ContainerInfo] = {}
        self._dirty: set[str] = set()  # container ids to re-inspect
        self._images: list[Mapping[str, Any]] | None = None
        self._image_infos: list[ImageInfo] = []  # the same listing, mapped once
        self._image_cache: dict[str, ImageInfo | None] = {}
        self._networks: list[Mapping[str, Any]] | None = None
        self._network_cache: dict[str, NetworkInfo | None] = {}

    def resync(self) -> None:
        with self._lock:
            self._reset()
            self.resyncs += 1

    def tap(self, stream: Any) -> _Tapped:
        """Wrap a freshly opened event stream: forget everything, then note each event it yields."""
        with self._lock:
            self._taps += 1
            self.resync()
        return _Tapped(self, stream)

    def _untap(self) -> None:
        with self._lock:
            self._taps = max(0, self._taps - 1)
            self._reset()

    @property
    def live(self) -> bool:
        return self._taps > 0


    def note(self, event: Mapping[str, Any]) -> None:
        kind, action, oid = event.get("type"), str(event.get("action") or ""), event.get("id") or ""
        with self._lock:
            self.events_seen += 1
            if kind == "container":
                if _NO_CHANGE.match(action):
                    return
                if action == "destroy":
                    self._forget(oid)
                else:
                    self._dirty.add(oid)
                    self._inspected.pop(oid, None)
                self._network_cache.clear()  # endpoints come and go with the container
            elif kind == "image":
                self._images = None
                self._image_cache.clear()
            elif kind == "network":
                self._networks = None
                self._network_cache.clear()
                member = (event.get("attributes") or {}).get("container")
                if member:
                    self._dirty.add(member)
                    self._inspected.pop(member, None)

    def _forget(self, oid: str) -> None:
        self._dirty.discard(oid)
        self._inspected.pop(oid, None)
        if self._rows is not None:
            self._rows.drop(oid)

    # --- keeping rows current (callers hold the lock) -------------------------------------------
    def _current_rows(self) -> RowIndex:
        if not self._taps:  # no stream feeds us: every read lists and inspects afresh
            self._rows = None
            self._inspected.clear()
        if self._rows is None:
            summaries = self.fresh._call(self.fresh.api.containers, all=True)
            self._rows = RowIndex()
            for summary in summaries:
                self._rows.put(snapshots.container_summary(summary))
            self._dirty.clear()
        for oid in sorted(self._dirty):
            self._inspect(oid)
        self._dirty.clear()
        return self._rows

    def _inspect(self, oid: str) -> ContainerInfo | None:
        attrs = self.fresh._call(self.fresh.api.inspect_container, oid, not_found=None)
        assert self._rows is not None
        if not attrs:
            self._forget(oid)
            return None
        row = snapshots.summary_of_inspect(attrs)
        self._rows.put(row)
        info = snapshots.container_info(attrs)
        self._inspected[row.id] = info
        return info

    def _info(self, row: ContainerSummary) -> ContainerInfo | None:
        return self._inspected.get(row.id) or self._inspect(row.id)

    def _ancestor_ids(self, ref: str) -> set[str]:
        return live_rows.ancestor_ids(self._current_images(), ref)

    def _current_images(self) -> list[Mapping[str, Any]]:
        if self._images is None or not self._taps:
            self._images = list(self.fresh._call(self.fresh.api.images))
            self._image_infos = [snapshots.image_info(s) for s in self._images]
        return self._images

    def _current_networks(self) -> list[Mapping[str, Any]]:
        if self._networks is None or not self._taps:
            self._networks = list(self.fresh._call(self.fresh.api.networks))
        return self._networks

    # --- StateView: containers -----------------------------------------------------------------
    def _matching(self, filters: flt.Filters | None) -> list[ContainerSummary]:
        known: dict[str, set[str]] = {}

        def ids(term: str) -> set[str]:  # each term resolved once per read, not once per row
            if term not in known:
                known[term] = self._ancestor_ids(term)
            return known[term]

        pool = self._current_rows().pool(filters, ids)
        hits = [r for r in pool if flt.container_matches(r, filters, lambda row, t: row.image_id in ids(t))]
        return sorted(hits, key=lambda r: r.created, reverse=True)

    def containers(self, filters: Mapping[str, Sequence[str]] | None = None, limit: int = 20) -> list[ContainerInfo]:
        if not flt.supported(filters, flt.CONTAINER_KEYS):
            return self.fresh.containers(filters, limit)
        with self._lock:
            out = [self._info(r) for r in self._matching(filters)[: max(limit, 0)]]
            return [c for c in out if c is not None]

    def container_names(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[str]:
        if not flt.supported(filters, flt.CONTAINER_KEYS):
            return self.fresh.container_names(filters)
        with self._lock:
            return [r.name for r in self._matching(filters)]

    def container(self, name_or_id: str) -> ContainerInfo | None:
        key = name_or_id.lstrip("/")
        with self._lock:
            rows = self._current_rows()
            row = rows.rows.get(key) or rows.named(key)
            if row is None and _HEX.fullmatch(key):  # an id prefix, as `docker inspect` takes it
                prefixed = [r for r in rows.rows.values() if r.id.startswith(key)]
                row = prefixed[0] if len(prefixed) == 1 else None
            return self._info(row) if row is not None else None

    # --- StateView: images and networks ------------------------------------------------------
    def images(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[ImageInfo]:
        if not flt.supported(filters, flt.IMAGE_KEYS):
            return self.fresh.images(filters)
        with self._lock:
            out = []
            patterns = [str(p) for p in (filters or {}).get("reference") or ()]
            self._current_images()
            for info in self._image_infos:
                if not flt.image_matches(info.tags, info.labels, info.dangling, filters):
                    continue
                if patterns:  # like the Engine: a reference filter also narrows the tags shown
                    info = replace(info, tags=tuple(t for t in info.tags if flt.reference_matches(patterns, t)))
                out.append(info)
            return out

    def image(self, ref: str) -> ImageInfo | None:
        with self._lock:
            if ref not in self._image_cache or not self._taps:
                self._image_cache[ref] = self.fresh.image(ref)
            return self._image_cache[ref]

    def networks(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[NetworkInfo]:
        if not flt.supported(filters, flt.NETWORK_KEYS):
            return self.fresh.networks(filters)
        with self._lock:
            return [snapshots.network_info(n) for n in self._current_networks()
                    if flt.network_matches(n.get("Name", ""), n.get("Id", ""), n.get("Driver", ""),
                                           n.get("Labels") or {}, filters)]

    def network(self, name_or_id: str) -> NetworkInfo | None:
        with self._lock:
            if name_or_id not in self._network_cache or not self._taps:
                self._network_cache[name_or_id] = self.fresh.network(name_or_id)
            return self._network_cache[name_or_id]

    # --- StateView: what has no events is read fresh -------------------------------------------
    def server(self) -> ServerInfo:
        if self._server is None:
            self._server = self.fresh.server()
        return self._server

    def system_info(self) -> SystemInfo:
        return self.fresh.system_info()

    def disk_usage(self) -> DiskUsage:
        return self.fresh.disk_usage()

    def credentials(self, server: str) -> Credentials:
        return self.fresh.credentials(server)

    def registry_tags(self, registry: str, repository: str) -> list[str] | None:
        return self.fresh.registry_tags(registry, repository)

    def stats(self, name_or_id: str) -> ContainerStats | None:
        return self.fresh.stats(name_or_id)

    def top(self, name_or_id: str) -> list[Process]:
        return self.fresh.top(name_or_id)

    def was_attached(self, name_or_id: str) -> bool | None:
        return self.fresh.was_attached(name_or_id)

    @property
    def request_count(self) -> int:
        return self.fresh.request_count


class _Tapped:
    """An event stream whose events reach the model before anyone else sees them."""

    def __init__(self, model: LiveModel, stream: Any):
        self._model, self._stream = model, stream
        self._ended = False

    def __iter__(self) -> Iterator[dict[str, Any]]:
        try:
            for event in self._stream:
                self._model.note(event)
                yield event
        finally:  # the stream ended or broke: from now on the model reads afresh until re-tapped
            self._end()

    def _end(self) -> None:
        if not self._ended:
            self._ended = True
            self._model._untap()

    def close(self) -> None:
        self._end()
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()
