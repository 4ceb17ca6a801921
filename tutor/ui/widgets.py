"""Small pieces every screen draws the same way: step-kind labels, the step header, a problem.

Used by the commands' text views (`check`, `list`, `grade`), the guided step screen and
`watch`. Problem messages and values come from the daemon or lesson files: all through
`safe_text`, never parsed as markup.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from tutor.model import RESOURCE_KINDS, STEP_KIND_LABELS
from tutor.ui.safe_text import SHORT_LIMIT, safe_text, shorten


def kind_label(kind: str) -> str:
    """"실습", "답 쓰기", "퀴즈" for a step kind."""
    return STEP_KIND_LABELS.get(kind, kind)


def resource_label(kind: str) -> str:
    """"컨테이너", "네트워크", ... for a resource kind."""
    return RESOURCE_KINDS.get(kind, kind)


def step_header(step, lesson, index: int) -> Text:
    """`4.2 컨테이너 다루기 · 3/24 · 실습` (lesson text, so through safe_text)."""
    head = f"{lesson.id} {lesson.title} · {index + 1}/{len(lesson.steps)} · {kind_label(step.kind)}"
    return safe_text(head, single_line=True)


# The one wording of a problem's values (answer steps never reveal the value: their
# `expected` says where to look and `found` is the learner's answer).
EXPECTED, FOUND = "기대한 것: ", "지금 상태: "
WHERE, GIVEN = "찾을 곳: ", "내 답: "


def values_add_anything(problem) -> bool:
    """False when the message already says the values (a "지금 …, 필요 …" pair, or both values
    quoted in it) or when they are the same: the expected/found block would only repeat it."""
    message = str(problem.message or "")
    expected, found = problem.expected, problem.found
    if expected is None and found is None:
        return False
    if expected is not None and found is not None and str(expected) == str(found):
        return False
    if "지금" in message or "필요" in message:
        return False
    shown = [str(x) for x in (expected, found) if x is not None]
    return not all(x and x in message for x in shown)


def problem_lines(problem) -> list:
    """A bullet with a hanging indent (wrapped Korean lines stay under the text), then the values."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    # Untrusted values are cut (`shorten`): a 20,000-character container command stays one line.
    grid.add_row(Text("•", style="tutor.fail"), safe_text(shorten(problem.message, 4 * SHORT_LIMIT)))
    if not values_add_anything(problem):
        return [grid]
    answer = problem.code.startswith("answer.")
    if problem.expected is not None:
        label = WHERE if answer else EXPECTED
        grid.add_row(Text(""), Text(label, style="tutor.dim") + safe_text(shorten(problem.expected), "tutor.expected"))
    if problem.found is not None:
        label = GIVEN if answer else FOUND
        grid.add_row(Text(""), Text(label, style="tutor.dim") + safe_text(shorten(problem.found), "tutor.found"))
    return [grid]
