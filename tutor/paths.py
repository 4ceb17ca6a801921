"""Per-user files: progress, lab data, practice folder. One place, redirectable for tests.

`DOCKER_TUTOR_HOME` overrides the platformdirs user data dir (tests point it at tmp_path).
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    override = os.environ.get("DOCKER_TUTOR_HOME")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("docker-tutor", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def progress_file() -> Path:
    return data_dir() / "progress.json"


def lab_dir() -> Path:
    path = data_dir() / "lab"
    path.mkdir(parents=True, exist_ok=True)
    return path


def practice_dir() -> Path:
    """The learner's practice folder ({workdir} in lessons): env files, web folders.

    It sits in the home folder, not in the platform data dir: the learner types its path in
    `-v` and `--env-file` options, and macOS's "Application Support" has a space that would
    split the command; Docker Desktop also shares the home folder with its VM by default.
    """
    override = os.environ.get("DOCKER_TUTOR_WORKDIR")
    if override:
        path = Path(override)
    elif os.environ.get("DOCKER_TUTOR_HOME"):
        path = data_dir() / "practice"
    else:
        path = Path.home() / "docker-tutor-practice"
    path.mkdir(parents=True, exist_ok=True)
    return path
