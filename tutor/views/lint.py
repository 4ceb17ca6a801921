"""Text view of `docker-tutor lint`: compiler-style `file:line: message` lines, then a summary."""

from __future__ import annotations

from rich.text import Text


def render(result, console) -> None:
    for issue in result.errors:
        console.print(Text(str(issue)), soft_wrap=True)
    if not result.files:
        console.print(Text("검사할 레슨 파일이 없어요."), style="tutor.warn")
        return
    if result.ok:
        console.print(
            Text(f"레슨 파일 {len(result.files)}개(단계 {result.steps}개)를 검사했어요. 문제가 없어요."),
            style="tutor.ok",
        )
    else:
        console.print(
            Text(f"레슨 파일 {len(result.files)}개에서 문제 {len(result.errors)}개를 찾았어요. "
                 "위의 파일:줄 위치를 고쳐 주세요."),
            style="tutor.fail",
        )
