"""Text view of `docker-tutor selftest`: one line per step, failures and skips spelled out."""

from __future__ import annotations

from rich.text import Text

MARK = {"passed": ("✓", "tutor.ok"), "failed": ("✗", "tutor.fail"), "skipped": ("⚠ 건너뜀", "tutor.warn")}


def step_lines(outcome) -> list[Text]:
    mark, style = MARK.get(outcome.status, ("?", "tutor.warn"))
    line = Text(f"{mark} ", style=style)
    line.append(Text(outcome.step, style="tutor.title"))
    line.append(Text(f" [{outcome.kind}] "))
    line.append(Text(outcome.detail, style=style if outcome.status != "passed" else "tutor.dim"))
    lines = [line]
    if outcome.status == "failed":
        for phase in outcome.phases:
            if not phase.ok:
                lines.append(Text(f"    - {phase.name}: {phase.detail}", style="tutor.fail"))
                for ran in phase.commands:
                    lines.append(Text(f"      $ {ran.command}  (종료 코드 {ran.exit_code})", style="tutor.dim"))
    return lines


def stream_line(outcome) -> None:
    from tutor.render import make_console

    console = make_console()
    for line in step_lines(outcome):
        console.print(line)


def render(result, console) -> None:
    report = result.report
    if not result.streamed:
        for outcome in report.results:
            for line in step_lines(outcome):
                console.print(line)
    passed, failed, skipped = report.count("passed"), report.count("failed"), report.count("skipped")
    summary = Text(f"통과 {passed} · 실패 {failed} · 건너뜀 {skipped}",
                   style="tutor.ok" if report.ok else "tutor.fail")
    console.print(summary)
    if skipped:
        console.print(Text(f"⚠ {skipped}개 단계는 여기서 검증하지 못했어요 (위의 이유 참고). "
                           + ("--allow-skip이라 실패로 치지 않았어요." if report.allow_skip
                              else "검증하지 못한 것은 통과가 아니에요: 종료 코드 1이에요."),
                           style="tutor.warn"))
