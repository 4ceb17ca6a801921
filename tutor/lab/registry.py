"""The practice registry for the login / push / logout steps: docker-registry with htpasswd auth.

It listens on 127.0.0.1:${DOCKER_TUTOR_REGISTRY_PORT:-5101}; Docker treats 127.0.0.0/8 as an
insecure registry by default, so `docker login 127.0.0.1:5101` works over plain HTTP. The
practice password is generated once and kept in the lab dir, so lessons can show it
(`practice_registry()`), and `up` writes the htpasswd file from it with `htpasswd -Bbn`.
"""

from __future__ import annotations

import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tutor import settings
from tutor.errors import TutorError
from tutor.lab import procs

DEFAULT_PORT = 5101
USER = "student"


def port() -> int:
    return settings.current().registry_port or DEFAULT_PORT


def address() -> str:
    return f"127.0.0.1:{port()}"


def home() -> Path:
    return procs.lab_home("registry")


@dataclass(frozen=True)
class PracticeRegistry:
    address: str
    user: str
    password: str
    running: bool
    pid: int | None = None
    started_now: bool = False

    def to_dict(self) -> dict:
        return {"address": self.address, "user": self.user, "password": self.password,
                "running": self.running, "pid": self.pid, "started_now": self.started_now}


def password() -> str:
    """The practice password: generated on first use, then always the same (lab dir file)."""
    path = home() / "password"
    try:
        value = path.read_text(encoding="utf-8").strip()
    except OSError:
        value = ""
    if not value:
        value = "practice-" + secrets.token_hex(4)
        path.write_text(value + "\n", encoding="utf-8")
        path.chmod(0o600)
    return value


def answers() -> bool:
    return procs.registry_status(port()) == 401  # auth required: it is the practice registry


def process(required: bool = False) -> procs.ManagedProcess:
    return procs.registry_process("registry", home(), port(), required)


def practice_registry() -> PracticeRegistry:
    """Where the practice registry is and how to log in; cheap (one loopback HTTP probe)."""
    return PracticeRegistry(address(), USER, password(), answers(), process().pid())


def _write_files() -> Path:
    htpasswd = procs.find_binary("htpasswd", "apache2-utils")
    out = subprocess.run([htpasswd, "-Bbn", USER, password()], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise TutorError("연습용 레지스트리 비밀번호 파일을 만들지 못했어요.", hint=out.stderr.strip(),
                         code="lab.start_failed")
    (home() / "htpasswd").write_text(out.stdout.strip() + "\n", encoding="utf-8")
    data = home() / "data"
    data.mkdir(exist_ok=True)
    config = home() / "config.yml"
    config.write_text(
        "version: 0.1\n"
        "log:\n  level: warn\n"
        f"storage:\n  filesystem:\n    rootdirectory: {data}\n  delete:\n    enabled: true\n"
        f"http:\n  addr: 127.0.0.1:{port()}\n"
        f"auth:\n  htpasswd:\n    realm: docker-tutor-practice\n    path: {home() / 'htpasswd'}\n",
        encoding="utf-8")
    return config


def up() -> PracticeRegistry:
    proc = process(required=True)
    if proc.pid() is None:
        _write_files()  # only before a start: a running registry keeps its files
    pid, started = proc.start(answers)
    return PracticeRegistry(address(), USER, password(), True, pid, started)


def down() -> bool:
    return process().stop()


def status() -> PracticeRegistry:
    return practice_registry()


SELFTEST_NAMESPACE = r"selftest[0-9a-f]{8}x[0-9]+"  # the self-test's per-phase {user}


def forget_selftest_repositories() -> list[str]:
    """Remove the self-test's namespaces from the practice registry's storage.

    Deleting a manifest through the API (the self-test does that first) leaves the repository
    and its layer links behind: `_catalog` still lists it and a learner's later push says
    "Mounted from selftest…/webserver". The registry API has no repository delete, and the
    storage is the lab's own folder, so the namespace folders go. Only names matching the
    self-test's {user} pattern, only directly under `repositories/`, never through a link.
    Called with the self-test lock held, so no run of it is using them.
    """
    import re
    import shutil

    root = home() / "data" / "docker" / "registry" / "v2" / "repositories"
    if not root.is_dir() or root.is_symlink():
        return []
    removed = []
    for entry in sorted(root.iterdir()):
        if re.fullmatch(SELFTEST_NAMESPACE, entry.name) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    return removed
