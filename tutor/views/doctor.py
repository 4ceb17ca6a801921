"""Text view of `docker-tutor doctor`: connection first, then the practice environment."""

from __future__ import annotations

from rich.text import Text

SOURCES = {"env": "DOCKER_HOST 환경 변수", "context": "Docker 컨텍스트", "default": "기본 소켓"}
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
    how = SOURCES.get(result.source, result.source)
    return f"{how} '{result.context}'" if result.source == "context" and result.context else how


def render(result, console) -> None:
    console.print(Text("Docker 연결", style="tutor.title"))
    _row(console, "주소", result.endpoint or "(알 수 없어요)")
    _row(console, "연결 방법", _source(result))
    if not result.ok:
        error = result.error or {}
        console.print(Text(error.get("message", "Docker 데몬에 연결할 수 없어요."), style="tutor.fail"))
        if error.get("hint"):
            console.print(Text(error["hint"], style="tutor.hint"))
        return
    _row(console, "엔진", f"{result.server_version} (API {result.api_version})", "tutor.ok")
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

    if result.todo:
        console.print(Text("할 일", style="tutor.title"))
        for item in result.todo:
            console.print(Text(f"  - {item.message}", style="tutor.warn"))
            console.print(Text(f"    {item.hint}", style="tutor.hint"))
    else:
        console.print(Text("모두 준비됐어요. `docker-tutor`를 실행해서 학습을 시작해 보세요.", style="tutor.ok"))
