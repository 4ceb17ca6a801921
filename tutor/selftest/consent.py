"""Before the self-test runs a lesson file from outside the installed course: show, then ask.

The shipped course (lessons/, assets/exercises/) comes with the tutor. A file given with
`--file` may come from anywhere (a shared exercise, a download), and the self-test runs its
commands for real on the learner's daemon. Even after `command_policy` accepted every line,
the learner sees exactly what will run and says yes; without a terminal to ask on, it runs
only with `--yes`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tutor.errors import BadInput
from tutor.model import Step


def installed(path: str | Path) -> bool:
    """Is this file part of the course the tutor ships (its lessons or its exercises)?"""
    from tutor.content import assets_dir, lessons_dir

    real = Path(path).resolve()
    return any(real.is_relative_to(root.resolve()) for root in (lessons_dir(), assets_dir() / "exercises"))


def planned_commands(steps: Sequence[Step]) -> list[tuple[str, str]]:
    """(step id, what will run) in order: preparations, solutions, wrong variants."""
    out: list[tuple[str, str]] = []
    for step in steps:
        prep = step.prepare
        for spec in prep.containers:
            out.append((step.id, f"(준비) 컨테이너 {spec.get('name', '')} ← 이미지 {spec.get('image', '')}"))
        for spec in prep.networks:
            out.append((step.id, f"(준비) 네트워크 {spec.get('name', '')}"))
        for spec in prep.files:
            out.append((step.id, f"(준비) 연습 파일 {spec.get('path', '')}"))
        out.extend((step.id, command) for command in step.solution)
        for variant in step.wrong:
            out.extend((step.id, f"(오답 예시) {command}") for command in variant.commands)
    return out


def confirm(file: str, steps: Sequence[Step], *, yes: bool, console=None,
            ask: Callable[[str], str] | None = None, interactive: bool | None = None) -> None:
    """Return when the run may go ahead; raise BadInput when the learner did not agree."""
    if installed(file):
        return
    from rich.text import Text

    from tutor.ui.safe_text import safe

    if console is None:
        from tutor.render import make_console

        console = make_console(file=sys.stderr)
    console.print(Text(f"코스 밖의 레슨 파일이에요: {safe(file, single_line=True)}", style="tutor.warn"))
    console.print(Text("셀프 테스트는 아래 명령을 이 컴퓨터의 Docker 데몬에서 실제로 실행해요:"))
    for step_id, command in planned_commands(steps):
        line = Text("  ")
        line.append(safe(step_id, single_line=True), style="tutor.dim")
        line.append("  ")
        line.append(safe(command, single_line=True), style="tutor.cmd")
        console.print(line)
    if yes:
        return
    if interactive is None:
        interactive = sys.stdin.isatty()
    if not interactive:
        raise BadInput("코스 밖의 레슨 파일은 확인 없이 실행하지 않아요.",
                       hint="명령을 읽어 보고 괜찮으면 `--yes`를 붙여 다시 실행해 주세요.", code="selftest.not_confirmed")
    answer = (ask or input)("이 명령들을 실행할까요? [y/N] ").strip().lower()
    if answer not in ("y", "yes", "예", "네", "ㅇ"):
        raise BadInput("실행하지 않았어요.", code="selftest.not_confirmed")
