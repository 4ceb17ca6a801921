"""Per-user files: progress, lab data, practice folder. One place, redirectable for tests.

`DOCKER_TUTOR_HOME` (tutor.settings) overrides the platformdirs user data dir (tests point it at tmp_path).
"""

from __future__ import annotations

from pathlib import Path

from tutor import settings


def data_dir() -> Path:
    home = settings.current().home
    if home is not None:
        path = home
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
    config = settings.current()
    if config.workdir is not None:
        path = config.workdir
    elif config.home is not None:
        path = data_dir() / "practice"
    else:
        path = Path.home() / "docker-tutor-practice"
    path.mkdir(parents=True, exist_ok=True)
    return path
