"""The few questionary prompts the guided UI uses, behind one small object tests can drive.

`Prompter(input=..., output=...)` passes prompt_toolkit's input/output through to questionary,
so tests feed keys with `create_pipe_input()` and a `DummyOutput()`. Every method returns None
when the learner presses Ctrl-C (questionary's `ask()`), and the callers treat None as "quit".
Choice titles are lesson/daemon text: they go through `safe()` (prompt_toolkit shows plain
strings literally, but control characters would still reach the terminal).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tutor.ui.safe_text import safe

# Shown under the select prompts: how to move, in Korean.
SELECT_INSTRUCTION = "(↑↓로 고르고 Enter)"


@dataclass(frozen=True)
class Option:
    title: str
    value: Any
    disabled: str | None = None  # shown instead of selectable (e.g. "처음 단계예요")


class Prompter:
    def __init__(self, input=None, output=None):
        self._kw = {}
        if input is not None:
            self._kw["input"] = input
        if output is not None:
            self._kw["output"] = output

    def select(self, message: str, options: Sequence[Option], default: Any = None) -> Any:
        import questionary

        choices = [
            questionary.Choice(title=safe(o.title, single_line=True), value=o.value, disabled=o.disabled)
            for o in options
        ]
        default_choice = next((c for c in choices if c.value == default and not c.disabled), None)
        return questionary.select(
            safe(message, single_line=True),
            choices=choices,
            default=default_choice,
            instruction=SELECT_INSTRUCTION,
            use_shortcuts=False,
            **self._kw,
        ).ask(kbi_msg="")

    def text(self, message: str) -> str | None:
        import questionary

        answer = questionary.text(safe(message, single_line=True), **self._kw).ask(kbi_msg="")
        return None if answer is None else answer.strip()

    def key(self, message: str, keys) -> str | None:
        return read_key(message, keys, input=self._kw.get("input"), output=self._kw.get("output"))

    def confirm(self, message: str, default: bool = True) -> bool | None:
        import questionary

        return questionary.confirm(safe(message, single_line=True), default=default, **self._kw).ask(kbi_msg="")


def read_key(message: str, keys, *, input=None, output=None) -> str | None:
    """One key press from `keys` (e.g. "1234q", "enter"), without Enter; None on Ctrl-C.

    A tiny prompt_toolkit application: it shows `message` on one line and returns the key that
    was pressed, so number keys choose a quiz answer at once.
    """
    from prompt_toolkit.application import Application
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    kb = KeyBindings()
    for key in keys:
        kb.add(key)(lambda event, key=key: event.app.exit(result=key))
    kb.add("c-c")(lambda event: event.app.exit(result=None))
    kwargs = {k: v for k, v in (("input", input), ("output", output)) if v is not None}
    app = Application(layout=Layout(Window(FormattedTextControl(safe(message, single_line=True)), height=1)),
                      key_bindings=kb, full_screen=False, **kwargs)
    try:
        return app.run()
    except (KeyboardInterrupt, EOFError):
        return None
