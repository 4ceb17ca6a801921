"""One advisory file lock (flock), shared by the self-test and the lab's image builder.

The self-test removes and re-creates the practice images while it runs; `lab images` must not
replace a stand-in at the same moment, so both take `SELFTEST_LOCK`. POSIX only: `fcntl` is
imported when a lock is taken, so `doctor` still imports this module on any platform.
"""

from __future__ import annotations

import time
from typing import IO, Any

SELFTEST_LOCK = "/tmp/docker-tutor-selftest.lock"


class FileLock:
    """`with FileLock(path, wait) as held:` — `held` is False when `wait` seconds passed first."""

    def __init__(self, path: str = SELFTEST_LOCK, wait: float = 900.0, poll: float = 0.5):
        self.path, self.wait, self.poll = path, wait, poll
        self.fh: IO[str] | None = None

    def __enter__(self) -> bool:
        import fcntl

        self.fh = open(self.path, "a")
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return False
                time.sleep(self.poll)

    def __exit__(self, *exc: Any) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None
