"""The two seams to the journey work (issue 11): entering a step is `begin` once it exists, and the
lesson-end page offers its cleanup. Fakes stand in for `tutor.journey.*` until it is on main."""

from __future__ import annotations

import sys
from types import ModuleType, SimpleNamespace

from conftest import ENTER, Driver, FakeServices, make_course  # noqa: F401

from tutor import progress
from tutor.ui import journey_seam


def _module(name, **attrs):
    mod = ModuleType(name)
    for k, v in attrs.items():
        setattr(mod, k, v)
    return mod


def test_without_the_journey_entering_records_the_start_and_resume_point(course):
    step = course.lessons[0].steps[0]
    assert journey_seam.enter_step(step, course) == []
    state = progress.load()
    assert state.current == step.id and state.step(step.id).began_at


def test_with_begin_the_screen_shows_what_it_made_and_what_is_in_the_way(course, screen_pipe, monkeypatch):
    calls = []

    def enter_step(step, course_arg):
        calls.append((step.id, course_arg is course))
        return SimpleNamespace(
            prepared=(SimpleNamespace(message="test1 컨테이너를 만들어 뒀어요."),), note="",
            blocked=(SimpleNamespace(message="여러분의 'web' 컨테이너가 8080 포트를 쓰고 있어요.",
                                     commands=("docker container rm -f web",)),))

    monkeypatch.setitem(sys.modules, "tutor.journey", _module("tutor.journey"))
    monkeypatch.setitem(sys.modules, "tutor.journey.begin", _module("tutor.journey.begin", enter_step=enter_step))
    make, send = screen_pipe
    screen = make(course.lessons[0], 0, FakeServices(), course=course)
    drive = Driver(screen, send)
    assert drive.run([(lambda s: s.watch is not None and bool(s.feedback), "q")]) == "quit"
    assert calls == [("9.1/run-port", True)]
    text = drive.seen[-1]
    assert "test1 컨테이너를 만들어 뒀어요." in text and "$ docker container rm -f web" in text


def test_lesson_end_cleanup_lists_then_removes_only_after_y(course, screen_pipe, monkeypatch):
    removed = []
    items = [SimpleNamespace(line="nginx 컨테이너 'web' (8080 포트)")]
    cleanup = _module("tutor.journey.cleanup", leftovers=lambda lesson: items,
                      remove=lambda chosen: removed.extend(chosen) or [SimpleNamespace(line="'web'을 지웠어요.")])
    monkeypatch.setitem(sys.modules, "tutor.journey", _module("tutor.journey"))
    monkeypatch.setitem(sys.modules, "tutor.journey.cleanup", cleanup)
    for s in course.lessons[0].steps:
        progress.record_check(s.id, True)
    make, send = screen_pipe
    screen = make(course.lessons[0], 2, FakeServices(), course=course)
    drive = Driver(screen, send)
    done = lambda s: s.page == "done"  # noqa: E731
    listed = lambda s: bool(s.cleanup_items)  # noqa: E731
    assert drive.run([(lambda s: not s.busy, ENTER), (done, "c"), (listed, "y"),
                      (lambda s: "지웠어요" in s.note, "q")]) == "quit"
    assert "c 남은 것 정리" in drive.seen[1]
    assert "nginx 컨테이너 'web' (8080 포트)" in drive.seen[2] and "y 지우기" in drive.seen[2]
    assert removed == items  # nothing before `y`, exactly the listed items after it
