"""The journey self-test run: lessons walked in order on one daemon, one progress file per walk,
in one real shell, then graded — and the learner's world left as it was found.

Walk 1 proves the plain journey (each task fails on entry, passes after its solution) and that
the finished lessons grade as finished; walk 2 adds each step's first wrong variant and follows
the tutor's own advice. It holds the self-test lock, runs with its own {user}, progress and
practice folder, labels everything its commands create, and afterwards removes exactly that,
restores the stand-in images and the practice-registry login as they were.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.journey.walk import JourneyStep, Walker


@dataclass(frozen=True)
class JourneyReport:
    results: tuple[JourneyStep, ...]
    grades: tuple[dict, ...] = ()  # per lesson after walk 1: {"lesson", "passed", "total", "tasks_passed", "tasks"}
    seconds: float = 0.0
    run_id: str = ""

    def count(self, status: str, walk: int | None = None) -> int:
        return sum(1 for r in self.results if r.status == status and (walk is None or r.walk == walk))

    @property
    def ok(self) -> bool:
        graded = all(g["tasks_passed"] == g["tasks"] for g in self.grades)
        return self.count("failed") == 0 and self.count("skipped") == 0 and graded

    def to_dict(self) -> dict[str, Any]:
        return {"journey": True, "results": [r.to_dict() for r in self.results], "grades": list(self.grades),
                "passed": self.count("passed"), "failed": self.count("failed"), "skipped": self.count("skipped"),
                "seconds": round(self.seconds, 1), "run_id": self.run_id}


def _skipper(view, run_id: str, ledger_path, mapping):
    from tutor.daemon.ledger import Ledger
    from tutor.selftest import guards

    def skip(step) -> str:
        # A fresh read of the walk's record: begin added to it since (e.g. 4.2/ls-filter's oneshot).
        ledger = Ledger(ledger_path)
        return (guards.registry_reason(step, mapping) or guards.prune_reason(view, step, mapping, run_id, ledger)
                or guards.preexisting_reason(view, step, mapping))

    return skip


def in_the_way(api, steps, mapping) -> list[str]:
    """Names this walk will create that already exist and are not the tutor's: never touched."""
    from tutor.journey import rawapi as ra
    from tutor.journey.names import lesson_names

    names = lesson_names(steps, mapping)
    found = []
    for name in sorted(names.containers):
        attrs = ra.find_container(api, name)
        if attrs is not None and not ra.tutors("container", attrs["Id"]):
            found.append(f"컨테이너 {name}")
    for name in sorted(names.networks):
        net = ra.find_network(api, name)
        if net is not None and not ra.tutors("network", net["Id"]):
            found.append(f"네트워크 {name}")
    return found


def _grades(lessons, view) -> tuple[dict, ...]:
    from tutor import progress
    from tutor.grading import PASSED, grade_steps

    out = []
    saved = progress.load()
    for lesson in lessons:
        rows = grade_steps(lesson.steps, view, saved, live_lessons=[lesson.id] if lesson.grade == "live" else [])
        tasks = [r for r in rows if r.kind == "task"]
        out.append({"lesson": lesson.id, "passed": sum(r.status == PASSED for r in rows), "total": len(rows),
                    "tasks_passed": sum(r.status == PASSED for r in tasks), "tasks": len(tasks),
                    "recorded": sum(r.verified == "recorded" for r in rows)})
    return tuple(out)


def _cleanup(api, view, ledgers, run_id: str, steps, mapping, foreign_tags, volumes) -> None:
    """What this run's commands made (its label) and what begin made (the walks' own records)."""
    from tutor.daemon.ledger import Ledger
    from tutor.selftest.workspace import clean, forget_made

    for ledger in [Ledger(old.path) for old in ledgers]:  # re-read: begin wrote through other instances
        for step in steps:
            clean(api, view, ledger, run_id, mapping, step, keep=frozenset(foreign_tags))
        forget_made(api, view, ledger)
    for name in sorted(volumes):
        try:
            api.remove_volume(name)
        except Exception:  # noqa: BLE001 - in use or gone: the next cleanup or nobody's
            pass


def run_journey(course, lessons: Sequence, api, *, walks: Sequence[int] = (1, 2),
                on_step: Callable[[JourneyStep], None] | None = None, lock_wait: float = 900.0) -> JourneyReport:
    from tutor import settings
    from tutor.daemon.cli_config import credentials
    from tutor.daemon.view import open_view
    from tutor.errors import TutorError
    from tutor.journey.shell import Shell
    from tutor.lessonfile.placeholders import current
    from tutor.selftest.outcome import selftest_user
    from tutor.selftest.suite import _ensure_images
    from tutor.selftest.workspace import Lock, all_tags, restore_stand_ins

    steps = [s for lesson in lessons for s in lesson.steps]
    started = time.monotonic()
    run_id = uuid.uuid4().hex[:8]
    results: list[JourneyStep] = []
    grades: tuple[dict, ...] = ()
    with Lock(wait=lock_wait):
        _ensure_images(api)
        scratch = Path(tempfile.mkdtemp(prefix=f"docker-tutor-journey-{run_id}-"))
        registry = current()["registry"]
        logged_in_before = credentials(registry).stored
        view = open_view()
        foreign_tags = frozenset(all_tags(view))
        ledgers: list = []  # each walk's own record of what begin made (never the learner's)
        volumes: set[str] = set()
        stack: list = []  # the settings pinned for the walk being run
        mapping = dict(current())
        try:
            blockers = in_the_way(api, steps, mapping)
            if blockers:
                raise TutorError("이 데몬에 레슨이 만들 이름의 자원이 이미 있어서 journey를 시작하지 않았어요 "
                                 f"(튜터가 만든 것이 아니라 건드리지 않아요): {', '.join(blockers)}",
                                 code="journey.in_the_way")
            from tutor.lab.procs import lab_root

            lab = lab_root()  # the learner's lab (registry account) stays where it is
            for walk in walks:
                home = scratch / f"walk{walk}"
                # Its own progress, practice folder and {user}, pinned for this thread only:
                # os.environ (and so the learner's shell-outs) is never touched.
                pinned = settings.overridden(home=home, workdir=home / "practice", lab_dir=lab,
                                             user=selftest_user(f"{run_id}j{walk}"))
                pinned.__enter__()
                stack.append(pinned)
                mapping = dict(current())
                from tutor.daemon.ledger import Ledger
                from tutor.paths import data_dir

                ledger = Ledger(data_dir() / "owned.json")  # under the walk's own home
                ledgers.append(ledger)
                shell = Shell()
                walker = Walker(api, view, shell, course, mapping, run_id, walk,
                                _skipper(view, run_id, ledger.path, mapping), volumes)
                try:
                    for step in steps:
                        outcome = walker.run_step(step)
                        results.append(outcome)
                        if on_step:
                            on_step(outcome)
                finally:
                    shell.close()
                if walk == 1:
                    grades = _grades(lessons, view)
                _cleanup(api, view, [ledger], run_id, steps, mapping, foreign_tags, volumes)
                stack.pop().__exit__(None, None, None)
        finally:
            try:
                _cleanup(api, view, ledgers, run_id, steps, mapping, foreign_tags, volumes)
                restore_stand_ins(api, view)
                if logged_in_before and not credentials(registry).stored:
                    _login_again(registry, mapping)
            finally:
                while stack:
                    stack.pop().__exit__(None, None, None)
                shutil.rmtree(scratch, ignore_errors=True)
    return JourneyReport(tuple(results), grades, time.monotonic() - started, run_id)


def _login_again(registry: str, mapping) -> None:
    """The learner was logged in to the practice registry before: leave it so."""
    subprocess.run(["docker", "login", registry, "-u", mapping.get("registry_user", ""), "--password-stdin"],
                   input=mapping.get("registry_password", "") + "\n", capture_output=True, text=True, timeout=30)
