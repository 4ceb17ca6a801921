"""The contract every check function follows, and the closed registry of check kinds.

A check is `fn(params, view, ctx) -> list[Problem]`: a pure function of the read-only view.
An empty list means passed. Lessons can only name kinds registered here (the vocabulary is
closed: a lesson file can never run code). Placeholders in params are already substituted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Mapping

from tutor.model import Problem
from tutor.state import StateView

CheckFn = Callable[[Mapping[str, Any], StateView, "CheckContext"], list[Problem]]


@dataclass(frozen=True)
class CheckContext:
    """What a check may know besides the daemon: when the step began, the learner's setup."""

    step_id: str = ""
    since: datetime | None = None  # when the step began (or was prepared), for started_after_step
    placeholders: Mapping[str, str] = field(default_factory=dict)


CHECKS: dict[str, CheckFn] = {}


def check_kind(name: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check function under its lesson-facing kind name."""

    def register(fn: CheckFn) -> CheckFn:
        if name in CHECKS:
            raise ValueError(f"check kind {name!r} registered twice")
        CHECKS[name] = fn
        return fn

    return register
