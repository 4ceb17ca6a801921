"""`docker-tutor lab images | mirror up|down|status | registry up|down|status`: the offline lab.

Returns a LabResult that draws itself (`render`). The daemon is needed only for
building images and seeding the mirror; the registries are plain host processes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from rich.text import Text

from tutor.errors import BadInput, DaemonUnreachable, TutorError
from tutor.exitcodes import ExitCode


@dataclass(frozen=True)
class LabResult:
    action: str  # "images" | "mirror up" | "mirror down" | ... | "registry status"
    images: tuple = ()  # ImageOutcome
    mirror: Any = None  # MirrorStatus
    registry: Any = None  # PracticeRegistry
    stopped: bool | None = None  # for "down": was something running
    notes: tuple[str, ...] = ()
    ok: bool = True

    def render(self, console) -> None:
        render_text(self, console)

    @property
    def exit_code(self) -> int:
        return ExitCode.OK if self.ok else ExitCode.FAILED

    def to_dict(self) -> dict:
        return {
            "action": self.action, "ok": self.ok,
            "images": [i.to_dict() for i in self.images],
            "mirror": None if self.mirror is None else self.mirror.to_dict(),
            "registry": None if self.registry is None else self.registry.to_dict(),
            "stopped": self.stopped, "notes": list(self.notes),
        }


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="lab_command", metavar="대상", title="대상")
    sub.required = True
    images = sub.add_parser("images", help="연습 이미지(nginx, centos 대체 이미지)를 없을 때만 만들어요",
                            description="진짜 이미지가 없을 때만 busybox로 대체 이미지를 만들고, 미러가 켜져 있으면 채워요.")
    images.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")
    mirror = sub.add_parser("mirror", help="오프라인 pull 미러(기본 127.0.0.1:5100)를 켜고 꺼요",
                            description="docker image pull nginx가 인터넷 없이도 되게 해 주는 로컬 미러예요.")
    mirror.add_argument("mirror_action", choices=["up", "down", "status"], metavar="up|down|status")
    mirror.add_argument("--no-seed", action="store_true", help="켜기만 하고 연습 이미지를 채우지 않아요")
    mirror.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")
    registry = sub.add_parser("registry", help="로그인·push 연습용 레지스트리(기본 127.0.0.1:5101)를 켜고 꺼요",
                              description="비밀번호가 걸린 연습용 레지스트리예요. 켜면 사용자 이름과 비밀번호를 알려 줘요.")
    registry.add_argument("registry_action", choices=["up", "down", "status"], metavar="up|down|status")
    registry.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


def run(args) -> LabResult:
    if args.lab_command == "images":
        return _images()
    if args.lab_command == "mirror":
        return _mirror(args.mirror_action, seed=not args.no_seed)
    if args.lab_command == "registry":
        return _registry(args.registry_action)
    raise BadInput("lab 다음에 images, mirror, registry 중 하나를 써요.")


def _images() -> LabResult:
    from tutor.daemon.connect import connect
    from tutor.lab import images, mirror

    conn = connect(timeout=120)
    try:
        outcomes = tuple(images.ensure_images(conn.api))
        notes: list[str] = []
        seeded: tuple[str, ...] = ()
        if mirror.answers():
            seeded = mirror.seed(conn.api)
        else:
            notes.append("미러가 꺼져 있어서 채우지 않았어요. `docker-tutor lab mirror up`으로 켜면 채워져요.")
        busy = [o.ref for o in outcomes if o.action == "skipped_busy"]
        if busy:
            notes.append(f"셀프 테스트가 이미지를 쓰는 중이라 이 이미지({', '.join(busy)})는 나중에 다시 만들어요.")
        status = mirror.status()
        status = replace(status, seeded=seeded)
        return LabResult("images", images=outcomes, mirror=status, notes=tuple(notes), ok=not busy)
    finally:
        conn.close()


def _mirror(action: str, seed: bool) -> LabResult:
    from tutor.lab import mirror

    if action == "status":
        status = mirror.status()
        return LabResult("mirror status", mirror=status, ok=status.running)
    if action == "down":
        return LabResult("mirror down", stopped=mirror.down())
    status = mirror.up()
    notes: list[str] = []
    if seed:
        try:
            from tutor.daemon.connect import connect

            conn = connect(timeout=120)
        except DaemonUnreachable as exc:
            notes.append(f"Docker 데몬에 연결할 수 없어서 미러를 채우지 못했어요: {exc.message}")
        else:
            try:
                seeded = mirror.seed(conn.api)
                if not mirror.configured_in(conn.api.info()):
                    notes.append(f"Docker 데몬이 이 미러를 쓰도록 설정되어 있지 않아요. /etc/docker/daemon.json에 "
                                 f"`\"registry-mirrors\": [\"http://{mirror.address()}\"]` 설정을 넣고 데몬을 다시 시작해야 "
                                 "인터넷 없이 `docker image pull nginx`가 돼요.")
            except TutorError as exc:
                notes.append(exc.message)
                seeded = ()
            finally:
                conn.close()
            status = replace(status, seeded=seeded, repositories=mirror.catalog())
            if not seeded:
                notes.append("채울 연습 이미지가 없어요. `docker-tutor lab images`를 먼저 해요.")
    return LabResult("mirror up", mirror=status, notes=tuple(notes))


def _registry(action: str) -> LabResult:
    from tutor.lab import registry

    if action == "status":
        status = registry.status()
        return LabResult("registry status", registry=status, ok=status.running)
    if action == "down":
        return LabResult("registry down", stopped=registry.down())
    return LabResult("registry up", registry=registry.up())


ACTIONS = {
    "built": ("새로 만들었어요", "tutor.ok"),
    "rebuilt": ("새 레시피로 다시 만들었어요", "tutor.ok"),
    "kept": ("이미 있어요 (연습용 대체 이미지)", "tutor.dim"),
    "kept_real": ("진짜 이미지가 있어서 그대로 뒀어요", "tutor.dim"),
    "skipped_busy": ("셀프 테스트 중이라 건너뛰었어요", "tutor.warn"),
}


def render_text(result, console) -> None:
    for outcome in result.images:
        text, style = ACTIONS.get(outcome.action, (outcome.action, "tutor.dim"))
        line = Text("  ")
        line.append(outcome.ref, style="tutor.title")
        line.append(f": {text}", style=style)
        console.print(line)
    if result.mirror is not None:
        _render_mirror(result.mirror, console, verbose=result.action.startswith("mirror"))
    if result.registry is not None:
        _render_registry(result.registry, console)
    if result.stopped is not None:
        what = "미러" if result.action.startswith("mirror") else "연습용 레지스트리"
        console.print(Text(f"{what}를 껐어요." if result.stopped else f"{what}는 이미 꺼져 있어요.", style="tutor.ok"))
    for note in result.notes:
        console.print(Text(note, style="tutor.warn"))


def _render_mirror(status, console, verbose: bool) -> None:
    if status.running:
        head = "미러를 켰어요" if status.started_now else "미러가 켜져 있어요"
        console.print(Text(f"{head}: http://{status.address}", style="tutor.ok"))
    else:
        console.print(Text(f"미러가 꺼져 있어요 ({status.address}). `docker-tutor lab mirror up`으로 켜요.",
                           style="tutor.warn"))
    if status.seeded:
        console.print(Text(f"  미러에 채웠어요: {', '.join(status.seeded)}"))
    if verbose and status.running:
        repos = ", ".join(status.repositories) or "(비어 있어요)"
        console.print(Text(f"  들어 있는 저장소: {repos}", style="tutor.dim"))
        console.print(Text(f"  dockerd가 `--registry-mirror http://{status.address}` 옵션으로 켜져 있으면 "
                           "`docker image pull nginx`가 인터넷 없이도 돼요.", style="tutor.hint"))
    for note in status.notes:
        console.print(Text(note, style="tutor.warn"))


def _render_registry(reg, console) -> None:
    if reg.running:
        head = "연습용 레지스트리를 켰어요" if reg.started_now else "연습용 레지스트리가 켜져 있어요"
        console.print(Text(f"{head}: {reg.address}", style="tutor.ok"))
    else:
        console.print(Text(f"연습용 레지스트리가 꺼져 있어요 ({reg.address}). `docker-tutor lab registry up`으로 켜요.",
                           style="tutor.warn"))
    console.print(Text(f"  사용자 이름: {reg.user}"))
    console.print(Text(f"  비밀번호:   {reg.password}"))
    console.print(Text(f"  로그인 연습: docker login {reg.address}", style="tutor.hint"))
