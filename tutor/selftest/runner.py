"""The self-test: proves, on the real daemon, that each step starts unsolved, that its solution
passes, and that each declared wrong variant fails with the declared problem code.

Task step:  clean → prepare → check FAILS → solution → check PASSES
            → per wrong variant: clean → prepare → commands → check fails WITH the code → clean.
Answer step: clean → prepare → solution → the value the tutor expects appears in its output.
Quiz step:   static: every choice explains itself, one is correct (or accepted answers exist).
Whatever cannot be tested here is reported as "skipped" with the reason, never as passed.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from tutor.model import Step
from tutor.selftest import workspace
from tutor.selftest.execute import Ran, run_planned
from tutor.selftest.outcome import (
    Phase,
    StepOutcome,
    _codes,
    _quiz,
    _short,
    _verdict,
    selftest_user,
)
from tutor.selftest.plan import CommandError, appears_in, plan_command

CHECK_SETTLE = 4.0  # seconds to let a just-started container reach its state before judging


class _StepFailed(Exception):
    pass


class _StepSkipped(Exception):
    """Something of the learner's is in the way: said by name, never reported as a failure."""


@dataclass
class Runner:
    api: Any
    course_step_ids: frozenset[str]
    mapping: dict[str, str]
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    on_step: Callable[[StepOutcome], None] | None = None
    foreign_tags: frozenset[str] = frozenset()  # tags that existed before this phase: never removed
    view: Any = None  # the typed view, reading the self-test's own docker config (env)
    ledger: Any = None  # the self-test's OWN record (never the learner's)
    env: dict | None = None  # environment of every docker CLI run: its own DOCKER_CONFIG
    start_images: frozenset[str] = frozenset()  # image ids before the run

    # --- one step -----------------------------------------------------------------------------

    def run_step(self, step: Step) -> StepOutcome:
        phases: list[Phase] = []
        try:
            if step.kind == "quiz":
                status, detail = _quiz(step, phases)
            elif step.kind == "answer":
                status, detail = self._answer(step, phases)
            else:
                status, detail = self._task(step, phases)
        except _StepFailed as exc:
            status, detail = "failed", str(exc)
        except _StepSkipped as exc:
            status, detail = "skipped", str(exc)
        except Exception as exc:  # noqa: BLE001 - a crash is a failed self-test, with its cause
            status, detail = "failed", f"셀프 테스트 도중 오류: {type(exc).__name__}: {exc}"
        finally:
            if step.kind != "quiz":
                try:
                    self._clean(step, phases, final=True)
                except Exception as exc:  # noqa: BLE001 - report it, keep going with the next step
                    phases.append(Phase("clean", False, f"정리 실패: {type(exc).__name__}: {exc}"))
                    status, detail = "failed", f"정리(clean) 실패: {exc}"
        outcome = StepOutcome(step.id, step.kind, status, tuple(phases), detail)
        if self.on_step:
            self.on_step(outcome)
        return outcome

    def _task(self, step: Step, phases: list[Phase]) -> tuple[str, str]:
        if step.check is None or not step.solution:
            return "skipped", "확인(check)이나 정답(solution)이 없어서 검증할 수 없어요"
        reason = self._skip_reason(step)
        if reason:
            return "skipped", reason
        since = self._fresh(step, phases)
        # A `daemon` check cannot start unsolved here (we never stop the real daemon): prove
        # instead that it fails against an address where no daemon listens.
        nowhere = step.check.kind == "daemon"
        result = self._check(step, since, want_pass=False, nowhere=nowhere)
        if result.passed or result.status != "checked":
            phases.append(Phase("before", False, _verdict(result)))
            raise _StepFailed("준비한 상태에서 확인이 이미 통과하거나 확인이 고장 났어요: " + _verdict(result))
        phases.append(Phase("before", True, ("데몬이 없는 주소로 확인하면 " if nowhere else "준비 직후에는 ")
                            + "실패해요: " + _codes(result)))
        self._commands(step.solution, phases, "solution", must_succeed=True)
        result = self._check(step, since, want_pass=True)
        phases.append(Phase("after", result.passed, _verdict(result)))
        if not result.passed:
            raise _StepFailed("정답 명령을 실행한 뒤에도 확인이 통과하지 않아요: " + _verdict(result))
        failures = [self._wrong(step, variant, phases) for variant in step.wrong]
        failures = [f for f in failures if f]
        if failures:
            raise _StepFailed("; ".join(failures))
        summary = "처음엔 실패 → 정답 뒤 통과"
        return "passed", summary + (f" → 오답 예시 {len(step.wrong)}개 모두 예상한 code" if step.wrong else "")

    def _wrong(self, step: Step, variant, phases: list[Phase]) -> str:
        name = f"wrong:{variant.code}"
        self._clean(step, phases)
        since = self._fresh(step, phases, clean=False)
        self._commands(variant.commands, phases, name + ":commands", must_succeed=False)
        result = self._check(step, since, want_pass=False, want_code=variant.code)
        codes = [p.code for p in result.problems]
        ok = (not result.passed) and variant.code in codes and result.status == "checked"
        phases.append(Phase(name, ok, _verdict(result)))
        return "" if ok else f"오답 예시({' / '.join(variant.commands)})가 '{variant.code}' 대신 {_verdict(result)}"

    def _answer(self, step: Step, phases: list[Phase]) -> tuple[str, str]:
        from tutor.checks.engine import check_answer, expected_answers

        if step.answer is None or not step.solution:
            return "skipped", "답(answer)이나 정답 명령(solution)이 없어서 검증할 수 없어요"
        reason = self._skip_reason(step)
        if reason:
            return "skipped", reason
        since = self._fresh(step, phases)
        ran = self._commands(step.solution, phases, "solution", must_succeed=True)
        output = "\n".join(r.output for r in ran)
        view, ctx = self._view(), self._ctx(step, since)
        expected = [str(v) for v in expected_answers(step, view, ctx)]
        found = [value for value in expected if appears_in(value, output)]
        shown = [_short(v) for v in expected]
        phases.append(Phase("answer", bool(found), f"기대값({shown})이 " + ("출력에 있어요" if found else "출력에 없어요")))
        if not found:
            raise _StepFailed(f"튜터가 기대하는 값({shown})이 정답 명령의 실제 출력에 보이지 않아요")
        # And the tutor accepts what the learner sees there (an id as its 12-char prefix).
        typed = _short(found[0])
        verdict = check_answer(step, view, typed, ctx)
        phases.append(Phase("accept", verdict.passed, f"'{typed}' 입력 → {_verdict(verdict)}"))
        if not verdict.passed:
            raise _StepFailed(f"출력에 보이는 값('{typed}')을 입력해도 튜터가 정답으로 받지 않아요: {_verdict(verdict)}")
        return "passed", f"출력에서 값('{typed}')을 찾았고 정답으로 받아요"

    # --- building blocks ----------------------------------------------------------------------

    def new_user(self) -> None:
        """A fresh {user} per phase: what one phase pushed to the practice registry (it keeps
        everything) can never make the next phase's check pass. The engine reads the env too."""
        self._users = getattr(self, "_users", 0) + 1
        self.mapping["user"] = selftest_user(f"{self.run_id}x{self._users}")  # the checks get it in their context

    def _skip_reason(self, step: Step) -> str:
        from tutor.selftest import guards

        self._clean(step, [])
        return (guards.registry_reason(step, self.mapping)
                or guards.prune_reason(self.view, step, self.mapping, self.run_id, self.ledger)
                or guards.preexisting_reason(self.view, step, self.mapping))

    def _fresh(self, step: Step, phases: list[Phase], clean: bool = True) -> datetime:
        from tutor.daemon.actions import prepare
        from tutor.errors import Conflict, TutorError

        if clean:
            self._clean(step, phases)
        self.new_user()  # after the clean, which needs the previous phase's names
        # Tags present now are not this phase's: a wrong variant's `webserver:1.0` is removed
        # afterwards only if it did not exist before.
        self.foreign_tags = frozenset(workspace.all_tags(self.view))
        self._in_the_way(step)
        if not step.prepare.empty:
            try:
                report = prepare(step, self.api, self.mapping, ledger=self.ledger, env=self.env)
            except Conflict as exc:
                raise _StepSkipped("이 데몬에 셀프 테스트가 만들지 않은 자원이 있어서 건드리지 않고 건너뛰었어요: "
                                   + exc.message.split("\n", 1)[-1].replace("\n", " ")) from exc
            except TutorError as exc:
                phases.append(Phase("prepare", False, exc.message))
                raise _StepFailed("준비(prepare)가 실패했어요: " + exc.message) from exc
            phases.append(Phase("prepare", True, "; ".join(report.done)))
        time.sleep(0.05)
        return datetime.now(timezone.utc)

    def _in_the_way(self, step: Step) -> None:
        """Names the step uses (its preparation, its check) held by someone else's container or
        network: the solution would fail on them, so the step is skipped and they are named."""
        from tutor.daemon.cleanup import declared_names
        from tutor.daemon.ownership import Owner
        from tutor.lookups import container_named, network_named

        owner, declared, found = Owner(self.ledger), declared_names([step], self.mapping), []
        for name in declared["container"]:
            info = container_named(self.view, name)
            if info is not None and not owner.container(info) and \
                    info.labels.get("org.docker-tutor.selftest") != self.run_id:
                found.append(f"컨테이너 '{name}'")
        for name in declared["network"]:
            net = network_named(self.view, name)
            if net is not None and not owner.network(net) and net.labels.get("org.docker-tutor.selftest") != self.run_id:
                found.append(f"네트워크 '{name}'")
        if found:
            raise _StepSkipped(f"이 단계가 쓰는 이름을 이미 다른 자원이 쓰고 있어요: {', '.join(found)}. 셀프 테스트는 "
                               "직접 만든 것을 건드리지 않아요. 지우거나 이름을 바꾼 뒤 다시 실행해 주세요")

    def _note_new_volumes(self, argv) -> None:
        from tutor.daemon import removal
        from tutor.selftest.plan import named_volumes

        existing = removal.volume_names(self.api)
        for name in named_volumes(argv):
            if name not in existing:  # made by this command: the self-test's own
                self.ledger.add("volume", name, name, "selftest")

    def _clean(self, step: Step, phases: list[Phase], final: bool = False) -> None:
        made = frozenset(i.id for i in self.view.images()) - self.start_images
        notes = workspace.clean(self.api, self.view, self.ledger, self.run_id, self.mapping, step,
                                keep=self.foreign_tags, made_ids=made, env=self.env)
        if final or notes:
            phases.append(Phase("clean", True, "; ".join(notes)))

    def _commands(self, commands: Sequence[str], phases: list[Phase], name: str, must_succeed: bool) -> list[Ran]:
        ran: list[Ran] = []
        for command in commands:
            try:
                planned = plan_command(command, self.mapping, self.run_id)
            except CommandError as exc:
                phases.append(Phase(name, False, str(exc)))
                raise _StepFailed(str(exc)) from exc
            self._note_new_volumes(planned.argv)
            result = run_planned(planned, self.mapping, env=self.env)
            ran.append(result)
            if must_succeed and result.exit_code != 0:
                phases.append(Phase(name, False, f"`{result.command}` 종료 코드 {result.exit_code}", tuple(ran)))
                raise _StepFailed(f"정답 명령(`{result.command}`)이 실패했어요 (종료 코드 {result.exit_code}): "
                                  f"{result.output.strip()[-300:]}")
        phases.append(Phase(name, True, "", tuple(ran)))
        return ran

    def _view(self):
        return self.view

    def _ctx(self, step: Step, since: datetime):
        from tutor.checks.base import CheckContext

        # The self-test's own clock and placeholders: the learner's progress is never read.
        return CheckContext(step_id=step.id, since=since, placeholders=dict(self.mapping))

    def _check(self, step: Step, since: datetime, *, want_pass: bool, want_code: str | None = None,
               nowhere: bool = False):
        """Re-check for a few seconds: a container started with -d needs a moment to settle."""
        from tutor.checks.engine import run_check

        deadline = time.monotonic() + CHECK_SETTLE
        while True:
            if nowhere:
                from tutor.daemon.nowhere import unreachable_view

                view = unreachable_view()
            else:
                view = self._view()
            result = run_check(step, view, self._ctx(step, since))
            codes = {p.code for p in result.problems}
            settled = result.passed == want_pass and (want_code is None or want_code in codes)
            if settled or time.monotonic() > deadline or result.status == "internal_error":
                return result
            time.sleep(0.5)


__all__ = ["Phase", "Runner", "StepOutcome", "selftest_user"]
