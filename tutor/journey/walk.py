"""One walk through lessons in order, as a learner: `begin`, type in a real shell, check.

Task step:   begin → check FAILS on entry → [walk 2: first wrong variant → check fails →
             the tutor's own `fix` commands → the verdict changes] → solution → check PASSES.
Answer step: begin → solution → the value the tutor expects is in the real output → that
             value, as shown, is accepted.
Quiz step:   the correct choice is recorded (a learner answering it).
No `prepare` ever: the only start state made is what `begin` makes. Verdicts are recorded in
the walk's own progress file with their evidence, so `grade` afterwards sees the journey.
"""

from __future__ import annotations

import shlex
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tutor.model import Step

SETTLE = 6.0  # seconds to let a just-started container reach its state before judging
POLL = 0.25


@dataclass(frozen=True)
class Phase:
    name: str
    ok: bool
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "detail": self.detail}


@dataclass(frozen=True)
class JourneyStep:
    step: str
    kind: str
    walk: int
    status: str  # passed | failed | skipped
    phases: tuple[Phase, ...] = ()
    detail: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "kind": self.kind, "walk": self.walk, "status": self.status,
                "detail": self.detail, "seconds": round(self.seconds, 2), "phases": [p.to_dict() for p in self.phases]}


class _Fail(Exception):
    pass


@dataclass
class Walker:
    api: Any
    view: Any
    shell: Any
    course: Any
    mapping: dict[str, str]
    run_id: str
    walk: int = 1
    skip: Callable[[Step], str] = lambda step: ""
    volumes: set = field(default_factory=set)

    # --- pieces ---------------------------------------------------------------------------

    def _ctx(self, step: Step):
        from tutor.contexts import context_for

        return context_for(step.id, self.mapping)

    def _check(self, step: Step):
        from tutor.checks import engine

        return engine.run_check(step, self.view, self._ctx(step))

    def _entry_check(self, step: Step):
        """A `daemon` check cannot fail on entry (the learner's daemon runs; nobody stops it):
        prove instead that it fails where no daemon listens, as the step-by-step self-test does."""
        if step.check is not None and step.check.kind == "daemon":
            from tutor.checks import engine
            from tutor.daemon.nowhere import unreachable_view

            return engine.run_check(step, unreachable_view(), self._ctx(step))
        return self._check(step)

    def _settled(self, step: Step, moved_from: set[str] | None = None):
        """Poll until the check passes (or, with `moved_from`, shows other problems than those)
        or SETTLE seconds pass: a container may still be starting."""
        deadline = time.monotonic() + SETTLE
        result = self._check(step)
        while not result.passed and time.monotonic() < deadline:
            if moved_from is not None and {p.code for p in result.problems} != moved_from:
                break
            time.sleep(POLL)
            result = self._check(step)
        return result

    def _type(self, commands, phases: list[Phase], name: str) -> str:
        from tutor.selftest.plan import inject_label, named_volumes, split

        out = []
        for command in commands:
            # The tutor's advice comes filled in; the command policy reads lesson commands in their
            # `{workdir}/...` form (a path inside the practice folder), so it is shown that form.
            workdir = self.mapping.get("workdir", "")
            if workdir and workdir in command:
                command = command.replace(workdir, "{workdir}")
            argv = inject_label(split(command, self.mapping), self.run_id)
            self.volumes.update(named_volumes(argv))
            typed = self.shell.type(shlex.join(argv), self.mapping.get("registry_user", ""),
                                    self.mapping.get("registry_password", ""))
            phases.append(Phase(name, typed.returned, f"$ {command}" + (f" ({typed.how})" if typed.how else "")
                                + "\n" + typed.output[-600:]))
            if not typed.returned:
                raise _Fail(f"셸 프롬프트가 돌아오지 않았어요: {command}")
            out.append(typed.output)
        return "\n".join(out)

    def _begin(self, step: Step, phases: list[Phase]):
        from tutor.journey.begin import BeginContext, enter_step

        ctx = BeginContext(api=self.api, placeholders=self.mapping, restart=True)
        result = enter_step(step, self.course, ctx)
        for _ in range(2):
            if result.ok:
                break
            # A learner's resource in the way: the tutor named the command; do as it says.
            commands = [c for b in result.blocked for c in b.commands]
            phases.append(Phase("begin-blocked", bool(commands), "; ".join(b.message for b in result.blocked)))
            if not commands:
                raise _Fail("begin이 막혔는데 따라 할 명령이 없어요: " + result.blocked[0].message)
            self._type(commands, phases, "begin-advice")
            result = enter_step(step, self.course, ctx)
        if not result.ok:
            raise _Fail("begin이 계속 막혀요: " + result.blocked[0].message)
        made = "; ".join(p.message for p in result.prepared)
        phases.append(Phase("begin", True, made or "만든 것 없음"))
        return result

    # --- step kinds -----------------------------------------------------------------------

    def run_step(self, step: Step) -> JourneyStep:
        from dataclasses import replace

        started = time.monotonic()
        outcome = self._run_step(step)
        return replace(outcome, seconds=time.monotonic() - started)

    def _run_step(self, step: Step) -> JourneyStep:
        phases: list[Phase] = []
        try:
            reason = self.skip(step) if step.kind != "quiz" else ""
            if reason:
                return JourneyStep(step.id, step.kind, self.walk, "skipped", tuple(phases), reason)
            if step.kind == "quiz":
                self._quiz(step, phases)
            elif step.kind == "answer":
                self._answer(step, phases)
            else:
                self._task(step, phases)
            return JourneyStep(step.id, step.kind, self.walk, "passed", tuple(phases))
        except _Fail as exc:
            return JourneyStep(step.id, step.kind, self.walk, "failed", tuple(phases), str(exc))
        except Exception as exc:  # noqa: BLE001 - a crash is a failed step, with its cause
            return JourneyStep(step.id, step.kind, self.walk, "failed", tuple(phases),
                               f"journey 도중 오류: {type(exc).__name__}: {exc}")

    def _task(self, step: Step, phases: list[Phase]) -> None:
        from tutor.journey.evidence import record_verdict

        self._begin(step, phases)
        entry = self._entry_check(step)
        phases.append(Phase("fails-on-entry", not entry.passed, _codes(entry)))
        if entry.passed:
            raise _Fail("시작하자마자 통과해요 (시작 상태가 이미 답이에요)")
        if self.walk == 2 and step.wrong:
            self._wrong_then_advice(step, phases)
        self._type(step.solution, phases, "solution")
        result = self._settled(step)
        if not result.passed:
            fix = _fix(result)  # a leftover of the wrong variant: the tutor says what to do first
            if fix and self.walk == 2:
                self._type(fix, phases, "advice-after-solution")
                result = self._settled(step)
        phases.append(Phase("passes-after-solution", result.passed, _codes(result) or _messages(result)))
        if not result.passed:
            raise _Fail("정답 명령 뒤에도 통과하지 않아요: " + _messages(result))
        record_verdict(step, result, self.view, self._ctx(step))

    def _wrong_then_advice(self, step: Step, phases: list[Phase]) -> None:
        variant = step.wrong[0]
        try:
            self._type(variant.commands, phases, "wrong")
        except _Fail:
            raise
        time.sleep(0.5)
        wrong = self._check(step)
        phases.append(Phase("wrong-fails", not wrong.passed, _codes(wrong)))
        if wrong.passed:
            raise _Fail(f"오답 예시({variant.commands[0]})인데 통과해요")
        fix = _fix(wrong)
        if not fix:
            phases.append(Phase("advice", True, "따라 할 명령(fix) 없음: 정답으로 바로 가요"))
            return
        self._type(fix, phases, "advice")
        after = self._settled(step, {p.code for p in wrong.problems})
        moved = after.passed or {p.code for p in after.problems} != {p.code for p in wrong.problems}
        phases.append(Phase("advice-moves-forward", moved, f"{_codes(wrong)} → {_codes(after) or '통과'}"))
        if not moved:
            raise _Fail(f"튜터의 조언({'; '.join(fix)})을 따라도 같은 문제예요: {_codes(after)}")

    def _answer(self, step: Step, phases: list[Phase]) -> None:
        from tutor.checks import engine
        from tutor.journey.evidence import record_verdict
        from tutor.selftest.plan import appears_in

        self._begin(step, phases)
        output = self._type(step.solution, phases, "solution")
        expected = engine.expected_answers(step, self.view, self._ctx(step))
        shown = [v for v in expected if appears_in(v, output)]
        phases.append(Phase("value-in-output", bool(shown), ", ".join(expected[:3])))
        if not shown:
            raise _Fail(f"정답 값({', '.join(expected[:3]) or '없음'})이 명령 출력에 보이지 않아요")
        answer = _as_shown(shown[0], output)
        result = engine.check_answer(step, self.view, answer, self._ctx(step))
        phases.append(Phase("accepted", result.passed, answer))
        if not result.passed:
            raise _Fail(f"출력에 보인 값('{answer}')을 받아들이지 않아요: {_messages(result)}")
        record_verdict(step, result, self.view, self._ctx(step), answer)

    def _quiz(self, step: Step, phases: list[Phase]) -> None:
        from tutor import progress
        from tutor.journey.begin import BeginContext, enter_step

        enter_step(step, self.course, BeginContext(api=self.api, placeholders=self.mapping, restart=True))
        quiz = step.quiz
        if quiz is None:
            raise _Fail("퀴즈 단계인데 퀴즈가 없어요")
        choice = next((c.text for c in quiz.choices if c.correct), None) if quiz.is_choice else quiz.accept[0]
        progress.record_quiz(step.id, True, choice or "")
        phases.append(Phase("answered", True, choice or ""))


def _codes(result) -> str:
    return ", ".join(p.code for p in result.problems)


def _messages(result) -> str:
    return " / ".join(p.message for p in result.problems)[:400] or result.detail[:400]


def _fix(result) -> tuple[str, ...]:
    return next((p.fix for p in result.problems if p.fix), ())


def _as_shown(value: str, output: str) -> str:
    """The value as the output shows it: an id as its 12-character short form."""
    bare = value.split(":", 1)[-1] if value.startswith("sha256:") else value
    if len(bare) >= 12 and all(c in "0123456789abcdef" for c in bare) and bare[:12] in output and bare not in output:
        return bare[:12]
    return value
