"""Live-screen figures: checks answered by the event-fed model (`tutor.daemon.live_model`).

- `model_checks`: the representative checks on the model, at each fleet size, with the requests
  each verdict sent (none once the model has caught up) beside a fresh one-shot read and the
  shell way at the same fleet size;
- `model_watch`: a WatchLoop fed through the model (as `watch` and the guided screen run it):
  command returned → verdict, and the requests the verdict itself needed;
- `model_memory`: what the model holds for 1000 containers, every one inspected (worst case).
"""

from __future__ import annotations

import subprocess
import threading
import time
import tracemalloc

from bench import world
from bench.shellway import check_like_a_script
from bench.stats import sample, summary

REPRESENTATIVE = ("4.2/run-port", "4.2/stop", "4.3/connect", "4.1/tag")


class _Fed:
    """A LiveModel with its event reader running in a thread (like the live screen)."""

    def __init__(self, view):
        from tutor.daemon.events import stream
        from tutor.daemon.live_model import LiveModel

        self.model = LiveModel(view)
        self._stream = self.model.tap(stream())
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            for _ in self._stream:
                pass
        except Exception:  # noqa: BLE001 - closed at the end
            pass

    def settle(self, quiet: float = 0.3, limit: float = 10.0) -> None:
        """Wait until no event arrived for `quiet` seconds (the fleet's burst is over)."""
        end = time.monotonic() + limit
        seen = -1
        while time.monotonic() < end and seen != self.model.events_seen:
            seen = self.model.events_seen
            time.sleep(quiet)

    def close(self) -> None:
        self._stream.close()
        self._thread.join(5)


def model_checks(course, view, api, mapping, fleet_sizes, runs) -> dict:
    from tutor.checks.engine import run_check, substituted
    from tutor.contexts import context_for

    steps = [course.step(i) for i in REPRESENTATIVE]
    for step in steps:
        world.solve(step, api, mapping)
    fed = _Fed(view)
    out: dict = {}
    made = 0
    try:
        for size in fleet_sizes:
            world.make_fleet(api, size, made)
            made = max(made, size)
            fed.settle()
            per_step = {}
            for step in steps:
                ctx = context_for(step.id, mapping)
                run_check(step, fed.model, ctx)  # the first read after the burst lists once
                before = fed.model.request_count
                result = run_check(step, fed.model, ctx)
                requests = fed.model.request_count - before
                ours = summary(sample(lambda s=step, c=ctx: run_check(s, fed.model, c), runs))
                fresh = summary(sample(lambda s=step, c=ctx: run_check(s, view, c), max(10, runs // 5)))
                params = substituted(dict(step.check.params), ctx)
                shell = summary(sample(lambda k=step.check.kind, p=params: check_like_a_script(k, p),
                                       max(3, runs // 20), warmup=1))
                per_step[step.id] = {**ours, "requests_per_verdict": requests, "passed": result.passed,
                                     "fresh_read_median_ms": fresh["median_ms"],
                                     "shell_median_ms": shell["median_ms"],
                                     "speedup_vs_shell": round(shell["median_ms"] / max(ours["median_ms"], 1e-6), 1)}
            out[str(size)] = per_step
    finally:
        fed.close()
        world.remove_fleet(api)
    first, last = str(fleet_sizes[0]), str(fleet_sizes[-1])
    growth = {sid: round(out[last][sid]["median_ms"] / max(out[first][sid]["median_ms"], 1e-6), 3)
              for sid in REPRESENTATIVE}
    return {"by_fleet_size": out, f"growth_{first}_to_{last}": growth}


def model_watch(course, view, api, mapping, runs, fleet: int = 0) -> dict:
    """`docker container stop` / `run -d` in a second process → the model-fed verdict."""
    from tutor.checks.engine import run_check
    from tutor.contexts import context_for
    from tutor.daemon.events import stream
    from tutor.daemon.live_model import LiveModel
    from tutor.ui.watch import WatchLoop

    world.make_fleet(api, fleet)
    after_return, requests = [], []
    try:
        for step, argv in world.watch_trials(course, api, mapping, runs):
            model = LiveModel(view)
            ctx = context_for(step.id, mapping)
            first, done = threading.Event(), {}

            def check(s, model=model, ctx=ctx, done=done, first=first):
                before = model.request_count
                result = run_check(s, model, ctx)
                if result.passed and "at" not in done:
                    done["at"], done["requests"] = time.monotonic(), model.request_count - before
                first.set()
                return result

            loop = WatchLoop([step], check=check, open_events=lambda model=model: model.tap(stream()), interval=5.0)
            thread = threading.Thread(target=loop.run, daemon=True)
            thread.start()
            first.wait(10)
            loop.ready.wait(10)
            subprocess.run(argv, capture_output=True, timeout=60, check=True)
            returned = time.monotonic()
            thread.join(10)
            loop.stop()
            if "at" not in done:
                raise RuntimeError(f"the model-fed watch never saw {step.id} pass")
            after_return.append(max(0.0, (done["at"] - returned) * 1000.0))
            requests.append(done["requests"])
    finally:
        world.remove_fleet(api)
    return {"fleet": fleet, "command_return_to_verdict": summary(after_return),
            "requests_per_verdict_max": max(requests) if requests else 0,
            "requests_per_verdict_median": sorted(requests)[len(requests) // 2] if requests else 0}


def model_memory(view, api, count: int) -> dict:
    from tutor.daemon.live_model import LiveModel

    world.make_fleet(api, count)
    try:
        tracemalloc.start()
        base = tracemalloc.take_snapshot()
        model = LiveModel(view)
        model.containers(limit=100000)  # every container listed and inspected: the worst case
        model.images()
        model.networks()
        grown = tracemalloc.take_snapshot()
        tracemalloc.stop()
        size = sum(s.size_diff for s in grown.compare_to(base, "filename"))
        return {"containers": len(model.container_names()), "model_kib": round(size / 1024, 1)}
    finally:
        world.remove_fleet(api)
