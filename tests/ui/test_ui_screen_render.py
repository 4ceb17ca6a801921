"""The live lesson screen composed at 60, 80 and 100 columns with Hangul: what must stay visible.

`LessonScreen.compose(width, height)` is what the terminal shows, line by line; these tests
need no terminal. At 80×24 the header, the title and the command are on the first rows, every
line fits its width in cells, and long text is paged, never lost.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from conftest import FakeServices, make_course
from rich.cells import cell_len

from tutor.model import Choice, Quiz, Step
from tutor.ui import preferences as prefs

ANSI = re.compile(r"\x1b\[[0-9;]*m")
LONG_KO = ("컨테이너 안의 웹 서버는 그대로는 컨테이너 밖에서 접속할 수 없어요. 호스트의 포트를 컨테이너의 "
           "포트에 연결해야 브라우저나 다른 프로그램이 들어올 수 있어요. 한글은 한 글자가 두 칸을 차지해요. ")
LONG_CHOICE = "VM은 저마다 게스트 OS(자기 커널)를 따로 부팅해요. 그래서 컨테이너보다 무겁고 시작이 느리며, 별도의 서버처럼 쓰는 것"


def _screen(step, index=0, mode=prefs.FOLLOW):
    from prompt_toolkit.output import DummyOutput

    from tutor.ui.live_screen import LessonScreen

    base = make_course().lessons[0]
    steps = list(base.steps)
    steps[index] = step
    lesson = replace(base, steps=tuple(steps))
    chosen = prefs.Preferences(mode=mode, learner="test-learner", welcomed=True)
    return LessonScreen(lesson, index, FakeServices(), prefs=chosen, output=DummyOutput(), show_intro=False)


def _plain(lines):
    return [ANSI.sub("", line) for line in lines]


def _long_task():
    base = make_course().lessons[0].steps[0]
    body = (LONG_KO * 6 + "\n\n```bash\ndocker container run -d -p 8080:80 nginx\n```\n\n"
            + "- `-p 8080:80`: **호스트 포트:컨테이너 포트** 순서예요.\n\n마지막 문단이에요: 끝까지 읽었어요.\n")
    return replace(base, title="포트 연결하기 (-p): 호스트의 8080 포트를 컨테이너의 80 포트에", body=body)


@pytest.mark.parametrize("width", [60, 80, 100])
def test_header_title_and_command_stay_on_top_and_every_line_fits(width):
    screen = _screen(_long_task())
    composed = screen.compose(width, 24)
    lines = _plain(composed.lines)
    assert len(lines) == 24
    assert max(cell_len(line) for line in lines) <= width
    top = "\n".join(lines[:5])
    assert "9.1 예제 레슨 · 1/3 · 실습" in lines[0]
    assert "포트 연결하기" in top and "$ docker container run -d -p 8080:80 nginx" in top
    assert "h 힌트" in lines[-1] or "h 힌트" in lines[-2]  # the status line is the last row(s)
    assert composed.max_offset > 0  # the body is longer than the room: it pages


@pytest.mark.parametrize("width", [60, 80, 100])
def test_long_text_pages_inside_the_screen_and_nothing_is_lost(width):
    screen = _screen(_long_task())
    seen = []
    while True:
        composed = screen.compose(width, 24)
        rows = _plain(composed.lines)
        first = len(rows) - composed.status_rows - 1 - composed.scroll_rows  # 1: the "더 있어요" row
        seen += rows[first:first + composed.scroll_rows]
        assert "더 있어요" in rows[-composed.status_rows - 1] or "끝이에요" in rows[-composed.status_rows - 1]
        if composed.offset >= composed.max_offset:
            break
        screen.offset = min(composed.offset + composed.scroll_rows, composed.max_offset)
        if screen.offset == composed.max_offset:  # the last page may overlap the one before
            seen = seen[:len(seen) - (composed.offset + composed.scroll_rows - composed.max_offset)]
        assert "포트 연결하기" in rows[1]  # still on top while paging
    text = "".join("".join(seen).split())
    assert "".join((LONG_KO * 6).split()) in text
    assert "마지막문단이에요:끝까지읽었어요." in text


def test_status_line_is_one_row_at_80_columns():
    screen = _screen(_long_task())
    lines = _plain(screen.compose(80, 24).lines)
    status = lines[-1]
    for word in ("h 힌트", "s 정답", "n 다음", "b 이전", "l 목록", "q 종료", "Enter 확인"):
        assert word in status
    assert "h 힌트" not in lines[-2]


@pytest.mark.parametrize("width", [60, 80, 100])
def test_quiz_choices_wrap_and_are_never_cut(width):
    quiz = Quiz(question="가상 머신과 컨테이너의 차이로 맞는 것은?",
                choices=(Choice(LONG_CHOICE, False, "아니에요."), Choice("커널을 함께 써요.", True, "맞아요.")))
    step = Step(id="9.1/what", slug="what", kind="quiz", title="VM과 컨테이너", body="", quiz=quiz)
    lines = _plain(_screen(step, 2).compose(width, 24).lines)
    assert max(cell_len(line) for line in lines) <= width
    text = "".join("".join(lines).split())
    assert "".join(LONG_CHOICE.split()) in text  # "…따로 부팅해요" and "…쓰는 것" both there


@pytest.mark.parametrize("width", [60, 80, 100])
def test_a_long_header_wraps_instead_of_being_cut(width):
    lines = _plain(_screen(_long_task(), mode=prefs.SELF).compose(width, 24).lines)
    head = "".join("".join(lines[:3]).split())
    assert "9.1예제레슨·1/3·실습·스스로해보기" in head
    assert "…" not in "".join(lines[:3])


def test_self_mode_screen_hides_the_command_and_keeps_the_task():
    lines = _plain(_screen(_long_task(), mode=prefs.SELF).compose(80, 24).lines)
    text = "\n".join(lines)
    assert "docker container run -d -p 8080:80 nginx" not in text
    assert "할 일:" in text and "스스로 해 보기" in lines[0]
