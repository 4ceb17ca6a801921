"""The interactive side of `docker-tutor quiz`: one prompt per question, feedback after each.

Ctrl-C (questionary returns None) ends the quiz early; what was answered still counts.
"""

from __future__ import annotations

from rich.text import Text

from tutor.quizzing import Outcome
from tutor.ui.prompts import Option, Prompter
from tutor.ui.safe_text import prompt_text, safe_text


def ask_all(questions, view, *, prompter: Prompter | None = None, console=None):
    from tutor.quizzing import judge
    from tutor.render import make_console

    prompter = prompter or Prompter()
    console = console or make_console()
    outcomes: list[Outcome] = []
    for number, q in enumerate(questions, 1):
        console.print(Text(f"\n문제 {number}/{len(questions)}  ({q.id})", style="tutor.title"))
        if q.choices:
            options = [Option(f"{i}. {prompt_text(c.text)}", i) for i, c in enumerate(q.choices, 1)]
            given = prompter.select(prompt_text(q.prompt), options)
        else:
            given = prompter.text(prompt_text(q.prompt) + " (답을 적어 주세요)")
        if given is None:
            return outcomes, True
        outcome = judge(q, given, view)
        outcomes.append(outcome)
        mark = ("✓ 맞아요!", "tutor.ok") if outcome.correct else ("✗ 아쉬워요.", "tutor.fail")
        console.print(Text(mark[0], style=mark[1]))
        if outcome.explanation:
            console.print(safe_text(outcome.explanation))
    return outcomes, False
