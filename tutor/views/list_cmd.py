"""Text view of `docker-tutor list`: one block per lesson, one row per step."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

# Korean name of each step kind, as the learner sees it.
KIND_LABEL = {"task": "실습", "answer": "답 쓰기", "quiz": "퀴즈"}


def render(result, console) -> None:
    if not result.lessons:
        console.print(Text("아직 레슨이 없어요."), style="tutor.warn")
        if result.origin:
            console.print(Text(f"레슨 폴더: {result.origin}"), style="tutor.dim")
        return
    for n, lesson in enumerate(result.lessons):
        if n:
            console.print()
        head = Text()
        head.append(lesson.id, style="tutor.cmd")
        head.append("  ")
        head.append(lesson.title, style="tutor.title")
        console.print(head)
        # A grid measures cell widths, so Hangul (two cells per character) lines up.
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")  # wrap long titles, never cut them with "…"
        for step in lesson.steps:
            grid.add_row(
                Text("  " + step.id, style="tutor.cmd"),
                Text(KIND_LABEL.get(step.kind, step.kind), style="tutor.dim"),
                Text(step.title),
            )
        console.print(grid)
    total = sum(len(l.steps) for l in result.lessons)
    console.print()
    console.print(
        Text(
            f"레슨 {len(result.lessons)}개, 단계 {total}개예요. "
            "`docker-tutor check 단계id`로 확인하거나, 인자 없이 `docker-tutor`로 차근차근 배워요."
        ),
        style="tutor.dim",
    )
