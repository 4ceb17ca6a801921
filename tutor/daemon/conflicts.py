"""What would stop `prepare` from making a step's state, read through the typed view.

The tutor only ever changes what it made itself, by its own record (`ownership.Owner`).
Everything else on the learner's daemon (a container they named `webserver`, a tag they put on
their own build, a process on port 8080) is theirs: prepare refuses and names it in Korean
instead of overwriting it. These helpers only READ.
"""

from __future__ import annotations

import errno
import re
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.daemon.ownership import Owner
from tutor.errors import BadInput
from tutor.lookups import container_named, image_tagged, network_named
from tutor.model import Preparation, Step
from tutor.refs import normalize_ref
from tutor.state import ContainerInfo, StateView


@dataclass(frozen=True)
class Clash:
    """One thing that belongs to the learner and stands in the way. `message` is Korean."""

    kind: str  # container | network | image | port
    name: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "name": self.name, "message": self.message}


def container_clash(name: str, info: ContainerInfo) -> Clash:
    state = info.state or "?"
    return Clash(
        "container", name,
        f"'{name}' 이름의 컨테이너가 이미 있어요 (상태: {state}). 직접 만든 것이라서 튜터가 지우지 않을게요. "
        f"필요 없으면 `docker container rm -f {name}` 명령으로 지우거나 이름을 바꾼 뒤 다시 준비해 주세요.",
    )


def network_clash(name: str) -> Clash:
    return Clash(
        "network", name,
        f"'{name}' 네트워크가 이미 있어요. 직접 만든 것이라서 튜터가 지우지 않을게요. "
        f"필요 없으면 연결된 컨테이너를 분리한 뒤 `docker network rm {name}` 명령으로 지우고 다시 준비해 주세요.",
    )


def image_clash(ref: str, why: str) -> Clash:
    return Clash(
        "image", ref,
        f"'{ref}' 이미지 태그가 {why}. 직접 만든 것이라서 튜터가 건드리지 않을게요. "
        f"필요 없으면 `docker image rm {ref}` 명령으로 지우고 다시 준비해 주세요.",
    )


def port_clash_container(port: int, holder: str) -> Clash:
    return Clash(
        "port", str(port),
        f"호스트의 {port} 포트를 '{holder}' 컨테이너가 이미 쓰고 있어요. 튜터가 만든 컨테이너가 아니라서 "
        f"그대로 둘게요. `docker container stop {holder}` 명령(또는 `rm -f`)으로 비운 뒤 다시 준비해 주세요.",
    )


def port_clash_process(port: int) -> Clash:
    return Clash(
        "port", str(port),
        f"호스트의 {port} 포트를 컨테이너가 아닌 다른 프로그램이 쓰고 있어요. 그 프로그램을 끄거나 "
        f"`ss -ltnp | grep :{port}` 명령으로 무엇인지 확인한 뒤 다시 준비해 주세요.",
    )


def host_port_free(port: int) -> bool:
    """Try binding 0.0.0.0:port for an instant: the only honest test for 'another process'."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("0.0.0.0", port))
        except OSError as exc:
            return exc.errno not in (errno.EADDRINUSE, errno.EACCES)
    return True


def port_holders(view: StateView, port: int) -> list[ContainerInfo]:
    """Containers (any state) that publish `port` on the host, from the Engine's own filter."""
    return view.containers({"publish": [str(port)]})


# --- everything prepare checks before it changes anything ------------------------------------


def needed_ports(step: Step, prep: Preparation) -> set[int]:
    """Host ports the prepared containers publish, plus the ones the check expects (e.g. 8080)."""
    ports: set[int] = set()
    for spec in prep.containers:
        ports.update(int(p) for p in (spec.get("ports") or {}).values())
    if step.check is not None and step.check.kind == "container":
        for value in (step.check.params.get("ports") or {}).values():
            if str(value).isdigit():
                ports.add(int(value))
    return ports


def find_clashes(step: Step, prep: Preparation, view: StateView, owner: Owner) -> list[Clash]:
    for spec in prep.containers:
        _valid_container_name(spec.get("name"))
    for spec in prep.files:
        path = spec["path"]
        if not _inside_workdir(path, directory=bool(spec.get("directory")) or path.endswith("/")):
            raise BadInput(f"레슨의 준비 파일 경로가 연습 폴더 안의 파일을 가리키지 않아요: {path}",
                           hint="레슨 파일의 [[files]] path는 {workdir}/... 이어야 해요.", code="lesson.invalid")
    clashes: list[Clash] = []
    names = [c["name"] for c in prep.containers if c.get("name")] + list(prep.absent_containers)
    for name in dict.fromkeys(names):
        info = container_named(view, name)
        if info is not None and not owner.container(info):
            clashes.append(container_clash(name, info))
    for name in dict.fromkeys([n["name"] for n in prep.networks] + list(prep.absent_networks)):
        net = network_named(view, name)
        if net is None or owner.network(net):
            continue
        if name in prep.absent_networks or not _same_driver(net.driver, name, prep):
            clashes.append(network_clash(name))
    for spec in prep.images:
        ref = normalize_ref(spec["tag"])
        have, src = image_tagged(view, ref), view.image(spec.get("source", "nginx"))
        if have is not None and (src is None or have.id != src.id) and not owner.tag(ref, have):
            clashes.append(image_clash(ref, "이미 다른 이미지를 가리키고 있어요"))
    for ref in prep.absent_images:
        have = image_tagged(view, ref)
        if have is not None and not owner.tag(ref, have):
            clashes.append(image_clash(normalize_ref(ref), "있어요"))
    for port in sorted(needed_ports(step, prep)):
        holders = port_holders(view, port)
        theirs = [h for h in holders if not owner.container(h)]
        if theirs:
            clashes.append(port_clash_container(port, theirs[0].name))
        elif not holders and not host_port_free(port):
            clashes.append(port_clash_process(port))
    return clashes


# The Engine's rule for container names (daemon/names): a bad one is the lesson's error.
_NAME = re.compile(r"^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")


def _valid_container_name(name: Any) -> None:
    if name is None:
        return
    if not isinstance(name, str) or not _NAME.match(name):
        raise BadInput(f"레슨의 준비에 쓴 컨테이너 이름({name!r})은 Docker가 받지 않는 이름이에요.",
                       hint="이름은 영문자나 숫자로 시작하고 영문자, 숫자, `_`, `.`, `-`만 쓸 수 있어요 (2글자 이상).",
                       code="lesson.invalid")


def _same_driver(driver: str, name: str, prep: Preparation) -> bool:
    want = next((n.get("driver", "bridge") for n in prep.networks if n["name"] == name), "bridge")
    return driver == want


def _inside_workdir(path: str, directory: bool = False) -> bool:
    """Inside the practice folder; the folder itself only as a directory, never a file to write."""
    from tutor.paths import practice_dir

    root = practice_dir().resolve()
    target = Path(path).expanduser().resolve()
    return root in target.parents or (directory and target == root)
