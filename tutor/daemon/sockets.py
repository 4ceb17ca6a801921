"""Where people's daemons listen when the platform's default socket is not there.

The docker CLI only looks at DOCKER_HOST, the context and the default socket; Docker Desktop,
Colima and OrbStack normally install a context, but a learner who removed it (or runs rootless
Docker or Podman without `DOCKER_HOST`) is left with "cannot connect" although a daemon is right
there. So, only when nothing was configured and the default socket is missing, we look at the
usual places in this order and use the first that is a unix socket. `doctor` names what it found
and everything it tried.

`DOCKER_TUTOR_DEFAULT_SOCKET` moves the default socket (tests make a temp HOME without one).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SOCKET = "/var/run/docker.sock"


@dataclass(frozen=True)
class Candidate:
    product: str  # what usually listens there, e.g. "Docker Desktop"
    path: str
    found: bool  # a unix socket exists at path

    @property
    def url(self) -> str:
        return f"unix://{self.path}"

    def to_dict(self) -> dict:
        return {"product": self.product, "path": self.path, "found": self.found}


def default_socket(env: Mapping[str, str] | None = None) -> str:
    from tutor.settings import Settings, current

    settings = current() if env is None else Settings.from_env(env)
    return settings.default_socket or DEFAULT_SOCKET


def runtime_dir(env: Mapping[str, str]) -> str:
    return env.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid() if hasattr(os, 'getuid') else 0}"


def places(env: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(product, socket path) in the order we try them."""
    env = os.environ if env is None else env
    home = env.get("HOME") or str(Path.home())
    run = runtime_dir(env)
    return [
        ("Docker Desktop", f"{home}/.docker/run/docker.sock"),
        ("Colima", f"{home}/.colima/default/docker.sock"),
        ("OrbStack", f"{home}/.orbstack/run/docker.sock"),
        ("rootless Docker", f"{run}/docker.sock"),
        ("Podman", f"{run}/podman/podman.sock"),
        ("Podman (root)", "/run/podman/podman.sock"),
    ]


def is_socket(path: str) -> bool:
    try:
        return stat.S_ISSOCK(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def survey(env: Mapping[str, str] | None = None) -> list[Candidate]:
    return [Candidate(product, path, is_socket(path)) for product, path in places(env)]


def discover(env: Mapping[str, str] | None = None) -> Candidate | None:
    """The first usual socket that exists, when the default one does not (None on Windows:
    the named pipe cannot be stat'ed the same way and Desktop installs its context anyway)."""
    if sys.platform == "win32" or is_socket(default_socket(env)):
        return None
    return next((c for c in survey(env) if c.found), None)
