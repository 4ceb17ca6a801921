"""Content lint: every problem of every lesson file, plus course-wide duplicate ids.

`parse_lesson` stops at the first problem; lint reports all it can find (each step is checked
on its own), so an author fixes a file in one round. Used by `docker-tutor lint` and CI.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tutor.lessonfile.catalog import build_course, lesson_files
from tutor.lessonfile.parser import read_lesson, read_text
from tutor.lessonfile.variables import unused_variables
from tutor.model import Lesson, LessonError


@dataclass(frozen=True)
class LintIssue:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"

    @classmethod
    def from_error(cls, exc: LessonError, path: str) -> LintIssue:
        src = exc.source
        return cls(src.path if src else path, src.line if src else 0, exc.message)


@dataclass(frozen=True)
class LintReport:
    files: tuple[str, ...]
    lessons: tuple[Lesson, ...]  # the lessons that parsed without problems
    issues: tuple[LintIssue, ...]

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def step_count(self) -> int:
        return sum(len(les.steps) for les in self.lessons)


def expand(paths: list[str]) -> list[Path]:
    """Files as given; folders become their `*.md` files."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        out.extend(lesson_files(p) if p.is_dir() else [p])
    return out


def lint_files(files: list[Path]) -> LintReport:
    issues: list[LintIssue] = []
    good: list[Lesson] = []
    for p in files:
        try:
            text = read_text(p)
        except LessonError as exc:
            issues.append(LintIssue.from_error(exc, str(p)))
            continue
        try:
            lesson, errors = read_lesson(text, str(p))
        except Exception as exc:  # noqa: BLE001 - a parser bug must not hide the other files
            issues.append(LintIssue(str(p), 0, f"파서 내부 오류예요 (레슨 잘못이 아닐 수 있어요): {type(exc).__name__}: {exc}"))
            continue
        issues.extend(LintIssue.from_error(e, str(p)) for e in errors)
        if lesson is not None and not errors:
            unused = [LintIssue.from_error(e, str(p)) for e in unused_variables(lesson)]
            issues.extend(unused)
            if not unused:
                good.append(lesson)
    # Course-wide: duplicate lesson ids / step ids between the files that parsed.
    remaining = list(good)
    while remaining:
        try:
            build_course(remaining)
            break
        except LessonError as exc:
            issues.append(LintIssue.from_error(exc, ""))
            bad = exc.source.path if exc.source else ""
            remaining = [les for les in remaining if les.path != bad]
    return LintReport(tuple(str(p) for p in files), tuple(good), tuple(issues))


def lint_paths(paths: list[str] | None = None) -> LintReport:
    """Lint the given files/folders, or the whole course when none are given."""
    if not paths:
        from tutor.content import lessons_dir

        folder = lessons_dir()
        return lint_files(lesson_files(folder) if folder.is_dir() else [])
    return lint_files(expand(paths))
