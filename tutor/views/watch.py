"""Summary printed after `docker-tutor watch` ends."""

from __future__ import annotations

from rich.text import Text

from tutor.ui.safe_text import safe_text


def render(result, console) -> None:
    n = len(result.passed)
    if result.finished:
        console.print(Text(f"레슨 {result.lesson}에서 지켜본 {len(result.watched)}단계를 모두 통과했어요!", style="tutor.ok"))
    elif result.interrupted:
        console.print(Text(f"그만할게요. 이번에 {n}단계를 통과했고, 진행 상황은 저장되어 있어요."))
    if result.skipped:
        console.print(Text("답 쓰기/퀴즈 단계는 `docker-tutor`를 실행해서 풀어 보세요: ", style="tutor.hint")
                      + safe_text(", ".join(result.skipped), single_line=True))
    if result.next_step and not result.finished:
        console.print(Text("다음에 이어서 할 단계: ") + safe_text(result.next_step, "tutor.cmd"))
