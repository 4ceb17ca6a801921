"""`docker-tutor report`: export my progress (`--name`), or merge learners' files (`--merge`)."""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass, field
from typing import Any

from rich.table import Table
from rich.text import Text

from tutor.errors import BadInput
from tutor.exitcodes import ExitCode
from tutor.ui.safe_text import safe_text


def add_arguments(parser) -> None:
    parser.add_argument("--name", help="보고서에 적을 내 이름")
    parser.add_argument("--merge", nargs="+", metavar="FILE", help="학생들의 보고서(JSON)를 합쳐 반 전체 표를 만들어요")
    parser.add_argument("--format", choices=("text", "csv"), default="text", help="--merge 출력 형식")
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


@dataclass(frozen=True)
class ExportResult:
    data: dict = field(default_factory=dict)
    exit_code: int = ExitCode.OK

    def render(self, console) -> None:
        render_text(self, console)

    def to_dict(self) -> dict[str, Any]:
        return self.data


@dataclass(frozen=True)
class ClassResult:
    table: Any = None
    format: str = "text"
    exit_code: int = ExitCode.OK

    def render(self, console) -> None:
        render_text(self, console)

    def to_dict(self) -> dict[str, Any]:
        return {"lessons": list(self.table.lessons),
                "learners": [{"name": n, "lessons": cells, "quiz": quiz} for n, cells, quiz in self.table.learners]}

    def csv_text(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["name", *self.table.lessons, "quiz"])
        for name, cells, quiz in self.table.learners:
            writer.writerow([name, *(cells.get(lesson, "0/0") for lesson in self.table.lessons), quiz])
        return out.getvalue()


def run(args):
    from tutor import classreport

    if args.merge:
        return ClassResult(classreport.merge(classreport.load_reports(args.merge)), args.format)
    if not args.name:
        raise BadInput("--name 이름 또는 --merge 파일… 중 하나가 필요해요.",
                       hint="예: docker-tutor report --name 김하늘 --json > kim.json")
    from tutor import progress
    from tutor.lessonfile.catalog import load_course

    course = load_course(getattr(args, "file", None))
    return ExportResult(classreport.export(args.name, course, progress.load()))


def render_text(result, console) -> None:
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
