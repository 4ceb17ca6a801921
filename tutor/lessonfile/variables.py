"""Per-learner exercise values: the draws this learner has, stored in `variables.json`.

(The declaration, drawing and substitution live below; `stored()` is what the class client
reads to tell the instructor which values a learner had.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tutor import paths


def _file() -> Path:
    return paths.data_dir() / "variables.json"


def _load() -> dict[str, Any]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def stored(lesson_id: str) -> dict[str, str]:
    """The values drawn for this lesson (exercise), {} when it has no variables."""
    entry = (_load().get("lessons") or {}).get(lesson_id) or {}
    values = entry.get("values") if isinstance(entry, dict) else None
    return {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else {}
