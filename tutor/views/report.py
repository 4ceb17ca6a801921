"""Text views of `report`: my summary, or the class table (learners × lessons)."""

from __future__ import annotations

import sys

from rich.table import Table
from rich.text import Text

from tutor.ui.safe_text import safe_text


def render(result, console) -> None:
    if hasattr(result, "table"):
        if result.format == "csv":
            sys.stdout.write(result.csv_text())
            return
        table = Table(title="반 전체 진행 상황")
        table.add_column("이름", no_wrap=True)
        for lesson in result.table.lessons:
            table.add_column(lesson, justify="right", no_wrap=True)
        table.add_column("퀴즈", justify="right", no_wrap=True)
        for name, cells, quiz in result.table.learners:
            table.add_row(safe_text(name, single_line=True), *(Text(cells.get(lesson, "0/0")) for lesson in result.table.lessons), Text(quiz))
        console.print(table)
        return
    data = result.data
    console.print(Text(f"{data['name']}의 학습 기록 ({data['generated_at']})", style="tutor.title"))
    # A grid measures terminal cells, so the counts line up after Korean titles of any width.
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_column(justify="right", no_wrap=True)
    for row in data["lessons"]:
        grid.add_row(safe_text(f"  {row['lesson']}", single_line=True), safe_text(row["title"], single_line=True),
                     Text(f"{row['passed']}/{row['total']}"))
    grid.add_row(Text("  퀴즈"), Text("맞힌 문제 / 푼 문제", style="tutor.dim"),
                 Text(f"{data['quiz']['correct']}/{data['quiz']['answered']}"))
    console.print(grid)
    console.print(Text("강사에게 낼 파일은 --json을 붙여 저장하세요:\n"
                       "  docker-tutor report --name 이름 --json > 이름.json", style="tutor.hint"))
