"""The tutor's own record of what it made: the ONLY basis for "this is the tutor's".

Labels cannot say it: an image built `FROM nginx` inherits the lab stand-in's labels, and a
container inherits its image's labels, so a learner's `student/webserver:1.0` looked like the
tutor's and `prepare`/`reset` deleted it. Every resource the tutor creates is written here when
it is created, by id (a tag by its name AND the image id it was put on; a practice file by its
path AND the hash of what was written), and removed from here when the tutor removes it.

The learner's record lives in the data dir (`owned.json`); the self-test keeps its own
(`selftest-owned.json`), so an interrupted run's leftovers are found and removed by the next.
Writes are atomic (temporary file + rename); an unreadable file is kept aside, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

KINDS = ("container", "network", "image", "tag", "volume", "file", "registry_repo")


@dataclass(frozen=True)
class Entry:
    kind: str  # one of KINDS
    id: str  # container/network/image id; for a tag the image id; for a file the content hash
    name: str  # container/network name, "repo:tag", volume name, file path, registry repo
    step: str = ""  # the step whose preparation made it ("" for the lab)
    previous: str = ""  # a borrowed tag: the image id it pointed at before (to restore)

    @property
    def lesson(self) -> str:
        return self.step.rsplit("/", 1)[0] if "/" in self.step else ""


def default_path() -> Path:
    from tutor.paths import data_dir

    return data_dir() / "owned.json"


def selftest_path() -> Path:
    from tutor.paths import data_dir

    return data_dir() / "selftest-owned.json"


def file_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


class Ledger:
    """A small list of `Entry`, saved after every change. Not thread-safe: one process writes."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.entries: list[Entry] = self._read()

    def _read(self) -> list[Entry]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return [Entry(**{k: str(v) for k, v in e.items() if k in Entry.__dataclass_fields__})
                    for e in raw.get("entries", []) if isinstance(e, dict) and e.get("kind") in KINDS]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, TypeError, AttributeError):
            # Never guess ownership from a broken record: keep it aside, start empty (owning less).
            try:
                self.path.replace(self.path.with_suffix(f".broken-{datetime.now():%Y%m%d%H%M%S}"))
            except OSError:
                pass
            return []

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": 1, "saved_at": datetime.now(timezone.utc).isoformat(),
                "entries": [asdict(e) for e in self.entries]}
        fd, tmp = tempfile.mkstemp(prefix=".owned-", dir=str(self.path.parent))
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
        os.replace(tmp, self.path)

    # --- changes ------------------------------------------------------------------------------
    def add(self, kind: str, id: str, name: str, step: str = "", previous: str = "") -> Entry:
        entry = Entry(kind, id, name, step, previous)
        self.entries = [e for e in self.entries if not _same(e, entry)] + [entry]
        self.save()
        return entry

    def forget(self, kind: str, *, id: str = "", name: str = "", borrowed: bool = False) -> None:
        """Drop matching entries. A borrowed tag (`previous` set) is a promise to put the
        learner's tag back: only its restorer forgets it (`borrowed=True`)."""
        kept = [e for e in self.entries if not (e.kind == kind and (not id or e.id == id)
                                                and (not name or e.name == name)
                                                and (borrowed or not e.previous))]
        if len(kept) != len(self.entries):
            self.entries = kept
            self.save()

    # --- questions ----------------------------------------------------------------------------
    def find(self, kind: str, *, id: str = "", name: str = "") -> Entry | None:
        for e in reversed(self.entries):
            if e.kind == kind and (not id or e.id == id) and (not name or e.name == name):
                return e
        return None

    def owns(self, kind: str, *, id: str = "", name: str = "") -> bool:
        return self.find(kind, id=id, name=name) is not None

    def of(self, kinds: Iterable[str] | None = None, *, step: str | None = None,
           lesson: str | None = None) -> list[Entry]:
        wanted = set(kinds or KINDS)
        return [e for e in self.entries if e.kind in wanted and (step is None or e.step == step)
                and (lesson is None or e.lesson == lesson)]


def _same(a: Entry, b: Entry) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind in ("tag", "file", "volume", "registry_repo"):
        # One entry per name, the latest id wins; a borrowed tag's entry is never replaced by
        # one the tutor made under the same name (both are kept, each with its own job).
        return a.name == b.name and bool(a.previous) == bool(b.previous)
    return a.id == b.id
