"""Untrusted text (daemon data, lesson files) made safe for the terminal.

rich `Text` already keeps `[bold]` literal; what it does not do is remove terminal control
sequences: an ESC in a container label would reach the terminal as is. `safe()` removes C0/C1
control characters (keeping newline and tab) and shows ESC as the visible `␛` so a learner can
still see that something odd was there. `safe_text()` wraps the result in a rich `Text`.
"""

from __future__ import annotations

import re

# C0 controls except \t and \n, DEL, and C1 controls (0x80-0x9f: CSI 0x9b acts like ESC [).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]")
_ESC = "\x1b"
ESC_SHOWN = "␛"


def safe(value: object, *, single_line: bool = False) -> str:
    text = "" if value is None else str(value)
    text = text.replace(_ESC, ESC_SHOWN)
    if single_line:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    text = _CONTROL.sub("", text.replace("\r", ""))
    return text


def safe_text(value: object, style: str = "", *, single_line: bool = False):
    from rich.text import Text

    return Text(safe(value, single_line=single_line), style=style)


def lesson_markdown(markdown: str) -> str:
    """Lesson Markdown as this learner should read it: `{user}`, `{registry}`, `{workdir}` …
    filled in with their real values (the commands in a step must be copy-pastable), then made
    safe. When the values cannot be read, the placeholders stay visible rather than vanish."""
    try:
        from tutor.lessonfile.placeholders import current, substitute

        markdown = substitute(markdown, current())
    except Exception:  # noqa: BLE001 - a missing lab state must not hide the lesson text
        pass
    return safe(markdown)


def prompt_text(markdown: str) -> str:
    """Lesson text for a prompt line (a quiz question or choice), which cannot show Markdown:
    placeholders filled in, inline-code backticks dropped, one line, safe."""
    return safe(lesson_markdown(markdown).replace("`", ""), single_line=True)
