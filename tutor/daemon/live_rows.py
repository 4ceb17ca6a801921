"""The live model's container rows (`ContainerSummary`, from a list entry or an inspect), indexed.

`RowIndex` keeps every row under the values an indexable filter can ask for (state, published
port, image, network, label key) and under its name, so a filter looks only at the rows of its
most selective key and a lookup by name is one dict access: a verdict costs the same with 0 or
1000 unrelated containers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from tutor.daemon import filters as flt
from tutor.daemon import snapshots
from tutor.state import ContainerSummary


def facets(row: ContainerSummary) -> set[tuple[str, str]]:
    """The index keys of a row: every value an indexable filter could ask for."""
    out = {("state", row.state), ("image", row.image_id)}
    out.update(("publish", p) for p in row.published)
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


def ancestor_ids(images: Sequence[Mapping[str, Any]], ref: str) -> set[str]:
    """The image `ref` names (tag or id prefix) and every image built on it (ParentId), from one
    image listing: what the Engine's `ancestor` filter matches a container's image id against."""
    wanted = ref.removeprefix("sha256:")
    found = {s["Id"] for s in images if len(wanted) >= 4 and s["Id"].removeprefix("sha256:").startswith(wanted)}
    if not found:
        tag = snapshots.familiar_tag(ref if ":" in ref.rsplit("/", 1)[-1] else ref + ":latest")
        found = {s["Id"] for s in images if tag in snapshots.image_info(s).tags}
    grew = True
    while grew:  # children of children: a chain is short
        more = {s["Id"] for s in images if s.get("ParentId") in found} - found
        found |= more
        grew = bool(more)
    return found


class RowIndex:
    """Rows by id, by name and by facet; `put` replaces a row, `drop` forgets it."""

    def __init__(self) -> None:
        self.rows: dict[str, ContainerSummary] = {}
        self._by_name: dict[str, str] = {}
        self._facets: dict[tuple[str, str], set[str]] = {}

    def put(self, row: ContainerSummary) -> None:
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

    def named(self, name: str) -> ContainerSummary | None:
        return self.rows.get(self._by_name.get(name, ""))

    def pool(self, filters: flt.Filters | None, ancestor_ids: Callable[[str], set[str]]):
        """The rows worth matching in full against `filters` (a superset of the matches)."""
        ids = candidates(filters, self._facets, ancestor_ids)
        return self.rows.values() if ids is None else [self.rows[i] for i in ids if i in self.rows]
