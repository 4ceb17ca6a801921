"""Entering a step: the one place a step's start is recorded and its missing start state made.

`enter_step(step, course, ctx)` is used by `docker-tutor begin`, the guided UI and `watch`.
It plans what of the step's `prepare` is missing (`startstate.plan`, read only), makes it
unless a learner's own resource is in the way (then nothing changes and `blocked` says which
command clears it), records when the step began (progress), and returns the step with its
placeholders filled. Walked in order it usually makes nothing; entered directly it makes the
whole start state. It never checks the step: `check` never changes state, `begin` never judges.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tutor.journey import names as lesson_names
from tutor.journey.startstate import Blocked, Prepared, apply, plan
from tutor.model import Step


@dataclass(frozen=True)
class BeginContext:
    api: Any = None  # a docker APIClient (tutor.daemon.connect); None: connect for this call
    placeholders: Mapping[str, str] | None = None  # None: this learner's values
    restart: bool = False  # record "began now" even when the step began before (the command does)
    record: bool = True  # write the start into progress (False: a dry look, e.g. a preview)
    make: bool = True  # False: only plan; `prepared` then lists what WOULD be made


@dataclass(frozen=True)
class BeginResult:
    step: str
    kind: str
    title: str
    body: str  # Markdown, placeholders filled
    solution: tuple[str, ...]  # commands, placeholders filled, without "$ "
    prepared: tuple[Prepared, ...] = ()  # what begin made or changed (each with a Korean line)
    blocked: tuple[Blocked, ...] = ()  # learner's resources in the way: nothing was changed
    note: str = ""  # the step's `prepared` text, only when begin made something
    began_at: str | None = None
    lesson: str = ""
    position: tuple[int, int] = (0, 0)  # 1-based index in the lesson, number of steps
    hints: tuple[str, ...] = ()
    made: bool = field(default=True)  # False when `ctx.make` was False (a plan only)

    @property
    def ok(self) -> bool:
        return not self.blocked

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step, "kind": self.kind, "title": self.title, "body": self.body,
            "solution": list(self.solution), "prepared": [p.to_dict() for p in self.prepared],
            "blocked": [b.to_dict() for b in self.blocked], "note": self.note, "began_at": self.began_at,
            "lesson": self.lesson, "position": list(self.position), "hints": list(self.hints),
        }


def _fill(text: str, mapping: Mapping[str, str]) -> str:
    from tutor.lessonfile.placeholders import substitute

    return substitute(text, dict(mapping))


def solution_lines(step: Step, mapping: Mapping[str, str]) -> tuple[str, ...]:
    out = []
    for line in step.solution:
        text = line.strip()
        out.append(_fill(text[2:] if text.startswith("$ ") else text, mapping))
    return tuple(out)


def _mapping(ctx: BeginContext) -> dict[str, str]:
    if ctx.placeholders is not None:
        return dict(ctx.placeholders)
    from tutor.lessonfile.placeholders import current

    return dict(current())


def _start_state(step: Step, course, ctx: BeginContext, mapping: Mapping[str, str]):
    """(prepared, blocked) for the step's declared start state; no daemon call when none."""
    if step.prepare.empty and not (step.check is not None and step.check.params.get("ports")):
        return (), ()
    from tutor.daemon.actions import resolve

    lesson = next((les for les in course.lessons if les.id == step.lesson_id), None)
    known = lesson_names.for_lesson(lesson, mapping)
    prep = resolve(step.prepare, mapping)
    api, conn = ctx.api, None
    if api is None:
        from tutor.daemon.connect import connect

        conn = connect()
        api = conn.api
    try:
        p = plan(step, prep, api, known, mapping)
        if p.blocked:
            return (), tuple(p.blocked)
        if not ctx.make:
            return tuple(op.done for op in p.ops), ()
        return apply(p), ()
    finally:
        if conn is not None:
            conn.close()


def _record(step: Step, made_something: bool, ctx: BeginContext) -> str | None:
    """The step's start, through the one recording function (`tutor.contexts.step_began`):
    kept when the step began before and nothing changed, else now (sub-second)."""
    from tutor import progress
    from tutor.contexts import step_began

    previous = progress.load().step(step.id).began_at
    if not ctx.record or (previous and not (ctx.restart or made_something)):
        return previous
    step_began(step.id, prepared=True)
    return progress.load().step(step.id).began_at


def enter_step(step: Step, course, ctx: BeginContext | None = None) -> BeginResult:
    """Enter `step`: make what is missing of its start state, record its start, show it."""
    ctx = ctx or BeginContext()
    mapping = _mapping(ctx)
    prepared, blocked = ((), ()) if step.kind == "quiz" else _start_state(step, course, ctx, mapping)
    began = _record(step, bool(prepared) and ctx.make, ctx) if not blocked else None
    lesson = next((les for les in course.lessons if les.id == step.lesson_id), None)
    index = next((i for i, s in enumerate(lesson.steps, 1) if s.id == step.id), 0) if lesson else 0
    note = getattr(step, "prepared_note", "")
    return BeginResult(
        step=step.id, kind=step.kind, title=step.title, body=_fill(step.body, mapping),
        solution=solution_lines(step, mapping), prepared=prepared, blocked=blocked,
        note=_fill(note, mapping) if (prepared and note) else "", began_at=began,
        lesson=step.lesson_id, position=(index, len(lesson.steps) if lesson else 0),
        hints=tuple(_fill(h.text, mapping) for h in step.hints), made=ctx.make,
    )
