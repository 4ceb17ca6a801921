"""The live lesson screen driven through prompt_toolkit's pipe input: real keys, fake daemon.

Each test waits for the screen's state between keys (tests/ui/conftest.py `Driver`), because
the verdicts arrive from the watch engine's threads, as they do on a real daemon.
"""

from __future__ import annotations

import io
import re

from conftest import CTRL_C, ENTER, Driver, FakeServices, make_course  # noqa: F401 - tests/ui/conftest.py

from tutor import progress
from tutor.render import Renderer, make_console
from tutor.ui import preferences as prefs
from tutor.ui.app import run_guided


def out(console) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", console.file.getvalue())


def watching(screen):
    # Two checks on entry: the loop's first one and the one right after the event stream opened.
    return screen.watch is not None and screen.watch.ready.is_set() and screen.services.checked >= 2


def green(screen):
    return screen.passed_now


def test_task_step_turns_green_from_an_event_without_a_key(course, screen_pipe):
    make, send = screen_pipe
    services = FakeServices(verdicts=[False, False, True])  # entry: fails (baseline); after the event: passes
    screen = make(course.lessons[0], 0, services)
    drive = Driver(screen, send)

    def pushed(s):
        services.push()
        return True

    assert drive.run([(watching, None), (pushed, None), (green, "q")]) == "quit"
    waiting, passed = drive.seen[0], drive.seen[-1]
    assert "지켜보는 중" in waiting and "✗" not in waiting  # the entry baseline is not shown as a failure
    assert "✓ 통과했어요" in passed and "방금 무슨 일이 있었나요?" in passed
    assert "Enter 다음 단계 ▶" in passed
    sp = progress.load().step("9.1/run-port")
    assert sp.passed and sp.began_at
    assert progress.load().current == "9.1/engine"  # resume goes to the next step


def test_enter_checks_now_and_counts_the_failure_then_next_moves_on(course, screen_pipe):
    make, send = screen_pipe
    services = FakeServices(verdicts=[False, False, False])
    screen = make(course.lessons[0], 0, services)
    drive = Driver(screen, send)
    shown = lambda s: s.verdict is not None  # noqa: E731
    on_answer = lambda s: s.index == 1  # noqa: E731
    assert drive.run([(watching, ENTER), (shown, "n"), (on_answer, "q")]) == "quit"
    failed = drive.seen[1]
    assert "✗ 아직이에요" in failed and "포트 순서가 반대예요." in failed
    assert "기대한 것" in failed and "8080->80/tcp" in failed  # the message does not already say them
    assert progress.load().step("9.1/run-port").failed_checks == 1
    assert "엔진 버전 읽기" in drive.seen[2] and "2/3" in drive.seen[2]


def test_three_failed_attempts_point_to_the_hint_key(course, screen_pipe):
    make, send = screen_pipe
    services = FakeServices(verdicts=[False] * 5)
    screen = make(course.lessons[0], 0, services)
    drive = Driver(screen, send)
    fails = lambda n: (lambda s: s.fails == n)  # noqa: E731
    assert drive.run([(watching, ENTER), (fails(1), ENTER), (fails(2), ENTER), (fails(3), "q")]) == "quit"
    assert "h를 누르면 힌트를 볼 수 있어요" in drive.seen[-1] and "h를" not in drive.seen[-2]


def test_other_peoples_events_that_change_nothing_are_not_attempts(course, screen_pipe):
    make, send = screen_pipe
    services = FakeServices(verdicts=[False] * 8)
    screen = make(course.lessons[0], 0, services)
    drive = Driver(screen, send)

    def five_events(s):
        import time

        for _ in range(5):  # apart, so that each is checked (a burst is checked once)
            services.push()
            time.sleep(0.1)
        return True

    checked = lambda s: services.checked >= 7 and s.verdict is not None  # noqa: E731
    assert drive.run([(watching, None), (five_events, None), (checked, "q")]) == "quit"
    assert screen.fails == 1 and "h를 누르면" not in drive.seen[-1]


def test_answer_step_wrong_then_right(course, screen_pipe):
    make, send = screen_pipe
    screen = make(course.lessons[0], 1, FakeServices())
    drive = Driver(screen, send)
    entered = lambda s: not s.busy  # noqa: E731
    wrong = lambda s: s.verdict is not None and not s.verdict.passed  # noqa: E731
    assert drive.run([(entered, "a19.03" + ENTER), (wrong, "a20.10.24" + ENTER), (green, "q")]) == "quit"
    assert "답> " not in drive.seen[-1]
    eng = progress.load().step("9.1/engine")
    assert eng.passed and [a["text"] for a in eng.answers] == ["19.03", "20.10.24"]


def test_quiz_number_keys_wrong_then_retry_and_the_explanation_is_not_doubled(course, screen_pipe):
    make, send = screen_pipe
    screen = make(course.lessons[0], 2, FakeServices())
    right = next(i for i, c in enumerate(screen.choices) if c.correct) + 1
    wrong = next(i for i, c in enumerate(screen.choices) if not c.correct) + 1
    drive = Driver(screen, send)
    entered = lambda s: not s.busy  # noqa: E731
    tried = lambda s: bool(s.quiz_tried) and not s.passed_now  # noqa: E731
    assert drive.run([(entered, str(wrong)), (tried, str(right)), (green, "q")]) == "quit"
    assert "1–2 보기 고르기" in drive.seen[0]
    assert "그건 가상 머신이에요." in drive.seen[1] and "다른 번호를 골라" in drive.seen[1]
    final = drive.seen[-1]
    assert final.count("맞아요") == 1 and "그래서 가벼워요." in final  # "✓ 맞아요!" + the why without its "맞아요."
    assert final.count("컨테이너 안에는 커널이 없어요.") == 1
    assert "`가상 머신`" not in final
    q = progress.load().step("9.1/what")
    assert q.passed and [r["correct"] for r in q.quiz] == [False, True]


def test_hints_are_graded_and_the_solution_needs_a_second_press(course, screen_pipe):
    make, send = screen_pipe
    screen = make(course.lessons[0], 0, FakeServices())
    drive = Driver(screen, send)
    hint = lambda n: (lambda s: progress.load().step("9.1/run-port").hints_used == n)  # noqa: E731
    armed = lambda s: s.solution_armed  # noqa: E731
    viewed = lambda s: s.solution_shown  # noqa: E731
    assert drive.run([(watching, "h"), (hint(1), "h"), (hint(2), "s"), (armed, "s"), (viewed, "q")]) == "quit"
    assert "힌트 1/3" in drive.seen[1] and "힌트 2/3" in drive.seen[2]
    assert "s를 한 번 더" in drive.seen[3]
    assert "정답 명령:" in drive.seen[4]
    sp = progress.load().step("9.1/run-port")
    assert sp.solution_viewed and not sp.passed


def test_self_practice_mode_hides_the_command_until_hints_or_solution(course, screen_pipe):
    make, send = screen_pipe
    prefs.update(mode=prefs.SELF)
    screen = make(course.lessons[0], 0, FakeServices())
    drive = Driver(screen, send)
    hint3 = lambda s: progress.load().step("9.1/run-port").hints_used == 3  # noqa: E731
    assert drive.run([(watching, "hhh"), (hint3, "m"), (lambda s: not s.self_mode, "q")]) == "quit"
    hidden = drive.seen[0]
    assert "docker container run -d -p 8080:80 nginx" not in hidden
    assert "명령은 직접 만들어 보세요" in hidden and "스스로 해 보기" in hidden
    assert "호스트의 8080 포트를" in hidden  # what to achieve stays
    assert "docker container run -d -p 8080:80 nginx" in drive.seen[1]  # the last hint is the command
    assert prefs.load().mode == prefs.FOLLOW  # `m` switched it back, saved
    assert "$ docker container run -d -p 8080:80 nginx" in drive.seen[2]


def test_lesson_end_page_says_what_was_learned_and_what_next(course, screen_pipe):
    make, send = screen_pipe
    for s in course.lessons[0].steps[:2]:
        progress.mark_began(s.id)
        progress.record_check(s.id, True)
    screen = make(course.lessons[0], 2, FakeServices(), course=course)
    right = next(i for i, c in enumerate(screen.choices) if c.correct) + 1
    drive = Driver(screen, send)
    done = lambda s: s.page == "done"  # noqa: E731
    assert drive.run([(lambda s: not s.busy, str(right)), (green, ENTER), (done, ENTER)]) == "next"
    end = drive.seen[-1]
    assert "레슨 9.1 끝!" in end and "3단계 중 3단계를 통과했어요" in end and "걸렸어요" in end
    assert "docker-tutor quiz --lesson 9.1" in end and "다음 레슨" in end


def test_course_complete_page_after_the_last_step(course, screen_pipe):
    make, send = screen_pipe
    for lesson in course.lessons:
        for s in lesson.steps:
            progress.mark_began(s.id)
            progress.record_check(s.id, True)
    screen = make(course.lessons[1], 0, FakeServices(), course=course)
    drive = Driver(screen, send)
    done = lambda s: s.page == "done"  # noqa: E731
    assert drive.run([(lambda s: not s.busy, "n"), (done, "q")]) == "quit"
    end = drive.seen[-1]
    assert "코스를 모두 마쳤어요!" in end and "docker-tutor quiz" in end
    assert "다음 레슨:" not in end and "Enter 다음 레슨" not in end and "Enter 목록으로" in end


def test_daemon_gone_is_said_on_the_step_screen(course, screen_pipe):
    from tutor.errors import DaemonUnreachable

    make, send = screen_pipe
    services = FakeServices(verdicts=[DaemonUnreachable("Docker 데몬에 연결할 수 없어요.")])

    def events():
        raise DaemonUnreachable("Docker 데몬과의 연결이 끊어졌어요.")

    services.events = events
    screen = make(course.lessons[0], 0, services)
    drive = Driver(screen, send)
    assert drive.run([(lambda s: not s.connected, "q")]) == "quit"
    assert "⚠" in drive.seen[0] and "다시 연결해서" in drive.seen[0]


def test_first_run_picks_the_mode_then_the_picker_resumes(course, pipe, screen_pipe, monkeypatch):
    from conftest import DOWN
    from prompt_toolkit.input import create_pipe_input

    prompter, send = pipe
    monkeypatch.delenv("TMUX", raising=False)
    console = make_console(file=io.StringIO(), width=80, force_terminal=True)
    services = FakeServices()
    with create_pipe_input() as screen_in:
        from prompt_toolkit.output import DummyOutput

        # First run: pick "스스로 해 보기"; the picker opens 9.1; the screen shows step 1; q.
        send(DOWN + ENTER + ENTER)
        screen_in.send_text("q")
        code = run_guided(None, Renderer(console=console, err_console=console), prompter=prompter,
                          services=services, course=course, check_tty=False, screen_io=(screen_in, DummyOutput()))
    assert code == 0
    text = out(console)
    assert "두 번째 터미널" in text and "Windows Terminal" in text and "VS Code" in text
    assert prefs.load().mode == prefs.SELF and prefs.load().welcomed
    assert "그만할게요" in text
    assert progress.load().current == "9.1/run-port"


def test_first_run_in_tmux_offers_a_split_pane(pipe, monkeypatch):
    from tutor.ui import first_run

    prompter, send = pipe
    calls = []
    monkeypatch.setattr(first_run.shutil, "which", lambda name: "/usr/bin/tmux")
    console = make_console(file=io.StringIO(), width=80, force_terminal=True)
    send(ENTER + ENTER)  # yes, split; mode: 따라 하기
    settings = first_run.first_run(console, prompter, env={"TMUX": "/tmp/tmux-0/default,1,0"},
                                   run=lambda argv, **kw: calls.append(argv) or type("R", (), {"returncode": 0})())
    assert calls == [["/usr/bin/tmux", "split-window", "-h", "-d"]]
    assert settings.mode == prefs.FOLLOW
    assert "오른쪽에 새 터미널을 열었어요" in out(console)


def test_picker_shows_progress_per_lesson_and_the_mode_entry(course):
    from tutor.ui.app import pick_lesson

    progress.record_check("9.1/run-port", True)
    captured = {}

    class Spy:
        def select(self, message, options, default=None):
            captured["titles"] = [o.title for o in options]
            return

    pick_lesson(course, Spy())
    assert "9.1  예제 레슨  (1/3)" in captured["titles"]
    assert "9.2  두 번째  (0/1)" in captured["titles"]
    assert captured["titles"][-2].startswith("연습 방식 바꾸기") and captured["titles"][-1] == "종료"


def test_not_a_tty_points_to_check_and_grade(monkeypatch):
    import sys

    console = make_console(file=io.StringIO(), width=80)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    code = run_guided(None, Renderer(console=console, err_console=console))
    assert code == 2
    text = console.file.getvalue()
    assert "터미널에서만" in text and "docker-tutor check" in text and "docker-tutor grade" in text


def test_corrupt_progress_is_reported_at_start_and_the_tutor_goes_on(course, pipe):
    from tutor import paths

    prompter, send = pipe
    prefs.update(mode=prefs.FOLLOW, welcomed=True)
    paths.progress_file().write_text('{"format_version": 1, "steps": [', encoding="utf-8")
    console = make_console(file=io.StringIO(), width=80, force_terminal=True)
    send(CTRL_C)
    assert run_guided(None, Renderer(console=console, err_console=console), prompter=prompter,
                      services=FakeServices(), course=course, check_tty=False) == 0
    text = "".join(out(console).split())
    assert "새로시작했어요" in text and "progress.json.broken-" in text
    backups = list(paths.progress_file().parent.glob("progress.json.broken-*"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8").startswith('{"format_version"')


def test_read_only_data_dir_passing_warns_on_the_screen_and_goes_on(course, screen_pipe, monkeypatch):
    """Issue 16/7: a data dir that refuses writes used to end the guided UI with exit 4."""
    import errno

    from tutor import progress_store

    def refuse(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system", "progress.json")

    monkeypatch.setattr(progress_store, "write_atomic", refuse)
    make, send = screen_pipe
    screen = make(course.lessons[0], 0, FakeServices(verdicts=[True]))
    drive = Driver(screen, send)
    warned = lambda s: s.passed_now and any("기록을 저장하지 못했어요" in n for n in s.notices)  # noqa: E731
    assert drive.run([(warned, "q")]) == "quit"
    text = "".join(drive.seen[-1].split())
    assert "기록을저장하지못했어요" in text and "✓통과했어요" in text  # the result was still shown


def test_passing_a_lessons_last_step_points_resume_at_the_next_lesson(course, screen_pipe):
    """After the last step of 9.1, "이어서 하기" is 9.2's first step, not 9.1's last one again."""
    make, send = screen_pipe
    screen = make(course.lessons[0], 2, FakeServices(), course=course)
    right = next(i for i, c in enumerate(screen.choices) if c.correct) + 1
    assert Driver(screen, send).run([(lambda s: not s.busy, str(right)), (green, "q")]) == "quit"
    assert progress.load().current == "9.2/ok"
