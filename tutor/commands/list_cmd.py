"""`docker-tutor list [--json]`: the course's lessons and steps (ids, kinds, titles).

Respects the global `--file` (an instructor's exercise file instead of the course).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text

from tutor.exitcodes import ExitCode
from tutor.ui.widgets import kind_label


@dataclass(frozen=True)
class StepRow:
    id: str
    kind: str
    title: str


@dataclass(frozen=True)
class LessonRow:
    id: str
    title: str
    steps: tuple[StepRow, ...]


@dataclass(frozen=True)
class ListResult:
    lessons: tuple[LessonRow, ...]
    origin: str = ""

    def render(self, console) -> None:
        render_text(self, console)

    @property
    def exit_code(self) -> int:
        return ExitCode.OK

    def to_dict(self) -> dict[str, Any]:
        # The JSON contract (tests/unit/test_list_contract.py): exactly these keys.
        return {
            "lessons": [
                {
                    "id": lesson.id,
                    "title": lesson.title,
                    "steps": [{"id": s.id, "kind": s.kind, "title": s.title} for s in lesson.steps],
                }
                for lesson in self.lessons
            ]
        }


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


def run(args) -> ListResult:
    from tutor.lessonfile.catalog import load_course

    course = load_course(getattr(args, "file", None))
    return ListResult(
        lessons=tuple(
            LessonRow(les.id, les.title, tuple(StepRow(s.id, s.kind, s.title) for s in les.steps)) for les in course.lessons
        ),
        origin=course.origin,
    )




def render_text(result, console) -> None:
    if not result.lessons:
        console.print(Text("아직 레슨이 없어요."), style="tutor.warn")
        if result.origin:
            console.print(Text(f"레슨 폴더: {result.origin}"), style="tutor.dim")
        return
    for n, lesson in enumerate(result.lessons):
        if n:
            console.print()
        head = Text()
        head.append(lesson.id, style="tutor.cmd")
        head.append("  ")
        head.append(lesson.title, style="tutor.title")
        console.print(head)
        # A grid measures cell widths, so Hangul (two cells per character) lines up.
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")  # wrap long titles, never cut them with "…"
        for step in lesson.steps:
            grid.add_row(
                Text("  " + step.id, style="tutor.cmd"),
                Text(kind_label(step.kind), style="tutor.dim"),
                Text(step.title),
            )
        console.print(grid)
    total = sum(len(les.steps) for les in result.lessons)
    console.print()
    console.print(
        Text(
            f"레슨 {len(result.lessons)}개, 단계 {total}개예요. "
            "`docker-tutor check 단계id`로 확인하거나, 인자 없이 `docker-tutor`로 차근차근 배워요."
        ),
        style="tutor.dim",
    )
