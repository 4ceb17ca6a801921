"""Text view of `docker-tutor progress`: one row per lesson, a bar, and where to continue."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from tutor.ui.safe_text import safe


def _bar(passed: int, total: int, width: int = 10) -> Text:
    if total == 0:
        return Text("-" * width, style="tutor.dim")
    filled = round(width * passed / total)
    return Text("█" * filled, style="tutor.ok") + Text("░" * (width - filled), style="tutor.dim")


def render(result, console) -> None:
    for line in result.notices:  # a recovered or unsavable progress file, in Korean
        console.print(Text(safe(line), style="tutor.warn"))
    table = Table(title="학습 진행 상황", title_justify="left", expand=False, show_edge=False)
    table.add_column("레슨", no_wrap=True)
    table.add_column("제목", overflow="fold")
    table.add_column("진행", no_wrap=True)
    table.add_column("", no_wrap=True)
    for row in result.lessons:
        mark = Text("✓", style="tutor.ok") if row.done else Text("")
        table.add_row(Text(safe(row.lesson_id)), Text(safe(row.title)),
                      _bar(row.passed, row.total) + Text(f" {row.passed}/{row.total}"), mark)
    console.print(table)
    total = sum(r.total for r in result.lessons)
    done = sum(r.passed for r in result.lessons)
    console.print(Text(f"모두 {total}단계 중 {done}단계를 통과했어요."))
    if result.current:
        console.print(Text("이어서 할 단계: ") + Text(safe(result.current), style="tutor.cmd")
                      + Text("  (`docker-tutor`를 실행하고 '이어서 하기'를 고르세요)"))
    console.print(Text(f"기록 파일: {safe(result.file)}", style="tutor.dim"))
