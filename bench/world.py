"""Setting the daemon up for a measurement: step states via the lessons' own preparation and
solution, and a fleet of unrelated labelled containers. Everything made here is labelled
`org.docker-tutor.bench` and removed afterwards; nothing else is touched.
"""

from __future__ import annotations

import uuid

from tutor.daemon import actions
from tutor.lessonfile.placeholders import substitute
from tutor.selftest.execute import run_planned
from tutor.selftest.plan import plan_command

BENCH_LABEL = "org.docker-tutor.bench"
RUN_ID = "bench-" + uuid.uuid4().hex[:8]


MADE_TAGS: set[str] = set()  # image tags our solutions created (containers carry labels; tags can't)


def _tags(api) -> set[str]:
    return {t for img in api.images() for t in (img.get("RepoTags") or []) if t != "<none>:<none>"}


def solve(step, api, mapping) -> None:
    """Bring the daemon into the step's passing state: its preparation, then its solution."""
    actions.prepare(step, api, mapping)
    before = _tags(api)
    try:
        _run_solution(step, mapping)
    finally:
        # Only tags that appeared now and that the solution itself names (e.g. `student/webserver:1.0`).
        named = {tok for cmd in substitute(list(step.solution), dict(mapping)) for tok in cmd.split()}
        made = {t for t in _tags(api) - before if t in named}
        MADE_TAGS.update(made)
        adopt(api, step.id, made)


def _run_solution(step, mapping) -> None:
    for command in step.solution:
        ran = run_planned(plan_command(command, mapping, RUN_ID), mapping, timeout=60)
        if ran.exit_code not in (0,) and "Error" in ran.output:
            raise RuntimeError(f"solution failed for {step.id}: {command}: {ran.output[-300:]}")


def make_fleet(api, count: int, existing: int = 0) -> None:
    """Grow the fleet of unrelated (created, never started) containers to `count`."""
    for i in range(existing, count):
        api.create_container("centos", command=["true"], name=f"tt-bench-{RUN_ID}-{i}",
                             labels={BENCH_LABEL: RUN_ID}, host_config=api.create_host_config())


def remove_all(api) -> int:
    removed = 0
    for tag in sorted(MADE_TAGS):
        try:
            api.remove_image(tag)  # untags; the image (a stand-in) stays under its own name
            removed += 1
        except Exception:  # noqa: BLE001 - already gone
            pass
    MADE_TAGS.clear()
    for filt in ({"label": f"{BENCH_LABEL}={RUN_ID}"}, {"label": f"org.docker-tutor.selftest={RUN_ID}"}):
        for c in api.containers(all=True, filters=filt):
            try:
                api.remove_container(c["Id"], force=True)
                removed += 1
            except Exception:  # noqa: BLE001 - already gone
                pass
    return removed


def remove_fleet(api) -> int:
    """Remove only the unrelated fleet, keeping the solved step states."""
    removed = 0
    for c in api.containers(all=True, filters={"label": f"{BENCH_LABEL}={RUN_ID}"}):
        try:
            api.remove_container(c["Id"], force=True)
            removed += 1
        except Exception:  # noqa: BLE001
            pass
    return removed


def watch_trials(course, api, mapping, runs):
    """(step, trigger argv) pairs alternating 4.2/stop and 4.2/run-detached, each step prepared
    first. The container a `run` trigger made is then recorded as the tutor's (as `begin` would),
    so the next preparation may replace it instead of refusing a "learner's" webserver."""
    stop_step, run_step = course.step("4.2/stop"), course.step("4.2/run-detached")
    for i in range(runs):
        step = stop_step if i % 2 == 0 else run_step
        actions.prepare(step, api, mapping)
        if step is stop_step:
            yield step, ["docker", "container", "stop", "-t", "2", "webserver"]
            continue
        yield step, ["docker", "container", "run", "-d", "--label", f"org.docker-tutor.selftest={RUN_ID}",
                     "--label", "org.docker-tutor.managed=true", "--name", "webserver", "nginx"]
        adopt(api, step.id)


def adopt(api, step_id: str, tags=()) -> None:
    """Record what the bench's own commands made (label `org.docker-tutor.selftest=RUN_ID`) as
    the tutor's, the way `begin`/prepare record theirs: a later preparation may then replace it
    instead of refusing it as the learner's."""
    from tutor.daemon.ledger import Ledger

    ledger = Ledger()
    for c in api.containers(all=True, filters={"label": f"org.docker-tutor.selftest={RUN_ID}"}):
        ledger.add("container", c["Id"], (c.get("Names") or ["/"])[0].lstrip("/"), step_id)
    for tag in tags:
        ledger.add("tag", api.inspect_image(tag)["Id"], tag, step_id)
