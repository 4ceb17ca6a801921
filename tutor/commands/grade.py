"""`docker-tutor grade`: check every step at once, non-interactively, for instructors and CI.

Exit 1 if any step failed (or the tutor itself failed on one); not-attempted quizzes/answers
are reported, not failed. `--output` writes the chosen format to a file as well.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from tutor.exitcodes import ExitCode
from tutor.ui.safe_text import safe_text
from tutor.ui.widgets import kind_label

FORMATS = ("text", "json", "junit", "csv")


def add_arguments(parser) -> None:
    parser.add_argument("--lesson", action="append", metavar="ID", help="이 레슨만 채점해요 (여러 번 쓸 수 있어요)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="출력 형식 (기본: text)")
    parser.add_argument("--output", metavar="PATH", help="결과를 이 파일에도 써요")
    parser.add_argument("--json", action="store_true", help="--format json과 같아요")


@dataclass(frozen=True)
class GradeResult:
    rows: tuple
    format: str = "text"
    output: str | None = None
    origin: str = ""
    values: dict = field(default_factory=dict)  # lesson id -> this learner's exercise values

    def render(self, console) -> None:
        render_text(self, console)

    @property
    def exit_code(self) -> int:
        from tutor.grading import FAILED, INTERNAL

        return ExitCode.FAILED if any(r.status in (FAILED, INTERNAL) for r in self.rows) else ExitCode.OK

    def to_dict(self) -> dict[str, Any]:
        from tutor.grading import summarize

        return {"results": [r.to_dict() for r in self.rows], "summary": summarize(self.rows),
                **({"output": self.output} if self.output else {}),
                **({"values": self.values} if self.values else {})}

    def serialized(self) -> str:
        from tutor import grade_formats

        if self.format == "junit":
            return grade_formats.to_junit(self.rows)
        if self.format == "csv":
            return grade_formats.to_csv(self.rows)
        return grade_formats.to_json(self.rows)


def run(args) -> GradeResult:
    from tutor import progress
    from tutor.daemon.view import open_view
    from tutor.grading import grade_steps
    from tutor.lessonfile.catalog import load_course

    course = load_course(getattr(args, "file", None))
    lessons = [course.lesson(i) for i in args.lesson] if args.lesson else list(course.lessons)
    steps = [s for lesson in lessons for s in lesson.steps]
    from tutor.daemon.rounds import one_round

    # One round: the whole grade shares one listing of the daemon.
    view = one_round(open_view()) if any(s.kind != "quiz" for s in steps) else None
    fmt = "json" if args.json else args.format
    from tutor.lessonfile.variables import stored

    values = {lesson.id: stored(lesson.id) for lesson in lessons if lesson.variables}
    live = [lesson.id for lesson in lessons if lesson.grade == "live"]
    result = GradeResult(rows=grade_steps(steps, view, progress.load(), getattr(args, "file", None), live), format=fmt,
                         output=args.output, origin=course.origin, values=values)
    if args.output:
        text = result.serialized() if fmt != "text" else _plain_table(result)
        Path(args.output).write_text(text, encoding="utf-8")
    return result


def _plain_table(result: GradeResult) -> str:

    return render_table_text(result)


STATUS_KO = {
    "passed": ("통과", "tutor.ok"),
    "failed": ("실패", "tutor.fail"),
    "not_attempted": ("안 함", "tutor.warn"),
    "internal_error": ("튜터 오류", "tutor.fail"),
}


# How a verdict was reached: checked on the daemon now, or the pass recorded at the time.
VERIFIED_KO = {"live": "지금 확인", "recorded": "기록"}


def _table(result) -> Table:
    table = Table(title="채점 결과", show_lines=False, expand=False)
    table.add_column("단계", no_wrap=True)
    table.add_column("종류", no_wrap=True)
    table.add_column("결과", no_wrap=True)
    table.add_column("확인", no_wrap=True)
    table.add_column("피드백", overflow="fold")
    for row in result.rows:
        label, style = STATUS_KO[row.status]
        table.add_row(safe_text(row.step), Text(kind_label(row.kind)), Text(label, style=style),
                      Text(VERIFIED_KO.get(row.verified, "")), safe_text(row.message))
    return table


def _score(result) -> Text:
    from tutor.grading import summarize

    c = summarize(result.rows)
    line = f"통과 {c['passed']} / 전체 {c['total']}  (실패 {c['failed']}, 안 함 {c['not_attempted']}"
    line += f", 튜터 오류 {c['internal_error']})" if c["internal_error"] else ")"
    return Text(line, style="tutor.ok" if result.exit_code == 0 else "tutor.fail")


def render_text(result, console) -> None:
    if result.format != "text":
        sys.stdout.write(result.serialized())
        sys.stdout.flush()
        return
    console.print(_table(result))
    console.print(_score(result))
    for lesson_id, values in result.values.items():
        shown = ", ".join(f"{k}={v}" for k, v in values.items())
        console.print(safe_text(f"{lesson_id} 연습 값 (학생마다 달라요): {shown}", "tutor.dim"))
    if result.output:
        console.print(Text(f"결과를 {result.output}에도 저장했어요.", style="tutor.dim"))


def render_table_text(result) -> str:
    from tutor.render import make_console

    buf = io.StringIO()
    console = make_console(file=buf, width=100, force_terminal=False)
    console.print(_table(result))
    console.print(_score(result))
    return buf.getvalue()
