"""Grading: one row per step from the live daemon (tasks), saved answers and saved quiz results.

Pure data in, data out: `grade_steps` receives the view and the progress, never prints. The
answer steps are re-compared against the live value (the saved text is checked again now), so a
learner cannot pass by having typed a value that is no longer true on their daemon.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tutor.model import CheckResult, Problem, Step

# Row statuses, in the words the reports use.
PASSED, FAILED, NOT_ATTEMPTED, INTERNAL = "passed", "failed", "not_attempted", "internal_error"


@dataclass(frozen=True)
class GradeRow:
    step: str
    lesson: str
    kind: str
    title: str
    status: str
    message: str  # the Korean feedback a learner would see ("" when passed)
    problems: tuple[Problem, ...] = ()
    # How the verdict was reached: "live" (checked on the daemon now), "recorded" (passed earlier,
    # kept with the evidence recorded then), "" (nothing to verify: not attempted, quiz record).
    verified: str = ""
    evidence: dict | None = None
    passed_at: str | None = None

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "lesson": self.lesson,
            "kind": self.kind,
            "title": self.title,
            "status": self.status,
            "passed": self.passed,
            "message": self.message,
            "problems": [p.to_dict() for p in self.problems],
            "verified": self.verified,
            "passed_at": self.passed_at,
            **({"evidence": self.evidence} if self.evidence else {}),
        }


def _from_check(step: Step, result: CheckResult) -> GradeRow:
    if result.status == "internal_error":
        status, message = INTERNAL, result.detail or "튜터 내부 오류로 확인하지 못했어요."
    elif result.passed:
        status, message = PASSED, ""
    else:
        status = FAILED
        message = "\n".join(p.message for p in result.problems) or result.detail
    return GradeRow(step.id, step.lesson_id, step.kind, step.title, status, message, result.problems,
                    verified="live")


def _local(iso: str | None) -> str:
    """The recorded time as people read it (local, to the second); the exact value stays in JSON."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso or "").astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return iso or "시각 없음"


def _recorded(step: Step, saved, live_row: GradeRow, live_only: bool) -> GradeRow:
    """A step passed earlier keeps that pass (with its evidence) unless the lesson grades live."""
    if live_row.passed or live_row.status == INTERNAL or not saved.passed or live_only:
        return GradeRow(**{**live_row.__dict__, "passed_at": saved.passed_at})
    return GradeRow(step.id, step.lesson_id, step.kind, step.title, PASSED,
                    f"통과 기록으로 인정했어요 ({_local(saved.passed_at)}). 지금 데몬 상태는 그 뒤 레슨의 다른 "
                    "단계에서 바뀌었어요.",
                    (), verified="recorded", evidence=saved.evidence, passed_at=saved.passed_at)


def _quiz_row(step: Step, saved: tuple[dict, ...]) -> GradeRow:
    if not saved:
        return GradeRow(step.id, step.lesson_id, step.kind, step.title, NOT_ATTEMPTED,
                        "아직 풀지 않은 퀴즈예요.")
    last = saved[-1]
    if last.get("correct"):
        return GradeRow(step.id, step.lesson_id, step.kind, step.title, PASSED, "", verified="recorded",
                        passed_at=str(last.get("at") or "") or None)
    choice = str(last.get("choice", ""))
    return GradeRow(step.id, step.lesson_id, step.kind, step.title, FAILED,
                    f"마지막으로 고른 답('{choice}')은 정답이 아니에요.")


def grade_steps(steps: Iterable[Step], view, progress, lesson_file: str | None = None,
                live_lessons: Iterable[str] = ()) -> tuple[GradeRow, ...]:
    """Grade every step. `view` may be None when the daemon is unreachable and only quizzes remain.

    A step passed earlier counts as passed ("recorded") even when the live check fails now,
    except in `live_lessons` (front matter `grade: live`): those need the state now."""
    from tutor.checks import engine
    from tutor.contexts import context_for, placeholders
    from tutor.daemon.rounds import one_round

    view = one_round(view) if view is not None else None  # one listing for the whole grade
    live_only = set(live_lessons)
    mapping = placeholders()  # once for the whole grade; `progress` is the record handed in
    rows: list[GradeRow] = []
    for step in steps:
        saved = progress.step(step.id)
        if step.kind == "quiz":
            rows.append(_quiz_row(step, saved.quiz))
        elif step.kind == "answer":
            if not saved.answers:
                rows.append(GradeRow(step.id, step.lesson_id, step.kind, step.title, NOT_ATTEMPTED,
                                     "저장된 답이 없어요. 튜터에서 답을 입력하거나 "
                                     f"`docker-tutor {_file_option(lesson_file)}check {step.id} --answer 값` 명령으로 확인해 보세요."))
                continue
            text = str(saved.answers[-1].get("text", ""))
            result = engine.check_answer(step, view, text, context_for(step.id, mapping, progress))
            rows.append(_recorded(step, saved, _from_check(step, result), step.lesson_id in live_only))
        else:
            row = _from_check(step, engine.run_check(step, view, context_for(step.id, mapping, progress)))
            rows.append(_recorded(step, saved, row, step.lesson_id in live_only))
    return tuple(rows)


def _file_option(lesson_file: str | None) -> str:
    """An instructor's exercise is addressed with --file; the course needs nothing."""
    if not lesson_file:
        return ""
    import shlex

    return f"--file {shlex.quote(lesson_file)} "


def summarize(rows: Iterable[GradeRow]) -> dict[str, int]:
    counts = {PASSED: 0, FAILED: 0, NOT_ATTEMPTED: 0, INTERNAL: 0}
    for row in rows:
        counts[row.status] += 1
    counts["total"] = sum(counts.values())
    return counts
