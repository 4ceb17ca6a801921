"""A wrong answer that is another real value: say which one it is.

A learner who read the wrong row or field (the Client version instead of the Engine's, centos's
IMAGE ID instead of nginx's, the Gateway instead of the Subnet, the host network's ID, `test1`
in a list it does not appear in) wrote something true, just not the asked thing. The tutor can
see what that value is, so it says so ("적은 값은 클라이언트 버전이에요…"), never the answer.
"""

from __future__ import annotations

import functools
import json
import subprocess
from collections.abc import Mapping
from typing import Any

from tutor.checks.compare import compare, normalize_id


@functools.lru_cache(maxsize=1)
def client_info() -> dict[str, str]:
    """The docker CLI's own Client section (version, API version); {} when it cannot say."""
    try:
        proc = subprocess.run(["docker", "version", "--format", "{{json .Client}}"], capture_output=True,
                              text=True, timeout=10)
        data = json.loads(proc.stdout.strip().splitlines()[0]) if proc.stdout.strip() else {}
    except (OSError, ValueError, IndexError, subprocess.SubprocessError):
        return {}
    return {"version": str(data.get("Version") or ""), "api_version": str(data.get("ApiVersion") or "")}


def _same(kind: str, text: str, value: str) -> bool:
    return bool(value) and compare(kind, text, [value])


def _server(source: str, text: str, view) -> str | None:
    server, client = view.server(), client_info()
    known = [
        ("text", client.get("version", ""), "적은 값은 클라이언트(docker CLI) 버전이에요. `docker version` 출력의 "
         "위쪽 Client 부분이 아니라 아래쪽 Server: Engine 부분의 Version을 읽어요."),
        ("text", client.get("api_version", ""), "적은 값은 클라이언트의 API version이에요. Server 부분의 API version을 읽어요."),
        ("text", server.api_version, "적은 값은 Engine의 API version이에요. 이 단계는 Engine의 Version을 물어요."),
        ("text", server.version.split("+")[0], "적은 값은 Engine의 Version이에요. 이 단계는 API version을 물어요."),
        ("text", server.min_api_version, "적은 값은 최소 API version(minimum version)이에요."),
    ]
    for kind, value, say in known:
        if source == "server.version" and "Engine의 Version이에요" in say:
            continue
        if source == "server.api_version" and "Engine의 API version이에요" in say:
            continue
        if _same(kind, text, value):
            return say
    return None


def _image(params: Mapping[str, Any], text: str, view) -> str | None:
    if len(normalize_id(text)) < 12:
        return None
    for img in view.images():
        if compare("id_prefix", text, [img.id]):
            shown = ", ".join(img.tags[:2]) or "<none>:<none>"
            return f"적은 값은 다른 이미지({shown})의 IMAGE ID예요. {params.get('ref')} 줄의 IMAGE ID를 읽어요."
    for c in view.containers({}, limit=50):
        if compare("id_prefix", text, [c.id]):
            return f"적은 값은 '{c.name}' 컨테이너의 CONTAINER ID예요. 이미지 ID는 `docker image ls`의 IMAGE ID예요."
    return None


def _container(params: Mapping[str, Any], text: str, view) -> str | None:
    if len(normalize_id(text)) < 12:
        return None
    for c in view.containers({}, limit=50):
        if c.name != params.get("name") and compare("id_prefix", text, [c.id]):
            return f"적은 값은 다른 컨테이너('{c.name}')의 ID예요. {params.get('name')} 줄의 CONTAINER ID를 읽어요."
    for img in view.images():
        if compare("id_prefix", text, [img.id]):
            return "적은 값은 이미지의 ID예요. 컨테이너의 ID는 `docker container ls`의 CONTAINER ID예요."
    return None


def _network(source: str, params: Mapping[str, Any], text: str, view) -> str | None:
    if source == "network.ids":
        if len(normalize_id(text)) < 12:
            return None
        for net in view.networks({}):
            if compare("id_prefix", text, [net.id]):
                return (f"적은 값은 '{net.name}' 네트워크(드라이버: {net.driver})의 ID예요. "
                        f"드라이버가 {params.get('driver') or 'bridge'}인 네트워크의 ID를 읽어요.")
        return None
    net = view.network(str(params.get("name")))
    if net is None:
        return None
    if source == "network.subnet" and any(_same("text", text, g) for g in net.gateways):
        return "적은 값은 Gateway예요. Subnet은 `172.18.0.0/16`처럼 끝에 /와 숫자가 붙은 주소 범위예요."
    if source == "network.gateway" and any(_same("text", text, s) for s in net.subnets):
        return "적은 값은 Subnet(주소 범위)이에요. Gateway는 /가 없는 주소 하나예요."
    for other in view.networks({}):
        if other.name != net.name and any(_same("text", text, v) for v in (*other.subnets, *other.gateways)):
            return f"적은 값은 다른 네트워크('{other.name}')의 값이에요. {net.name} 네트워크를 inspect해요."
    return None


def _names(params: Mapping[str, Any], text: str, view) -> str | None:
    c = view.container(text.strip())
    if c is None or c.name != text.strip():
        return None
    filters = ", ".join(f"{k}={','.join(map(str, v)) if isinstance(v, (list, tuple)) else v}"
                        for k, v in dict(params.get("filters") or {}).items())  # as the CLI writes them
    state = f"{c.state}, 종료 코드 {c.exit_code}" if c.state == "exited" else c.state
    return (f"'{c.name}' 컨테이너는 있지만 지금 상태({state})가 필터({filters})에 맞지 않아서 그 목록에 나오지 않아요. "
            "필터를 붙인 명령의 출력을 다시 봐요.")


def identify(source: str, params: Mapping[str, Any], text: str, view) -> str | None:
    """A Korean sentence saying what the learner's (wrong) value actually is, or None."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        if source in ("server.version", "server.api_version"):
            return _server(source, text, view)
        if source == "image.id":
            return _image(params, text, view)
        if source == "container.id":
            return _container(params, text, view)
        if source.startswith("network."):
            return _network(source, params, text, view)
        if source in ("containers.names", "containers.count") and source == "containers.names":
            return _names(params, text, view)
    except Exception:  # noqa: BLE001 - an explanation is extra help, never a reason to fail
        return None
    return None
