"""The offline pull mirror: Debian's docker-registry on 127.0.0.1:PORT holding the stand-ins.

A dockerd started with `--registry-mirror http://127.0.0.1:PORT` asks this registry first for
Docker Hub images, so `docker image pull nginx` works without internet once the mirror holds
`library/nginx`. Seeding = tag `127.0.0.1:PORT/library/<name>:latest`, push, remove that tag.
"""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tutor import settings
from tutor.errors import TutorError
from tutor.lab import procs

DEFAULT_PORT = 5100
SEED_NAMES = ("nginx", "centos")


def port() -> int:
    return settings.current().mirror_port or DEFAULT_PORT


def address() -> str:
    return f"127.0.0.1:{port()}"


def home() -> Path:
    return procs.lab_home("mirror")


def write_config() -> Path:
    data = home() / "data"
    data.mkdir(exist_ok=True)
    config = home() / "config.yml"
    config.write_text(
        "version: 0.1\n"
        "log:\n  level: warn\n"
        f"storage:\n  filesystem:\n    rootdirectory: {data}\n  delete:\n    enabled: true\n"
        f"http:\n  addr: 127.0.0.1:{port()}\n",
        encoding="utf-8")
    return config


def process(required: bool = False) -> procs.ManagedProcess:
    return procs.registry_process("mirror", home(), port(), required)


@dataclass(frozen=True)
class MirrorStatus:
    address: str
    running: bool
    pid: int | None
    repositories: tuple[str, ...] = ()
    started_now: bool = False
    seeded: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {"address": self.address, "running": self.running, "pid": self.pid,
                "repositories": list(self.repositories), "started_now": self.started_now,
                "seeded": list(self.seeded), "notes": list(self.notes), "data_dir": str(home() / "data")}


def answers() -> bool:
    return procs.registry_status(port()) == 200


def catalog(timeout: float = 2.0) -> tuple[str, ...]:
    try:
        with urllib.request.urlopen(f"http://{address()}/v2/_catalog", timeout=timeout) as resp:
            return tuple(json.load(resp).get("repositories") or ())
    except (OSError, ValueError):
        return ()


def tags(repo: str, timeout: float = 2.0) -> tuple[str, ...]:
    try:
        with urllib.request.urlopen(f"http://{address()}/v2/{repo}/tags/list", timeout=timeout) as resp:
            return tuple(json.load(resp).get("tags") or ())
    except (OSError, ValueError):
        return ()


def status() -> MirrorStatus:
    """running: a registry answers on the port; pid: None if it is not the lab's own process."""
    pid = process().pid()
    running = answers()
    notes = () if pid or not running else (f"{address()}의 레지스트리는 도커 튜터가 띄운 것이 아니에요.",)
    return MirrorStatus(address(), running, pid, catalog() if running else (), notes=notes)


def up() -> MirrorStatus:
    write_config()
    pid, started = process(required=True).start(answers)
    return MirrorStatus(address(), True, pid, catalog(), started_now=started)


def down() -> bool:
    return process().stop()


def push_to_mirror(api, source_ref: str, repo: str, tag: str = "latest") -> None:
    """Copy a local image into the mirror as <repo>:<tag>, leaving no extra local tag behind."""
    target = f"{address()}/{repo}"
    api.tag(source_ref, target, tag)
    try:
        for chunk in api.push(target, tag=tag, stream=True, decode=True):
            if "error" in chunk:
                raise TutorError(f"미러에 이미지({source_ref})를 올리지 못했어요: {chunk['error'].strip()}",
                                 hint=f"`docker-tutor lab mirror status`로 미러가 켜져 있는지 확인해요 ({address()}).",
                                 code="lab.seed_failed")
    finally:
        try:
            api.remove_image(f"{target}:{tag}", noprune=True)
        except Exception:  # noqa: BLE001 - the extra tag is already gone
            pass


def seed(api, names: tuple[str, ...] = SEED_NAMES) -> tuple[str, ...]:
    """Push the local nginx/centos into the mirror as library/<name>; returns what was seeded."""
    from tutor.lab.images import STAND_INS, image_state

    done = []
    for name in names:
        if image_state(api, name).kind == "absent":
            continue
        push_to_mirror(api, STAND_INS[name], f"library/{name}")
        done.append(f"library/{name}")
    return tuple(done)


def daemon_mirrors(info: dict) -> list[str]:
    """The registry mirrors the daemon is configured with (docker info → RegistryConfig.Mirrors)."""
    return [str(m) for m in ((info.get("RegistryConfig") or {}).get("Mirrors") or [])]


def configured_in(info: dict) -> bool:
    wanted = {f"http://{address()}", f"http://localhost:{port()}"}
    return any(m.rstrip("/") in wanted for m in daemon_mirrors(info))
