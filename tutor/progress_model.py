"""What `tutor.progress` keeps, and how its JSON is read back: the versioned file format.

`StepProgress` and `Progress` are the runtime state keyed by step id; `_from_json` turns a parsed
file into them, taking only values of the right type (the file is never trusted) and naming the
others. Loading, saving and the `record_*` API live in `tutor.progress`, which re-exports these.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

# Bumped when the layout changes; older files are migrated, newer ones are kept as a backup.
PROGRESS_VERSION = 1
DO_NOT_EDIT = (
    "도커 튜터가 관리하는 진행 기록이에요. 손으로 고치지 마세요. "
    "(Managed by docker-tutor: do not edit by hand; `docker-tutor reset` or delete it to start over.)"
)
# How many answer/quiz attempts per step are kept (the newest ones).
MAX_RESULTS = 20
# Long answers are cut: the file records what was tried, it is not an archive.
MAX_ANSWER_CHARS = 200


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _iso(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.isoformat()


def _parse(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class StepProgress:
    attempts: int = 0  # checks run (task) or answers given (answer/quiz)
    failed_checks: int = 0  # failures since the last pass: drives "after 3 failures, offer a hint"
    hints_used: int = 0  # how many graded hints were shown (the next hint index)
    solution_viewed: bool = False
    skipped: bool = False
    began_at: str | None = None  # ISO time the learner first opened/prepared the step
    passed_at: str | None = None  # ISO time of the first pass
    answers: tuple[dict, ...] = ()  # {"at", "correct", "text"}
    quiz: tuple[dict, ...] = ()  # {"at", "correct", "choice"}
    # The first pass's evidence (tutor.journey.evidence): time, verdict, ids and facts checked.
    # `grade` counts a finished step by it after the lesson's own later steps removed the state.
    evidence: dict | None = None

    @property
    def passed(self) -> bool:
        return self.passed_at is not None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["answers"] = list(self.answers)
        d["quiz"] = list(self.quiz)
        return d

    @classmethod
    def from_dict(cls, data: dict, bad: list[str] | None = None) -> StepProgress:
        """Only values of the right type are taken; the names of the others go to `bad`."""
        known: dict[str, Any] = {}
        for name, default in _DEFAULTS.items():
            if name not in data:
                continue
            value = data[name]
            if _fits(default, value, name):
                known[name] = tuple(value) if isinstance(default, tuple) else value
            elif bad is not None:
                bad.append(name)
        return cls(**known)


_DEFAULTS: dict[str, Any] = {name: f.default for name, f in StepProgress.__dataclass_fields__.items()}
_OPTIONAL_TEXT = {"began_at", "passed_at"}
_OPTIONAL_DICT = {"evidence"}  # a JSON object or null


def _fits(default: Any, value: Any, name: str) -> bool:
    """Does a stored value have the type of the field's default (the file is never trusted)?"""
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if isinstance(default, tuple):
        return isinstance(value, list) and all(isinstance(x, dict) for x in value)
    if name in _OPTIONAL_DICT:
        return value is None or isinstance(value, dict)
    if name in _OPTIONAL_TEXT or default is None:
        return value is None or (isinstance(value, str) and (name not in _OPTIONAL_TEXT or _parse(value) is not None))
    return isinstance(value, type(default))


@dataclass
class Progress:
    steps: dict[str, StepProgress] = field(default_factory=dict)
    current: str | None = None  # the step to resume at ("이어서 하기")
    updated_at: str | None = None
    # Not saved: set when the file on disk was unreadable and was moved aside to this path.
    recovered_from: Path | None = None

    def step(self, step_id: str) -> StepProgress:
        return self.steps.get(step_id, StepProgress())

    def passed(self, step_id: str) -> bool:
        return self.step(step_id).passed

    def to_dict(self) -> dict[str, Any]:
        return {
            "_comment": DO_NOT_EDIT,
            "format_version": PROGRESS_VERSION,
            "current": self.current,
            "updated_at": self.updated_at,
            "steps": {sid: sp.to_dict() for sid, sp in sorted(self.steps.items())},
        }


# --- reading the file's JSON ----------------------------------------------------------------


class _Unreadable(ValueError):
    """The file is not progress this tutor can read (wrong shape, unknown or newer format)."""


def _from_json(data: Any, bad: list[str]) -> Progress:
    if not isinstance(data, dict):
        raise _Unreadable("JSON 객체가 아니에요")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Unreadable("형식 번호(format_version)가 없거나 잘못됐어요")
    if version > PROGRESS_VERSION:
        raise _Unreadable(f"더 새로운 튜터가 만든 형식({version})이에요")
    steps = data.get("steps")
    steps = {} if steps is None else steps
    if not isinstance(steps, dict):
        raise _Unreadable("steps가 객체가 아니에요")
    out: dict[str, StepProgress] = {}
    for key, value in steps.items():
        if not isinstance(value, dict):
            bad.append(f"steps.{key}")
            continue
        fields: list[str] = []
        out[str(key)] = StepProgress.from_dict(value, fields)
        bad.extend(f"{key}.{f}" for f in fields)
    current = data.get("current")
    if current is not None and not isinstance(current, str):
        bad.append("current")
    updated = data.get("updated_at")
    return Progress(steps=out, current=current if isinstance(current, str) else None,
                    updated_at=updated if isinstance(updated, str) else None)
