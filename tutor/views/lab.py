"""Text view of `docker-tutor lab ...` results (data strings always through rich Text)."""

from __future__ import annotations

from rich.text import Text

ACTIONS = {
    "built": ("새로 만들었어요", "tutor.ok"),
    "rebuilt": ("새 레시피로 다시 만들었어요", "tutor.ok"),
    "kept": ("이미 있어요 (연습용 대체 이미지)", "tutor.dim"),
    "kept_real": ("진짜 이미지가 있어서 그대로 뒀어요", "tutor.dim"),
    "skipped_busy": ("셀프 테스트 중이라 건너뛰었어요", "tutor.warn"),
}


def render(result, console) -> None:
    for outcome in result.images:
        text, style = ACTIONS.get(outcome.action, (outcome.action, "tutor.dim"))
        line = Text("  ")
        line.append(outcome.ref, style="tutor.title")
        line.append(f": {text}", style=style)
        console.print(line)
    if result.mirror is not None:
        _mirror(result.mirror, console, verbose=result.action.startswith("mirror"))
    if result.registry is not None:
        _registry(result.registry, console)
    if result.stopped is not None:
        what = "미러" if result.action.startswith("mirror") else "연습용 레지스트리"
        console.print(Text(f"{what}를 껐어요." if result.stopped else f"{what}는 이미 꺼져 있어요.", style="tutor.ok"))
    for note in result.notes:
        console.print(Text(note, style="tutor.warn"))


def _mirror(status, console, verbose: bool) -> None:
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


def _registry(reg, console) -> None:
    if reg.running:
        head = "연습용 레지스트리를 켰어요" if reg.started_now else "연습용 레지스트리가 켜져 있어요"
        console.print(Text(f"{head}: {reg.address}", style="tutor.ok"))
    else:
        console.print(Text(f"연습용 레지스트리가 꺼져 있어요 ({reg.address}). `docker-tutor lab registry up`으로 켜요.",
                           style="tutor.warn"))
    console.print(Text(f"  사용자 이름: {reg.user}"))
    console.print(Text(f"  비밀번호:   {reg.password}"))
    console.print(Text(f"  로그인 연습: docker login {reg.address}", style="tutor.hint"))
