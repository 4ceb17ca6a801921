"""The live lesson screen: one prompt_toolkit Application for a whole lesson (intro, steps, ending).

Why prompt_toolkit: it reads single keys and redraws from any thread in the same process, works
in tmux and over pipes (tests drive it with `create_pipe_input()` + `DummyOutput()`), and the
layout is one full-screen window whose lines `tutor.ui.step_view.compose` has already fitted to
the terminal. On a task step a `WatchLoop` (the `watch` engine: filtered daemon events, a slow
timer, reconnects) runs in a background thread; its verdicts are handed to the UI thread with
`call_soon_threadsafe`, so all state changes happen in one thread and the screen turns green
as soon as the check after the learner's command has run. What each key does is in
`tutor.ui.step_actions` and `tutor.ui.answer_actions`.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

from prompt_toolkit.application import Application
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import ANSI
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, Window
from prompt_toolkit.layout.controls import FormattedTextControl
from prompt_toolkit.widgets import TextArea

from tutor import progress
from tutor.ui import preferences
from tutor.ui.answer_actions import AnswerActions
from tutor.ui.watch import TIMER_SECONDS


class _Silent:
    """An event stream that never yields (services without events: the timer still re-checks)."""

    def __init__(self):
        self._closed = threading.Event()

    def __iter__(self):
        self._closed.wait()
        return iter(())

    def close(self):
        self._closed.set()


class LessonScreen(AnswerActions):
    def __init__(self, lesson, index, services, *, prefs=None, input=None, output=None,
                 interval: float = TIMER_SECONDS, show_intro: bool = True, course=None,
                 lesson_file: str | None = None, on_green=None, title_prefix: str = ""):
        self.lesson = lesson
        self.index = max(0, min(index, len(lesson.steps) - 1))
        self.services = services
        self.prefs = prefs or preferences.load()
        self.interval = interval
        self.course = course
        self.lesson_file = lesson_file
        self.on_green = on_green  # (step_id, monotonic time the green screen was drawn): the bench
        self.title_prefix = title_prefix
        self.page = "intro" if show_intro and self.index == 0 and lesson.intro.strip() else "step"
        self.gen = 0
        self.watch: Any = None
        self.started_at = time.monotonic()
        self._loop: Any = None
        self._pending: list[Any] = []
        self.notices: list[str] = []
        self._workers: list[threading.Thread] = []  # entering a step, answers, prepare: joined at exit  # progress writes done right after the green screen was drawn
        self._green_reported = -1
        self.reset_step()
        self.app = self._build(input, output)

    # --- threads → UI thread -------------------------------------------------------------------

    def call(self, fn, gen: int | None = None) -> None:
        """Run `fn` on the UI thread (from any thread); dropped when the step changed meanwhile."""
        loop = self._loop
        if loop is None:
            return

        def apply():
            if gen is not None and gen != self.gen:
                return
            fn()
            self.app.invalidate()

        try:
            loop.call_soon_threadsafe(apply)
        except RuntimeError:  # the loop already closed: the screen is gone
            pass

    def in_thread(self, work, done, gen: int | None = None) -> None:
        """`work()` in a background thread, then `done(result)` (or `done(exc)`) on the UI thread."""

        def run():
            try:
                result = work()
            except Exception as exc:  # noqa: BLE001 - shown to the learner, never a traceback
                result = exc
            self.call(lambda: done(result), gen)

        thread = threading.Thread(target=run, daemon=True, name="docker-tutor-ui")
        self._workers = [t for t in self._workers if t.is_alive()] + [thread]
        thread.start()

    def later(self, record) -> None:
        """A progress write after the next redraw (so it never delays the green screen)."""
        self._pending.append(record)

    def _flush(self, _app=None) -> None:
        while self._pending:
            self._pending.pop(0)()

    def _after_render(self, _app) -> None:
        if self.page == "step" and self.passed_now and self._green_reported != self.gen:
            self._green_reported = self.gen
            if self.on_green is not None:
                self.on_green(self.step.id, time.monotonic())
        if self._pending:
            self._loop.call_soon(self._flush)

    # --- the watch engine ------------------------------------------------------------------------

    def start_watch(self) -> None:
        from tutor.ui.watch import WatchLoop

        self.stop_watch()
        gen, step = self.gen, self.step
        events = getattr(self.services, "events", None)
        self.watch = WatchLoop(
            [step], check=self.services.check, open_events=events or _Silent,
            on_verdict=lambda v: self.call(lambda: self.on_verdict(v), gen),
            on_change=lambda s: self.call(lambda: self.on_watch_state(s), gen),
            interval=self.interval)
        threading.Thread(target=self.watch.run, daemon=True, name="docker-tutor-watch").start()

    def stop_watch(self) -> None:
        if self.watch is not None:
            self.watch.stop()
            self.watch = None

    # --- the application ---------------------------------------------------------------------

    def _size(self):
        size = self.app.output.get_size()
        return max(20, size.columns), max(8, size.rows - (1 if self.answering else 0))

    def _text(self):
        self.notices += progress.take_notices()  # e.g. "기록을 저장하지 못했어요: …" (shown, never fatal)
        width, height = self._size()
        composed = self.compose(width, height)
        self.offset = composed.offset
        self._rows = composed.scroll_rows
        return ANSI("\n".join(composed.lines))

    def _build(self, input, output) -> Application:
        self.input_area = TextArea(height=1, multiline=False, prompt="답> ", accept_handler=self._accept)
        body = Window(FormattedTextControl(self._text, focusable=True, show_cursor=False), wrap_lines=False,
                      always_hide_cursor=True)
        self._body = body
        root = HSplit([body, ConditionalContainer(self.input_area, filter=Condition(lambda: self.answering))])
        kwargs = {}
        if input is not None:
            kwargs["input"] = input
        if output is not None:
            kwargs["output"] = output
        app = Application(layout=Layout(root, focused_element=body), key_bindings=self._keys(),
                          full_screen=True, mouse_support=False, **kwargs)
        app.after_render += self._after_render
        return app

    def _keys(self) -> KeyBindings:
        kb = KeyBindings()
        idle = Condition(lambda: not self.answering)

        def bind(*keys, when=idle):
            def deco(fn):
                for key in keys:
                    kb.add(key, filter=when)(lambda event, fn=fn: fn())
                return fn
            return deco

        bind("c-c", when=Condition(lambda: True))(lambda: self.leave("quit"))
        bind("q")(lambda: self.leave("quit"))
        bind("l")(lambda: self.leave("list"))
        bind("enter")(self.key_enter)
        bind("n")(self.key_next)
        bind("b")(self.key_prev)
        bind("h")(self.key_hint)
        bind("s")(self.key_solution)
        bind("p")(self.key_prepare)
        bind("m")(self.key_mode)
        bind("a")(self.key_answer)
        bind("c")(self.key_cleanup)
        bind("y")(self.key_yes)
        for digit in "123456789":
            bind(digit)(lambda d=digit: self.key_choice(int(d) - 1))
        bind("up")(lambda: self.scroll(-1))
        bind("down")(lambda: self.scroll(1))
        bind("pageup")(lambda: self.scroll(-max(1, self._rows - 1)))
        bind("pagedown", " ")(lambda: self.scroll(max(1, self._rows - 1)))
        bind("escape", when=Condition(lambda: self.answering))(self.cancel_answer)
        return kb

    def scroll(self, delta: int) -> None:
        self.offset = max(0, self.offset + delta)

    def leave(self, how: str) -> None:
        self.stop_watch()
        if not self.app.is_done:
            self.app.exit(result=how)

    def focus_input(self, on: bool) -> None:
        self.app.layout.focus(self.input_area if on else self._body)

    def run(self) -> str:
        """Show the lesson until the learner leaves: "quit", "list", or "next" (after its ending)."""

        def pre_run():
            self._loop = asyncio.get_event_loop()
            if self.page == "step":
                self.enter()

        try:
            result = self.app.run(pre_run=pre_run)
        except (KeyboardInterrupt, EOFError):
            result = "quit"
        finally:
            self.stop_watch()
            for worker in self._workers:  # what they record (the step's start, an answer) must land
                worker.join(10)
            self._flush()
        return result or "quit"

