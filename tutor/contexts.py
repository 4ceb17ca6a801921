"""The edge where a check's context is made: placeholders, the step's start, the learner's record.

The check engine is a pure function of (step, view, context); it never reads progress or lab
state itself. Commands and the UI build the context here, once per command (or per screen), and
pass it in. Progress is read from the record they hand over, or loaded once when they have none.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from tutor.checks.base import CheckContext


def placeholders() -> dict[str, str]:
    """The placeholder values of this learner and machine (read-only: nothing is written)."""
    from tutor.lessonfile.placeholders import current

    return dict(current())


def learner_record() -> Any:
    """The learner's progress as it is now (one read)."""
    from tutor import progress

    return progress.load()


def context_for(step_id: str, mapping: Mapping[str, str] | None = None, record: Any = None) -> CheckContext:
    """The context of a check run now. `record`: the progress already loaded by the caller."""
    record = record if record is not None else learner_record()
    since = _when(record.step(step_id).began_at)
    return CheckContext(step_id=step_id, since=since,
                        placeholders=dict(mapping) if mapping is not None else placeholders())


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def step_began(step_id: str, *, prepared: bool = False) -> None:
    """THE one place the step's start is recorded. Opening a step keeps an earlier start;
    `prepared=True` (its starting state was just made) moves the start to now."""
    from tutor import progress

    progress.mark_began(step_id, datetime.now(timezone.utc) if prepared else None)
