"""Issue 16 item 6: the guided UI on a `--file` whose title, heading and quiz values hold OSC 52
(clipboard), OSC 0 (window title) and CSI 2J prints none of those sequences."""

from __future__ import annotations

import io

from conftest import CTRL_C, ENTER, FakeServices

from tests.unit.test_sanitiser_paths import clean, evil_lesson
from tutor.lessonfile.catalog import load_course
from tutor.render import Renderer, make_console
from tutor.ui.app import run_guided


def test_guided_ui_on_an_evil_file_prints_no_sequences(tmp_path, pipe):
    prompter, send = pipe
    course = load_course(str(evil_lesson(tmp_path)))
    console = make_console(file=io.StringIO(), width=80, force_terminal=True)
    send(ENTER + CTRL_C)  # open the lesson (its quiz step shows the question), then quit
    run_guided(None, Renderer(console=console, err_console=console), prompter=prompter,
               services=FakeServices(), course=course, check_tty=False)
    raw = console.file.getvalue()
    assert "나쁜" in raw and clean(raw), repr(raw)
