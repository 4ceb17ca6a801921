"""The learner's progress: versioned JSON keyed by step id (never by position), as in rustlings.

Fixed content lives in `tutor.model`; this is runtime state. Every `record_*` call is
load → change → atomic save under a lock file, so the guided UI and `watch` running side by side
never lose each other's updates. A file that cannot be read is never fatal: it is kept next to
the new one as `progress.json.corrupt-<timestamp>`, `Progress.recovered_from` names the backup
(the UI tells the learner in Korean) and a fresh progress starts.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tutor import paths
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

    @property
    def passed(self) -> bool:
        return self.passed_at is not None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["answers"] = list(self.answers)
        d["quiz"] = list(self.quiz)
        return d

    @classmethod
    def from_dict(cls, data: dict) -> StepProgress:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        known["answers"] = tuple(known.get("answers") or ())
        known["quiz"] = tuple(known.get("quiz") or ())
        return cls(**known)


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


def _from_json(data: Any) -> Progress:
    if not isinstance(data, dict):
        raise ValueError("progress file is not a JSON object")
    version = data.get("format_version")
    if not isinstance(version, int) or version < 1 or version > PROGRESS_VERSION:
        raise ValueError(f"unknown progress format_version {version!r}")
    steps = data.get("steps") or {}
    if not isinstance(steps, dict):
        raise ValueError("steps is not an object")
    current = data.get("current")
    return Progress(
        steps={str(k): StepProgress.from_dict(v) for k, v in steps.items() if isinstance(v, dict)},
        current=current if isinstance(current, str) else None,
        updated_at=data.get("updated_at"),
    )


def _backup(path: Path) -> Path:
    stamp = _now().strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    return target


def load(path: Path | None = None) -> Progress:
    """Read progress; a missing file is a fresh start, an unreadable one is backed up (never raises)."""
    path = path or paths.progress_file()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Progress()
    except OSError:
        raw = None
    try:
        if raw is None:
            raise ValueError("unreadable")
        return _from_json(json.loads(raw))
    except (ValueError, TypeError, KeyError):
        global _last_recovery
        try:
            backup = _backup(path)
        except OSError:
            backup = path  # could not move it; still start fresh in memory
        _last_recovery = backup
        return Progress(recovered_from=backup)


# The backup made by the latest load() in this process, so a UI can report it even when the
# recovery happened inside a record_* call. `take_recovery_notice()` hands it out once.
_last_recovery: Path | None = None


def take_recovery_notice() -> Path | None:
    global _last_recovery
    notice, _last_recovery = _last_recovery, None
    return notice


def save(progress: Progress, path: Path | None = None) -> None:
    """Atomic write: a temp file in the same directory, fsync, then os.replace."""
    path = path or paths.progress_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    progress.updated_at = _iso(_now())
    text = json.dumps(progress.to_dict(), ensure_ascii=False, indent=2) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    # An advisory lock around load→save so two tutor processes don't drop each other's updates.
    lock_path = paths.progress_file().with_name(".progress.lock")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, still atomic
        yield
        return
    with open(lock_path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _update(step_id: str, change) -> StepProgress:
    with _locked():
        progress = load()
        old = progress.step(step_id)
        new = change(old)
        progress.steps[step_id] = new
        save(progress)
    # In a class (`class join`), every recorded attempt is also an event for the instructor.
    classroom_client.progress_changed(step_id, old, new)
    return new


# --- the recording API (each call is one saved change) -------------------------------------


def record_check(step_id: str, passed: bool) -> StepProgress:
    def change(sp: StepProgress) -> StepProgress:
        if passed:
            return replace(sp, attempts=sp.attempts + 1, failed_checks=0,
                           passed_at=sp.passed_at or _iso(_now()))
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


def record_answer(step_id: str, correct: bool, text: str) -> StepProgress:
    at = _iso(_now())
    entry = {"at": at, "correct": bool(correct), "text": str(text)[:MAX_ANSWER_CHARS]}

    def change(sp: StepProgress) -> StepProgress:
        sp = replace(sp, attempts=sp.attempts + 1, answers=_trim(sp.answers, entry))
        if correct:
            return replace(sp, failed_checks=0, passed_at=sp.passed_at or at)
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
        save(progress)


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
