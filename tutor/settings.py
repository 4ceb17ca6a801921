"""Every `DOCKER_TUTOR_*` environment variable, read in this one place into one frozen object.

`current()` is what the rest of the tutor asks; it reads the environment (cheap) unless an
edge has pinned other values with `overridden(...)`, e.g. the self-test running a lesson
under its own user name and practice folder — without touching `os.environ`, which would
leak into the learner's shell-outs and into other threads.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    home: Path | None = None  # DOCKER_TUTOR_HOME: data + cache dir instead of platformdirs (tests)
    workdir: Path | None = None  # DOCKER_TUTOR_WORKDIR: the practice folder ({workdir})
    user: str = "student"  # DOCKER_TUTOR_USER: {user} in lessons (Docker Hub-style user part)
    registry: str | None = None  # DOCKER_TUTOR_REGISTRY: {registry} instead of the lab's
    lab_dir: Path | None = None  # DOCKER_TUTOR_LAB_DIR: where the lab keeps its processes' files
    mirror_port: int | None = None  # DOCKER_TUTOR_MIRROR_PORT (default 5100)
    registry_port: int | None = None  # DOCKER_TUTOR_REGISTRY_PORT (default 5101)
    debug: bool = False  # DOCKER_TUTOR_DEBUG or --debug: tracebacks and debug logging
    default_socket: str | None = None  # DOCKER_TUTOR_DEFAULT_SOCKET: moves /var/run/docker.sock (tests)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def path(name: str) -> Path | None:
            value = env.get(name)
            return Path(value) if value else None

        def port(name: str) -> int | None:
            value = env.get(name)
            return int(value) if value else None

        return cls(
            home=path("DOCKER_TUTOR_HOME"),
            workdir=path("DOCKER_TUTOR_WORKDIR"),
            user=env.get("DOCKER_TUTOR_USER") or "student",
            registry=env.get("DOCKER_TUTOR_REGISTRY") or None,
            lab_dir=path("DOCKER_TUTOR_LAB_DIR"),
            mirror_port=port("DOCKER_TUTOR_MIRROR_PORT"),
            registry_port=port("DOCKER_TUTOR_REGISTRY_PORT"),
            debug=env.get("DOCKER_TUTOR_DEBUG", "") not in ("", "0"),
            default_socket=env.get("DOCKER_TUTOR_DEFAULT_SOCKET") or None,
        )


_PINNED: ContextVar[Settings | None] = ContextVar("docker_tutor_settings", default=None)


def current() -> Settings:
    pinned = _PINNED.get()
    return pinned if pinned is not None else Settings.from_env()


@contextmanager
def overridden(**changes: object) -> Iterator[Settings]:
    """Run a block with some settings changed (e.g. `overridden(user="st-1", workdir=path)`)."""
    settings = replace(current(), **changes)  # type: ignore[arg-type]
    token = _PINNED.set(settings)
    try:
        yield settings
    finally:
        _PINNED.reset(token)
