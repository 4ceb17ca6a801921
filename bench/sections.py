"""The measurements. Each returns a plain dict of figures; `__main__` prints them as JSON."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from bench import world
from bench.shellway import check_like_a_script
from bench.stats import sample, summary

REPRESENTATIVE = ("4.2/run-port", "4.2/stop", "4.3/connect", "4.1/tag")


def check_latency(course, view, api, mapping, fleet_sizes, runs) -> dict:
    """Checks of solved steps with 0..N unrelated containers; the shell way beside it at the
    smallest and largest fleet, so both pay the same daemon. The fleet is removed at the end."""
    from tutor.checks.engine import run_check
    from tutor.contexts import context_for

    steps = [course.step(i) for i in REPRESENTATIVE]
    for step in steps:
        world.solve(step, api, mapping)
    out: dict = {}
    made = 0
    for size in fleet_sizes:
        world.make_fleet(api, size, made)
        made = max(made, size)
        per_step = {}
        for step in steps:
            ctx = context_for(step.id)  # as `check`, watch and the UI do
            before = view.request_count
            result = run_check(step, view, ctx)
            requests = view.request_count - before
            samples = sample(lambda step=step, ctx=ctx: run_check(step, view, ctx), runs)
            per_step[step.id] = {**summary(samples), "requests_per_check": requests, "passed": result.passed}
        out[str(size)] = per_step
        if size in (fleet_sizes[0], fleet_sizes[-1]):
            out[f"shell_vs_tutor_at_{size}"] = shell_vs_tutor(course, view, mapping, runs)
        out[f"raw_list_ms_at_{size}"] = summary(sample(
            lambda: api.containers(all=True, filters={"ancestor": ["nginx"]}), runs))
    world.remove_fleet(api)
    growth = {}
    first, last = str(fleet_sizes[0]), str(fleet_sizes[-1])
    for sid in REPRESENTATIVE:
        base = out[first][sid]["median_ms"] or 1e-9
        growth[sid] = round(out[last][sid]["median_ms"] / base, 3)
    return {"by_fleet_size": out, f"growth_{first}_to_{last}": growth}


def shell_vs_tutor(course, view, mapping, runs) -> dict:
    from tutor.checks.engine import run_check, substituted
    from tutor.contexts import context_for

    out = {}
    for sid in REPRESENTATIVE:
        step = course.step(sid)
        ctx = context_for(sid)
        params = substituted(dict(step.check.params), ctx)
        ours = summary(sample(lambda step=step, ctx=ctx: run_check(step, view, ctx), runs))
        procs = check_like_a_script(step.check.kind, params)
        theirs = summary(sample(lambda kind=step.check.kind, params=params: check_like_a_script(kind, params),
                                max(5, runs // 10), warmup=1))
        out[sid] = {"tutor_median_ms": ours["median_ms"], "shell_median_ms": theirs["median_ms"],
                    "shell_processes": procs, "speedup": round(theirs["median_ms"] / max(ours["median_ms"], 1e-6), 1)}
    return out


def _watch_once(step, view, mapping, trigger_argv) -> tuple[float, float | None]:
    from tutor.checks.engine import run_check
    from tutor.contexts import context_for
    from tutor.daemon.events import stream
    from tutor.ui.watch import WatchLoop

    ctx = context_for(step.id)
    first = threading.Event()
    passed: dict = {}

    def on_verdict(v):
        first.set()
        if getattr(v.result, "passed", False) and "at" not in passed:
            passed["at"], passed["event_latency"] = v.decided_at, v.latency

    loop = WatchLoop([step], check=lambda s: run_check(s, view, ctx),
                     open_events=lambda: stream(filters={"type": ["container", "network", "image"]}),
                     on_verdict=on_verdict, interval=5.0)
    thread = threading.Thread(target=loop.run, daemon=True)
    thread.start()
    first.wait(10)
    loop.ready.wait(10)  # the event stream is open: from here no event can be missed
    subprocess.run(trigger_argv, capture_output=True, timeout=60, check=True)
    returned = time.monotonic()
    thread.join(10)
    loop.stop()
    if "at" not in passed:
        raise RuntimeError(f"watch never saw {step.id} pass")
    return max(0.0, (passed["at"] - returned) * 1000.0), passed["event_latency"]


def watch_latency(course, view, api, mapping, runs) -> dict:
    samples, event_samples = [], []
    for step, argv in world.watch_trials(course, api, mapping, runs):
        after_return, event_latency = _watch_once(step, view, mapping, argv)
        samples.append(after_return)
        if event_latency is not None:
            event_samples.append(event_latency * 1000.0)
    return {"command_return_to_verdict": summary(samples), "event_to_verdict": summary(event_samples),
            "triggers": ["docker container stop", "docker container run -d"]}


def startup(runs) -> dict:
    exe = Path(sys.executable).with_name("docker-tutor")
    cmds = {
        "docker-tutor --version": [str(exe), "--version"],
        "docker-tutor list --json": [str(exe), "list", "--json"],
        "python -c 'import docker'": [sys.executable, "-c", "import docker"],
    }
    out = {name: summary(sample(lambda a=argv: subprocess.run(a, capture_output=True, check=True), runs, warmup=1))
           for name, argv in cmds.items()}
    # "Before" the parsed-course cache: every start parsed all lessons (a fresh, empty home).
    import os
    import tempfile

    def cold_list():
        with tempfile.TemporaryDirectory() as home:
            subprocess.run(cmds["docker-tutor list --json"], capture_output=True, check=True,
                           env={**os.environ, "DOCKER_TUTOR_HOME": home})

    out["docker-tutor list --json (no course cache)"] = summary(sample(cold_list, runs, warmup=1))
    out["peak_rss_mib"] = {name: _peak_rss_mib(argv) for name, argv in cmds.items()}
    out["peak_rss_mib"]["docker-tutor check 3/daemon --json"] = _peak_rss_mib([str(exe), "check", "3/daemon", "--json"])
    base = out["python -c 'import docker'"]["median_ms"]
    out["ratio_version_vs_import_docker"] = round(out["docker-tutor --version"]["median_ms"] / base, 3)
    out["ratio_list_vs_import_docker"] = round(out["docker-tutor list --json"]["median_ms"] / base, 3)
    return out


def _peak_rss_mib(argv) -> float:
    """Peak resident memory of one run of argv, measured by a fresh parent (RUSAGE_CHILDREN)."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=True)
    return round(int(out.stdout.strip()) / 1024.0, 1)  # Linux reports KiB


def grade_lesson(course, view, api, mapping, runs, fleets=(0,)) -> dict:
    """The whole of lesson 4.2 graded (one round: one listing for the lesson) beside the shell way,
    with no and with the largest fleet of unrelated containers."""
    from tutor import progress
    from tutor.checks.engine import substituted
    from tutor.contexts import context_for
    from tutor.grading import grade_steps

    steps = list(course.lesson("4.2").steps)
    saved = progress.load()
    tasks = [s for s in steps if s.kind == "task"]

    def script_way():
        return sum(check_like_a_script(s.check.kind, substituted(dict(s.check.params), context_for(s.id, mapping, saved)))
                   for s in tasks)

    out: dict = {"steps": len(steps), "task_steps": len(tasks)}
    for size in dict.fromkeys(fleets):
        world.make_fleet(api, size)
        ours = summary(sample(lambda: grade_steps(steps, view, saved), runs, warmup=1))
        procs = script_way()
        theirs = summary(sample(script_way, max(1, runs // 5), warmup=0))
        out[f"at_{size}"] = {"tutor": ours, "shell": theirs, "shell_processes": procs,
                             "speedup": round(theirs["median_ms"] / max(ours["median_ms"], 1e-6), 1)}
    world.remove_fleet(api)
    return out


def lesson_check_process(api, fleet: int, runs) -> dict:
    """`docker-tutor check --lesson 4.2 --json` as a whole process (start-up included), with no
    and with `fleet` unrelated containers; the ratio is the figure issue 10 bars at 1.3.
    The two conditions alternate in blocks (the machine is shared: load drifts over minutes),
    and the container listings of one run are counted in process, through the command's view."""
    exe = Path(sys.executable).with_name("docker-tutor")
    argv = [str(exe), "check", "--lesson", "4.2", "--json", "--no-record"]  # the learner's progress stays theirs

    def once():
        subprocess.run(argv, capture_output=True, timeout=120)  # exit 1: some steps are unsolved

    alone, crowded, blocks = [], [], 3
    for _ in range(blocks):
        world.remove_fleet(api)
        alone += sample(once, max(1, runs // blocks), warmup=1)
        world.make_fleet(api, fleet)
        crowded += sample(once, max(1, runs // blocks), warmup=1)
    lists = _container_lists_of_a_lesson_check()
    world.remove_fleet(api)
    a, c = summary(alone), summary(crowded)
    return {"argv": argv[1:], "unrelated_containers": fleet, "alone": a, "crowded": c,
            "container_lists_per_run": lists, "ratio": round(c["median_ms"] / max(a["median_ms"], 1e-6), 3)}


def _container_lists_of_a_lesson_check() -> int:
    """`GET /containers/json` requests of one in-process `check --lesson 4.2` (its view counts)."""
    from tutor.commands import check as check_cmd

    seen = []
    original = check_cmd._open_view

    def counting():
        view = original()
        seen.append(view)
        return view

    check_cmd._open_view = counting
    try:
        import argparse

        check_cmd.run(argparse.Namespace(steps=[], lesson="4.2", answer=None, json=True, file=None, no_record=True))
    finally:
        check_cmd._open_view = original
    return sum(1 for v in seen for _m, p in v.requests if p.split("?")[0].endswith("/containers/json"))
