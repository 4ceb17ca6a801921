"""The parsed course kept on disk, so starting the tutor does not re-parse every lesson.

Parsing seven Markdown lessons with markdown-it-py and validating their TOML blocks costs about
0.3 s, which made `docker-tutor list` slower than importing the docker SDK. The parsed course
(frozen dataclasses) is pickled under the user cache dir, keyed by the tutor version, the lesson
format version and every file's path, mtime and size: any edit invalidates it. The file is the
user's own (mode 0600, next to their progress); a broken or foreign file is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from tutor import settings


def _cache_dir() -> Path:
    home = settings.current().home
    if home is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("docker-tutor", appauthor=False))


def _file_for(origin: str) -> Path:
    digest = hashlib.sha256(origin.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return _cache_dir() / f"course-{digest}.pickle"


def _full_key(key: Any) -> tuple[Any, ...]:
    from tutor import __version__
    from tutor.model import FORMAT_VERSION

    return (__version__, FORMAT_VERSION, key)


def load(origin: str, key: Any) -> Any:
    path = _file_for(origin)
    try:
        with path.open("rb") as fh:
            stored_key, course = pickle.load(fh)
    except Exception:  # noqa: BLE001 - missing, truncated or from another version: parse again
        return None
    return course if stored_key == _full_key(key) else None


def store(origin: str, key: Any, course: Any) -> None:
    path = _file_for(origin)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".course-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((_full_key(key), course), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home only costs the re-parse next time
