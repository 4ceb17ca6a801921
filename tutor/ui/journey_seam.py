"""Where the live UI meets the journey (tutor/journey): entering a step and leaving a lesson.

- `enter_step(step, course)` is `begin`: it records the start, makes what is missing of the
  step's start state and says what it did (`prepared[].message`, the step's `prepared` note) or
  what of the learner's is in the way (`blocked[]` with the exact commands). The screen shows
  those lines; it never prepares anything itself.
- `leftovers(lesson)` / `clean_up(items)`: the lesson-end offer. Only items listed to the
  learner by name are removed, and only after the learner pressed `y` on that list.
"""

from __future__ import annotations


def enter_step(step, course=None) -> list[str]:
    """Enter `step`; returns Korean lines about what was prepared or is in the way (often none)."""
    from tutor import progress
    from tutor.journey.begin import enter_step as begin

    progress.set_current(step.id)
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
    """What `lesson` left behind: running containers (with their ports) and its networks."""
    from tutor import contexts
    from tutor.daemon.connect import connect
    from tutor.journey.leave import leftovers as find

    return find(lesson, connect().api, contexts.placeholders())


def clean_up(items) -> list[str]:
    """Remove exactly the items the ending listed (the learner saw each name and pressed `y`)."""
    from tutor.daemon.connect import connect
    from tutor.journey.leave import remove

    items = list(items)
    return remove(items, [i.name for i in items], connect().api)
