"""`docker-tutor doctor [--json]`: how we reach Docker, what the daemon is, what the lab has.

Never raises for an unreachable daemon: the result itself says so (ok false, exit 3) together
with the endpoint and how it was chosen, because that is exactly what a person debugging
"cannot connect" needs to see. Missing lab parts are listed with the command that fixes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from tutor import EXIT_NO_DAEMON
from tutor.errors import DaemonUnreachable


@dataclass(frozen=True)
class Todo:
    code: str
    message: str
    hint: str

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "hint": self.hint}


@dataclass(frozen=True)
class DoctorResult:
    view: ClassVar[str] = "doctor"
    ok: bool  # the daemon answers with a usable API version
    endpoint: str | None
    source: str  # "env" | "context" | "default"
    context: str | None = None
    server_version: str | None = None
    api_version: str | None = None
    os: str | None = None
    arch: str | None = None
    operating_system: str | None = None
    storage_driver: str | None = None
    images: tuple[dict, ...] = ()  # {"name", "ref", "kind": absent|stand-in|real, "id"}
    mirror: dict = field(default_factory=dict)
    registry: dict = field(default_factory=dict)
    todo: tuple[Todo, ...] = ()
    error: dict | None = None  # DaemonUnreachable.to_dict() when ok is false
    product: str | None = None  # "Docker Engine" | "Podman" (its Docker-compatible API)
    min_api_version: str | None = None
    pinned_api: str | None = None  # DOCKER_API_VERSION, when set
    limits: tuple[str, ...] = ()  # what does not work on this engine, in Korean
    sockets: tuple[dict, ...] = ()  # the usual sockets we looked at (no DOCKER_HOST/context)
    discovered: str | None = None  # source "discovered": whose socket it is ("Colima", ...)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else EXIT_NO_DAEMON

    @property
    def lab_ready(self) -> bool:
        return self.ok and not self.todo

    def to_dict(self) -> dict:
        return {
            "ok": self.ok, "lab_ready": self.lab_ready, "endpoint": self.endpoint, "source": self.source,
            "context": self.context, "server_version": self.server_version, "api_version": self.api_version,
            "os": self.os, "arch": self.arch, "operating_system": self.operating_system,
            "storage_driver": self.storage_driver, "images": list(self.images), "mirror": self.mirror,
            "registry": self.registry, "todo": [t.to_dict() for t in self.todo], "error": self.error,
            "lab_dir": _lab_dir(), "product": self.product, "min_api_version": self.min_api_version,
            "pinned_api": self.pinned_api, "limits": list(self.limits), "sockets": list(self.sockets),
            "discovered": self.discovered,
        }


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


def run(args) -> DoctorResult:
    from tutor.daemon.connect import connect, pinned_version, resolve_endpoint

    try:
        endpoint = resolve_endpoint()
    except DaemonUnreachable as exc:
        return DoctorResult(ok=False, endpoint=None, source="context", context=exc.data.get("context"),
                            error=exc.to_dict(), todo=tuple(_config_todo()))
    try:
        conn = connect(timeout=10.0)
    except DaemonUnreachable as exc:
        return DoctorResult(ok=False, endpoint=endpoint.url, source=endpoint.source, context=endpoint.context,
                            error=exc.to_dict(), registry=_registry_info(), mirror=_mirror_info(None),
                            pinned_api=pinned_version(), sockets=_sockets(endpoint), todo=tuple(_config_todo()),
                            discovered=endpoint.product)
    try:
        return _inspect(conn)
    finally:
        conn.close()


def _sockets(endpoint) -> tuple[dict, ...]:
    """What we looked at when nothing said where the daemon is (doctor names every place)."""
    from tutor.daemon import sockets

    if endpoint.source not in ("default", "discovered"):
        return ()
    default = sockets.default_socket()
    return ({"product": "기본 소켓", "path": default, "found": sockets.is_socket(default)},
            *(c.to_dict() for c in sockets.survey()))


def _config_todo() -> list[Todo]:
    from tutor.daemon import cli_config

    problem = cli_config.config_problem()
    if not problem:
        return []
    return [Todo("docker_config.broken", f"docker 설정 파일을 읽을 수 없어요: {problem}. docker 명령도 "
                 "'Error parsing config file'(버전에 따라 'Error loading config file') 경고를 내고, 로그인 정보가 없는 것처럼 동작해요.",
                 "JSON 문법을 고치거나(예: 빠진 `}`), 필요 없으면 그 파일을 지워요. 지우면 저장된 로그인도 없어져요.")]


def _pinned_todo(conn) -> list[Todo]:
    """A pinned version the daemon accepts but older than the course needs (refused ones never
    get here: connect explains them)."""
    from tutor.daemon import diagnose
    from tutor.daemon.connect import MIN_API_VERSION, _version_tuple

    if not conn.pinned or _version_tuple(conn.pinned) >= _version_tuple(MIN_API_VERSION):
        return []
    return [Todo("daemon.api_pinned_old",
                 f"API 버전이 DOCKER_API_VERSION 값({conn.pinned})으로 고정되어 있어요. 이 엔진은 받아 주지만 오래된 "
                 f"버전이라 레슨의 몇몇 명령(네트워크, 필터 등)이 실패하거나 다르게 나와요. "
                 f"튜터는 엔진의 API 버전({conn.api_version})으로 읽어요.", diagnose.UNPIN_HINT)]


def _engine(conn, version: dict) -> tuple[str, tuple[str, ...]]:
    """(product, what does not work there)."""
    from tutor.daemon import compat

    if not compat.is_podman(version):
        return "Docker Engine", ()
    return "Podman", PODMAN_LIMITS


# Checked against Podman 4.3's Docker-compatible API (tests/daemon/test_podman_real.py).
PODMAN_LIMITS = (
    "`docker login`/`push`로 연습용 레지스트리(127.0.0.1:5101, HTTP)에 연결하지 못해요: Podman은 루프백도 "
    "HTTPS로 물어봐요. /etc/containers/registries.conf에 `[[registry]]` location = \"127.0.0.1:5101\", "
    "insecure = true를 넣으면 돼요.",
    "`--registry-mirror`가 없어요: 오프라인 미러는 registries.conf의 `[[registry.mirror]]`로 설정해요.",
    "기본 네트워크 이름이 `podman`이에요 (튜터는 `bridge`로 읽어요). `docker network ls`에는 `bridge`로 나와요.",
    "컨테이너 목록의 `publish`, `expose` 필터와 `dead` 상태를 모르고, `ancestor` 필터는 전체 이름만 알아요: "
    "튜터는 목록을 받아서 직접 걸러요.",
)


def _inspect(conn) -> DoctorResult:
    from tutor.daemon import diagnose
    from tutor.lab import images as lab_images

    try:
        version = dict(conn.server or conn.api.version())
        info = conn.api.info()
        states = [lab_images.image_state(conn.api, name) for name in lab_images.STAND_INS]
    except Exception as exc:  # noqa: BLE001 - the daemon went away between calls
        err = diagnose.explain(exc, conn.endpoint)
        return DoctorResult(ok=False, endpoint=conn.endpoint.url, source=conn.endpoint.source,
                            context=conn.endpoint.context, error=err.to_dict())
    mirror = _mirror_info(info)
    registry = _registry_info()
    product, limits = _engine(conn, version)
    todo = _config_todo() + _pinned_todo(conn) + _todo(states, mirror, registry, podman=product == "Podman")
    return DoctorResult(
        ok=True, endpoint=conn.endpoint.url, source=conn.endpoint.source, context=conn.endpoint.context,
        server_version=version.get("Version"), api_version=conn.api_version,
        os=version.get("Os") or info.get("OSType"), arch=version.get("Arch") or info.get("Architecture"),
        operating_system=info.get("OperatingSystem"), storage_driver=info.get("Driver"),
        images=tuple(s.to_dict() for s in states), mirror=mirror, registry=registry, todo=tuple(todo),
        product=product, min_api_version=version.get("MinAPIVersion"), pinned_api=conn.pinned, limits=limits,
        sockets=_sockets(conn.endpoint), discovered=conn.endpoint.product)


def _lab_dir() -> str:
    from tutor.lab.procs import lab_root

    return str(lab_root())


def _mirror_info(info: dict | None) -> dict:
    from tutor.lab import mirror

    running = mirror.answers()
    return {
        "address": mirror.address(),
        "configured": None if info is None else mirror.configured_in(info),
        "daemon_mirrors": [] if info is None else mirror.daemon_mirrors(info),
        "running": running,
        "repositories": [r for r in mirror.catalog() if r in ("library/nginx", "library/centos")] if running else [],
    }


def _registry_info() -> dict:
    from tutor.lab.registry import practice_registry

    reg = practice_registry()
    return {"address": reg.address, "running": reg.running, "user": reg.user}


def _todo(states, mirror: dict, registry: dict, podman: bool = False) -> list[Todo]:
    todo = []
    missing = [s.ref for s in states if s.kind == "absent"]
    if missing:
        todo.append(Todo("lab.images_missing", f"연습 이미지({', '.join(missing)})가 없어요.",
                         "`docker-tutor lab images`로 만들어요 (인터넷이 되면 `docker image pull`로 받아도 돼요)."))
    if not mirror["running"]:
        todo.append(Todo("lab.mirror_down", f"오프라인 미러({mirror['address']})가 꺼져 있어요.",
                         "`docker-tutor lab mirror up`으로 켜요."))
    elif len(mirror["repositories"]) < 2:
        todo.append(Todo("lab.mirror_empty", "미러에 library/nginx, library/centos가 다 들어 있지 않아요.",
                         "`docker-tutor lab images`를 하면 미러도 채워져요."))
    if not mirror["configured"] and podman:
        todo.append(Todo("lab.mirror_not_configured",
                         f"Podman이 미러(http://{mirror['address']})를 쓰도록 설정되어 있지 않아요.",
                         "/etc/containers/registries.conf에 `[[registry]]` location = \"docker.io\" 아래 "
                         f"`[[registry.mirror]]` location = \"{mirror['address']}\", insecure = true를 넣어요."))
    elif not mirror["configured"]:
        todo.append(Todo("lab.mirror_not_configured",
                         f"Docker 데몬이 미러(http://{mirror['address']})를 쓰도록 설정되어 있지 않아요 "
                         "(인터넷이 없으면 `docker image pull nginx`가 안 돼요).",
                         f"/etc/docker/daemon.json에 `\"registry-mirrors\": [\"http://{mirror['address']}\"]` 설정을 넣고 "
                         "데몬을 다시 시작해요 (인터넷이 되면 그냥 두어도 괜찮아요)."))
    if not registry["running"]:
        todo.append(Todo("lab.registry_down", f"연습용 레지스트리({registry['address']})가 꺼져 있어요.",
                         "`docker-tutor lab registry up`으로 켜요 (login/push 단계에 필요해요)."))
    return todo
