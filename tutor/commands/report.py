"""`docker-tutor report`: export my progress (`--name`), or merge learners' files (`--merge`)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any, ClassVar

from tutor.errors import BadInput


def add_arguments(parser) -> None:
    parser.add_argument("--name", help="보고서에 적을 내 이름")
    parser.add_argument("--merge", nargs="+", metavar="FILE", help="학생들의 보고서(JSON)를 합쳐 반 전체 표를 만들어요")
    parser.add_argument("--format", choices=("text", "csv"), default="text", help="--merge 출력 형식")
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


@dataclass(frozen=True)
class ExportResult:
    view: ClassVar[str] = "report"
    data: dict = field(default_factory=dict)
    exit_code: int = 0

    def to_dict(self) -> dict[str, Any]:
        return self.data


@dataclass(frozen=True)
class ClassResult:
    view: ClassVar[str] = "report"
    table: Any = None
    format: str = "text"
    exit_code: int = 0

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
