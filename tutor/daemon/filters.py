"""The Engine API's list filters, evaluated on our side (for the event-fed model).

The daemon filters `GET /containers/json` itself; the live model answers the same questions from
memory, so it must give the same answer the daemon would. The rules below follow the Engine's
`daemon/list.go` and `api/types/filters`: different keys are ANDed, the values of one key are
ORed, except `label`, whose terms must all match. `name` and `id` are unanchored regular
expressions against "/name" and the full id (an invalid pattern is taken literally).
Keys we do not model (`before`, `since`, `volume`, `health`, …) make `supported()` false, and
the caller asks the daemon instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from tutor.state import ContainerSummary

CONTAINER_KEYS = frozenset({"name", "id", "status", "label", "ancestor", "publish", "expose", "network", "exited"})
IMAGE_KEYS = frozenset({"reference", "dangling", "label"})
NETWORK_KEYS = frozenset({"name", "id", "driver", "label"})

Filters = Mapping[str, Sequence[str]]


# An `ancestor` term against one container: the Engine resolves the term to an image and its
# descendants; callers that know the images pass that test, the Podman path its own.
Ancestor = Callable[[ContainerSummary, str], bool]


def _no_ancestor(row: ContainerSummary, term: str) -> bool:
    return False


def supported(filters: Filters | None, keys: frozenset[str]) -> bool:
    return all(k in keys for k, v in (filters or {}).items() if v)


def _search(term: str, text: str) -> bool:
    try:
        return re.search(term, text) is not None
    except re.error:
        return term in text


def ports(term: str) -> set[str]:
    """"8080", "8080/udp", "8000-8002/tcp" → {"8080/tcp", …} (the CLI's default proto is tcp)."""
    spec, _, proto = term.partition("/")
    proto = proto or "tcp"
    low, _, high = spec.partition("-")
    if not low.isdigit() or (high and not high.isdigit()):
        return set()
    start, end = int(low), int(high or low)
    if end - start > 65535:
        return set()
    return {f"{p}/{proto}" for p in range(start, end + 1)}


def _labels_match(terms: Sequence[str], labels: Mapping[str, str]) -> bool:
    for term in terms:
        key, eq, value = term.partition("=")
        if key not in labels or (eq and labels[key] != value):
            return False
    return True


def _all(filters: Filters | None, tests: Mapping[str, Callable[[list[str]], bool]]) -> bool:
    """Keys are ANDed; each key's test says how its terms combine. An unknown key is a KeyError
    (callers check `supported` first)."""
    for key, raw in (filters or {}).items():
        terms = [str(t) for t in raw]
        if terms and not tests[key](terms):
            return False
    return True


def container_matches(row: ContainerSummary, filters: Filters | None, ancestor: Ancestor = _no_ancestor) -> bool:
    """True when the daemon's `GET /containers/json?all=1&filters=…` would list this row."""
    return _all(filters, {
        "name": lambda terms: any(_search(t, "/" + row.name) for t in terms),
        "id": lambda terms: any(_search(t, row.id) for t in terms),
        "status": lambda terms: row.state in terms,
        "label": lambda terms: _labels_match(terms, row.labels),
        "exited": lambda terms: row.state == "exited" and any(
            t.lstrip("-").isdigit() and int(t) == row.exit_code for t in terms),
        "publish": lambda terms: any(ports(t) & row.published for t in terms),
        "expose": lambda terms: any(ports(t) & row.exposed for t in terms),
        "network": lambda terms: any(t in row.networks or any(nid.startswith(t) for nid in row.networks.values())
                                     for t in terms),
        # the term's image or a descendant; an unknown image matches nothing
        "ancestor": lambda terms: any(ancestor(row, t) for t in terms),
    })


def path_match(pattern: str, name: str) -> bool:
    """Go's `path.Match`, which the Engine's `reference` filter uses: `*` and `?` stop at `/`."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                return False  # Go: ErrBadPattern, nothing matches
            body = pattern[i + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("^") else body) + "]")
            i = end
        elif ch == "\\" and i + 1 < len(pattern):
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(ch))
        i += 1
    try:
        return re.fullmatch("".join(out), name) is not None
    except re.error:
        return False


def image_matches(tags: Sequence[str], labels: Mapping[str, str], dangling: bool, filters: Filters | None) -> bool:
    """`GET /images/json?filters=…`: reference globs match "repo:tag" or "repo" (familiar names)."""
    return _all(filters, {
        "reference": lambda terms: any(reference_matches(terms, tag) for tag in tags),
        "dangling": lambda terms: any((t.lower() in ("true", "1")) == dangling for t in terms),
        "label": lambda terms: _labels_match(terms, labels),
    })


def reference_matches(patterns: Sequence[str], tag: str) -> bool:
    """The Engine's `reference.FamiliarMatch`: the pattern against "repo:tag" or just "repo"."""
    repo = tag.rsplit(":", 1)[0] if ":" in tag.rsplit("/", 1)[-1] else tag
    return any(path_match(p, tag) or path_match(p, repo) for p in patterns)


def network_matches(name: str, net_id: str, driver: str, labels: Mapping[str, str], filters: Filters | None) -> bool:
    return _all(filters, {
        "name": lambda terms: any(_search(t, name) for t in terms),
        "id": lambda terms: any(_search(t, net_id) for t in terms),
        "driver": lambda terms: driver in terms,
        "label": lambda terms: _labels_match(terms, labels),
    })
