"""`docker-tutor progress [--json]`: where the learner is, per lesson and per step.

Returns data only; `tutor.views.progress` draws it. The course is loaded so lessons show
passed/total in teaching order; steps recorded for ids the course no longer has are still
listed (progress is keyed by id, so nothing silently disappears).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


@dataclass(frozen=True)
class ProgressResult:
    view: ClassVar[str] = "progress"
    lessons: tuple = ()  # tutor.progress.LessonSummary, course order
    steps: dict = field(default_factory=dict)  # step id -> StepProgress
    current: str | None = None
    file: str = ""
    recovered_from: str | None = None  # backup of an unreadable file, reported once
    notices: tuple[str, ...] = ()  # the Korean lines that say so (tutor.progress.take_notices)

    @property
    def exit_code(self) -> int:
        return 0

    @property
    def passed(self) -> int:
        return sum(1 for sp in self.steps.values() if sp.passed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "current": self.current,
            "recovered_from": self.recovered_from,
            "lessons": [s.to_dict() for s in self.lessons],
            "steps": {sid: sp.to_dict() for sid, sp in sorted(self.steps.items())},
        }


def run(args) -> ProgressResult:
    from tutor import paths, progress
    from tutor.lessonfile.catalog import load_course

    p = progress.load()
    course = load_course(getattr(args, "file", None))
    recovered = p.recovered_from or progress.take_recovery_notice()
    return ProgressResult(
        lessons=tuple(progress.summary(course, p)),
        steps=dict(p.steps),
        current=p.current,
        file=str(paths.progress_file()),
        recovered_from=str(recovered) if recovered else None,
        notices=tuple(progress.take_notices()),
    )
