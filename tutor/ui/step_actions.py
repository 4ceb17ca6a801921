"""What each key of the live lesson screen does, and what the screen shows (the state side).

`LessonScreen` (tutor/ui/live_screen.py) owns the Application and the threads; this mixin
owns the step state: the verdict shown, the feedback (hint, solution, preparation), the quiz
order and attempts. Every method here runs on the UI thread. Progress is recorded as it
happens (`tutor.progress.record_*`), so quitting at any key loses nothing.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from rich.console import Group
from rich.text import Text

from tutor import progress
from tutor.ui import preferences as prefs
from tutor.ui import step_view as v
from tutor.ui.feedback import verdict_renderable
from tutor.ui.lesson_text import hide_commands
from tutor.ui.safe_text import safe_text
from tutor.ui.verdict_records import class_status as _class_status
from tutor.ui.verdict_records import codes as _codes
from tutor.ui.verdict_records import record_check as _record_check

HINT_OFFER_AFTER = 3  # failed attempts (events or Enter) before the screen points to `h` (githug: 3)


class StepActions:
    # Set up by LessonScreen (tutor/ui/live_screen.py), which also supplies the thread helpers.
    lesson: Any
    index: int
    services: Any
    prefs: Any
    course: Any
    lesson_file: str | None
    gen: int
    page: str
    watch: Any
    app: Any
    input_area: Any
    choices: tuple[Any, ...]
    cleanup_items: list[Any] | None

    def in_thread(self, work: Callable[[], Any], done: Callable[[Any], None], gen: int | None = None) -> None:
        raise NotImplementedError

    def later(self, record: Callable[[], Any]) -> None:
        raise NotImplementedError

    def start_watch(self) -> None:
        raise NotImplementedError

    def stop_watch(self) -> None:
        raise NotImplementedError

    def leave(self, how: str) -> None:
        raise NotImplementedError

    def focus_input(self, on: bool) -> None:
        raise NotImplementedError

    def key_answer(self) -> None:  # tutor/ui/answer_actions.py
        raise NotImplementedError

    # --- state ----------------------------------------------------------------------------------

    @property
    def step(self):
        return self.lesson.steps[self.index]

    @property
    def self_mode(self) -> bool:
        return self.prefs.practice_mode == prefs.SELF

    def reset_step(self) -> None:
        from tutor.quizzing import choice_seed, shuffled_choices

        self.gen += 1
        self.offset = 0
        self._rows = 10
        self.feedback: list = []
        self.verdict = None
        self.connected, self.daemon_message = True, ""
        self.passed_now = False
        self.fails = 0  # failing verdicts after the learner did something (an event or Enter)
        self.class_note = _class_status()  # "수업에 연결됨" / "연결 끊김…" in a class, else None
        self.solution_armed = self.solution_shown = False
        self.cleanup_items = None
        self.answering = False
        self.busy = ""
        self.note = ""
        self.quiz_tried: frozenset = frozenset()
        self.quiz_chosen: int | None = None
        step = self.step
        self.choices: tuple[Any, ...] = ()
        if step.kind == "quiz" and step.quiz is not None and step.quiz.choices:
            attempt = len(progress.load().step(step.id).quiz)
            self.choices = shuffled_choices(step.quiz.choices, choice_seed(self.prefs.learner, step.id, attempt))

    def passed(self) -> bool:
        return self.passed_now or progress.load().passed(self.step.id)

    def commands(self) -> list[str]:
        return list(self.services.solution_lines(self.step)) if self.step.solution else []

    # --- entering a step ---------------------------------------------------------------------

    def enter(self) -> None:
        """Show the current step: enter it (journey `begin`), then watch it if it is a task."""
        step, gen = self.step, self.gen
        self.busy = "단계를 여는 중…"

        def done(result):
            self.busy = ""
            if isinstance(result, Exception):
                self.feedback.append(safe_text(getattr(result, "message", str(result)), "tutor.fail"))
            elif result:
                self.feedback.append(Group(*[safe_text("· " + line, "tutor.dim") for line in result]))
            if step.kind == "task":
                self.start_watch()

        self.in_thread(lambda: self.services.enter(step, self.course), done, gen)

    def go(self, index: int) -> None:
        self.stop_watch()
        if index >= len(self.lesson.steps):
            self.page = "done"
            self.gen += 1
            self.offset, self.note = 0, ""
            return
        self.index = max(0, index)
        self.page = "step"
        self.reset_step()
        self.enter()

    # --- verdicts from the watch engine ------------------------------------------------------

    def on_verdict(self, verdict) -> None:
        result = verdict.result
        if getattr(result, "status", "") == "internal_error":
            self.verdict = result  # a tutor bug: shown, never counted as the learner's failure
            return
        if result.passed:
            self.verdict, self.passed_now, self.offset, self.note = result, True, 0, ""
            self.feedback = []  # hints and earlier tries are done with: the explanation comes first
            step_id, nxt = self.step.id, self._next_id()

            def record() -> None:
                _record_check(result, True, self.services.evidence.get(step_id))
                progress.set_current(nxt or step_id)

            self.later(record)
            return
        if verdict.reason == "manual":
            self.later(lambda: _record_check(result, False))
            self.note = ""
        if verdict.reason in ("event", "manual") or self.verdict is not None:
            # An attempt: Enter, or an event that changed what is wrong (on a shared daemon most
            # events are other people's and change nothing for this step).
            changed = _codes(result) != _codes(self.verdict)
            if verdict.reason == "manual" or (verdict.reason == "event" and changed):
                self.fails += 1
                if self.fails % HINT_OFFER_AFTER == 0 and self.step.hints:
                    self.note = f"{self.fails}번 해 봤는데 아직이에요. h를 누르면 힌트를 볼 수 있어요."
            self.verdict = result
            self.offset = 0

    def on_watch_state(self, state) -> None:
        self.connected, self.daemon_message = state.connected, state.message

    def _next_id(self):
        """Where "이어서 하기" points after this step: the lesson's next step, else the first step
        of the next lesson (never a finished lesson's last step)."""
        i = self.index + 1
        if i < len(self.lesson.steps):
            return self.lesson.steps[i].id
        lessons = list(self.course.lessons) if self.course is not None else []
        ids = [les.id for les in lessons]
        if self.lesson.id in ids and ids.index(self.lesson.id) + 1 < len(lessons):
            following = lessons[ids.index(self.lesson.id) + 1]
            return following.steps[0].id if following.steps else None
        return None

    # --- keys --------------------------------------------------------------------------------

    def key_enter(self) -> None:
        if self.page == "intro":
            self.page = "step"
            self.offset = 0  # the intro's scroll position is not the step's: start at its top
            self.enter()
        elif self.page == "done":
            self.leave("next")
        elif self.passed():
            self.key_next()
        elif self.step.kind == "task":
            if self.watch is not None:
                self.note = "확인하는 중…"
                self.watch.poke()
        elif self.step.kind == "answer" or (self.step.quiz is not None and not self.step.quiz.is_choice):
            self.key_answer()

    def key_next(self) -> None:
        if self.page == "intro":
            self.key_enter()
        elif self.page == "step":
            self.go(self.index + 1)

    def key_prev(self) -> None:
        if self.page == "done":
            self.go(len(self.lesson.steps) - 1)
        elif self.page == "step" and self.index > 0:
            self.go(self.index - 1)

    def key_hint(self) -> None:
        step = self.step
        if self.page != "step":
            return
        if not step.hints:
            self.feedback = [Text("이 단계에는 힌트가 없어요. 본문을 다시 읽어 보세요.", style="tutor.hint")]
            return
        used = progress.load().step(step.id).hints_used
        n = min(used, len(step.hints) - 1)
        title = f"힌트 {n + 1}/{len(step.hints)}" + (" (마지막 힌트예요)" if n == len(step.hints) - 1 else "")
        self.feedback = [Text(title, style="tutor.hint"), v.indented(v.markdown(step.hints[n].text))]
        self.offset = 0
        if used < len(step.hints):
            progress.record_hint(step.id)

    def key_solution(self) -> None:
        step = self.step
        if self.page != "step":
            return
        if not step.solution:
            self.feedback = [Text("이 단계에는 정답 명령이 없어요. 보기를 골라 보세요.", style="tutor.hint")]
            return
        if not self.solution_armed and not progress.load().step(step.id).solution_viewed:
            self.solution_armed = True
            self.feedback = [Text("정답을 보면 진행 기록에 남아요. 보려면 s를 한 번 더 누르세요.", style="tutor.warn")]
            return
        progress.record_solution_viewed(step.id)
        self.feedback = [Text("정답 명령:", style="tutor.title"), v.command_block(self.commands())]
        self.offset = 0
        self.solution_shown = True

    def key_prepare(self) -> None:
        step, gen = self.step, self.gen
        if self.page != "step" or step.prepare.empty:
            if self.page == "step":
                self.feedback = [Text("이 단계는 미리 준비할 것이 없어요.", style="tutor.dim")]
            return
        self.busy = "시작 상태를 준비하는 중…"
        width = self.app.output.get_size().columns

        def work():
            from tutor.render import make_console

            console = make_console(file=io.StringIO(), width=width, force_terminal=True)
            self.services.prepare(step, console)
            return console.file.getvalue()

        def done(result):
            self.busy = ""
            if isinstance(result, Exception):
                self.feedback = [safe_text(getattr(result, "message", str(result)), "tutor.fail")]
                hint = getattr(result, "hint", "")
                if hint:
                    self.feedback.append(safe_text(hint, "tutor.hint"))
            else:
                self.feedback = [Text.from_ansi(result)]
            if self.watch is not None:
                self.watch.poke()

        self.in_thread(work, done, gen)

    def key_mode(self) -> None:
        mode = prefs.other_mode(self.prefs.practice_mode)
        self.prefs = prefs.update(mode=mode)
        self.note = f"이제 '{prefs.MODE_LABEL[mode]}' 방식이에요. m으로 언제든 바꿀 수 있어요."

    # --- what is on screen -------------------------------------------------------------------

    def compose(self, width: int, height: int):
        from tutor.ui import screen_parts

        return screen_parts.compose_for(self, width, height)

    def verdict_part(self):
        if self.verdict is None:
            return None
        return verdict_renderable(self.verdict, self.step)

    def body_markdown(self) -> str:
        body = self.step.body
        if self.self_mode and self.step.kind == "task":
            body = hide_commands(body, self.commands())
        return body
