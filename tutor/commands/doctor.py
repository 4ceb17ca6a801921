"""`docker-tutor doctor [--json]`: how we reach Docker, what the daemon is, what the lab has.

Never raises for an unreachable daemon: the result itself says so (ok false, exit 3) together
with the endpoint and how it was chosen, because that is exactly what a person debugging
"cannot connect" needs to see. Missing lab parts are listed with the command that fixes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text

from tutor.commands import doctor_checks as extra
from tutor.commands.doctor_checks import Todo
from tutor.errors import DaemonUnreachable
from tutor.exitcodes import ExitCode


@dataclass(frozen=True)
class DoctorResult:
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

    def render(self, console) -> None:
        render_text(self, console)

    @property
    def exit_code(self) -> int:
        return ExitCode.OK if self.ok else ExitCode.NO_DAEMON

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
                            error=exc.to_dict(), todo=tuple(extra.config_todo()))
    try:
        conn = connect(timeout=10.0)
    except DaemonUnreachable as exc:
        return DoctorResult(ok=False, endpoint=endpoint.url, source=endpoint.source, context=endpoint.context,
                            error=exc.to_dict(), registry=_registry_info(), mirror=_mirror_info(None),
                            pinned_api=pinned_version(), sockets=extra.sockets(endpoint), todo=tuple(extra.config_todo()),
                            discovered=endpoint.product)
    try:
        return _inspect(conn)
    finally:
        conn.close()


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
    product, limits = extra.engine(version)
    todo = extra.config_todo() + extra.pinned_todo(conn) + _todo(states, mirror, registry, podman=product == "Podman")
    return DoctorResult(
        ok=True, endpoint=conn.endpoint.url, source=conn.endpoint.source, context=conn.endpoint.context,
        server_version=version.get("Version"), api_version=conn.api_version,
        os=version.get("Os") or info.get("OSType"), arch=version.get("Arch") or info.get("Architecture"),
        operating_system=info.get("OperatingSystem"), storage_driver=info.get("Driver"),
        images=tuple(s.to_dict() for s in states), mirror=mirror, registry=registry, todo=tuple(todo),
        product=product, min_api_version=version.get("MinAPIVersion"), pinned_api=conn.pinned, limits=limits,
        sockets=extra.sockets(conn.endpoint), discovered=conn.endpoint.product)


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


SOURCES = {"env": "DOCKER_HOST 환경 변수", "context": "Docker 컨텍스트", "default": "기본 소켓",
           "discovered": "찾은 소켓"}
KINDS = {"absent": ("없어요", "tutor.fail"), "stand-in": ("있어요 (오프라인 연습용 대체 이미지)", "tutor.ok"),
         "real": ("있어요 (진짜 이미지)", "tutor.ok")}


LABEL_CELLS = 18  # widest label ("스토리지 드라이버") and a space, in terminal cells


def _row(console, label: str, value: str, style: str = "") -> None:
    from rich.padding import Padding
    from rich.table import Table

    # A grid pads by terminal cells (Hangul takes two) and keeps a wrapped value under its column.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=LABEL_CELLS, no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(label), Text(value, style=style))
    console.print(Padding(grid, (0, 0, 0, 2), expand=False))


def _source(result) -> str:
    if result.source == "discovered" and result.discovered:
        return f"{result.discovered} 소켓 (기본 소켓이 없어서 찾았어요)"
    how = SOURCES.get(result.source, result.source)
    return f"{how} '{result.context}'" if result.source == "context" and result.context else how


def render_text(result, console) -> None:
    console.print(Text("Docker 연결", style="tutor.title"))
    _row(console, "주소", result.endpoint or "(알 수 없어요)")
    _row(console, "연결 방법", _source(result))
    if result.pinned_api:
        _row(console, "API 버전 고정", f"DOCKER_API_VERSION={result.pinned_api}", "tutor.warn")
    _sockets(console, result)
    if not result.ok:
        error = result.error or {}
        console.print(Text(error.get("message", "Docker 데몬에 연결할 수 없어요."), style="tutor.fail"))
        if error.get("hint"):
            console.print(Text(error["hint"], style="tutor.hint"))
        _todo_text(console, result)
        return
    product = f"{result.product} " if result.product else ""
    _row(console, "엔진", f"{product}{result.server_version} (API {result.api_version})", "tutor.ok")
    if result.limits:
        from rich.padding import Padding

        console.print(Text(f"{result.product}에서 다르게 동작하는 것", style="tutor.title"))
        for item in result.limits:  # wrapped lines stay under the item, not at column 0
            console.print(Padding(Text(f"- {item}", style="tutor.warn"), (0, 0, 0, 2)))
    _row(console, "OS/아키텍처", f"{result.os}/{result.arch} · {result.operating_system or '-'}")
    _row(console, "스토리지 드라이버", result.storage_driver or "-")

    console.print(Text("연습 환경", style="tutor.title"))
    for image in result.images:
        text, style = KINDS.get(image["kind"], (image["kind"], ""))
        _row(console, image["ref"], text, style)
    mirror = result.mirror
    if mirror.get("running"):
        repos = ", ".join(mirror.get("repositories") or []) or "비어 있어요"
        _row(console, "미러", f"http://{mirror['address']} 켜져 있어요 ({repos})", "tutor.ok")
    else:
        _row(console, "미러", f"http://{mirror.get('address')} 꺼져 있어요", "tutor.warn")
    configured = "데몬에 설정되어 있어요" if mirror.get("configured") else "데몬에 설정되어 있지 않아요"
    _row(console, "", configured, "tutor.ok" if mirror.get("configured") else "tutor.warn")
    reg = result.registry
    state = ("켜져 있어요", "tutor.ok") if reg.get("running") else ("꺼져 있어요", "tutor.warn")
    _row(console, "레지스트리", f"{reg.get('address')} {state[0]} (사용자 {reg.get('user')})", state[1])

    if not _todo_text(console, result):
        console.print(Text("모두 준비됐어요. `docker-tutor`를 실행해서 학습을 시작해 보세요.", style="tutor.ok"))


def _todo_text(console, result) -> bool:
    if not result.todo:
        return False
    console.print(Text("할 일", style="tutor.title"))
    for item in result.todo:
        console.print(Text(f"  - {item.message}", style="tutor.warn"))
        console.print(Text(f"    {item.hint}", style="tutor.hint"))
    return True


def _sockets(console, result) -> None:
    """Where we looked, when nothing (DOCKER_HOST, a context) said where the daemon is."""
    if not result.sockets or (result.ok and result.source == "default"):
        return
    for place in result.sockets:
        seen = "있어요" if place["found"] else "없어요"
        _row(console, "찾아본 곳" if place is result.sockets[0] else "", f"{place['product']}: {place['path']} ({seen})",
             "tutor.ok" if place["found"] else "")
