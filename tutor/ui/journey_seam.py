"""The two places where the live UI meets the journey work (issue 11), each behind one function.

- `enter_step(step, course)`: what showing a step means. When `tutor.journey.begin` exists it
  is `begin` (`enter_step(step, course) -> BeginResult`: records the start, makes what is
  missing of the step's start state, and says what it did — `prepared[].message` — or what of
  the learner's is in the way — `blocked[].message` and `.commands`); until then it records the
  start time, as the guided UI always did. The step screen calls only this.
- `leftovers(lesson)` / `clean_up(items)`: the lesson-end cleanup offer (what the lesson left
  running, removed only after the learner said yes). `None` means "not available here".
"""

from __future__ import annotations


def enter_step(step, course=None) -> list[str]:
    """Enter `step`; returns Korean lines about what was prepared or is in the way (often none)."""
    from tutor import progress

    progress.set_current(step.id)
    try:
        from tutor.journey.begin import enter_step as begin  # issue 11: lands with the journey branch
    except ImportError:
        from tutor.contexts import step_began

        step_began(step.id)  # the one place a step's start is recorded
        return []
    if course is None:
        from tutor.lessonfile.catalog import load_course

        course = load_course()
    outcome = begin(step, course)
    lines = [p.message for p in outcome.prepared]
    if outcome.note:
        lines.append(outcome.note)
    for blocked in outcome.blocked:
        lines.append(blocked.message + "".join(f"\n  $ {c}" for c in blocked.commands))
    return lines


def leftovers(lesson):
    """What `lesson` left behind (a list of items with a Korean `line`), or None when unknown."""
    try:
        from tutor.journey.cleanup import leftovers as find  # issue 11
    except ImportError:
        return None
    return find(lesson)


def clean_up(items) -> list[str]:
    try:
        from tutor.journey.cleanup import remove
    except ImportError:
        return []
    return [str(getattr(r, "line", r)) for r in remove(items)]


def cleanup_available() -> bool:
    try:
        import tutor.journey.cleanup  # noqa: F401
    except ImportError:
        return False
    return True
