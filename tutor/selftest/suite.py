"""A whole self-test run: pick the steps, hold the lock, set the per-run {user}, run, total up."""

from __future__ import annotations

import os
import shutil
import tempfile
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
    # The image id of each borrowed tag when the run took the lock and after it gave them back:
    # equal when the self-test left the learner's images as it found them.
    tags_at_start: tuple[tuple[str, str], ...] = ()
    tags_at_end: tuple[tuple[str, str], ...] = ()

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0 and (self.allow_skip or self.count("skipped") == 0)

    def to_dict(self) -> dict[str, Any]:
        return {"results": [r.to_dict() for r in self.results], "passed": self.count("passed"),
                "failed": self.count("failed"), "skipped": self.count("skipped"), "run_id": self.run_id,
                "tags": {"at_start": dict(self.tags_at_start), "at_end": dict(self.tags_at_end)}}


def select(steps: Sequence[Step], lesson: str | None, step: str | None) -> list[Step]:
    chosen = [s for s in steps if (lesson is None or s.lesson_id == lesson)
              and (step is None or s.id == step or (lesson is not None and s.slug == step))]
    return chosen


def run_selftest(steps: Sequence[Step], all_step_ids: Sequence[str], api, *, allow_skip: bool = False,
                 on_step: Callable[[StepOutcome], None] | None = None, lock_wait: float = 900.0) -> SelftestReport:
    """Leaves the learner's world as it was: its own docker config (a temporary DOCKER_CONFIG for
    every command it runs), its own record, its own practice folder, the learner's tags given
    back on the same image ids, and never a write to the learner's progress."""
    from tutor.daemon.ledger import Ledger, selftest_path
    from tutor.daemon.view import DaemonView
    from tutor.lessonfile.placeholders import current
    from tutor.selftest import workspace
    from tutor.selftest.workspace import Lock

    with Lock(wait=lock_wait):
        _ensure_images(api)  # inside the lock: never rebuild nginx while a run has removed it
        runner = Runner(api=api, course_step_ids=frozenset(all_step_ids), mapping={}, on_step=on_step)
        config = Path(tempfile.mkdtemp(prefix=f"docker-tutor-selftest-{runner.run_id}-config-"))
        (config / "config.json").write_text("{}\n", encoding="utf-8")
        runner.env = _own_env(config)
        runner.view = DaemonView(api, env=runner.env)
        api._tutor_view = runner.view  # the gateway's reads in prepare see the same view
        runner.ledger = Ledger(selftest_path())
        workspace.recover(api, runner.view, runner.ledger)  # an interrupted run's leftovers first
        # A practice folder of its own for this run ({workdir}): the learner's files are never
        # overwritten, and folders Docker creates for bind mounts (as root) go away with it.
        # It reaches the steps through the run's own placeholders (no os.environ change).
        workdir = _scratch_workdir(runner.run_id)
        at_start: list[tuple[str, str]] = []
        try:
            runner.mapping = {**current(), "workdir": str(workdir)}
            runner.new_user()
            runner.start_images = frozenset(i.id for i in runner.view.images())
            refs = set(workspace.BASE_REFS).union(*(workspace.step_refs(s, runner.mapping) for s in steps))
            workspace.borrow(api, runner.view, runner.ledger, refs, runner.run_id)
            at_start = _tag_ids(runner)
            runner.foreign_tags = frozenset(workspace.all_tags(runner.view))
            results = tuple(runner.run_step(step) for step in steps)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
            workspace.forget_made(api, runner.view, runner.ledger)
            workspace.give_back(api, runner.view, runner.ledger)
            workspace.restore_stand_ins(api, runner.view)
            workspace.forget_repositories()
            shutil.rmtree(config, ignore_errors=True)
            at_end = tuple((ref, image) for ref, image in _tag_ids(runner, dict(at_start)))
    return SelftestReport(results, runner.run_id, allow_skip, tuple(at_start), at_end)


def _tag_ids(runner, refs=None) -> list[tuple[str, str]]:
    """(tag, image id) of the borrowed tags now (from the run's record, or the given ones)."""
    from tutor.lookups import image_tagged

    names = sorted(refs) if refs is not None else sorted(
        e.name for e in runner.ledger.of(["tag"]) if e.previous)
    out = []
    for ref in names:
        img = image_tagged(runner.view, ref)
        out.append((ref, img.id if img else ""))
    return out


def _own_env(config: Path) -> dict[str, str]:
    """The environment of the self-test's docker CLI runs: its own config directory, and the
    daemon the tutor talks to named explicitly (a context lives in the learner's config)."""
    from tutor.daemon.connect import resolve_endpoint

    env = {**os.environ, "DOCKER_CONFIG": str(config)}
    if not env.get("DOCKER_HOST"):
        env["DOCKER_HOST"] = resolve_endpoint().url
    env.pop("DOCKER_CONTEXT", None)
    return env


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
