"""`docker-tutor grade`: check every step at once, non-interactively, for instructors and CI.

Exit 1 if any step failed (or the tutor itself failed on one); not-attempted quizzes/answers
are reported, not failed. `--output` writes the chosen format to a file as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

FORMATS = ("text", "json", "junit", "csv")


def add_arguments(parser) -> None:
    parser.add_argument("--lesson", action="append", metavar="ID", help="이 레슨만 채점해요 (여러 번 쓸 수 있어요)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="출력 형식 (기본: text)")
    parser.add_argument("--output", metavar="PATH", help="결과를 이 파일에도 써요")
    parser.add_argument("--json", action="store_true", help="--format json과 같아요")


@dataclass(frozen=True)
class GradeResult:
    view: ClassVar[str] = "grade"
    rows: tuple
    format: str = "text"
    output: str | None = None
    origin: str = ""

    @property
    def exit_code(self) -> int:
        from tutor.grading import FAILED, INTERNAL

        return 1 if any(r.status in (FAILED, INTERNAL) for r in self.rows) else 0

    def to_dict(self) -> dict[str, Any]:
        from tutor.grading import summarize

        return {"results": [r.to_dict() for r in self.rows], "summary": summarize(self.rows),
                **({"output": self.output} if self.output else {})}

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
    result = GradeResult(rows=grade_steps(steps, view, progress.load(), getattr(args, "file", None)), format=fmt,
                         output=args.output, origin=course.origin)
    if args.output:
        text = result.serialized() if fmt != "text" else _plain_table(result)
        Path(args.output).write_text(text, encoding="utf-8")
    return result


def _plain_table(result: GradeResult) -> str:
    from tutor.views.grade import render_table_text

    return render_table_text(result)
