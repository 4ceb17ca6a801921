"""How a verdict looks: ✓ with "what just happened", or each problem with expected vs found.

Shared by the guided step screen and `watch` (and by `docker-tutor check`). Problem
messages, expected/found values and the explain text come from the daemon or lesson files, so
everything goes through `safe()`; explain is lesson Markdown, rendered by rich's Markdown
(which never interprets rich markup).
"""

from __future__ import annotations

from rich.console import Group
from rich.markdown import Markdown
from rich.padding import Padding
from rich.text import Text

from tutor.ui.safe_text import lesson_markdown, safe_text
from tutor.ui.widgets import problem_lines


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
