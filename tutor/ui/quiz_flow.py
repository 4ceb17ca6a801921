"""The interactive side of `docker-tutor quiz`: one question at a time, feedback after each.

Choices are printed by rich (they wrap, nothing is cut) with their numbers; a number key
chooses at once. After a wrong choice its explanation is shown and the learner may try another
number (the first choice is what is scored) or press Enter for the next question. Answer steps
show their instructions (the step text), since their title alone is not a question.
Ctrl-C ends the quiz early; what was answered still counts.
"""

from __future__ import annotations

from rich.markdown import Markdown
from rich.padding import Padding
from rich.text import Text

from tutor.quizzing import Outcome
from tutor.ui.prompts import Prompter
from tutor.ui.safe_text import lesson_markdown, prompt_text, safe_text

ENTER = "enter"


def _choices(question, console, tried=()) -> None:
    from tutor.ui.step_view import choices_block

    console.print(Padding(choices_block(question.choices, tried=frozenset(tried)), (0, 0, 0, 2)))


def _feedback(outcome, console) -> None:
    mark = ("✓ 맞아요!", "tutor.ok") if outcome.correct else ("✗ 아쉬워요.", "tutor.fail")
    console.print(Text(mark[0], style=mark[1]))
    if outcome.explanation:  # lesson Markdown (inline `code`), never rich markup
        console.print(Padding(Markdown(lesson_markdown(outcome.explanation)), (0, 0, 0, 2)))


def _ask_choice(q, view, prompter, console):
    from tutor.quizzing import judge

    numbers = [str(i) for i in range(1, len(q.choices) + 1)]
    console.print(Markdown(lesson_markdown(q.prompt), style="tutor.title"))
    _choices(q, console)
    key = prompter.key(f"번호를 눌러 고르세요 (1–{len(numbers)})", numbers)
    if key is None:
        return None
    first = judge(q, int(key), view)
    _feedback(first, console)
    tried = {int(key) - 1}
    outcome = first
    while not outcome.correct and len(tried) < len(numbers):
        left = [n for n in numbers if int(n) - 1 not in tried]
        key = prompter.key("다른 번호를 눌러 다시 골라 보세요 (점수는 처음 답으로 매겨요). Enter: 다음 문제",
                           left + [ENTER])
        if key is None:
            return first, True
        if key == ENTER:
            break
        tried.add(int(key) - 1)
        outcome = judge(q, int(key), view)
        _feedback(outcome, console)
    return first, False


def _ask_text(q, view, prompter, console):
    from tutor.quizzing import judge

    step = q.step
    if step.kind == "answer":
        console.print(safe_text(step.title, "tutor.title"))
        if step.body.strip():
            console.print(Markdown(lesson_markdown(step.body)))
        given = prompter.text("답을 적어 주세요:")
    else:
        given = prompter.text(prompt_text(q.prompt) + " (답을 적어 주세요)")
    if given is None:
        return None
    outcome = judge(q, given, view)
    _feedback(outcome, console)
    return outcome, False


def ask_all(questions, view, *, prompter: Prompter | None = None, console=None):
    from tutor.render import make_console

    prompter = prompter or Prompter()
    console = console or make_console()
    outcomes: list[Outcome] = []
    for number, q in enumerate(questions, 1):
        console.print(Text(f"\n문제 {number}/{len(questions)}  ({q.id})", style="tutor.title"))
        asked = _ask_choice(q, view, prompter, console) if q.choices else _ask_text(q, view, prompter, console)
        if asked is None:
            return outcomes, True
        outcome, stop = asked
        outcomes.append(outcome)
        if stop:
            return outcomes, True
    return outcomes, False
