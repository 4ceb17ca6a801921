"""The class server's SQLite store: learners and their events, nothing else.

One file under the instructor's data dir. Each event carries the learner's own id (a uuid made
when it was queued), and (learner, event id) is unique: a batch resent after a lost answer is
stored once, so "queue on the learner's side + SQLite here" loses nothing and doubles nothing.
Writes are committed before the server answers, so a `kill -9` right after a reply keeps them.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS learners (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    token TEXT NOT NULL UNIQUE,
    joined_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    learner INTEGER NOT NULL REFERENCES learners(id),
    event_id TEXT NOT NULL,
    at REAL NOT NULL,
    received REAL NOT NULL,
    type TEXT NOT NULL,
    step TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (learner, event_id)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class Store:
    """Thread-safe enough for one uvicorn worker: one connection, one lock around each call."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        # WAL + synchronous=NORMAL survives a killed process (not a power cut); that is the
        # failure a classroom has (Ctrl-C, a closed laptop lid, kill -9 in the test).
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._lock = threading.Lock()
        self.version = self._max_seq()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _max_seq(self) -> int:
        row = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()
        return int(row[0])

    # --- meta (class code, title, token survive a restart) ---------------------------------

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # --- learners ---------------------------------------------------------------------------

    def join(self, name: str) -> tuple[int, str] | None:
        """(id, token) for a new learner; None when the name is taken."""
        token = secrets.token_urlsafe(24)
        try:
            with self._lock, self._db:
                cur = self._db.execute("INSERT INTO learners(name, token, joined_at) VALUES (?, ?, ?)",
                                       (name, token, time.time()))
        except sqlite3.IntegrityError:
            return None
        return int(cur.lastrowid or 0), token

    def learner_by_token(self, token: str) -> tuple[int, str] | None:
        with self._lock:
            row = self._db.execute("SELECT id, name FROM learners WHERE token=?", (token,)).fetchone()
        return (int(row[0]), row[1]) if row else None

    def learners(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute("SELECT id, name, joined_at FROM learners ORDER BY name").fetchall()
        return [{"id": r[0], "name": r[1], "joined_at": r[2]} for r in rows]

    # --- events -----------------------------------------------------------------------------

    def add_events(self, learner: int, events: Iterable[dict[str, Any]]) -> tuple[list[str], set[str]]:
        """Store what is new; return every event id now stored (new or already there) and the new ones."""
        now = time.time()
        acked, new = [], set()
        with self._lock, self._db:
            for ev in events:
                cur = self._db.execute(
                    "INSERT OR IGNORE INTO events(learner, event_id, at, received, type, step, body)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (learner, ev["id"], float(ev["at"]), now, ev["type"], ev["step"],
                     json.dumps(ev, ensure_ascii=False)))
                if cur.rowcount:
                    self.version = max(self.version, int(cur.lastrowid or 0))
                    new.add(ev["id"])
                acked.append(ev["id"])
        return acked, new

    def events(self, learner: int | None = None) -> list[dict[str, Any]]:
        """Events in the order the learner made them (their own clock), then arrival."""
        sql = "SELECT learner, body, received FROM events"
        args: tuple = ()
        if learner is not None:
            sql += " WHERE learner=?"
            args = (learner,)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY at, seq", args).fetchall()
        out = []
        for learner_id, body, received in rows:
            ev = json.loads(body)
            ev["learner"] = learner_id
            ev["received"] = received
            out.append(ev)
        return out

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM events").fetchone()[0])
