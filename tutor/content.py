"""Where the course (lessons/) and practice assets (assets/) are, installed or from a checkout.

In a wheel they travel inside the package as `tutor/_content/{lessons,assets}` (see
pyproject.toml); in a source checkout or editable install they sit at the repository's top.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _content_root() -> Path:
    packaged = Path(str(resources.files("tutor"))) / "_content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent  # the checkout's top directory


def lessons_dir() -> Path:
    return _content_root() / "lessons"


def assets_dir() -> Path:
    return _content_root() / "assets"
