"""`docker-tutor selftest [--lesson ID] [--step ID] [--allow-skip] [--json]`.

Proves each step on the real daemon: a task starts unsolved, its solution passes, each wrong
variant fails with its declared code; an answer's expected value appears in its command's
real output; a quiz explains every choice. A `--file` from outside the installed course shows
its commands first and runs only when the learner agrees (`--yes` when not on a terminal). Exit 0 all passed, 1 anything failed or skipped
(unless --allow-skip), 2 bad input, 3 no daemon.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text

from tutor.exitcodes import ExitCode

if TYPE_CHECKING:
    from tutor.journey.report import JourneyResult


def add_arguments(parser) -> None:
    parser.add_argument("--lesson", metavar="ID", help="이 레슨만 검증해요 (예: 4.2)")
    parser.add_argument("--step", metavar="ID", help="이 단계만 검증해요 (예: 4.2/start)")
    parser.add_argument("--allow-skip", action="store_true", help="여기서 검증할 수 없는 단계가 있어도 실패로 치지 않아요")
    parser.add_argument("--journey", action="store_true",
                        help="레슨을 차례대로 한 셸에서 학습자처럼 걸어요 (begin만, 두 번째는 오답과 튜터의 조언까지)")
    parser.add_argument("--walk", type=int, choices=(1, 2), action="append", metavar="N",
                        help="--journey에서 이 걷기만 해요 (1: 차례대로, 2: 오답과 조언까지; 기본: 둘 다)")
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")
    parser.add_argument("--yes", action="store_true",
                        help="코스 밖의 레슨 파일(--file)도 묻지 않고 실행해요 (실행할 명령은 그래도 보여 줘요)")


@dataclass(frozen=True)
class SelftestResult:
    report: Any  # tutor.selftest.suite.SelftestReport
    streamed: bool = False  # per-step lines were already printed while running

    def render(self, console) -> None:
        render_text(self, console)

    @property
    def exit_code(self) -> int:
        return ExitCode.OK if self.report.ok else ExitCode.FAILED

    def to_dict(self) -> dict[str, Any]:
        return self.report.to_dict()


def run(args) -> SelftestResult | JourneyResult:
    from tutor import draws
    from tutor.errors import BadInput
    from tutor.lessonfile.catalog import raw_course

    raw = raw_course(getattr(args, "file", None))
    # Exercises with variables run once per draw (two different draws): a check that only
    # works for one port or name would pass one and fail the other.
    rounds = draws.selftest_rounds(raw)
    course = draws.apply(raw, rounds[0])
    lesson = args.lesson
    if lesson:
        course.lesson(lesson)  # BadInput for an unknown id
    if getattr(args, "journey", False):
        from tutor.journey.report import run_command

        return run_command(args, course)
    step_id = None
    if args.step:
        step = course.find_step(args.step) or (course.lesson(lesson).step(args.step) if lesson else None)
        step_id = (step or course.step(args.step)).id
    from tutor.selftest.suite import run_selftest, select

    steps = select(course.steps(), lesson, step_id)
    if not steps:
        raise BadInput("검증할 단계가 없어요.")
    if getattr(args, "file", None):
        from tutor.selftest.consent import confirm

        confirm(args.file, steps, yes=getattr(args, "yes", False))  # BadInput unless agreed
    from tutor.daemon.connect import connect

    streaming = not getattr(args, "json", False) and sys.stdout.isatty()
    on_step = None
    if streaming:

        on_step = stream_line
    conn = connect(timeout=60)
    try:
        report = run_selftest(steps, [s.id for s in course.steps()], conn.api,
                              allow_skip=args.allow_skip, on_step=on_step)
        for values_of in rounds[1:]:
            again = select(draws.apply(raw, values_of).steps(), lesson, step_id)
            again = [s for s in again if any(x.variables for x in raw.lessons if x.id == s.lesson_id)]
            if again:
                more = run_selftest(again, [s.id for s in course.steps()], conn.api,
                                    allow_skip=args.allow_skip, on_step=on_step)
                report = dataclasses.replace(report, results=report.results + more.results)
    finally:
        conn.close()
    return SelftestResult(report, streamed=streaming)


MARK = {"passed": ("✓", "tutor.ok"), "failed": ("✗", "tutor.fail"), "skipped": ("⚠ 건너뜀", "tutor.warn")}


def step_lines(outcome) -> list[Text]:
    mark, style = MARK.get(outcome.status, ("?", "tutor.warn"))
    line = Text(f"{mark} ", style=style)
    line.append(Text(outcome.step, style="tutor.title"))
    line.append(Text(f" [{outcome.kind}] "))
    line.append(Text(outcome.detail, style=style if outcome.status != "passed" else "tutor.dim"))
    lines = [line]
    if outcome.status == "failed":
        for phase in outcome.phases:
            if not phase.ok:
                lines.append(Text(f"    - {phase.name}: {phase.detail}", style="tutor.fail"))
                for ran in phase.commands:
                    lines.append(Text(f"      $ {ran.command}  (종료 코드 {ran.exit_code})", style="tutor.dim"))
    return lines


def stream_line(outcome) -> None:
    from tutor.render import make_console

    console = make_console()
    for line in step_lines(outcome):
        console.print(line)


def render_text(result, console) -> None:
    report = result.report
    if not result.streamed:
        for outcome in report.results:
            for line in step_lines(outcome):
                console.print(line)
    passed, failed, skipped = report.count("passed"), report.count("failed"), report.count("skipped")
    summary = Text(f"통과 {passed} · 실패 {failed} · 건너뜀 {skipped}",
                   style="tutor.ok" if report.ok else "tutor.fail")
    console.print(summary)
    if skipped:
        console.print(Text(f"⚠ {skipped}개 단계는 여기서 검증하지 못했어요 (위의 이유 참고). "
                           + ("--allow-skip이라 실패로 치지 않았어요." if report.allow_skip
                              else "검증하지 못한 것은 통과가 아니에요: 종료 코드 1이에요."),
                           style="tutor.warn"))
