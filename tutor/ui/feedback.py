"""How a verdict looks: ✓ with "what just happened", or each problem with expected vs found.

Shared by the guided step screen and `watch` (and usable by `tutor/views/check.py`). Problem
messages, expected/found values and the explain text come from the daemon or lesson files, so
everything goes through `safe()`; explain is lesson Markdown, rendered by rich's Markdown
(which never interprets rich markup).
"""

from __future__ import annotations

from rich.console import Group
from rich.markdown import Markdown
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tutor.ui.safe_text import lesson_markdown, safe_text


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
    grid.add_row(Text("•", style="tutor.fail"), safe_text(problem.message))
    if not values_add_anything(problem):
        return [grid]
    # Answer steps never reveal the value: their `expected` says where to look, `found` is the answer.
    answer = problem.code.startswith("answer.")
    if problem.expected is not None:
        label = "찾을 곳: " if answer else "기대한 것: "
        grid.add_row(Text(""), Text(label, style="tutor.dim") + safe_text(problem.expected, "tutor.expected"))
    if problem.found is not None:
        label = "내 답: " if answer else "지금 상태: "
        grid.add_row(Text(""), Text(label, style="tutor.dim") + safe_text(problem.found, "tutor.found"))
    return [grid]


def verdict_renderable(result, step=None, *, show_explain: bool = True):
    """A rich renderable for one CheckResult (task check, answer or quiz)."""
    parts: list = []
    if result.status == "internal_error":
        parts.append(Text("⚠ 확인하는 중에 튜터 내부 오류가 났어요. 학습자 잘못이 아니에요.", style="tutor.warn"))
        if result.detail:
            parts.append(safe_text(result.detail, "tutor.dim"))
        parts.append(Text("잠시 뒤에 다시 확인해 보고, 계속되면 `docker-tutor --debug check 단계id`의 출력을 "
                          "강사에게 알려 주세요.", style="tutor.dim"))
        return Group(*parts)
    if result.status == "not_checked":
        parts.append(Text("이 단계는 여기서 확인하지 않았어요.", style="tutor.warn"))
        if result.detail:
            parts.append(safe_text(result.detail, "tutor.dim"))
        return Group(*parts)
    if result.passed:
        parts.append(Text("✓ 통과했어요!", style="tutor.ok"))
        explain = getattr(step, "explain", "") if step is not None else ""
        if show_explain and explain:
            parts.append(Text("방금 무슨 일이 있었나요?", style="tutor.title"))
            parts.append(Padding(Markdown(lesson_markdown(explain)), (0, 0, 0, 2)))
        return Group(*parts)
    n = len(result.problems)
    parts.append(Text("✗ 아직이에요." + (f" 다른 점이 {n}개 있어요:" if n > 1 else ""), style="tutor.fail"))
    for problem in result.problems:
        parts.extend(problem_lines(problem))
    if not result.problems:
        parts.append(Text("무엇이 다른지 찾지 못했어요. 힌트를 보거나 다시 확인해 보세요.", style="tutor.dim"))
    return Group(*parts)


def render_verdict(result, step, console, *, show_explain: bool = True) -> None:
    console.print(verdict_renderable(result, step, show_explain=show_explain))


def render_quiz_feedback(choice, console) -> None:
    """After a quiz choice: right or not, and the choice's own explanation (`why`)."""
    if choice.correct:
        console.print(Text("✓ 맞아요!", style="tutor.ok"))
    else:
        console.print(Text("✗ 아쉬워요, 그 보기는 아니에요.", style="tutor.fail"))
    if choice.why:
        console.print(Padding(safe_text(choice.why), (0, 0, 0, 2)))
