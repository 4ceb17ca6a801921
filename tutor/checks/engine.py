"""Running a step's check (or judging an answer) against a view: the one entry point for every
caller (check command, guided UI, watch, grade, selftest).

- placeholders are substituted first from the context (the lesson says `{workdir}`, the check
  sees a path); the caller made the context at its edge (`tutor.contexts`): the engine never
  reads progress or lab state;
- the kind is looked up in the closed table `tutor.checks.kinds.CHECK_KINDS`;
- a crash inside a check becomes `status="internal_error"`: the tutor's bug, never the
  learner's mistake; `DaemonUnreachable` propagates (exit 3 in the CLI).
"""

from __future__ import annotations

import logging
from typing import Any

from tutor.checks import answers
from tutor.checks.base import CheckContext
from tutor.checks.kinds import CHECK_KINDS
from tutor.errors import DaemonUnreachable
from tutor.journey.advice import advise
from tutor.model import RESOURCE_KINDS, CheckResult, Problem, Step
from tutor.state import StateView

log = logging.getLogger(__name__)


def substituted(obj: Any, ctx: CheckContext) -> Any:
    """obj with the context's placeholder values filled in (resolved by the caller)."""
    from tutor.lessonfile import placeholders

    return placeholders.substitute(obj, dict(ctx.placeholders))


def _internal(step: Step, exc: BaseException) -> CheckResult:
    # The traceback goes to the log (shown with --debug), never into what the learner sees.
    log.debug("check of %s crashed", step.id, exc_info=exc)
    detail = f"튜터 내부 오류예요 (학습자 잘못이 아니에요): {type(exc).__name__}: {exc}"
    return CheckResult(
        step=step.id,
        kind=step.kind,
        passed=False,
        problems=(Problem("internal.error", detail, None, f"{type(exc).__name__}: {exc}"),),
        status="internal_error",
        detail=detail,
    )


def run_check(step: Step, view: StateView, ctx: CheckContext | None = None) -> CheckResult:
    """The verdict for a task step. Never raises for a bug in a check; raises DaemonUnreachable."""
    ctx = ctx or CheckContext(step_id=step.id)
    if step.check is None:
        return CheckResult(step=step.id, kind=step.kind, passed=False, status="not_checked",
                           detail="이 단계는 확인할 작업이 없어요 (task 단계가 아니에요).")
    try:
        fn = CHECK_KINDS[step.check.kind].fn
        params = substituted(dict(step.check.params), ctx)
        problems = _point_to_preparation(step, fn(params, view, ctx), ctx)
        problems = advise(step, problems, view, ctx)
    except DaemonUnreachable:
        raise
    except Exception as exc:  # noqa: BLE001 - a bug in a check is ours, never the learner's
        return _internal(step, exc)
    return CheckResult(step=step.id, kind=step.kind, passed=not problems, problems=tuple(problems))


# Codes that mean "the thing this step works ON is not there"; when the step's preparation is
# what makes that thing, the learner most likely started here directly (a classroom, a skip).
_MISSING = {"container.missing": ("containers", RESOURCE_KINDS["container"]),
            "network.missing": ("networks", RESOURCE_KINDS["network"])}


def _point_to_preparation(step: Step, problems: list[Problem], ctx: CheckContext) -> list[Problem]:
    out = []
    for p in problems:
        group, noun = _MISSING.get(p.code, ("", ""))
        prepared = {str(substituted(spec.get("name", ""), ctx)) for spec in getattr(step.prepare, group, ())}
        if group and p.expected in prepared:
            p = Problem(p.code, p.message + f" '{p.expected}' {noun}는 이 단계의 준비물이라서 튜터가 만들어 줄 수 "
                        f"있어요: 메뉴의 '준비해 주기' 또는 `docker-tutor begin {step.id}` 명령.",
                        p.expected, p.found)
        out.append(p)
    return out


def check_answer(step: Step, view: StateView, text: str, ctx: CheckContext | None = None) -> CheckResult:
    """Judge the learner's answer to an answer step against the value read live."""
    ctx = ctx or CheckContext(step_id=step.id)
    if step.answer is None:
        return CheckResult(step=step.id, kind=step.kind, passed=False, status="not_checked",
                           detail="이 단계는 답을 적는 단계가 아니에요.")
    try:
        params = substituted(dict(step.answer.params), ctx)
        problems = answers.judge_answer(step.answer.source, params, step.answer.compare, text, view)
        problems = [_identified(p, step.answer.source, params, text, view) for p in problems]
    except DaemonUnreachable:
        raise
    except Exception as exc:  # noqa: BLE001
        return _internal(step, exc)
    return CheckResult(step=step.id, kind=step.kind, passed=not problems, problems=tuple(problems))


def _identified(p: Problem, source: str, params: dict[str, Any], text: str, view: StateView) -> Problem:
    """A wrong answer that is another real value (Client version, centos's id...): say which."""
    from dataclasses import replace

    from tutor.journey.neighbours import identify

    if p.code != "answer.wrong":
        return p
    said = identify(source, params, text, view)
    return replace(p, message=f"{p.message} {said}") if said else p


def expected_answers(step: Step, view: StateView, ctx: CheckContext | None = None) -> list[str]:
    """The values an answer step accepts right now (for the self-test and the instructor)."""
    ctx = ctx or CheckContext(step_id=step.id)
    if step.answer is None:
        return []
    return answers.read_answer(step.answer.source, substituted(dict(step.answer.params), ctx), view)
