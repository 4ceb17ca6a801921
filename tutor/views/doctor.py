"""Text view of `docker-tutor doctor`: connection first, then the practice environment."""

from __future__ import annotations

from rich.text import Text

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


def render(result, console) -> None:
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
        _todo(console, result)
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

    if not _todo(console, result):
        console.print(Text("모두 준비됐어요. `docker-tutor`를 실행해서 학습을 시작해 보세요.", style="tutor.ok"))


def _todo(console, result) -> bool:
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
