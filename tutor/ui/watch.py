"""`docker-tutor watch`: re-check the current step on every relevant daemon event.

`WatchLoop` is the engine of it and knows nothing about the screen: a reader thread turns the
daemon's event stream (opened by `tutor.daemon.events`, filtered to container/network/image
events) into queue items; the loop re-checks on each event (bursts are coalesced), on a slow
timer as a fallback, and right after a reconnect. When the daemon goes away the reader says so,
waits and reconnects; progress is untouched. `on_verdict(Verdict)` lets the benchmark measure
the event→verdict latency (`Verdict.latency`), `on_change(WatchState)` lets the screen redraw;
`poke()` asks for a check now (Enter on the step screen).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from tutor.errors import DaemonUnreachable
from tutor.model import Step

TIMER_SECONDS = 3.0  # fallback re-check when no event arrives (e.g. `docker login` has no event)
RECONNECT_SECONDS = 2.0  # wait between reconnect attempts after the daemon went away
COALESCE_SECONDS = 0.03  # events arriving this close together are checked once


@dataclass(frozen=True)
class Verdict:
    step_id: str
    result: object  # tutor.model.CheckResult
    trigger: dict | None  # the event that caused the check (None: start, timer, reconnect)
    event_at: float | None  # clock() when the event was read from the stream
    decided_at: float  # clock() when the verdict was ready
    reason: str = "start"  # start | event | timer | reconnect | manual (the learner pressed Enter)

    @property
    def latency(self) -> float | None:
        return None if self.event_at is None else self.decided_at - self.event_at


@dataclass(frozen=True)
class WatchState:
    index: int  # position in `steps`
    step: Step | None  # None when every watched step passed
    verdict: Verdict | None = None
    connected: bool = True
    message: str = ""  # the daemon problem, in Korean
    passed: tuple[str, ...] = ()  # step ids passed during this watch
    just_passed: Step | None = None  # the step passed last (its explain is still shown)
    checks: int = 0


@dataclass
class WatchOutcome:
    passed: list[str] = field(default_factory=list)
    finished: bool = False  # every watched step passed
    interrupted: bool = False
    last_step: str | None = None


class WatchLoop:
    def __init__(
        self,
        steps: Sequence,
        *,
        check: Callable,  # step -> CheckResult; may raise DaemonUnreachable
        open_events: Callable,  # () -> iterable of event dicts with close()
        on_change: Callable[[WatchState], None] | None = None,
        on_verdict: Callable[[Verdict], None] | None = None,
        on_pass: Callable | None = None,  # step -> None (records progress)
        interval: float = TIMER_SECONDS,
        reconnect: float = RECONNECT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.steps = list(steps)
        self._check = check
        self._open_events = open_events
        self._on_change = on_change or (lambda s: None)
        self._on_verdict = on_verdict or (lambda v: None)
        self._on_pass = on_pass or (lambda s: None)
        self.interval = interval
        self.reconnect = reconnect
        self.clock = clock
        self._q: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        self._stream: Any = None  # the open event stream (an iterator with close())
        self.interrupted = False
        # Set while the event stream is open: a benchmark waits on it before running a command.
        self.ready = threading.Event()
        self.state = WatchState(index=0, step=self.steps[0] if self.steps else None)

    # --- the event reader (a background thread) ---------------------------------------------

    def _reader(self) -> None:
        while not self._stop.is_set():
            try:
                self._stream = self._open_events()
                self.ready.set()
                self._q.put(("up", None, self.clock()))
                for event in self._stream:
                    self._q.put(("event", event, self.clock()))
                    if self._stop.is_set():
                        return
            except DaemonUnreachable as err:
                self.ready.clear()
                if self._stop.is_set():
                    return
                self._q.put(("down", err, self.clock()))
            except Exception as err:  # noqa: BLE001 - a broken stream is treated like a lost daemon
                self.ready.clear()
                if self._stop.is_set():
                    return
                self._q.put(("down", DaemonUnreachable(f"이벤트를 읽다가 문제가 생겼어요: {err}"), self.clock()))
            self._stop.wait(self.reconnect)

    def interrupt(self) -> None:
        """Ctrl-C, delivered by a signal handler: stop between two redraws, never mid-write."""
        self.interrupted = True
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        self._q.put(("stop", None, self.clock()))
        stream = self._stream
        if stream is not None and hasattr(stream, "close"):
            stream.close()

    # --- the loop -----------------------------------------------------------------------------

    def _set(self, **changes) -> None:
        self.state = replace(self.state, **changes)
        self._on_change(self.state)

    def poke(self) -> None:
        """Check now (the learner pressed Enter): queued, so it never races the loop's own check."""
        self._q.put(("poke", None, self.clock()))

    def _run_check(self, trigger: dict | None, event_at: float | None, reason: str = "start") -> None:
        step = self.state.step
        if step is None:
            return
        try:
            result = self._check(step)
        except DaemonUnreachable as err:
            self._set(connected=False, message=err.message)
            return
        verdict = Verdict(step.id, result, trigger, event_at, self.clock(), reason)
        if not self.state.connected:
            # The daemon answered again. After a freeze (SIGSTOP/SIGCONT, a suspended VM) the
            # event stream was never cut, so no reconnect ("up") comes to clear the warning.
            self._set(connected=True, message="")
        self._on_verdict(verdict)
        if getattr(result, "passed", False):
            self._on_pass(step)
            index = self.state.index + 1
            nxt = self.steps[index] if index < len(self.steps) else None
            self._set(index=index, step=nxt, verdict=None, passed=self.state.passed + (step.id,),
                      just_passed=step, checks=self.state.checks + 1)
            if nxt is not None:
                self._run_check(None, None)  # the next step may already be done
        else:
            self._set(verdict=verdict, checks=self.state.checks + 1)

    def run(self) -> WatchOutcome:
        outcome = WatchOutcome()
        if not self.steps:
            outcome.finished = True
            return outcome
        reader = threading.Thread(target=self._reader, name="docker-tutor-events", daemon=True)
        reader.start()
        self._on_change(self.state)
        self._run_check(None, None)
        try:
            while self.state.step is not None:
                try:
                    kind, payload, at = self._q.get(timeout=self.interval)
                except queue.Empty:
                    self._run_check(None, None, "timer")  # fallback, also retries while disconnected
                    continue
                if kind == "stop":
                    break
                if kind == "down":
                    self._set(connected=False, message=payload.message)
                    continue
                if kind == "up":
                    self._set(connected=True, message="")
                    self._run_check(None, None, "reconnect")
                    continue
                if kind == "poke":
                    self._run_check(None, None, "manual")
                    continue
                self._drain()
                self._run_check(payload, at, "event")
        except KeyboardInterrupt:
            outcome.interrupted = True
        finally:
            self.stop()
        outcome.interrupted = outcome.interrupted or self.interrupted
        outcome.passed = list(self.state.passed)
        outcome.finished = self.state.step is None
        outcome.last_step = self.state.step.id if self.state.step is not None else None
        return outcome

    def _drain(self) -> None:
        """Swallow events already queued (one `docker run` is create+attach+start): one check."""
        deadline = self.clock() + COALESCE_SECONDS
        while True:
            try:
                kind, payload, at = self._q.get(timeout=max(0.0, deadline - self.clock()))
            except queue.Empty:
                return
            if kind != "event":
                self._q.put((kind, payload, at))  # keep control items for the loop
                return
