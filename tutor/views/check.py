"""Text view of `docker-tutor check`: ✓ / ✗ per step, then each problem's message with what was
found and what was expected. Every string from the daemon or a lesson goes through `Text`."""

from __future__ import annotations

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
            console.print(safe_text("  " + result.detail, "tutor.dim"))
        for problem in result.problems:
            console.print(safe_text("  " + problem.message))
            if problem.found is not None or problem.expected is not None:
                line = Text("    ")
                line.append("찾은 값: ", style="tutor.dim")
                line.append(safe(problem.found, single_line=True) if problem.found is not None else "없음", style="tutor.found")
                line.append("  ·  ", style="tutor.dim")
                line.append("기대한 값: ", style="tutor.dim")
                line.append(safe(problem.expected, single_line=True) if problem.expected is not None else "없음", style="tutor.expected")
                console.print(line)
        if result.status == "internal_error":
            console.print(Text("  학습자 잘못이 아니에요. --debug와 함께 알려 주시면 고칠게요.", style="tutor.dim"))
    if len(run.results) > 1:
        checked = [r for r in run.results if r.status == "checked"]
        passed = sum(r.passed for r in checked)
        console.print(Text(f"\n확인한 단계 {len(checked)}개 중 {passed}개 통과", style="tutor.title"))
