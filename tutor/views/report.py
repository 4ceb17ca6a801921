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
    for row in data["lessons"]:
        console.print(Text(f"  {row['lesson']:<5} {row['title']}  {row['passed']}/{row['total']}"))
    console.print(Text(f"  퀴즈 {data['quiz']['correct']}/{data['quiz']['answered']}"))
    console.print(Text("JSON으로 내보내려면 --json을 붙여 파일로 저장하세요: "
                       "docker-tutor report --name 이름 --json > 이름.json", style="tutor.hint"))
