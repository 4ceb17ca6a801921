"""Issue 16 item 6: the guided UI on a `--file` whose title, heading and quiz values hold OSC 52
(clipboard), OSC 0 (window title) and CSI 2J prints none of those sequences: not in the picker
and daemon lines (the console), not in the lesson screen (what it draws, line by line)."""

from __future__ import annotations

import io

from conftest import CTRL_C, ENTER, FakeServices
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from tests.unit.test_sanitiser_paths import clean, evil_lesson
from tutor.lessonfile.catalog import load_course
from tutor.render import Renderer, make_console
from tutor.ui import preferences as prefs
from tutor.ui.app import run_guided
from tutor.ui.live_screen import LessonScreen


def test_guided_ui_on_an_evil_file_prints_no_sequences(tmp_path, pipe):
    prompter, send = pipe
    prefs.update(mode=prefs.FOLLOW, welcomed=True)
    course = load_course(str(evil_lesson(tmp_path)))
    console = make_console(file=io.StringIO(), width=80, force_terminal=True)
    with create_pipe_input() as screen_in:
        send(ENTER + CTRL_C)  # open the lesson, then (after the screen's q) quit at the picker
        screen_in.send_text("q")
        run_guided(None, Renderer(console=console, err_console=console), prompter=prompter,
                   services=FakeServices(), course=course, check_tty=False, screen_io=(screen_in, DummyOutput()))
    raw = console.file.getvalue()
    assert clean(raw), repr(raw)

    lesson = course.lessons[0]
    for index in range(len(lesson.steps)):
        screen = LessonScreen(lesson, index, FakeServices(), output=DummyOutput(), show_intro=False, course=course)
        drawn = "\n".join(screen.compose(80, 24).lines)
        assert "나쁜" in drawn and clean(drawn), repr(drawn)
