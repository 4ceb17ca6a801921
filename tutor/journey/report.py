"""`docker-tutor selftest --journey [--lesson ID] [--walk N]`: the command's result and text view."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from rich.text import Text

MARK = {"passed": ("✓", "tutor.ok"), "failed": ("✗", "tutor.fail"), "skipped": ("⚠ 건너뜀", "tutor.warn")}


@dataclass(frozen=True)
class JourneyResult:
    report: Any  # tutor.journey.journey_run.JourneyReport
    streamed: bool = False

    @property
    def exit_code(self) -> int:
        return 0 if self.report.ok else 1

    def to_dict(self) -> dict[str, Any]:
        return self.report.to_dict()

    def render(self, console) -> None:
        if not self.streamed:
            for outcome in self.report.results:
                for line in step_lines(outcome):
                    console.print(line)
        summary(self.report, console)


def run_command(args, course) -> JourneyResult:
    from tutor.daemon.connect import connect
    from tutor.journey.journey_run import run_journey

    lessons = [course.lesson(args.lesson)] if args.lesson else list(course.lessons)
    streaming = not getattr(args, "json", False) and sys.stdout.isatty()
    conn = connect(timeout=60)
    try:
        report = run_journey(course, lessons, conn.api, walks=tuple(args.walk or (1, 2)),
                             on_step=_stream if streaming else None)
    finally:
        conn.close()
    return JourneyResult(report, streamed=streaming)


def step_lines(outcome) -> list[Text]:
    mark, style = MARK.get(outcome.status, ("?", "tutor.warn"))
    line = Text(f"{mark} ", style=style)
    line.append(Text(f"[{outcome.walk}] {outcome.step}", style="tutor.title"))
    line.append(Text(f" [{outcome.kind}] {outcome.seconds:.1f}초 "))
    line.append(Text(outcome.detail, style=style if outcome.status != "passed" else "tutor.dim"))
    lines = [line]
    if outcome.status == "failed":
        for phase in outcome.phases[-4:]:
            lines.append(Text(f"    - {phase.name} ({'ok' if phase.ok else '실패'}): {phase.detail[:500]}",
                              style="tutor.dim" if phase.ok else "tutor.fail"))
    return lines


def _stream(outcome) -> None:
    from tutor.render import make_console

    console = make_console()
    for line in step_lines(outcome):
        console.print(line)


def summary(report, console) -> None:
    for g in report.grades:
        ok = g["tasks_passed"] == g["tasks"]
        console.print(Text(f"grade --lesson {g['lesson']} (첫 번째 걷기 뒤): 통과 {g['passed']} / 전체 {g['total']} "
                           f"(실습 {g['tasks_passed']}/{g['tasks']}, 기록으로 인정 {g['recorded']})",
                           style="tutor.ok" if ok else "tutor.fail"))
    passed, failed, skipped = report.count("passed"), report.count("failed"), report.count("skipped")
    console.print(Text(f"journey: 통과 {passed} · 실패 {failed} · 건너뜀 {skipped} · {report.seconds:.0f}초",
                       style="tutor.ok" if report.ok else "tutor.fail"))
    # The same counts in the test summary's words (scripts/test reads this line).
    console.print(Text(f"{passed} passed, {failed} failed, {skipped} skipped in {report.seconds:.1f}s",
                       style="tutor.dim"))
