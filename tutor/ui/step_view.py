"""One screen of the live step UI, composed as lines that fit a width × height terminal.

The screen has three zones, top to bottom:

- the fixed top: lesson position, kind, the step title and the command/task. It never scrolls,
  so at 80×24 the learner always sees where they are and what to type;
- the scroll zone: feedback (verdict, hint, solution…), then the quiz choices or the step text.
  It pages with ↑↓/PgUp/PgDn/Space when it is taller than the room left;
- the status line: the single-key actions (it wraps to a second line on narrow terminals).

Everything is rendered by rich at the exact width, so Hangul wraps by cells and nothing is cut;
`compose` only slices lines. It is a pure function: render tests call it at 60, 80 and 100
columns without a terminal.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from rich.console import Group
from rich.markdown import Markdown
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from tutor.ui.safe_text import lesson_markdown, safe_text
from tutor.ui.widgets import step_header

# The top zone never takes more than this share of the rows: the rest of it then scrolls.
TOP_SHARE = 0.5


def render_lines(renderable, width: int, *, color: bool = True) -> list[str]:
    """The renderable as terminal lines (ANSI-styled when `color`) exactly `width` cells wide or less."""
    from rich.console import Console

    from tutor.theme import THEME

    console = Console(file=io.StringIO(), width=max(20, width), force_terminal=color, color_system="256" if color else None,
                      theme=THEME, highlight=False, emoji=False, markup=False, legacy_windows=False)
    with console.capture() as cap:
        console.print(renderable, end="")
    text = cap.get()
    return text.split("\n") if text else []


@dataclass(frozen=True)
class Composed:
    lines: list[str]  # exactly `height` lines
    offset: int  # the scroll offset actually used (clamped)
    max_offset: int
    scroll_rows: int  # rows of the scroll zone showing text (the "더 있어요" row not counted)
    status_rows: int


def more_line(offset: int, max_offset: int, width: int, color: bool) -> str:
    """The scroll zone's last row when the text overflows: where we are and how to page."""
    if offset < max_offset:
        text = "↓ 더 있어요 (↓/PgDn/Space)" + (f" · {offset + 1}행부터" if offset else "")
    else:
        text = "↑ 끝이에요 (↑/PgUp로 위로)"
    return render_lines(Text(text, style="tutor.dim", justify="right"), width, color=color)[0]


def compose(top, scroll, status, width: int, height: int, offset: int = 0, *, color: bool = True) -> Composed:
    top_lines = render_lines(top, width, color=color) if top is not None else []
    scroll_lines = render_lines(scroll, width, color=color) if scroll is not None else []
    status_lines = render_lines(status, width, color=color) if status is not None else []
    cap = max(3, int(height * TOP_SHARE))
    if len(top_lines) > cap:  # a very long title/task: what does not fit scrolls with the text
        scroll_lines = top_lines[cap:] + scroll_lines
        top_lines = top_lines[:cap]
    rows = max(1, height - len(top_lines) - len(status_lines))
    more = len(scroll_lines) > rows
    if more:
        rows = max(1, rows - 1)
    max_offset = max(0, len(scroll_lines) - rows)
    offset = max(0, min(offset, max_offset))
    visible = scroll_lines[offset:offset + rows]
    visible += [""] * (rows - len(visible))
    if more:
        visible.append(more_line(offset, max_offset, width, color))
    return Composed(top_lines + visible + status_lines, offset, max_offset, rows, len(status_lines))


# --- the pieces a screen is made of -----------------------------------------------------------


def header(lesson, index: int, step, *, mode_label: str = "") -> Text:
    """The shared step header (`4.2 … · 6/24 · 실습`) and, on task steps, the practice mode."""
    text = step_header(step, lesson, index)
    if mode_label:
        text.append(f" · {mode_label}")
    return text


class HeaderRule:
    """A rule with the header in it when it fits the width; otherwise the header wraps (never cut
    with "…" as rich's Rule would) above a plain rule."""

    def __init__(self, title: Text, style: str = "tutor.dim"):
        self.title, self.style = title, style

    def __rich_console__(self, console, options):
        if self.title.cell_len + 6 <= options.max_width:
            yield Rule(self.title, style=self.style)
            return
        yield Text(self.title.plain, style=self.style)
        yield Rule(style=self.style)


def top_zone(lesson, index: int, step, *, commands: list[str], self_mode: bool, passed: bool, mode_label: str):
    parts: list = [HeaderRule(header(lesson, index, step, mode_label=mode_label))]
    title = safe_text(step.title, "tutor.title")
    if passed:
        title = Text("✓ ", style="tutor.ok") + title
    parts.append(title)
    if step.kind == "task":
        if self_mode or not commands:
            parts.append(Text("할 일: 위 제목대로 명령을 직접 만들어 보세요 (h 힌트 · s 정답)",
                              style="tutor.hint"))
        else:
            parts.append(command_block(commands))
    return Group(*parts)


def command_block(commands: list[str]):
    """Commands with a hanging indent: a long command wraps under itself, never cut."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for line in commands:
        grid.add_row(Text("$", style="tutor.dim"), safe_text(line, "tutor.cmd", single_line=True))
    return grid


def choices_block(choices, *, tried: frozenset = frozenset(), chosen: int | None = None):
    """Numbered quiz choices (1-based keys), each wrapped with a hanging indent."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for i, choice in enumerate(choices):
        style = "tutor.dim" if i in tried and i != chosen else ""
        if chosen == i:
            style = "tutor.ok" if choice.correct else "tutor.fail"
        label = Text(f"{i + 1})", style="tutor.title")
        grid.add_row(label, Text(_inline(choice.text), style=style))
    return grid


def _inline(markdown: str) -> str:
    from tutor.ui.safe_text import prompt_text

    return prompt_text(markdown)


def markdown(text: str):
    return Markdown(lesson_markdown(text))


def status_line(keys: list[tuple[str, str]], *, note: str = "", scroll: str = "") -> Text:
    """`h 힌트  s 정답  …`: the key coloured, the word plain, two spaces apart (one row at 80
    columns even with every key of a task step; it wraps only on narrower terminals)."""
    out = Text()
    if note:
        out.append(note + "  ", style="tutor.hint")
    for i, (key, word) in enumerate(keys):
        if i:
            out.append("  ")
        out.append(key, style="tutor.cmd")
        out.append(" " + word)
    if scroll:
        out.append("  " + scroll, style="tutor.dim")
    return out


def indented(renderable):
    return Padding(renderable, (0, 0, 0, 2))
