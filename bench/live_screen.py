"""The live lesson screen's auto-verdict: the learner's command returns → the screen is green.

The real screen (`tutor.ui.live_screen.LessonScreen`, the one the guided UI and `watch` show)
runs on 4.2/run-port with a pipe input and a dummy output (prompt_toolkit still lays out and
renders every frame; only the bytes are dropped). A second thread waits until the screen
watches the daemon, runs `docker container run -d -p PORT:80 nginx` in a subprocess, notes when
that process returned, and the screen's `on_green` hook (called from prompt_toolkit's
after-render event, i.e. once the green frame was drawn) gives the end time. The host port is a
free one (8080 may be taken on a shared machine): the step's check is the lesson's, with only
that number changed. Progress is written to a temporary DOCKER_TUTOR_HOME, never the user's.
"""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import replace

from bench import world
from bench.stats import summary


def _free_port() -> int:
    for port in range(28080, 40000):
        with socket.socket() as s:
            try:
                s.bind(("0.0.0.0", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def _lesson_with_port(course, port: int):
    lesson = course.lesson("4.2")
    steps = list(lesson.steps)
    i = next(i for i, s in enumerate(steps) if s.id == "4.2/run-port")
    step = steps[i]
    params = dict(step.check.params)
    params["ports"] = {"80/tcp": port}
    steps[i] = replace(step, check=replace(step.check, params=params))
    return replace(lesson, steps=tuple(steps)), i


def _once(lesson, index, services, api, port) -> float:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from tutor.ui import preferences as prefs
    from tutor.ui.live_screen import LessonScreen

    green = threading.Event()
    at: dict = {}

    def on_green(step_id, when):
        at["green"] = when
        green.set()

    chosen = prefs.Preferences(mode=prefs.FOLLOW, learner="bench", welcomed=True)
    made: list[str] = []
    with create_pipe_input() as inp:
        screen = LessonScreen(lesson, index, services, prefs=chosen, input=inp, output=DummyOutput(),
                              show_intro=False, on_green=on_green, interval=30.0)

        def learner():
            deadline = time.monotonic() + 20
            while not (screen.watch is not None and screen.watch.ready.is_set()):
                if time.monotonic() > deadline:
                    inp.send_text("q")
                    return
                time.sleep(0.01)
            time.sleep(0.3)  # the entry checks are done: only the learner's command is left
            run = subprocess.run(["docker", "container", "run", "-d", "-p", f"{port}:80",
                                  "--label", f"org.docker-tutor.selftest={world.RUN_ID}",
                                  "--label", "org.docker-tutor.managed=true", "nginx"],
                                 capture_output=True, text=True, timeout=60)
            at["returned"] = time.monotonic()
            if run.returncode == 0:
                made.append(run.stdout.strip())
            green.wait(10)
            inp.send_text("q")

        thread = threading.Thread(target=learner, daemon=True)
        thread.start()
        screen.run()
        thread.join(15)
    for cid in made:
        api.remove_container(cid, force=True)
    if "green" not in at or "returned" not in at:
        raise RuntimeError("the live screen never turned green for 4.2/run-port")
    return max(0.0, (at["green"] - at["returned"]) * 1000.0)


def screen_latency(course, api, runs: int) -> dict:
    from tutor.ui.services import Services

    port = _free_port()
    lesson, index = _lesson_with_port(course, port)
    old = os.environ.get("DOCKER_TUTOR_HOME")
    out: dict = {"step": "4.2/run-port", "trigger": "docker container run -d -p PORT:80 nginx",
                 "zero_means": "green before the CLI returned"}
    with tempfile.TemporaryDirectory(prefix="docker-tutor-bench-") as home:
        os.environ["DOCKER_TUTOR_HOME"] = home
        try:
            # Interleaved, so both see the same machine load: the event-fed model and fresh reads.
            model, fresh = [], []
            for _ in range(runs):
                model.append(_once(lesson, index, Services(live_model=True), api, port))
                fresh.append(_once(lesson, index, Services(live_model=False), api, port))
        finally:
            if old is None:
                os.environ.pop("DOCKER_TUTOR_HOME", None)
            else:
                os.environ["DOCKER_TUTOR_HOME"] = old
    out["command_return_to_green_screen"] = summary(model)
    out["command_return_to_green_screen_fresh_reads"] = summary(fresh)
    return out
