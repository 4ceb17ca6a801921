"""The learner's progress: versioned JSON keyed by step id (never by position), as in rustlings.

Fixed content lives in `tutor.model`; this is runtime state. Every `record_*` call is
load → change → atomic save under a lock file, so the guided UI and `watch` running side by side
never lose each other's updates. What is on disk is handled by `tutor.progress_store`: a file
that cannot be read is kept as `progress.json.broken-<timestamp>` and a fresh progress starts;
wrongly typed values are dropped (the original copied aside first); `Progress.recovered_from`
names the copy and `take_notices()` gives the one Korean line to show. A save that fails (read-only
or full disk) never raises: the `record_*` call returns the new state and leaves a notice.
The state's dataclasses and the JSON reader are in `tutor.progress_model` (re-exported here).
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from tutor import paths, progress_store
from tutor.classroom import client as classroom_client
from tutor.progress_model import (
    DO_NOT_EDIT,
    MAX_ANSWER_CHARS,
    MAX_RESULTS,
    PROGRESS_VERSION,
    Progress,
    StepProgress,
    _from_json,
    _iso,
    _now,
    _parse,
    _Unreadable,
)

# The model and file format live in tutor.progress_model; callers keep importing them from here.
__all__ = [
    "DO_NOT_EDIT",
    "MAX_ANSWER_CHARS",
    "MAX_RESULTS",
    "PROGRESS_VERSION",
    "LessonSummary",
    "Progress",
    "StepProgress",
    "began_at",
    "load",
    "mark_began",
    "record_answer",
    "record_check",
    "record_hint",
    "record_quiz",
    "record_skip",
    "record_solution_viewed",
    "save",
    "set_current",
    "summary",
    "take_notices",
    "take_recovery_notice",
]

# --- reading and writing -----------------------------------------------------------------------


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
