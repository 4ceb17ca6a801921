"""The live screen and the journey (tutor/journey): entering a step is `begin`, and the lesson-end
page offers its cleanup. The screen reaches both only through `Services` (fake here; the real
`begin` and `leave` have their real-daemon tests in tests/daemon/test_begin_real.py and
test_leave_real.py), so these tests pin what the screen does with their answers."""

from __future__ import annotations

from types import SimpleNamespace

from conftest import ENTER, Driver, FakeServices, make_course  # noqa: F401

from tutor import progress
from tutor.journey.leave import Leftover
from tutor.ui import journey_seam


def test_entering_records_the_start_and_resume_point(course, screen_pipe):
    make, send = screen_pipe
    step = course.lessons[0].steps[0]
    screen = make(course.lessons[0], 0, FakeServices(), course=course)
    assert Driver(screen, send).run([(lambda s: s.watch is not None, "q")]) == "quit"
    state = progress.load()
    assert state.current == step.id and state.step(step.id).began_at


def test_the_screen_shows_what_begin_made_and_what_is_in_the_way(course, screen_pipe):
    services = FakeServices()
    services.entered_lines = ["test1 컨테이너를 만들어 뒀어요.",
                              "여러분의 'web' 컨테이너가 8080 포트를 쓰고 있어요.\n  $ docker container rm -f web"]
    make, send = screen_pipe
    screen = make(course.lessons[0], 0, services, course=course)
    drive = Driver(screen, send)
    assert drive.run([(lambda s: s.watch is not None and bool(s.feedback), "q")]) == "quit"
    text = drive.seen[-1]
    assert "test1 컨테이너를 만들어 뒀어요." in text and "$ docker container rm -f web" in text


def test_the_real_seam_turns_a_begin_result_into_lines(course, monkeypatch):
    """`enter_step` shows begin's own words: what it made, its note, what is in the way."""
    outcome = SimpleNamespace(prepared=(SimpleNamespace(message="webfront 컨테이너를 만들었어요."),),
                              note="준비물이 없어서 튜터가 만들었어요.",
                              blocked=(SimpleNamespace(message="'webp'가 여러분의 컨테이너예요.",
                                                       commands=("docker container rm -f webp",)),))
    monkeypatch.setattr("tutor.journey.begin.enter_step", lambda step, course_arg: outcome)
    lines = journey_seam.enter_step(course.lessons[0].steps[0], course)
    assert lines == ["webfront 컨테이너를 만들었어요.", "준비물이 없어서 튜터가 만들었어요.",
                     "'webp'가 여러분의 컨테이너예요.\n  $ docker container rm -f webp"]


def test_lesson_end_cleanup_lists_then_removes_only_after_y(course, screen_pipe):
    services = FakeServices()
    item = Leftover(kind="container", name="web", id="abc123", state="running", ports=("8080->80/tcp",),
                    why="이 레슨의 이름이에요", command="docker container rm -f web")
    services.leftover_items = [item]
    for s in course.lessons[0].steps:
        progress.record_check(s.id, True)
    make, send = screen_pipe
    screen = make(course.lessons[0], 2, services, course=course)
    drive = Driver(screen, send)
    done = lambda s: s.page == "done"  # noqa: E731
    listed = lambda s: bool(s.cleanup_items)  # noqa: E731
    assert drive.run([(lambda s: not s.busy, ENTER), (done, "c"), (listed, "y"),
                      (lambda s: "지웠어요" in s.note, "q")]) == "quit"
    assert "c 남은 것 정리" in drive.seen[1]
    assert "'web' 컨테이너" in drive.seen[2] and "8080->80/tcp" in drive.seen[2] and "y 지우기" in drive.seen[2]
    assert services.removed == [item]  # nothing before `y`, exactly the listed items after it
