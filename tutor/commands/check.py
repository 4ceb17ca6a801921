"""`docker-tutor check STEP_ID... [--lesson ID] [--answer TEXT] [--json]`.

Exit codes: 0 all passed, 1 some failed, 2 bad input (unknown id, an answer step without
`--answer`, a lesson error), 3 daemon unreachable, 4 the tutor's own bug inside a check.
JSON: one step → that step's result; several steps or `--lesson` → `{"results": [...]}`.
With `--lesson`, answer and quiz steps are reported as `not_checked`, never as failures.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rich.padding import Padding
from rich.text import Text

from tutor.checks.kinds import CHECK_KINDS
from tutor.errors import BadInput
from tutor.exitcodes import ExitCode
from tutor.model import CheckResult, Step
from tutor.ui.safe_text import safe, safe_text
from tutor.ui.widgets import problem_lines

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckRun:
    results: tuple[CheckResult, ...]
    single: bool = True  # one step asked by id: its result is the whole JSON document
    # step id -> the command that shows what its check reads (the check-kind table's "where")
    where: Mapping[str, str] = field(default_factory=dict)

    def render(self, console) -> None:
        render_text(self, console)

    @property
    def exit_code(self) -> int:
        if any(r.status == "internal_error" for r in self.results):
            return ExitCode.INTERNAL
        failed = any(r.status == "checked" and not r.passed for r in self.results)
        return ExitCode.FAILED if failed else ExitCode.OK

    def to_dict(self) -> dict[str, Any]:
        if self.single and len(self.results) == 1:
            return self.results[0].to_dict()
        return {"results": [r.to_dict() for r in self.results]}


def add_arguments(parser) -> None:
    parser.add_argument("steps", nargs="*", metavar="STEP_ID", help="확인할 단계 id (예: 4.2/run-port)")
    parser.add_argument("--lesson", metavar="ID", help="이 레슨의 모든 실습 단계를 확인해요")
    parser.add_argument("--answer", metavar="TEXT", help="답 쓰기 단계에 낼 답")
    parser.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")
    parser.add_argument("--no-record", action="store_true",
                        help="진도에 남기지 않아요 (채점기·스크립트용: 학습자의 진도는 학습자가 한 확인만 담아요)")


def _not_checked(step: Step, why: str) -> CheckResult:
    return CheckResult(step=step.id, kind=step.kind, passed=False, status="not_checked", detail=why)


def _select(args) -> tuple[list[tuple[Step, bool]], bool]:
    """(step, asked by id) pairs in order, and whether the output is a single result."""
    from tutor.lessonfile.catalog import load_course

    if not args.steps and not args.lesson:
        raise BadInput("확인할 단계 id를 적어 주세요 (예: `docker-tutor check 4.2/run-port`).",
                       hint="`docker-tutor list`로 단계 id를 볼 수 있어요.", code="no_step")
    course = load_course(getattr(args, "file", None))
    chosen: list[tuple[Step, bool]] = [(course.step(sid), True) for sid in args.steps]
    if args.lesson:
        chosen += [(s, False) for s in course.lesson(args.lesson).steps]
    for step, by_id in chosen:
        if by_id and step.kind == "answer" and args.answer is None:
            raise BadInput(f"이 단계(`{step.id}`)는 답을 적는 단계예요. `--answer \"답\"`으로 답을 함께 적어 주세요.",
                           code="answer_required")
    return chosen, len(chosen) == 1 and not args.lesson


def _open_view():
    """One round: every check of this command shares one listing of the daemon."""
    from tutor.daemon import view
    from tutor.daemon.rounds import one_round

    return one_round(view.open_view())


def run(args) -> CheckRun:
    from tutor.checks import engine
    from tutor.classroom import client as classroom_client
    from tutor.contexts import context_for, learner_record, placeholders

    chosen, single = _select(args)
    needs_daemon = any(s.kind == "task" or (s.kind == "answer" and by_id) for s, by_id in chosen)
    daemon_view = _open_view() if needs_daemon else None
    record = not getattr(args, "no_record", False)
    mapping, learner = placeholders(), learner_record()  # once for every step of this command
    results = []
    for step, by_id in chosen:
        if step.kind == "quiz":
            results.append(_not_checked(step, "퀴즈는 `docker-tutor quiz`로 풀어요."))
        elif step.kind == "answer" and not by_id:
            results.append(_not_checked(step, "답 쓰기 단계는 `--answer`와 함께 하나씩 확인해요."))
        elif step.kind == "answer":
            assert daemon_view is not None  # needs_daemon above
            ctx = context_for(step.id, mapping, learner)
            result = engine.check_answer(step, daemon_view, args.answer, ctx)
            results.append(result)
            classroom_client.attach_result(result)
            if record and result.status == "checked":
                _record(step, result, daemon_view, ctx, args.answer)
        else:
            assert daemon_view is not None
            ctx = context_for(step.id, mapping, learner)
            result = engine.run_check(step, daemon_view, ctx)
            results.append(result)
            if result.status == "checked":
                classroom_client.attach_result(result)  # its problem codes go with the class event
            if result.status == "checked" and record:
                _record(step, result, daemon_view, ctx)
    where = {s.id: CHECK_KINDS[s.check.kind].where for s, _ in chosen if s.check is not None}
    return CheckRun(results=tuple(results), single=single, where=where)


def _record(step: Step, result: CheckResult, view, ctx, answer: str | None = None) -> None:
    """Save the verdict (and, on a pass, its evidence) in progress; a full disk must not turn
    a verdict into a crash."""
    from tutor.journey.evidence import record_verdict

    try:
        record_verdict(step, result, view, ctx, answer)
    except OSError as exc:
        log.warning("could not save progress: %s", exc)


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


def render_text(run, console) -> None:
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
            for line in problem_lines(problem):
                console.print(Padding(line, (0, 0, 0, 2), expand=False))
        if result.status == "checked" and not result.passed and run.where.get(result.step):
            look = Text("살펴볼 곳: ", style="tutor.dim") + safe_text(run.where[result.step], "tutor.cmd")
            console.print(Padding(look, (0, 0, 0, 2), expand=False))
        if result.status == "internal_error":
            console.print(Text("  학습자 잘못이 아니에요. 잠시 뒤 다시 확인해 보고, 계속되면 `docker-tutor --debug check 단계id`의 출력을 강사에게 알려 주세요.", style="tutor.dim"))
    if len(run.results) > 1:
        checked = [r for r in run.results if r.status == "checked"]
        passed = sum(r.passed for r in checked)
        console.print(Text(f"\n확인한 단계 {len(checked)}개 중 {passed}개 통과", style="tutor.title"))
    from tutor.classroom.client import status_line

    line = status_line()  # in a class only: one quiet line, never an error
    if line:
        console.print(Text(line, style="tutor.dim"))
