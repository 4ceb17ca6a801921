"""`docker-tutor list [--json]`: the course's lessons and steps (ids, kinds, titles).

Respects the global `--file` (an instructor's exercise file instead of the course).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from tutor import EXIT_OK


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
    view: ClassVar[str] = "list_cmd"
    lessons: tuple[LessonRow, ...]
    origin: str = ""

    @property
    def exit_code(self) -> int:
        return EXIT_OK

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
            LessonRow(l.id, l.title, tuple(StepRow(s.id, s.kind, s.title) for s in l.steps)) for l in course.lessons
        ),
        origin=course.origin,
    )
