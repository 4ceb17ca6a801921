"""The learner's progress: versioned JSON keyed by step id (never by position), as in rustlings.

Fixed content lives in `tutor.model`; this is runtime state. Every `record_*` call is
load → change → atomic save under a lock file, so the guided UI and `watch` running side by side
never lose each other's updates. What is on disk is handled by `tutor.progress_store`: a file
that cannot be read is kept as `progress.json.broken-<timestamp>` and a fresh progress starts;
wrongly typed values are dropped (the original copied aside first); `Progress.recovered_from`
names the copy and `take_notices()` gives the one Korean line to show. A save that fails (read-only
or full disk) never raises: the `record_*` call returns the new state and leaves a notice.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tutor import paths, progress_store
from tutor.classroom import client as classroom_client

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


# --- reading and writing -----------------------------------------------------------------------


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


def load(path: Path | None = None) -> Progress:
    """Read progress; never raises. Missing → fresh; unreadable → moved aside, fresh; partly
    wrong → the valid part, the original copied aside. The last two leave a Korean notice."""
    path = path or paths.progress_file()
    data, why = progress_store.read_json(path)
    if data is None and not why:
        return Progress()
    bad: list[str] = []
    if not why:
        try:
            progress = _from_json(data, bad)
        except _Unreadable as exc:
            why = str(exc)
    if why:
        backup = progress_store.keep_aside(path, move=True)
        progress_store.recovered(path, backup, why, partial=False)
        return Progress(recovered_from=backup or path)
    if bad:
        backup = progress_store.keep_aside(path, move=False)
        shown = ", ".join(bad[:3]) + (f" 외 {len(bad) - 3}개" if len(bad) > 3 else "")
        progress_store.recovered(path, backup, f"잘못된 값: {shown}", partial=True)
        progress.recovered_from = backup or path
        if backup is not None:
            # Write the repaired model back, so the next load neither copies nor warns again.
            with contextlib.suppress(OSError):
                save(progress, path)
    return progress


def take_recovery_notice() -> Path | None:
    """The backup made by the latest load() in this process (once), so a command can report a
    recovery that happened inside a record_* call."""
    return progress_store.take_last_backup()


def take_notices() -> list[str]:
    """Korean lines to show once: a recovered file, a save that failed."""
    return progress_store.take_notices()


def save(progress: Progress, path: Path | None = None) -> None:
    """Atomic write (temp file, fsync, os.replace). Raises OSError; `record_*` calls catch it."""
    path = path or paths.progress_file()
    progress.updated_at = _iso(_now())
    text = json.dumps(progress.to_dict(), ensure_ascii=False, indent=2) + "\n"
    progress_store.write_atomic(path, text)


def _save_or_note(progress: Progress) -> bool:
    try:
        save(progress)
    except OSError as exc:
        progress_store.note(progress_store.save_problem(exc))
        return False
    return True


def _locked():
    return progress_store.locked(paths.progress_file().with_name(".progress.lock"))


def _update(step_id: str, change) -> StepProgress:
    with _locked():
        progress = load()
        old = progress.step(step_id)
        new = change(old)
        progress.steps[step_id] = new
        _save_or_note(progress)
    # In a class (`class join`), every recorded attempt is also an event for the instructor.
    classroom_client.progress_changed(step_id, old, new)
    return new


# --- the recording API (each call is one saved change) -------------------------------------


def record_check(step_id: str, passed: bool, evidence: dict | None = None) -> StepProgress:
    def change(sp: StepProgress) -> StepProgress:
        if passed:
            return replace(sp, attempts=sp.attempts + 1, failed_checks=0,
                           passed_at=sp.passed_at or _iso(_now()), evidence=sp.evidence or evidence)
        return replace(sp, attempts=sp.attempts + 1, failed_checks=sp.failed_checks + 1)

    return _update(step_id, change)


def mark_began(step_id: str, when: datetime | None = None) -> StepProgress:
    """Remember when the step began; an explicit `when` (after prepare) moves it forward."""

    def change(sp: StepProgress) -> StepProgress:
        if when is None and sp.began_at:
            return sp
        return replace(sp, began_at=_iso(when or _now()))

    return _update(step_id, change)


def began_at(step_id: str) -> datetime | None:
    return _parse(load().step(step_id).began_at)


def _trim(items: tuple[dict, ...], new: dict) -> tuple[dict, ...]:
    return (items + (new,))[-MAX_RESULTS:]


def record_answer(step_id: str, correct: bool, text: str, evidence: dict | None = None) -> StepProgress:
    at = _iso(_now())
    entry = {"at": at, "correct": bool(correct), "text": str(text)[:MAX_ANSWER_CHARS]}

    def change(sp: StepProgress) -> StepProgress:
        sp = replace(sp, attempts=sp.attempts + 1, answers=_trim(sp.answers, entry))
        if correct:
            return replace(sp, failed_checks=0, passed_at=sp.passed_at or at, evidence=sp.evidence or evidence)
        return replace(sp, failed_checks=sp.failed_checks + 1)

    return _update(step_id, change)


def record_quiz(step_id: str, correct: bool, choice: str) -> StepProgress:
    at = _iso(_now())
    entry = {"at": at, "correct": bool(correct), "choice": str(choice)[:MAX_ANSWER_CHARS]}

    def change(sp: StepProgress) -> StepProgress:
        sp = replace(sp, attempts=sp.attempts + 1, quiz=_trim(sp.quiz, entry))
        if correct:
            return replace(sp, failed_checks=0, passed_at=sp.passed_at or at)
        return replace(sp, failed_checks=sp.failed_checks + 1)

    return _update(step_id, change)


def record_hint(step_id: str) -> StepProgress:
    return _update(step_id, lambda sp: replace(sp, hints_used=sp.hints_used + 1))


def record_solution_viewed(step_id: str) -> StepProgress:
    return _update(step_id, lambda sp: replace(sp, solution_viewed=True))


def record_skip(step_id: str) -> StepProgress:
    return _update(step_id, lambda sp: replace(sp, skipped=True))


def set_current(step_id: str | None) -> None:
    with _locked():
        progress = load()
        progress.current = step_id
        _save_or_note(progress)


# --- summaries for the picker and `docker-tutor progress` ------------------------------------


@dataclass(frozen=True)
class LessonSummary:
    lesson_id: str
    title: str
    passed: int
    total: int
    next_step: str | None  # first step not passed yet (None when the lesson is done)

    @property
    def done(self) -> bool:
        return self.total > 0 and self.passed == self.total

    def to_dict(self) -> dict[str, Any]:
        return {"lesson": self.lesson_id, "title": self.title, "passed": self.passed,
                "total": self.total, "next_step": self.next_step}


def summary(course, progress: Progress | None = None) -> list[LessonSummary]:
    """Per lesson, in course order: passed/total and where to continue."""
    progress = progress or load()
    out = []
    for lesson in course.lessons:
        ids = [s.id for s in lesson.steps]
        passed = [sid for sid in ids if progress.passed(sid)]
        nxt = next((sid for sid in ids if not progress.passed(sid)), None)
        out.append(LessonSummary(lesson.id, lesson.title, len(passed), len(ids), nxt))
    return out
