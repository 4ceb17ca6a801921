"""A whole self-test run: pick the steps, hold the lock, set the per-run {user}, run, total up."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.model import Step
from tutor.selftest.runner import Runner, StepOutcome


@dataclass(frozen=True)
class SelftestReport:
    results: tuple[StepOutcome, ...]
    run_id: str = ""
    allow_skip: bool = False

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0 and (self.allow_skip or self.count("skipped") == 0)

    def to_dict(self) -> dict[str, Any]:
        return {"results": [r.to_dict() for r in self.results], "passed": self.count("passed"),
                "failed": self.count("failed"), "skipped": self.count("skipped"), "run_id": self.run_id}


def select(steps: Sequence[Step], lesson: str | None, step: str | None) -> list[Step]:
    chosen = [s for s in steps if (lesson is None or s.lesson_id == lesson)
              and (step is None or s.id == step or (lesson is not None and s.slug == step))]
    return chosen


def run_selftest(steps: Sequence[Step], all_step_ids: Sequence[str], api, *, allow_skip: bool = False,
                 on_step: Callable[[StepOutcome], None] | None = None, lock_wait: float = 900.0) -> SelftestReport:
    from tutor.lessonfile.placeholders import current
    from tutor.selftest.workspace import Lock, all_tags, restore_stand_ins

    with Lock(wait=lock_wait):
        _ensure_images(api)  # inside the lock: never rebuild nginx while a run has removed it
        runner = Runner(api=api, course_step_ids=frozenset(all_step_ids), mapping={}, on_step=on_step)
        saved = os.environ.get("DOCKER_TUTOR_USER")
        saved_workdir = os.environ.get("DOCKER_TUTOR_WORKDIR")
        # A practice folder of its own for this run ({workdir}): the learner's files are never
        # overwritten, and folders Docker creates for bind mounts (as root) go away with it.
        workdir = _scratch_workdir(runner.run_id)
        os.environ["DOCKER_TUTOR_WORKDIR"] = str(workdir)
        try:
            runner.mapping = dict(current())
            runner.new_user()
            runner.foreign_tags = frozenset(all_tags(api))
            results = tuple(runner.run_step(step) for step in steps)
        finally:
            for name, value in (("DOCKER_TUTOR_USER", saved), ("DOCKER_TUTOR_WORKDIR", saved_workdir)):
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            shutil.rmtree(workdir, ignore_errors=True)
            restore_stand_ins(api)
    return SelftestReport(results, runner.run_id, allow_skip)


def _scratch_workdir(run_id: str) -> Path:
    from tutor.paths import practice_dir

    path = practice_dir() / f".selftest-{run_id}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _ensure_images(api) -> None:
    """Stand-ins first. lock_wait=0: we hold the lock; an outdated (but present) stand-in is
    then kept as it is instead of rebuilt, which the self-test does not need."""
    try:
        from tutor.lab.images import ensure_images
    except ImportError:  # pragma: no cover
        return
    ensure_images(api, lock_wait=0)
