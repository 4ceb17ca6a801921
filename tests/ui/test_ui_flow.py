"""Prompt flows driven through prompt_toolkit's pipe input: real questionary prompts, fake daemon."""

from __future__ import annotations

import io
import re

from conftest import CTRL_C, DOWN, ENTER, FakeServices, make_course  # noqa: F401 - tests/ui/conftest.py

from tutor import progress
from tutor.render import Renderer, make_console
from tutor.ui.actions import Action, menu_for
from tutor.ui.app import run_guided
from tutor.ui.screens import Guide


def keys_to(step, action, *, first=False, last=False, passed=False, hints_left=True):
    """Arrow keys from the default entry to `action` in the step menu (disabled entries are skipped)."""
    from tutor.ui.actions import default_action

    opts = [o for o in menu_for(step, first=first, last=last, passed=passed, hints_left=hints_left) if not o.disabled]
    values = [o.value for o in opts]
    return DOWN * (values.index(action) - values.index(default_action(step, passed))) + ENTER


def out(console) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", console.file.getvalue())


def test_failed_checks_then_hint_offer_then_pass_moves_resume_point(course, console, pipe):
    prompter, send = pipe
    services = FakeServices(verdicts=[False, False, False, True])
    lesson = course.lessons[0]
    # check ✗, check ✗, check ✗ → "힌트를 볼까요?" Enter (yes), check ✓, then Ctrl-C at the menu.
    send(ENTER + ENTER + ENTER + ENTER + ENTER + CTRL_C)
    assert Guide(console, prompter, services).run_lesson(lesson, 0) == "quit"
    text = out(console)
    assert services.checked == 4
    assert text.count("✗ 아직이에요") == 3
    assert "기대한 것" in text and "8080->80/tcp" in text and "80->8080/tcp" in text
    assert "힌트 1/3" in text and "✓ 통과했어요" in text and "방금 무슨 일이 있었나요?" in text
    state = progress.load()
    sp = state.step("9.1/run-port")
    assert sp.passed and sp.attempts == 4 and sp.hints_used == 1 and sp.began_at
    assert state.current == "9.1/engine"  # resume goes to the next step


def test_answer_and_quiz_steps(course, console, pipe):
    prompter, send = pipe
    lesson = course.lessons[0]
    send(ENTER + "19.03" + ENTER            # answer: wrong
         + ENTER + "20.10.24" + ENTER       # answer: right
         + ENTER                            # 다음 단계로 ▶ (default after passing)
         + ENTER + DOWN + ENTER             # quiz: pick the wrong choice
         + ENTER + ENTER                    # quiz: pick the right one
         + ENTER)                           # 레슨 마치기 ▶
    assert Guide(console, prompter, FakeServices()).run_lesson(lesson, 1) == "done"
    text = out(console)
    assert "그건 가상 머신이에요." in text and "맞아요. 그래서 가벼워요." in text
    assert "레슨 9.1 끝!" in text
    assert text.count("컨테이너 안에는 커널이 없어요.") == 1  # the explanation is shown once
    assert "`가상 머신`" not in text  # inline code is rendered, never shown as raw backticks
    state = progress.load()
    eng = state.step("9.1/engine")
    assert eng.passed and [a["text"] for a in eng.answers] == ["19.03", "20.10.24"]
    q = state.step("9.1/what")
    assert q.passed and [r["correct"] for r in q.quiz] == [False, True]


def test_hints_are_graded_and_solution_is_confirmed_and_recorded(course, console, pipe):
    prompter, send = pipe
    lesson = course.lessons[0]
    step = lesson.steps[0]
    send(keys_to(step, Action.HINT, first=True)
         + keys_to(step, Action.HINT, first=True)
         + keys_to(step, Action.SOLUTION, first=True) + "n"  # refuse: nothing recorded
         + keys_to(step, Action.SOLUTION, first=True) + "y"
         + keys_to(step, Action.QUIT, first=True))
    assert Guide(console, prompter, FakeServices()).run_lesson(lesson, 0) == "quit"
    text = out(console)
    assert "힌트 1/3" in text and "힌트 2/3" in text and "힌트 3/3" not in text
    assert text.count("docker container run -d -p 8080:80 nginx") >= 2  # body + solution
    assert "$ docker container run -d -p 8080:80 nginx" in text
    sp = progress.load().step("9.1/run-port")
    assert sp.hints_used == 2 and sp.solution_viewed and not sp.passed


def test_skip_and_prev_move_between_steps(course, console, pipe):
    prompter, send = pipe
    lesson = course.lessons[0]
    s0, s1 = lesson.steps[0], lesson.steps[1]
    send(keys_to(s0, Action.SKIP, first=True) + keys_to(s1, Action.PREV) + CTRL_C)
    assert Guide(console, prompter, FakeServices()).run_lesson(lesson, 0) == "quit"
    assert progress.load().step("9.1/run-port").skipped
    assert out(console).count("포트를 연결해서 nginx 실행하기") == 2  # shown, then shown again after 이전
    assert progress.load().current == "9.1/run-port"


def test_guided_picker_resumes_where_the_learner_stopped(course, pipe):
    prompter, send = pipe
    console = make_console(file=io.StringIO(), width=80, force_terminal=True)
    renderer = Renderer(console=console, err_console=console)
    services = FakeServices(verdicts=[True])
    # Picker: default is the first unfinished lesson (9.1); check ✓; Ctrl-C.
    send(ENTER + ENTER + CTRL_C)
    assert run_guided(None, renderer, prompter=prompter, services=services, course=course, check_tty=False) == 0
    assert "Docker 데몬에 연결했어요" in out(console)
    assert "그만할게요" in out(console)
    assert progress.load().current == "9.1/engine"

    # Second start: "이어서 하기" is the default entry and opens the answer step.
    console2 = make_console(file=io.StringIO(), width=80, force_terminal=True)
    send(ENTER + CTRL_C)
    assert run_guided(None, Renderer(console=console2, err_console=console2), prompter=prompter,
                      services=services, course=course, check_tty=False) == 0
    assert "엔진 버전 읽기" in out(console2) and "포트를 연결해서" not in out(console2)


def test_picker_shows_progress_per_lesson(course, pipe):
    from tutor.ui.app import pick_lesson

    _prompter, _send = pipe
    progress.record_check("9.1/run-port", True)
    captured = {}

    class Spy:
        def select(self, message, options, default=None):
            captured["titles"] = [o.title for o in options]
            captured["default"] = default
            return

    pick_lesson(course, Spy())
    assert "9.1  예제 레슨  (1/3)" in captured["titles"]
    assert "9.2  두 번째  (0/1)" in captured["titles"]
    assert captured["titles"][-1] == "종료"


def test_not_a_tty_points_to_check_and_grade(monkeypatch):
    import sys

    console = make_console(file=io.StringIO(), width=80)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    code = run_guided(None, Renderer(console=console, err_console=console))
    assert code == 2
    text = console.file.getvalue()
    assert "터미널에서만" in text and "docker-tutor check" in text and "docker-tutor grade" in text


def test_daemon_unreachable_is_explained_and_lessons_still_open(course, pipe):
    prompter, send = pipe
    console = make_console(file=io.StringIO(), width=80, force_terminal=True)

    class Down(FakeServices):
        def daemon_status(self):
            return False, "Docker 데몬이 실행 중이 아니에요.", "Docker를 켜고 다시 해 보세요."

    send(CTRL_C)
    assert run_guided(None, Renderer(console=console, err_console=console), prompter=prompter,
                      services=Down(), course=course, check_tty=False) == 0
    text = out(console)
    assert "Docker 데몬이 실행 중이 아니에요." in text and "doctor" in text


def test_corrupt_progress_is_reported_at_start_and_the_tutor_goes_on(course, pipe):
    from tutor import paths

    prompter, send = pipe
    paths.progress_file().write_text('{"format_version": 1, "steps": [', encoding="utf-8")
    console = make_console(file=io.StringIO(), width=80, force_terminal=True)
    send(CTRL_C)
    assert run_guided(None, Renderer(console=console, err_console=console), prompter=prompter,
                      services=FakeServices(), course=course, check_tty=False) == 0
    text = "".join(out(console).split())
    assert "새로시작했어요" in text and "progress.json.broken-" in text
    backups = list(paths.progress_file().parent.glob("progress.json.broken-*"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8").startswith('{"format_version"')


def test_read_only_data_dir_picking_a_lesson_and_passing_warns_and_goes_on(course, pipe, monkeypatch):
    """Issue 16/7: a data dir that refuses writes used to end the guided UI with exit 4."""
    import errno

    from tutor import progress_store

    def refuse(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system", "progress.json")

    monkeypatch.setattr(progress_store, "write_atomic", refuse)
    prompter, send = pipe
    console = make_console(file=io.StringIO(), width=80, force_terminal=True)
    send(ENTER + ENTER + CTRL_C)  # pick the first lesson, check (✓), then Ctrl-C at the menu
    services = FakeServices(verdicts=[True])
    assert run_guided(None, Renderer(console=console, err_console=console), prompter=prompter,
                      services=services, course=course, check_tty=False) == 0
    text = "".join(out(console).split())
    assert "기록을저장하지못했어요" in text and "쓸권한이없어요" in text
    assert "포트를연결해서nginx실행하기" in text and "✓통과했어요" in text  # the result was still shown
