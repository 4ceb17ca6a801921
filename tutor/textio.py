"""A console that can print Korean and the tutor's symbols everywhere, Windows included.

Korean Windows defaults to code page 949: Hangul fits, but `✓`, `⚠`, `→` or an em dash do not,
and a redirected stdout there (or a C/POSIX locale on Linux) raised UnicodeEncodeError from the
first message. So at start-up a stream whose encoding is not UTF-8 is switched to UTF-8 (what
`PYTHONUTF8=1` would do); a stream that cannot be switched at least replaces what it cannot
encode instead of crashing.
"""

from __future__ import annotations

import codecs
import sys


def _is_utf8(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "ascii").name == "utf-8"
    except LookupError:
        return False


def ensure_utf8(*streams) -> None:
    for stream in streams or (sys.stdout, sys.stderr):
        if stream is None or _is_utf8(getattr(stream, "encoding", None)):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(encoding="utf-8", errors="replace")
        except (ValueError, OSError):  # already written to with another encoding, or not a text file
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass
