"""`docker-tutor` with no subcommand: the first-run screen, the daemon status, the lesson picker,
then each lesson on the live lesson screen (tutor/ui/screens.py).

Terminal rules: both stdin and stdout must be terminals (otherwise a Korean pointer to the
non-interactive commands and exit 2); Ctrl-C at any prompt is "quit" (questionary's ask()
returns None) and progress is already saved by then.
"""

from __future__ import annotations

import sys

from rich.text import Text

from tutor import progress
from tutor.exitcodes import ExitCode
from tutor.ui.prompts import Option, Prompter
from tutor.ui.safe_text import safe_text

NOT_A_TTY = (
    "대화형 모드는 터미널에서만 쓸 수 있어요 (입력이나 출력이 파이프/파일로 연결되어 있어요).\n"
    "스크립트나 CI에서는 이런 명령을 써 보세요:\n"
    "  docker-tutor list                 레슨과 단계 목록\n"
    "  docker-tutor check 4.2/run-port   한 단계 확인\n"
    "  docker-tutor grade --lesson 4.2   레슨 전체 채점"
)
BYE = "그만할게요. 진행 상황은 저장되어 있어요. 다음에 `docker-tutor`를 실행하고 '이어서 하기'를 고르세요."
RESUME = "__resume__"  # picker value: continue where the learner stopped
QUIT = "__quit__"
MODE = "__mode__"  # picker value: change the practice mode


def _is_tty() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_guided(args, renderer, *, prompter=None, services=None, course=None, check_tty: bool = True,
               screen_io=None) -> int:
    """`screen_io`: (input, output) for the lesson screen's prompt_toolkit app (tests: pipe + dummy)."""
    if check_tty and not _is_tty():
        renderer.err_console.print(Text(NOT_A_TTY))
        return ExitCode.BAD_INPUT
    from tutor.ui.first_run import first_run
    from tutor.ui.screens import run_lesson
    from tutor.ui.services import Services

    console = renderer.console
    lesson_file = getattr(args, "file", None)
    services = services or Services(lesson_file)
    prompter = prompter or Prompter()
    screen_in, screen_out = screen_io or (None, None)

    if first_run(console, prompter) is None:
        console.print(Text(BYE))
        return ExitCode.OK
    _daemon_line(services, console)
    if course is None:
        from tutor.lessonfile.catalog import load_course

        course = load_course(lesson_file)
    progress.load()
    show_progress_notices(console)

    picked = None
    while True:
        if picked is None:
            picked = pick_lesson(course, prompter)
        if picked is None or picked == QUIT:
            console.print(Text(BYE))
            return ExitCode.OK
        if picked == MODE:
            from tutor.ui import preferences as prefs
            from tutor.ui.first_run import pick_mode

            mode = pick_mode(prompter, console, prefs.load().practice_mode)
            if mode is not None:
                prefs.update(mode=mode)
            picked = None
            continue
        lesson, index = _resolve(course, picked)
        outcome = run_lesson(lesson, index, services, course=course, input=screen_in, output=screen_out,
                             lesson_file=lesson_file)
        picked = None
        if outcome == "quit":
            console.print(Text(BYE))
            return ExitCode.OK
        if outcome == "next":
            nxt = _point_to_next_lesson(course, lesson)
            picked = nxt.id if nxt is not None else None


def show_progress_notices(console) -> None:
    """A recovered progress file or a save that failed: one Korean line each, shown once."""
    for line in progress.take_notices():
        console.print(safe_text(line, "tutor.warn"))


def _daemon_line(services, console) -> None:
    ok, text, hint = services.daemon_status()
    if ok:
        console.print(safe_text(text, "tutor.ok"))
        return
    console.print(safe_text(text, "tutor.fail"))
    if hint:
        console.print(safe_text(hint, "tutor.hint"))
    console.print(Text("레슨은 읽을 수 있지만, 확인하려면 데몬이 필요해요. `docker-tutor doctor`로 자세히 볼 수 있어요.",
                       style="tutor.dim"))


def pick_lesson(course, prompter):
    """The lesson picker: "이어서 하기" first (when there is somewhere to resume), then lessons."""
    state = progress.load()
    rows = progress.summary(course, state)
    options: list[Option] = []
    current = _current_step(course, state.current)
    if current is not None:
        _lesson, step = current
        # One prompt line cannot wrap: the step id says where, the step title says what.
        options.append(Option(f"▶ 이어서 하기: {step.id} · {step.title}", RESUME))
    for row in rows:
        mark = " ✓" if row.done else ""
        options.append(Option(f"{row.lesson_id}  {row.title}  ({row.passed}/{row.total}){mark}", row.lesson_id))
    from tutor.ui import preferences as prefs

    mode = prefs.MODE_LABEL[prefs.load().practice_mode]
    options.append(Option(f"연습 방식 바꾸기 (지금: {mode})", MODE))
    options.append(Option("종료", QUIT))
    default = RESUME if current is not None else next((r.lesson_id for r in rows if not r.done), None)
    return prompter.select("어떤 레슨을 할까요?", options, default=default)


def _current_step(course, step_id):
    if not step_id:
        return None
    for lesson in course.lessons:
        for step in lesson.steps:
            if step.id == step_id:
                return lesson, step
    return None  # the course changed: that id is gone; the picker simply has no resume entry


def _resolve(course, picked):
    if picked == RESUME:
        lesson, step = _current_step(course, progress.load().current)
        return lesson, lesson.steps.index(step)
    lesson = next(les for les in course.lessons if les.id == picked)
    state = progress.load()
    # Open a lesson at its first step not passed yet (or at the start when all are done).
    index = next((i for i, s in enumerate(lesson.steps) if not state.passed(s.id)), 0)
    return lesson, index


def _point_to_next_lesson(course, lesson):
    """The lesson after `lesson` (resume points to its first step), or None after the last one."""
    lessons = list(course.lessons)
    i = next(i for i, les in enumerate(lessons) if les.id == lesson.id)
    if i + 1 < len(lessons) and lessons[i + 1].steps:
        progress.set_current(lessons[i + 1].steps[0].id)
        return lessons[i + 1]
    progress.set_current(None)  # the course is finished: nothing to resume
    return None
