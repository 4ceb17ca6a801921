"""Text view of `docker-tutor check`: ✓ / ✗ per step, then each problem's message with what was
found and what was expected. Every string from the daemon or a lesson goes through `Text`."""

from __future__ import annotations

from rich.padding import Padding
from rich.text import Text

from tutor.ui.safe_text import safe, safe_text

MARKS = {
    "passed": ("✓", "tutor.ok"),
    "failed": ("✗", "tutor.fail"),
    "not_checked": ("·", "tutor.dim"),
    "internal_error": ("!", "tutor.warn"),
}


def _mark(result) -> tuple[str, str, str]:
    if result.status == "not_checked":
        return (*MARKS["not_checked"], "확인하지 않음")
    if result.status == "internal_error":
        return (*MARKS["internal_error"], "튜터 내부 오류")
    if result.passed:
        return (*MARKS["passed"], "통과")
    return (*MARKS["failed"], "아직이에요")


def render(run, console) -> None:
    for result in run.results:
        mark, style, label = _mark(result)
        head = Text()
        head.append(f"{mark} ", style=style)
        head.append(safe(result.step, single_line=True), style="tutor.cmd")
        head.append(f"  {label}", style=style)
        console.print(head)
        if result.status == "not_checked" and result.detail:
            console.print(Padding(safe_text(result.detail, "tutor.dim"), (0, 0, 0, 2), expand=False))
        for problem in result.problems:
            # Padding keeps wrapped lines indented under their step (a leading "  " would not).
            console.print(Padding(safe_text(problem.message), (0, 0, 0, 2), expand=False))
            if problem.found is not None or problem.expected is not None:
                # Answer steps never reveal the value: their `expected` says where to look.
                answer = problem.code.startswith("answer.")
                line = Text()
                line.append("내 답: " if answer else "찾은 값: ", style="tutor.dim")
                line.append(safe(problem.found, single_line=True) if problem.found is not None else "없음", style="tutor.found")
                line.append("  ·  ", style="tutor.dim")
                line.append("찾을 곳: " if answer else "기대한 값: ", style="tutor.dim")
                line.append(safe(problem.expected, single_line=True) if problem.expected is not None else "없음", style="tutor.expected")
                console.print(Padding(line, (0, 0, 0, 4), expand=False))
        if result.status == "internal_error":
            console.print(Text("  학습자 잘못이 아니에요. 잠시 뒤 다시 확인해 보고, 계속되면 `docker-tutor --debug check 단계id`의 출력을 강사에게 알려 주세요.", style="tutor.dim"))
    if len(run.results) > 1:
        checked = [r for r in run.results if r.status == "checked"]
        passed = sum(r.passed for r in checked)
        console.print(Text(f"\n확인한 단계 {len(checked)}개 중 {passed}개 통과", style="tutor.title"))
