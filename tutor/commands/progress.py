"""`docker-tutor progress [--json]`: where the learner is, per lesson and per step.

Returns a ProgressResult that draws itself (`render`). The course is loaded so lessons show
passed/total in teaching order; steps recorded for ids the course no longer has are still
listed (progress is keyed by id, so nothing silently disappears).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.table import Table
from rich.text import Text

from tutor.exitcodes import ExitCode
from tutor.ui.safe_text import safe


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


@dataclass(frozen=True)
class ProgressResult:
    lessons: tuple = ()  # tutor.progress.LessonSummary, course order
    steps: dict = field(default_factory=dict)  # step id -> StepProgress
    current: str | None = None
    file: str = ""
    recovered_from: str | None = None  # backup of an unreadable file, reported once
    notices: tuple[str, ...] = ()  # the Korean lines that say so (tutor.progress.take_notices)

    def render(self, console) -> None:
        render_text(self, console)

    @property
    def exit_code(self) -> int:
        return ExitCode.OK

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


def _bar(passed: int, total: int, width: int = 10) -> Text:
    if total == 0:
        return Text("-" * width, style="tutor.dim")
    filled = round(width * passed / total)
    return Text("█" * filled, style="tutor.ok") + Text("░" * (width - filled), style="tutor.dim")


def render_text(result, console) -> None:
    for line in result.notices:  # a recovered or unsavable progress file, in Korean
        console.print(Text(safe(line), style="tutor.warn"))
    table = Table(title="학습 진행 상황", title_justify="left", expand=False, show_edge=False)
    table.add_column("레슨", no_wrap=True)
    table.add_column("제목", overflow="fold")
    table.add_column("진행", no_wrap=True)
    table.add_column("", no_wrap=True)
    for row in result.lessons:
        mark = Text("✓", style="tutor.ok") if row.done else Text("")
        table.add_row(Text(safe(row.lesson_id)), Text(safe(row.title)),
                      _bar(row.passed, row.total) + Text(f" {row.passed}/{row.total}"), mark)
    console.print(table)
    total = sum(r.total for r in result.lessons)
    done = sum(r.passed for r in result.lessons)
    console.print(Text(f"모두 {total}단계 중 {done}단계를 통과했어요."))
    if result.current:
        console.print(Text("이어서 할 단계: ") + Text(safe(result.current), style="tutor.cmd")
                      + Text("  (`docker-tutor`를 실행하고 '이어서 하기'를 고르세요)"))
    console.print(Text(f"기록 파일: {safe(result.file)}", style="tutor.dim"))
