"""`docker-tutor selftest [--lesson ID] [--step ID] [--allow-skip] [--json]`.

Proves each step on the real daemon: a task starts unsolved, its solution passes, each wrong
variant fails with its declared code; an answer's expected value appears in its command's
real output; a quiz explains every choice. A `--file` from outside the installed course shows
its commands first and runs only when the learner agrees (`--yes` when not on a terminal). Exit 0 all passed, 1 anything failed or skipped
(unless --allow-skip), 2 bad input, 3 no daemon.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, ClassVar


def add_arguments(parser) -> None:
    parser.add_argument("--lesson", metavar="ID", help="이 레슨만 검증해요 (예: 4.2)")
    parser.add_argument("--step", metavar="ID", help="이 단계만 검증해요 (예: 4.2/start)")
    parser.add_argument("--allow-skip", action="store_true", help="여기서 검증할 수 없는 단계가 있어도 실패로 치지 않아요")
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")
    parser.add_argument("--yes", action="store_true",
                        help="코스 밖의 레슨 파일(--file)도 묻지 않고 실행해요 (실행할 명령은 그래도 보여 줘요)")


@dataclass(frozen=True)
class SelftestResult:
    view: ClassVar[str] = "selftest"
    report: Any  # tutor.selftest.suite.SelftestReport
    streamed: bool = False  # per-step lines were already printed while running

    @property
    def exit_code(self) -> int:
        return 0 if self.report.ok else 1

    def to_dict(self) -> dict[str, Any]:
        return self.report.to_dict()


def run(args) -> SelftestResult:
    from tutor.errors import BadInput
    from tutor.lessonfile.catalog import load_course

    course = load_course(getattr(args, "file", None))
    lesson = args.lesson
    if lesson:
        course.lesson(lesson)  # BadInput for an unknown id
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
        from tutor.views.selftest import stream_line

        on_step = stream_line
    conn = connect(timeout=60)
    try:
        report = run_selftest(steps, [s.id for s in course.steps()], conn.api,
                              allow_skip=args.allow_skip, on_step=on_step)
    finally:
        conn.close()
    return SelftestResult(report, streamed=streaming)
