"""Text view of `grade`: a table (Hangul-aware widths via rich) and a one-line score.

Machine formats (json, junit, csv) are written verbatim to stdout, never through rich markup.
"""

from __future__ import annotations

import io
import sys

from rich.table import Table
from rich.text import Text

from tutor.ui.safe_text import safe_text

STATUS_KO = {
    "passed": ("통과", "tutor.ok"),
    "failed": ("실패", "tutor.fail"),
    "not_attempted": ("안 함", "tutor.warn"),
    "internal_error": ("튜터 오류", "tutor.fail"),
}
# How a verdict was reached: checked on the daemon now, or the pass recorded at the time.
VERIFIED_KO = {"live": "지금 확인", "recorded": "기록"}
# Same Korean names for step kinds as `docker-tutor list`.
KIND_KO = {"task": "실습", "answer": "답 쓰기", "quiz": "퀴즈"}


def _table(result) -> Table:
    table = Table(title="채점 결과", show_lines=False, expand=False)
    table.add_column("단계", no_wrap=True)
    table.add_column("종류", no_wrap=True)
    table.add_column("결과", no_wrap=True)
    table.add_column("확인", no_wrap=True)
    table.add_column("피드백", overflow="fold")
    for row in result.rows:
        label, style = STATUS_KO[row.status]
        table.add_row(safe_text(row.step), Text(KIND_KO.get(row.kind, row.kind)), Text(label, style=style),
                      Text(VERIFIED_KO.get(row.verified, "")), safe_text(row.message))
    return table


def _score(result) -> Text:
    from tutor.grading import summarize

    c = summarize(result.rows)
    line = f"통과 {c['passed']} / 전체 {c['total']}  (실패 {c['failed']}, 안 함 {c['not_attempted']}"
    line += f", 튜터 오류 {c['internal_error']})" if c["internal_error"] else ")"
    return Text(line, style="tutor.ok" if result.exit_code == 0 else "tutor.fail")


def render(result, console) -> None:
    if result.format != "text":
        sys.stdout.write(result.serialized())
        sys.stdout.flush()
        return
    console.print(_table(result))
    console.print(_score(result))
    if result.output:
        console.print(Text(f"결과를 {result.output}에도 저장했어요.", style="tutor.dim"))


def render_table_text(result) -> str:
    from tutor.render import make_console

    buf = io.StringIO()
    console = make_console(file=buf, width=100, force_terminal=False)
    console.print(_table(result))
    console.print(_score(result))
    return buf.getvalue()
