"""What a check run needs from outside the daemon, resolved once at the edge.

Commands and the UI call `check_context(step_id)`; the check engine only receives the result,
so checks never read progress files or lab state themselves (the flow stays one-way).
"""

from __future__ import annotations

from collections.abc import Mapping

from tutor.checks.base import CheckContext


def check_context(step_id: str, placeholders: Mapping[str, str] | None = None) -> CheckContext:
    """When the learner began the step (from progress) and the placeholder values (this
    machine's, unless given)."""
    from tutor import progress
    from tutor.lessonfile import placeholders as ph

    values = dict(placeholders) if placeholders is not None else ph.current()
    return CheckContext(step_id=step_id, since=progress.began_at(step_id), placeholders=values)
