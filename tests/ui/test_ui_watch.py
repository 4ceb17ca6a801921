"""WatchLoop: re-checks on events, falls back to a timer, survives a lost daemon, moves on."""

from __future__ import annotations

import queue
import threading
import time

from conftest import make_course

from tutor import progress
from tutor.errors import DaemonUnreachable
from tutor.model import CheckResult
from tutor.ui.watch import WatchLoop


class FakeStream:
    """Events pushed by the test; `fail()` makes the iteration raise like a dying daemon."""

    def __init__(self):
        self.q: queue.Queue = queue.Queue()
        self.closed = False

    def __iter__(self):
        while True:
            item = self.q.get()
            if item is None:
                return
            if isinstance(item, Exception):
                raise item
            yield item

    def close(self):
        self.closed = True
        self.q.put(None)


def _task_steps():
    course = make_course()
    s = course.lessons[0].steps[0]
    from dataclasses import replace

    return [s, replace(s, id="9.1/second", slug="second", title="두 번째 실습")]


def test_event_triggers_check_and_pass_moves_to_next_step():
    steps = _task_steps()
    world = {"9.1/run-port": False, "9.1/second": False}
    streams: list[FakeStream] = []
    verdicts = []
    checks = []

    def check(step):
        checks.append(step.id)
        return CheckResult(step.id, "task", world[step.id])

    def open_events():
        streams.append(FakeStream())
        return streams[-1]

    loop = WatchLoop(steps, check=check, open_events=open_events, on_verdict=verdicts.append,
                     on_pass=lambda s: progress.record_check(s.id, True), interval=30)
    result = {}
    t = threading.Thread(target=lambda: result.setdefault("o", loop.run()))
    t.start()
    _wait(lambda: streams and checks)
    world["9.1/run-port"] = True
    streams[-1].q.put({"type": "container", "action": "start", "name": "web"})
    _wait(lambda: loop.state.index == 1)
    v = next(v for v in verdicts if v.result.passed)
    assert v.trigger["action"] == "start" and v.latency is not None and 0 <= v.latency < 1.0
    world["9.1/second"] = True
    streams[-1].q.put({"type": "container", "action": "start", "name": "web2"})
    t.join(5)
    assert not t.is_alive()
    o = result["o"]
    assert o.finished and o.passed == ["9.1/run-port", "9.1/second"]
    assert progress.load().passed("9.1/second")
    assert streams[-1].closed  # the stream is closed when the loop ends


def test_timer_fallback_rechecks_without_events():
    steps = _task_steps()[:1]
    calls = []

    def check(step):
        calls.append(time.monotonic())
        return CheckResult(step.id, "task", len(calls) >= 3)

    loop = WatchLoop(steps, check=check, open_events=FakeStream, interval=0.05)
    o = loop.run()
    assert o.finished and len(calls) == 3


def test_daemon_lost_is_reported_then_reconnects_and_keeps_going():
    steps = _task_steps()[:1]
    streams: list[FakeStream] = []
    states = []
    up = {"ok": False}

    def open_events():
        if streams and not up["ok"]:
            raise DaemonUnreachable("Docker 데몬이 실행 중이 아니에요.")
        streams.append(FakeStream())
        return streams[-1]

    def check(step):
        return CheckResult(step.id, "task", up["ok"])

    loop = WatchLoop(steps, check=check, open_events=open_events, on_change=states.append,
                     interval=30, reconnect=0.05)
    t = threading.Thread(target=loop.run)
    t.start()
    _wait(lambda: streams)
    streams[0].q.put(DaemonUnreachable("연결이 끊어졌어요."))
    _wait(lambda: any(not s.connected for s in states))
    assert any("끊어졌어요" in s.message or "실행 중이 아니에요" in s.message for s in states)
    up["ok"] = True  # the daemon is back: the reader reconnects and the loop re-checks
    t.join(5)
    assert not t.is_alive() and loop.state.step is None and loop.state.connected


def test_ctrl_c_from_the_signal_handler_ends_the_loop_between_redraws():
    steps = _task_steps()[:1]
    loop = WatchLoop(steps, check=lambda s: CheckResult(s.id, "task", False), open_events=FakeStream, interval=30)
    result = {}
    t = threading.Thread(target=lambda: result.setdefault("o", loop.run()))
    t.start()
    time.sleep(0.1)
    loop.interrupt()
    t.join(5)
    assert not t.is_alive() and loop.state.step is not None
    assert result["o"].interrupted and not result["o"].finished and result["o"].last_step == "9.1/run-port"


def _wait(cond, timeout=5.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.01)
    raise AssertionError("condition not reached")


def test_poke_checks_at_once_and_says_why_each_check_ran():
    steps = _task_steps()[:1]
    reasons = []
    loop = WatchLoop(steps, check=lambda s: CheckResult(s.id, "task", len(reasons) >= 2), open_events=FakeStream,
                     on_verdict=lambda v: reasons.append(v.reason), interval=60)
    thread = threading.Thread(target=loop.run, daemon=True)
    thread.start()
    assert loop.ready.wait(5)
    deadline = time.monotonic() + 5
    while len(reasons) < 2 and time.monotonic() < deadline:  # the first check, then the one after the stream opened
        time.sleep(0.01)
    loop.poke()  # the learner pressed Enter: no event, no timer (60 s), checked right away
    thread.join(5)
    assert not thread.is_alive()
    assert reasons[:2] == ["start", "reconnect"] and reasons[-1] == "manual"


def test_frozen_daemon_warning_clears_when_checks_answer_again_without_a_reconnect():
    """Issue 16 item 9: after SIGSTOP/SIGCONT the event stream is never cut (no reconnect), the
    timed-out checks said "응답하지 않아요" and the warning stayed although checks answered."""
    steps = _task_steps()[:1]
    stream = FakeStream()
    frozen = {"on": True}
    calls = []

    def check(step):
        calls.append(frozen["on"])
        if frozen["on"]:
            raise DaemonUnreachable("Docker 데몬이 응답하지 않아요.")
        return CheckResult(step.id, "task", False)  # answers again, the step is not done yet

    loop = WatchLoop(steps, check=check, open_events=lambda: stream, interval=0.05)
    t = threading.Thread(target=loop.run, daemon=True)
    t.start()
    try:
        _wait(lambda: not loop.state.connected and "응답하지" in loop.state.message)
        frozen["on"] = False  # SIGCONT: the same stream goes on, no "up" item
        _wait(lambda: loop.state.connected and loop.state.message == "")
        assert loop.state.verdict is not None and not loop.state.verdict.result.passed
    finally:
        loop.stop()
        t.join(5)
    assert not t.is_alive()
