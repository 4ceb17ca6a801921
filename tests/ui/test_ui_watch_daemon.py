"""WatchLoop on the real daemon: the event stream triggers the check right after `docker run`."""

from __future__ import annotations

import subprocess
import threading
import time
import uuid

import pytest

from tutor.model import CheckSpec, Step


@pytest.mark.daemon
def test_real_event_stream_turns_a_docker_run_into_a_quick_verdict(docker_api, cleanup, test_labels):
    from tutor.daemon.events import stream
    from tutor.ui.services import Services
    from tutor.ui.watch import WatchLoop

    name = f"tt-ui-{uuid.uuid4().hex[:8]}"
    step = Step(id="9.1/watch", slug="watch", kind="task", title="watch",
                body="", check=CheckSpec("container", {"name": name, "state": "running"}))
    verdicts = []
    # A long timer: only an event can produce the passing verdict quickly.
    loop = WatchLoop([step], check=Services().check, open_events=lambda: stream({"container": [name]}),
                     on_verdict=verdicts.append, interval=30)
    outcome = {}
    t = threading.Thread(target=lambda: outcome.setdefault("o", loop.run()), daemon=True)
    t.start()
    end = time.monotonic() + 10
    while not verdicts and time.monotonic() < end:  # the first (failing) check at start
        time.sleep(0.02)
    assert verdicts and not verdicts[0].result.passed
    assert loop.ready.wait(10)  # the event stream is open

    label = f"org.docker-tutor.test={test_labels['org.docker-tutor.test']}"
    run = subprocess.run(["docker", "container", "run", "-d", "--name", name, "--label", label, "nginx"],
                         capture_output=True, text=True, timeout=60)
    finished = time.monotonic()
    assert run.returncode == 0, run.stderr
    cleanup["containers"].append(run.stdout.strip())
    t.join(10)
    if t.is_alive():
        loop.stop()
    passing = [v for v in verdicts if v.result.passed]
    assert passing, verdicts
    v = passing[0]
    assert v.trigger is not None and v.trigger["type"] == "container" and v.trigger["name"] == name
    after_command = v.decided_at - finished
    print(f"event->verdict {v.latency * 1000:.0f} ms, command end->verdict {after_command * 1000:.0f} ms")
    assert after_command < 1.0  # the benchmark holds the 250 ms target; this only proves it is event-driven
    assert outcome["o"].finished
