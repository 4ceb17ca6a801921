"""`docker-tutor watch [STEP_ID]`: keep a step on screen and re-check it on every daemon event.

STEP_ID may be a step ("4.2/run-port"), a lesson ("4.2": its first step not passed yet) or
nothing (where the learner stopped). It opens the same live lesson screen as the guided UI
(tutor/ui/screens.py: same step numbers, same keys; answer and quiz steps are answered right
there), starting at that step, and returns a summary after the learner leaves with `q`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from rich.text import Text

from tutor.errors import BadInput
from tutor.exitcodes import ExitCode
from tutor.ui.safe_text import safe_text


def add_arguments(parser) -> None:
    parser.add_argument("step_id", nargs="?", metavar="STEP_ID",
                        help="지켜볼 단계 id (예: 4.2/run-port) 또는 레슨 id (예: 4.2). 없으면 이어서 할 단계")
    parser.add_argument("--interval", type=float, default=3.0, metavar="SEC",
                        help="이벤트가 없을 때 다시 확인하는 간격 (기본 3초)")


@dataclass(frozen=True)
class WatchResult:
    lesson: str
    watched: tuple[str, ...]
    passed: tuple[str, ...]
    skipped: tuple[str, ...]  # answer/quiz steps left for the guided mode
    finished: bool
    interrupted: bool
    next_step: str | None

    def render(self, console) -> None:
        render_text(self, console)

    @property
    def exit_code(self) -> int:
        if self.finished:
            return ExitCode.OK
        return ExitCode.INTERRUPTED if self.interrupted else ExitCode.FAILED

    def to_dict(self) -> dict[str, Any]:
        return {"lesson": self.lesson, "watched": list(self.watched), "passed": list(self.passed),
                "skipped": list(self.skipped), "finished": self.finished, "interrupted": self.interrupted,
                "next_step": self.next_step}


def choose(course, target: str | None, state):
    """(lesson, index of the first step to watch) from STEP_ID / lesson id / saved progress."""
    if target and "/" in target:
        step = course.step(target)
        lesson = course.lesson(step.lesson_id)
        return lesson, lesson.steps.index(step)
    if target:
        lesson = course.lesson(target)
    else:
        current = course.find_step(state.current) if state.current else None
        if current is not None:
            lesson = course.lesson(current.lesson_id)
            return lesson, lesson.steps.index(current)
        lesson = next((les for les in course.lessons if any(not state.passed(s.id) for s in les.steps)), None)
        if lesson is None:
            raise BadInput("모든 단계를 통과했어요! 다시 보고 싶은 단계 id를 적어 주세요 (예: docker-tutor watch 4.2).")
    index = next((i for i, s in enumerate(lesson.steps) if not state.passed(s.id)), 0)
    return lesson, index


def run(args) -> WatchResult:
    if not sys.stdout.isatty():
        raise BadInput("watch는 터미널 화면을 계속 새로 그리는 명령이라 터미널에서만 쓸 수 있어요.",
                       hint="스크립트에서는 `docker-tutor check 4.2/run-port`를 써 보세요.", code="not_a_tty")
    from tutor import progress
    from tutor.lessonfile.catalog import load_course
    from tutor.ui.screens import run_lesson
    from tutor.ui.services import Services

    course = load_course(getattr(args, "file", None))
    lesson, index = choose(course, getattr(args, "step_id", None), progress.load())
    rest = lesson.steps[index:]
    before = progress.load()
    services = Services(getattr(args, "file", None))
    outcome = run_lesson(lesson, index, services, course=course, show_intro=False, interval=args.interval,
                         lesson_file=getattr(args, "file", None))
    after = progress.load()
    passed = tuple(s.id for s in rest if after.passed(s.id) and not before.passed(s.id))
    finished = all(after.passed(s.id) for s in rest)
    return WatchResult(lesson.id, tuple(s.id for s in rest), passed, (), finished,
                       outcome == "quit" and not finished, after.current)


def render_text(result, console) -> None:
    n = len(result.passed)
    if result.finished:
        console.print(Text(f"레슨 {result.lesson}에서 지켜본 {len(result.watched)}단계를 모두 통과했어요!", style="tutor.ok"))
    elif result.interrupted:
        console.print(Text(f"그만할게요. 이번에 {n}단계를 통과했고, 진행 상황은 저장되어 있어요."))
    if result.skipped:
        console.print(Text("답 쓰기/퀴즈 단계는 `docker-tutor`를 실행해서 풀어 보세요: ", style="tutor.hint")
                      + safe_text(", ".join(result.skipped), single_line=True))
    if result.next_step and not result.finished:
        console.print(Text("다음에 이어서 할 단계: ") + safe_text(result.next_step, "tutor.cmd"))
