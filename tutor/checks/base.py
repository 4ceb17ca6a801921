"""The contract every check function follows, and the shape of one row of the check-kind table.

A check is `fn(params, view, ctx) -> list[Problem]`: a pure function of the read-only view.
An empty list means passed. Placeholders in params are already substituted. Each family
module (`containers.py`, `images.py`, ...) ends with its `KINDS` rows; `tutor.checks.kinds`
puts them in the one table that the schema, lint, the engine and the doc test read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tutor.model import Problem
from tutor.state import StateView


@dataclass(frozen=True)
class CheckContext:
    """What a check may know besides the daemon: when the step began, the learner's setup."""

    step_id: str = ""
    since: datetime | None = None  # when the step began (or was prepared), for started_after_step
    placeholders: Mapping[str, str] = field(default_factory=dict)


CheckFn = Callable[[Mapping[str, Any], StateView, CheckContext], list[Problem]]


@dataclass(frozen=True)
class CheckKind:
    """One row of the check-kind table: what a lesson may write, what runs, where to look."""

    params: Mapping[str, Any]  # parameter -> tutor.paramtypes.Param | TableList (besides `kind`)
    fn: CheckFn
    where: str  # Korean: the command that shows the learner what this check reads
