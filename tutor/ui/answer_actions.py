"""The answer, quiz and ending keys of the live lesson screen (the rest is tutor/ui/step_actions.py).

Answer steps take a typed value (`a` or Enter opens the one-line input, Enter sends it, Esc
closes it) and check it against the learner's daemon in a background thread. Quiz steps take a
number key: the choice order is this learner's (`tutor.quizzing.choice_seed`), a wrong choice
shows its explanation and the learner may pick again; the explanation never repeats the ✓/✗.
"""

from __future__ import annotations

from rich.text import Text

from tutor import progress
from tutor.ui import step_view as v
from tutor.ui.safe_text import safe_text
from tutor.ui.step_actions import StepActions


class AnswerActions(StepActions):
    # --- answers and quizzes ---------------------------------------------------------------------

    def key_answer(self) -> None:
        step = self.step
        if self.page != "step" or self.passed():
            return
        if step.kind == "answer" or (step.kind == "quiz" and step.quiz is not None and not step.quiz.is_choice):
            self.answering = True
            self.input_area.text = ""
            self.focus_input(True)

    def cancel_answer(self) -> None:
        self.answering = False
        self.focus_input(False)

    def _accept(self, buffer) -> bool:
        text = buffer.text.strip()
        self.cancel_answer()
        if not text:
            return False
        step, gen = self.step, self.gen
        if step.kind == "quiz":
            self._short_answer(text)
            return False
        self.busy = "답을 확인하는 중…"

        def work():
            result = self.services.answer(step, text)
            if result.status != "internal_error":
                progress.record_answer(step.id, result.passed, text)
            return result

        def done(result):
            self.busy = ""
            if isinstance(result, Exception):
                self.feedback = [safe_text(getattr(result, "message", str(result)), "tutor.fail")]
                return
            self.verdict, self.offset = result, 0
            if result.passed:
                self.passed_now = True
                progress.set_current(self._next_id() or step.id)

        self.in_thread(work, done, gen)
        return False

    def _short_answer(self, text: str) -> None:
        from tutor.quizzing import _norm, strip_verdict_word

        quiz = self.step.quiz
        correct = _norm(text) in {_norm(a) for a in quiz.accept}
        progress.record_quiz(self.step.id, correct, text)
        self._quiz_feedback(correct, "" if correct else "다시 생각해 보고 a로 다시 답해 보세요.")
        if correct and quiz.explain:
            self.feedback.append(v.markdown(strip_verdict_word(quiz.explain)))
        if correct:
            self._quiz_passed()

    def key_choice(self, i: int) -> None:
        from tutor.quizzing import strip_verdict_word

        step = self.step
        if self.page != "step" or step.kind != "quiz" or not self.choices or i >= len(self.choices):
            return
        if self.passed_now:
            return
        choice = self.choices[i]
        progress.record_quiz(step.id, choice.correct, choice.text)
        self._quiz_feedback(choice.correct, strip_verdict_word(choice.why))
        self.quiz_chosen = i
        if not choice.correct:
            self.feedback.append(Text("다른 번호를 골라 다시 해 볼 수 있어요.", style="tutor.dim"))
            self.quiz_tried = self.quiz_tried | {i}  # last: the screen state is complete from here
            return
        self.quiz_tried = self.quiz_tried | {i}
        explains = [strip_verdict_word(step.quiz.explain)] if step.quiz.explain else []
        if step.explain and step.explain != step.quiz.explain:
            explains.append(step.explain)
        self.feedback.extend(v.markdown(e) for e in explains if e.strip() and e.strip() != choice.why.strip())
        self._quiz_passed()

    def _quiz_feedback(self, correct: bool, why: str) -> None:
        mark = Text("✓ 맞아요!", style="tutor.ok") if correct else Text("✗ 아쉬워요, 그 보기는 아니에요.", style="tutor.fail")
        self.feedback = [mark] + ([v.indented(v.markdown(why))] if why else [])  # lesson Markdown: `code`
        self.offset = 0

    def _quiz_passed(self) -> None:
        progress.set_current(self._next_id() or self.step.id)
        self.passed_now = True

    # --- the ending ------------------------------------------------------------------------------

    def key_cleanup(self) -> None:
        if self.page != "done":
            return
        self.cleanup_items = self.services.leftovers(self.lesson) or []
        self.note = "" if self.cleanup_items else "지울 것이 없어요."

    def key_yes(self) -> None:
        if self.page == "done" and self.cleanup_items:
            items, self.cleanup_items = self.cleanup_items, None
            self.in_thread(lambda: self.services.clean_up(items), lambda lines: setattr(
                self, "note", " ".join(lines) if isinstance(lines, list) else str(lines)))
