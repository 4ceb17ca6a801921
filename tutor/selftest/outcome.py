"""What a self-test run reports: the phases of each step and the step's outcome, plus the small
pure helpers the runner uses to describe verdicts (kept apart so the runner holds only the
sequence of real actions)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tutor.model import Step
from tutor.selftest.execute import Ran


@dataclass(frozen=True)
class Phase:
    name: str  # clean | prepare | before | solution | after | wrong:<code> | answer | quiz
    ok: bool
    detail: str = ""
    commands: tuple[Ran, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "detail": self.detail,
                "commands": [r.to_dict() for r in self.commands]}


@dataclass(frozen=True)
class StepOutcome:
    step: str
    kind: str
    status: str  # passed | failed | skipped
    phases: tuple[Phase, ...] = ()
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "kind": self.kind, "status": self.status,
                "phases": [p.to_dict() for p in self.phases], "detail": self.detail}


def _quiz(step: Step, phases: list[Phase]) -> tuple[str, str]:
    quiz = step.quiz
    problems: list[str] = []
    if quiz is None:
        problems.append("quiz 블록이 없어요")
    elif quiz.is_choice:
        if not any(c.correct for c in quiz.choices):
            problems.append("정답인 보기가 없어요")
        problems += [f"보기 '{c.text}'에 설명(why)이 없어요" for c in quiz.choices if not c.why.strip()]
    elif not quiz.accept:
        problems.append("보기도 accept 답도 없어요")
    phases.append(Phase("quiz", not problems, "; ".join(problems) or "보기마다 설명이 있어요 (정적 검사)"))
    return ("failed", "; ".join(problems)) if problems else ("passed", "정적 검사만 해요 (퀴즈)")


def _short(value: str) -> str:
    bare = value.split(":", 1)[1] if value.startswith("sha256:") else value
    hexy = len(bare) > 12 and all(c in "0123456789abcdef" for c in bare)
    return bare[:12] if hexy else value


def _codes(result) -> str:
    return ", ".join(p.code for p in result.problems) or "(문제 없음)"


def _verdict(result) -> str:
    if result.status == "internal_error":
        return f"확인 내부 오류: {result.detail}"
    return "통과" if result.passed else f"실패 [{_codes(result)}]"


def selftest_user(run_id: str) -> str:
    """A per-run {user}: pushes to the practice registry never collide with an earlier run's."""
    return f"selftest{run_id}"
