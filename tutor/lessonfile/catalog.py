"""The course: every lesson file in `lessons/` (or one instructor file), in teaching order.

Lessons are sorted by (chapter, lesson id) with numbers compared as numbers ("4.10" after
"4.9"). Lesson and step ids must be unique across the course: they key progress, reports and
the CLI. Parsing is cached per process and re-done when a file changes (watch mode, editing).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.errors import BadInput
from tutor.model import Lesson, LessonError, Source, Step


def natural_key(text: str) -> tuple[Any, ...]:
    """"4.10" sorts after "4.9"; numbers before words inside each part."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|[^\d.]+", text))


@dataclass(frozen=True)
class Course:
    lessons: tuple[Lesson, ...]
    origin: str = ""  # the lessons folder or the single --file

    def steps(self) -> tuple[Step, ...]:
        return tuple(s for lesson in self.lessons for s in lesson.steps)

    def lesson(self, lesson_id: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        raise BadInput(
            f"`{lesson_id}` 레슨이 없어요.{_close(lesson_id, [les.id for les in self.lessons])}",
            hint="`docker-tutor list`로 레슨 id를 확인할 수 있어요.",
            code="unknown_lesson",
        )

    def step(self, step_id: str) -> Step:
        """A step by its full id ("4.2/run-port")."""
        for s in self.steps():
            if s.id == step_id:
                return s
        ids = [s.id for s in self.steps()]
        return_hint = "`docker-tutor list`로 단계 id를 확인할 수 있어요. 단계 id는 `레슨id/단계` 모양이에요 (예: 4.2/run-port)."
        raise BadInput(f"`{step_id}` 단계가 없어요.{_close(step_id, ids)}", hint=return_hint, code="unknown_step")

    def find_step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps() if s.id == step_id), None)


def _close(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    if not close:
        return ""
    if len(close) == 1:
        return f" 혹시 `{close[0]}`인가요?"
    return f" 혹시 {', '.join(f'`{c}`' for c in close)} 중 하나인가요?"


def lesson_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.is_file() and not p.name.startswith("."))


def build_course(lessons: list[Lesson], origin: str = "") -> Course:
    """Order lessons and refuse duplicate lesson or step ids (LessonError at the second one)."""
    ordered = sorted(lessons, key=lambda les: (les.chapter, natural_key(les.id), les.path))
    lesson_at: dict[str, str] = {}
    step_at: dict[str, Source | None] = {}
    for lesson in ordered:
        if lesson.id in lesson_at:
            raise LessonError(
                f"레슨 id(`{lesson.id}`)가 두 파일에 있어요 (다른 파일: {lesson_at[lesson.id]})", Source(lesson.path, 2)
            )
        lesson_at[lesson.id] = lesson.path
        for step in lesson.steps:
            if step.id in step_at:
                raise LessonError(f"단계 id(`{step.id}`)가 두 번 나와요 (처음: {step_at[step.id]})", step.source)
            step_at[step.id] = step.source
    return Course(tuple(ordered), origin)


_CACHE: dict[tuple[Any, ...], Course] = {}


def _signature(files: list[Path]) -> tuple[Any, ...]:
    out = []
    for p in files:
        try:
            st = p.stat()
            out.append((str(p), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(p), 0, 0))
    return tuple(out)


def load_course(file: str | None = None) -> Course:
    """The whole course from `tutor.content.lessons_dir()`, or only the lesson in `file`, with
    this learner's exercise values (front matter `var.NAME`) filled in by `tutor.draws`.

    A lesson error is raised as `LessonError` (file:line); a missing `file` is `BadInput`.
    """
    from tutor import draws

    course: Course = draws.apply(raw_course(file))
    return course


def raw_course(file: str | None = None) -> Course:
    """The course as the files say it, `{variables}` still unfilled (lint, the self-test's draws)."""
    if file:
        path = Path(file)
        if not path.is_file():
            raise BadInput(f"레슨 파일을 찾을 수 없어요: {file}", code="no_such_file")
        files, origin = [path], str(path)
    else:
        from tutor.content import lessons_dir

        folder = lessons_dir()
        files, origin = (lesson_files(folder) if folder.is_dir() else []), str(folder)
    key = (origin, _signature(files))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    from tutor.lessonfile import diskcache

    course: Course | None = diskcache.load(origin, key)
    if course is None:
        # The parser (markdown-it-py, TOML, schema) is imported only when the disk cache misses.
        from tutor.lessonfile.parser import parse_lesson, read_text

        lessons = [parse_lesson(read_text(p), str(p)) for p in files]
        course = build_course(lessons, origin)
        diskcache.store(origin, key, course)
    _CACHE.clear()  # keep only the newest course
    _CACHE[key] = course
    return course


def clear_cache() -> None:
    _CACHE.clear()
