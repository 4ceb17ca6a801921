"""Image references the way Docker reads them: `nginx` = `nginx:latest` = `docker.io/library/nginx:latest`.

The daemon view reports tags in the short ("familiar") form `repo:tag`; lessons and learners may
write any of the long forms. Patterns follow Docker's own `reference` filter (Go's `path.Match`):
`*` matches anything but `/`, `?` one character but `/`, and a pattern without a tag also
matches the repository name alone (so `*/webserver` matches every tag of `student/webserver`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HUB_PREFIXES = ("docker.io/", "index.docker.io/", "registry-1.docker.io/")


@dataclass(frozen=True)
class Ref:
    repository: str  # familiar form: "nginx", "student/webserver", "127.0.0.1:5101/student/webserver"
    tag: str  # "latest" when none was written
    tag_written: bool = True  # False when the tag was left out ("nginx")

    def __str__(self) -> str:
        return f"{self.repository}:{self.tag}"

    @property
    def name(self) -> str:
        """The last path component: `webserver` for `student/webserver`."""
        return self.repository.rsplit("/", 1)[-1]

    @property
    def has_user(self) -> bool:
        """True when there is a part before the name (`student/` or a registry host)."""
        return "/" in self.repository


def split_ref(ref: str) -> Ref:
    """Split into familiar repository and tag; the tag is the part after the last `:` that
    comes after the last `/` (so the port in `127.0.0.1:5101/x` is not a tag)."""
    ref = ref.strip()
    ref = ref.split("@", 1)[0]  # a digest is not a tag; the repository part still counts
    for prefix in _HUB_PREFIXES:
        if ref.startswith(prefix):
            ref = ref[len(prefix) :]
            break
    slash = ref.rfind("/")
    colon = ref.rfind(":")
    if colon > slash:
        repo, tag, written = ref[:colon], ref[colon + 1 :], True
    else:
        repo, tag, written = ref, "latest", False
    if repo.startswith("library/") and repo.count("/") == 1:
        repo = repo[len("library/") :]
    return Ref(repo, tag, written)


def normalize_ref(ref: str) -> str:
    """`docker.io/library/nginx` → `nginx:latest`: the form the daemon view uses for tags."""
    return str(split_ref(ref))


def has_wildcard(pattern: str) -> bool:
    return any(ch in pattern for ch in "*?[")


def _glob_regex(pattern: str) -> re.Pattern[str]:
    out = []
    for ch in pattern:
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out) + r"\Z")


def ref_matches(pattern: str, tag: str) -> bool:
    """Does the familiar tag `repo:tag` match `pattern` (Docker's `reference` filter rules)?

    Without wildcards this is plain equality after normalising both sides, so `nginx` matches
    only `nginx:latest` (stricter than Docker's filter, which would match every nginx tag).
    """
    if not has_wildcard(pattern):
        return normalize_ref(pattern) == normalize_ref(tag)
    pat = pattern.strip()
    for prefix in _HUB_PREFIXES:
        if pat.startswith(prefix):
            pat = pat[len(prefix) :]
    rx = _glob_regex(pat)
    full = normalize_ref(tag)
    if rx.match(full):
        return True
    # Docker also matches the pattern against the bare repository name.
    return bool(rx.match(split_ref(full).repository))


def short_id(image_id: str) -> str:
    return image_id.split(":", 1)[-1][:12]
