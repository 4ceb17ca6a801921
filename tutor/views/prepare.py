"""Text view of `docker-tutor prepare`."""

from __future__ import annotations

from rich.text import Text


def render(result, console) -> None:
    head = Text("✓ ", style="tutor.ok")
    head.append(Text(result.step, style="tutor.title"))
    if result.title:
        head.append(Text(f" {result.title}"))
    console.print(head)
    if result.nothing_to_do:
        console.print(Text("이 단계는 따로 준비할 상태가 없어요. 바로 시작하면 돼요."))
        return
    for line in result.done:
        console.print(Text(f"  • {line}"))
    console.print(Text("준비됐어요. 튜터가 만든 자원에는 org.docker-tutor 라벨이 붙어 있어요. "
                       "정리할 때는 `docker-tutor reset`을 써요.", style="tutor.dim"))
