"""The live model's container rows: built from a list summary or an inspect, and indexed.

`RowIndex` keeps every row under the values an indexable filter can ask for (state, published
port, image, network, label key) and under its name, so a filter looks only at the rows of its
most selective key and a lookup by name is one dict access: a verdict costs the same with 0 or
1000 unrelated containers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from tutor.daemon import filters as flt
from tutor.daemon import snapshots

_EXITED = re.compile(r"Exited \((-?\d+)\)")


def from_summary(s: Mapping[str, Any]) -> flt.ContainerRow:
    ports = s.get("Ports") or ()
    nets = ((s.get("NetworkSettings") or {}).get("Networks") or {}).items()
    exited = _EXITED.search(s.get("Status") or "")
    return flt.ContainerRow(
        id=s.get("Id", ""),
        name=((s.get("Names") or ["/"])[0]).lstrip("/"),
        image=s.get("Image") or "",
        image_id=s.get("ImageID") or "",
        state=s.get("State") or "",
        exit_code=int(exited.group(1)) if exited else 0,
        created=float(s.get("Created") or 0),
        labels=dict(s.get("Labels") or {}),
        publish=frozenset(f"{p['PublicPort']}/{p.get('Type', 'tcp')}" for p in ports if p.get("PublicPort")),
        expose=frozenset(f"{p['PrivatePort']}/{p.get('Type', 'tcp')}" for p in ports if p.get("PrivatePort")),
        networks={name: (n or {}).get("NetworkID", "") for name, n in nets},
    )


def from_inspect(a: Mapping[str, Any]) -> flt.ContainerRow:
    config, state = a.get("Config") or {}, a.get("State") or {}
    settings = a.get("NetworkSettings") or {}
    live = settings.get("Ports") or {}
    created = snapshots.parse_time(a.get("Created"))
    return flt.ContainerRow(
        id=a.get("Id", ""),
        name=(a.get("Name") or "").lstrip("/"),
        image=config.get("Image") or "",
        image_id=a.get("Image") or "",
        state=state.get("Status") or "",
        exit_code=int(state.get("ExitCode") or 0),
        created=created.timestamp() if created else 0.0,
        labels=dict(config.get("Labels") or {}),
        publish=frozenset(f"{b['HostPort']}/{port.partition('/')[2] or 'tcp'}"
                          for port, binds in live.items() for b in binds or () if b.get("HostPort")),
        expose=frozenset(set(config.get("ExposedPorts") or {}) | set(live)),
        networks={name: (n or {}).get("NetworkID", "") for name, n in (settings.get("Networks") or {}).items()},
    )


def facets(row: flt.ContainerRow) -> set[tuple[str, str]]:
    """The index keys of a row: every value an indexable filter could ask for."""
    out = {("state", row.state), ("image", row.image_id)}
    out.update(("publish", p) for p in row.publish)
    out.update(("network", n) for n in row.networks)
    out.update(("label", k) for k in row.labels)
    return out


def candidates(filters: flt.Filters | None, index: Mapping[tuple[str, str], set[str]],
               ancestor_ids: Callable[[str], set[str]]) -> set[str] | None:
    """The ids that can match, from the most selective indexed key; None: look at every row.

    A superset is fine (every candidate is then matched in full); missing one is not, so only
    keys whose every matching row is in the index are used.
    """
    best: set[str] | None = None
    for key, raw in (filters or {}).items():
        terms = [str(t) for t in raw]
        if not terms:
            continue
        if key == "publish":
            found = set().union(*(index.get(("publish", p), set()) for t in terms for p in flt.ports(t)))
        elif key == "status":
            found = set().union(*(index.get(("state", t), set()) for t in terms))
        elif key == "exited":
            found = set(index.get(("state", "exited"), set()))
        elif key == "ancestor":
            found = set().union(*(index.get(("image", i), set()) for t in terms for i in ancestor_ids(t)))
        elif key == "label":
            found = set.intersection(*(set(index.get(("label", t.partition("=")[0]), set())) for t in terms))
        elif key == "network" and not any(_maybe_id(t) for t in terms):
            found = set().union(*(index.get(("network", t), set()) for t in terms))
        else:
            continue
        if best is None or len(found) < len(best):
            best = found
    return best


def _maybe_id(term: str) -> bool:
    """A network filter term that could be an id prefix (then the name index is not enough)."""
    return bool(re.fullmatch(r"[0-9a-f]+", term))


class RowIndex:
    """Rows by id, by name and by facet; `put` replaces a row, `drop` forgets it."""

    def __init__(self) -> None:
        self.rows: dict[str, flt.ContainerRow] = {}
        self._by_name: dict[str, str] = {}
        self._facets: dict[tuple[str, str], set[str]] = {}

    def put(self, row: flt.ContainerRow) -> None:
        self.drop(row.id)
        self.rows[row.id] = row
        self._by_name[row.name] = row.id
        for facet in facets(row):
            self._facets.setdefault(facet, set()).add(row.id)

    def drop(self, oid: str) -> None:
        row = self.rows.pop(oid, None)
        if row is None:
            return
        if self._by_name.get(row.name) == oid:
            del self._by_name[row.name]
        for facet in facets(row):
            ids = self._facets.get(facet)
            if ids is not None:
                ids.discard(oid)
                if not ids:
                    del self._facets[facet]

    def named(self, name: str) -> flt.ContainerRow | None:
        return self.rows.get(self._by_name.get(name, ""))

    def pool(self, filters: flt.Filters | None, ancestor_ids: Callable[[str], set[str]]):
        """The rows worth matching in full against `filters` (a superset of the matches)."""
        ids = candidates(filters, self._facets, ancestor_ids)
        return self.rows.values() if ids is None else [self.rows[i] for i in ids if i in self.rows]
