"""Who owns a resource, and what would stop `prepare` from making a step's state.

The tutor only ever changes what it made itself: resources carrying its label. Everything else
on the learner's daemon (a container they named `webserver`, a process on port 8080) is theirs:
prepare refuses and names it in Korean instead of overwriting it. These helpers only READ.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.errors import BadInput
from tutor.labels import LESSON, MANAGED, STEP, is_managed, is_stand_in
from tutor.model import Preparation, Step
from tutor.refs import normalize_ref


def labels_for(step_id: str) -> dict[str, str]:
    return {MANAGED: "true", STEP: step_id, LESSON: step_id.rsplit("/", 1)[0]}


def container_labels(attrs: Mapping[str, Any]) -> Mapping[str, str]:
    return (attrs.get("Config") or {}).get("Labels") or attrs.get("Labels") or {}


def image_labels(attrs: Mapping[str, Any]) -> Mapping[str, str]:
    return (attrs.get("Config") or {}).get("Labels") or {}


@dataclass(frozen=True)
class Clash:
    """One thing that belongs to the learner and stands in the way. `message` is Korean."""

    kind: str  # container | network | image | port
    name: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "name": self.name, "message": self.message}


def container_clash(name: str, attrs: Mapping[str, Any]) -> Clash:
    state = (attrs.get("State") or {}).get("Status", "?")
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


def port_holders(api, port: int) -> list[dict]:
    """Containers (any state) that publish `port` on the host, from the Engine's own filter."""
    return api.containers(all=True, filters={"publish": str(port)})


def find_container(api, name: str) -> dict | None:
    """inspect() by exact name (the name filter is a substring match, so check it)."""
    import docker.errors

    try:
        attrs = api.inspect_container(name)
    except docker.errors.NotFound:
        return None
    return attrs if attrs.get("Name", "").lstrip("/") == name else None


def find_network(api, name: str) -> dict | None:
    for net in api.networks(names=[name]):
        if net.get("Name") == name:
            return api.inspect_network(net["Id"])
    return None


def find_image(api, ref: str) -> dict | None:
    import docker.errors

    try:
        return api.inspect_image(ref)
    except docker.errors.NotFound:
        return None
    except docker.errors.APIError as exc:  # "invalid reference format": no such image either
        if exc.status_code in (400, 404):
            return None
        raise


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


def find_clashes(step: Step, prep: Preparation, api) -> list[Clash]:
    clashes: list[Clash] = []
    names = [c["name"] for c in prep.containers if c.get("name")] + list(prep.absent_containers)
    for name in dict.fromkeys(names):
        attrs = find_container(api, name)
        if attrs is not None and not is_managed(container_labels(attrs)):
            clashes.append(container_clash(name, attrs))
    for name in dict.fromkeys([n["name"] for n in prep.networks] + list(prep.absent_networks)):
        net = find_network(api, name)
        if net is None:
            continue
        if not is_managed(net.get("Labels")) and (name in prep.absent_networks or not _same_driver(net, name, prep)):
            clashes.append(network_clash(name))
    for spec in prep.images:
        ref = normalize_ref(spec["tag"])
        have, src = find_image(api, ref), find_image(api, spec.get("source", "nginx"))
        if have is not None and (src is None or have["Id"] != src["Id"]) and not _ours(have):
            clashes.append(image_clash(ref, "이미 다른 이미지를 가리키고 있어요"))
    for ref in prep.absent_images:
        have = find_image(api, ref)
        if have is not None and not _ours(have):
            clashes.append(image_clash(ref, "있어요"))
    for port in sorted(needed_ports(step, prep)):
        holders = [h for h in port_holders(api, port) if not is_managed(h.get("Labels"))]
        if holders:
            clashes.append(port_clash_container(port, holders[0]["Names"][0].lstrip("/")))
        elif not port_holders(api, port) and not host_port_free(port):
            clashes.append(port_clash_process(port))
    for path in [f["path"] for f in prep.files]:
        if not _inside_workdir(path):
            raise BadInput(f"레슨의 준비 파일 경로가 연습 폴더 밖을 가리켜요: {path}",
                           hint="레슨 파일의 [[files]] path는 {workdir}/... 이어야 해요.")
    return clashes


def _same_driver(net: Mapping[str, Any], name: str, prep: Preparation) -> bool:
    want = next((n.get("driver", "bridge") for n in prep.networks if n["name"] == name), "bridge")
    return net.get("Driver") == want


def _ours(image_attrs: Mapping[str, Any]) -> bool:
    # A tag on a tutor-made or lab stand-in image only names tutor content: untagging it is safe.
    labels = image_labels(image_attrs)
    return is_managed(labels) or is_stand_in(labels)


def _inside_workdir(path: str) -> bool:
    from tutor.paths import practice_dir

    root = practice_dir().resolve()
    target = Path(path).expanduser().resolve()
    return target == root or root in target.parents
