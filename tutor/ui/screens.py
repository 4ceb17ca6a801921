"""The step screen and the one place where a learner's action is carried out.

`Guide.run_lesson` shows a step (its Markdown body rendered by rich), asks for an `Action`
and hands it to `Guide.handle`, which is a single `match`. Progress is saved by every
`tutor.progress.record_*` call as it happens, so quitting at any prompt loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.markdown import Markdown
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from tutor import progress
from tutor.classroom import client as classroom_client
from tutor.contexts import step_began
from tutor.errors import TutorError
from tutor.quizzing import short_answer_ok
from tutor.ui.actions import Action, default_action, menu_for, should_offer_hint
from tutor.ui.feedback import render_quiz_feedback, render_verdict
from tutor.ui.prompts import Option
from tutor.ui.safe_text import lesson_markdown, prompt_text, safe_text
from tutor.ui.widgets import step_header


def render_step(step, lesson, index: int, console) -> None:
    console.print(Rule(step_header(step, lesson, index), style="tutor.dim"))
    console.print(safe_text(step.title, "tutor.title"))
    if step.body.strip():
        console.print(Markdown(lesson_markdown(step.body)))
    if step.kind == "quiz" and step.quiz is not None:
        console.print(Markdown(lesson_markdown(step.quiz.question), style="tutor.title"))


@dataclass
class Move:
    """What the lesson loop does after an action: stay, go to a step index, or leave."""

    to: int | None = None  # new step index
    leave: str | None = None  # "list" | "quit" | "done"


STAY = Move()


class Guide:
    def __init__(self, console, prompter, services):
        self.console = console
        self.prompter = prompter
        self.services = services

    # --- the lesson loop ---------------------------------------------------------------------

    def run_lesson(self, lesson, index: int = 0) -> str:
        """Walk through a lesson from `index`; returns "list", "quit" or "done"."""
        if not lesson.steps:
            return "list"
        index = max(0, min(index, len(lesson.steps) - 1))
        if index == 0 and lesson.intro.strip():
            self.console.print(Rule(safe_text(f"{lesson.id} {lesson.title}", single_line=True), style="tutor.title"))
            self.console.print(Markdown(lesson_markdown(lesson.intro)))
        shown = None
        while True:
            step = lesson.steps[index]
            if shown != index:
                progress.set_current(step.id)
                step_began(step.id)
                render_step(step, lesson, index, self.console)
                shown = index
            sp = progress.load().step(step.id)
            for line in progress.take_notices():  # e.g. "기록을 저장하지 못했어요: …"
                self.console.print(safe_text(line, "tutor.warn"))
            options = menu_for(step, first=index == 0, last=index == len(lesson.steps) - 1,
                               passed=sp.passed, hints_left=sp.hints_used < len(step.hints))
            action = self.prompter.select("무엇을 할까요?", options, default=default_action(step, sp.passed))
            move = self.handle(Action.QUIT if action is None else action, lesson, index)
            if move.leave:
                return move.leave
            if move.to is not None:
                if move.to >= len(lesson.steps):
                    self._lesson_done(lesson)
                    return "done"
                index = move.to

    def handle(self, action: Action, lesson, index: int) -> Move:
        """The one place an action is carried out (rustlings' `match input_event`)."""
        step = lesson.steps[index]
        match action:
            case Action.CHECK:
                return self._check(step, lesson, index)
            case Action.ANSWER:
                return self._answer(step, lesson, index) if step.kind == "answer" else self._quiz(step, lesson, index)
            case Action.HINT:
                self._hint(step)
                return STAY
            case Action.SOLUTION:
                return self._solution(step)
            case Action.PREPARE:
                self._prepare(step)
                return STAY
            case Action.SKIP:
                progress.record_skip(step.id)
                return self._go(lesson, index + 1)
            case Action.PREV:
                return Move(to=max(0, index - 1))
            case Action.NEXT:
                return self._go(lesson, index + 1)
            case Action.LIST:
                return Move(leave="list")
            case Action.QUIT:
                return Move(leave="quit")
        raise AssertionError(f"unhandled action {action}")  # pragma: no cover

    # --- the actions -------------------------------------------------------------------------

    def _go(self, lesson, index: int) -> Move:
        if index < len(lesson.steps):
            progress.set_current(lesson.steps[index].id)
        return Move(to=index)

    def _after_verdict(self, step, lesson, index: int, passed: bool, sp) -> Move:
        if passed:
            # Resume goes to the next step from now on, even if the learner quits right here.
            nxt = lesson.steps[index + 1].id if index + 1 < len(lesson.steps) else None
            progress.set_current(nxt or step.id)
            return STAY
        if step.hints and should_offer_hint(sp.failed_checks):
            yes = self.prompter.confirm(f"{sp.failed_checks}번 확인했는데 아직이에요. 힌트를 볼까요?", default=True)
            if yes is None:
                return Move(leave="quit")
            if yes:
                self._hint(step)
        return STAY

    def _check(self, step, lesson, index: int) -> Move:
        try:
            result = self.services.check(step)
        except TutorError as err:
            self._error(err)
            return STAY
        if result.status == "internal_error":
            render_verdict(result, step, self.console)
            return STAY  # a tutor bug is never counted as the learner's failed attempt
        classroom_client.attach_result(result)  # problem codes for the class event (no-op outside a class)
        sp = progress.record_check(step.id, result.passed)
        render_verdict(result, step, self.console)
        return self._after_verdict(step, lesson, index, result.passed, sp)

    def _answer(self, step, lesson, index: int) -> Move:
        text = self.prompter.text("답을 적어 주세요 (비워 두고 Enter면 메뉴로 돌아가요):")
        if text is None:
            return Move(leave="quit")
        if not text:
            return STAY
        try:
            result = self.services.answer(step, text)
        except TutorError as err:
            self._error(err)
            return STAY
        if result.status == "internal_error":
            render_verdict(result, step, self.console)
            return STAY
        sp = progress.record_answer(step.id, result.passed, text)
        render_verdict(result, step, self.console)
        return self._after_verdict(step, lesson, index, result.passed, sp)

    def _quiz(self, step, lesson, index: int) -> Move:
        quiz = step.quiz
        if quiz.is_choice:
            options = [Option(prompt_text(c.text), i) for i, c in enumerate(quiz.choices)]
            picked = self.prompter.select(prompt_text(quiz.question), options)
            if picked is None:
                return Move(leave="quit")
            choice = quiz.choices[picked]
            sp = progress.record_quiz(step.id, choice.correct, choice.text)
            render_quiz_feedback(choice, self.console)
            correct = choice.correct
        else:
            text = self.prompter.text(prompt_text(quiz.question))
            if text is None:
                return Move(leave="quit")
            correct = short_answer_ok(text, quiz.accept)
            sp = progress.record_quiz(step.id, correct, text)
            self.console.print(Text("✓ 맞아요!", style="tutor.ok") if correct
                               else Text("✗ 아쉬워요. 다시 생각해 보세요.", style="tutor.fail"))
        if correct and quiz.explain:
            self.console.print(Markdown(lesson_markdown(quiz.explain)))
        if correct and step.explain and step.explain != quiz.explain:  # the quiz's explain may be the step's
            self.console.print(Markdown(lesson_markdown(step.explain)))
        return self._after_verdict(step, lesson, index, correct, sp)

    def _hint(self, step) -> None:
        if not step.hints:
            self.console.print(Text("이 단계에는 힌트가 없어요. 본문을 다시 읽어 보거나 정답 보기를 써 보세요.",
                                    style="tutor.hint"))
            return
        used = progress.load().step(step.id).hints_used
        n = min(used, len(step.hints) - 1)
        title = f"힌트 {n + 1}/{len(step.hints)}" + (" (마지막 힌트예요)" if n == len(step.hints) - 1 else "")
        self.console.print(Text(title, style="tutor.hint"))
        self.console.print(Padding(Markdown(lesson_markdown(step.hints[n].text)), (0, 0, 0, 2)))
        if used < len(step.hints):
            progress.record_hint(step.id)

    def _solution(self, step) -> Move:
        if not progress.load().step(step.id).solution_viewed:
            yes = self.prompter.confirm("정답을 보면 진행 기록에 남아요. 볼까요?", default=False)
            if yes is None:
                return Move(leave="quit")
            if not yes:
                return STAY
        progress.record_solution_viewed(step.id)
        self.console.print(Text("정답 명령:", style="tutor.title"))
        for line in self.services.solution_lines(step):
            self.console.print(Text("  $ ") + safe_text(line, "tutor.cmd", single_line=True))
        self.console.print(Text("직접 입력해 보고 '확인'을 골라 보세요.", style="tutor.dim"))
        return STAY

    def _prepare(self, step) -> None:
        try:
            self.services.prepare(step, self.console)
        except TutorError as err:
            self._error(err)

    def _error(self, err: TutorError) -> None:
        self.console.print(safe_text(err.message, "tutor.fail"))
        if err.hint:
            self.console.print(safe_text(err.hint, "tutor.hint"))

    def _lesson_done(self, lesson) -> None:
        p = progress.load()
        passed = sum(1 for s in lesson.steps if p.passed(s.id))
        self.console.print(Rule(style="tutor.dim"))
        self.console.print(safe_text(f"레슨 {lesson.id} 끝! {len(lesson.steps)}단계 중 {passed}단계를 통과했어요.",
                                     "tutor.ok" if passed == len(lesson.steps) else "tutor.title"))
