"""Which class this learner joined: one small JSON file in the learner's data dir.

`class join` writes it, `class leave` removes it; `client.emit()` only asks whether it exists.
The file holds the learner's own token (it lets them send their events, nothing else).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tutor import paths, settings


def class_dir() -> Path:
    path = paths.data_dir() / "class"
    path.mkdir(parents=True, exist_ok=True)
    return path


def membership_file() -> Path:
    return paths.data_dir() / "class" / "membership.json"


def queue_file() -> Path:
    return class_dir() / "queue.jsonl"


def status_file() -> Path:
    return class_dir() / "status.json"


def joined() -> bool:
    # Cheap on purpose: every recorded attempt asks this.
    home = settings.current().home
    if home is not None:
        return (home / "class" / "membership.json").exists()
    return membership_file().exists()


def load() -> dict[str, Any] | None:
    try:
        data = json.loads(membership_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("url") and data.get("token") else None


def save(data: dict[str, Any]) -> None:
    path = membership_file()
    class_dir()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.chmod(tmp, 0o600)  # the token is the learner's: not for other users of the machine
    os.replace(tmp, path)


def remove() -> bool:
    try:
        membership_file().unlink()
        return True
    except FileNotFoundError:
        return False
