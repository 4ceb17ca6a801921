"""Final screen of a quiz: score, per-lesson breakdown, and a review of the wrong answers."""

from __future__ import annotations

from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tutor.ui.safe_text import safe_text


def render(result, console) -> None:
    from tutor.quizzing import breakdown

    total = len(result.outcomes)
    style = "tutor.ok" if total and result.score == total else "tutor.warn"
    console.print(Text(f"\n점수: {result.score} / {total}", style=style))
    if result.quit_early:
        console.print(Text("답하지 않은 문제가 있어서, 답한 문제만 채점했어요.", style="tutor.dim"))
    table = Table(title="레슨별 결과")
    table.add_column("레슨", no_wrap=True)
    table.add_column("맞힘", justify="right")
    table.add_column("문제 수", justify="right")
    for lesson, row in breakdown(result.outcomes).items():
        table.add_row(Text(lesson), str(row["correct"]), str(row["total"]))
    console.print(table)
    wrong = [o for o in result.outcomes if not o.correct]
    if wrong:
        console.print(Text("다시 볼 문제", style="tutor.title"))
        for o in wrong:
            bullet = Table.grid(padding=(0, 1))
            bullet.add_column(no_wrap=True)
            bullet.add_column(overflow="fold")
            bullet.add_row(Text("•", style="tutor.fail"), safe_text(f"{o.question}: 내 답 '{o.given}'", "tutor.fail"))
            console.print(bullet)
            # Padding keeps wrapped lines indented under their bullet.
            if o.right_answer:
                console.print(Padding(Text(f"정답: {o.right_answer}", style="tutor.expected"), (0, 0, 0, 2), expand=False))
            if o.explanation:
                console.print(Padding(safe_text(o.explanation), (0, 0, 0, 2), expand=False))
