"""The event-fed model and a fresh read of the real daemon agree after every command of a walk.

A walk of lesson-like commands (run, create/start, pause, stop, rename, network connect, tag,
rm …) on labelled, uniquely named resources. After each command the model (fed only by the real
event stream) must answer every query exactly as a fresh `DaemonView` does, and once it has
caught up, a second round of the same queries costs no request at all.
"""

from __future__ import annotations

import socket
import subprocess
import threading
import time
import uuid

import pytest

from tests.conftest import TEST_LABEL

pytestmark = pytest.mark.daemon


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _docker(*args: str) -> str:
    run = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, (args, run.stderr)
    return run.stdout.strip()


@pytest.fixture
def live(docker_api):
    from tutor.daemon.events import stream
    from tutor.daemon.live_model import LiveModel
    from tutor.daemon.view import open_view

    model = LiveModel(open_view())
    opened = threading.Event()
    holder = {}

    def reader():
        tapped = model.tap(stream())
        holder["s"] = tapped
        opened.set()
        try:
            for _ in tapped:
                pass
        except Exception:  # noqa: BLE001 - closed at the end of the test
            pass

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    assert opened.wait(10)
    yield model
    holder["s"].close()
    t.join(5)


def _verdicts(view, steps, placeholders):
    """Every task check of the course on this view: (step, passed, problem codes and messages)."""
    from tutor.checks.base import CheckContext
    from tutor.checks.engine import run_check

    out = []
    for step in steps:
        r = run_check(step, view, CheckContext(step_id=step.id, placeholders=placeholders))
        out.append((step.id, r.status, r.passed, tuple((p.code, p.message) for p in r.problems)))
    return out


def test_model_matches_fresh_reads_after_every_command_of_a_walk(live, cleanup, test_labels):
    from tutor.daemon.view import open_view
    from tutor.lessonfile import placeholders as ph
    from tutor.lessonfile.catalog import load_course

    fresh = open_view()
    steps = [s for lesson in load_course().lessons for s in lesson.steps if s.kind == "task"]
    values = dict(ph.current())
    tag = uuid.uuid4().hex[:8]
    n1, n2, n3, n4 = (f"tt-live-{tag}-{x}" for x in ("web", "made", "renamed", "once"))
    net, ref = f"tt-live-{tag}-net", f"tt-live-{tag}/webserver:1.0"
    label = f"{TEST_LABEL}={test_labels[TEST_LABEL]}"
    lab = ["--label", label]
    port = _free_port()

    def queries(view):
        mine = {"label": [label]}
        return {
            "by-name": [view.container(n) for n in (n1, n2, n3, n4)],
            "mine": view.containers(mine, limit=50),
            "names-running": view.container_names({**mine, "status": ["running"]}),
            "exited-0": view.container_names({**mine, "exited": ["0"]}),
            "published": view.container_names({**mine, "publish": [str(port)]}),
            "ancestor": view.container_names({**mine, "ancestor": ["nginx"]}),
            "by-prefix": view.container_names({"name": [f"tt-live-{tag}"]}),
            "on-net": view.container_names({**mine, "network": [net]}),
            "tagged": view.images({"reference": [f"tt-live-{tag}/*:1.0"]}),
            "tag-inspect": view.image(ref),
            "net": view.networks({"name": [net]}),
            "net-inspect": view.network(net),
        }

    walk = [
        ("run", lambda: cleanup["containers"].append(_docker("container", "run", "-d", *lab, "--name", n1,
                                                              "-p", f"{port}:80", "nginx"))),
        ("create", lambda: cleanup["containers"].append(_docker("container", "create", *lab, "--name", n2, "nginx"))),
        ("start", lambda: _docker("container", "start", n2)),
        ("pause", lambda: _docker("container", "pause", n1)),
        ("unpause", lambda: _docker("container", "unpause", n1)),
        ("rename", lambda: _docker("container", "rename", n2, n3)),
        ("network create", lambda: cleanup["networks"].append(_docker("network", "create", *lab, net))),
        ("connect", lambda: _docker("network", "connect", net, n1)),
        ("stop", lambda: _docker("container", "stop", "-t", "1", n3)),
        ("run once", lambda: cleanup["containers"].append(_docker("container", "run", *lab, "--name", n4,
                                                                   "centos", "echo", "hi") and
                                                          _docker("container", "inspect", "-f", "{{.Id}}", n4))),
        ("tag", lambda: (_docker("image", "tag", "nginx", ref), cleanup["images"].append(ref))),
        ("disconnect", lambda: _docker("network", "disconnect", net, n1)),
        ("untag", lambda: _docker("image", "rm", ref)),
        ("rm -f", lambda: _docker("container", "rm", "-f", n1)),
        ("network rm", lambda: _docker("network", "rm", net)),
    ]
    assert queries(live) == queries(fresh)  # the first listing
    for what, command in walk:
        command()
        deadline = time.monotonic() + 5
        while True:
            got, want = queries(live), queries(fresh)
            if got == want or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert got == want, f"after {what}: the model differs from a fresh read"
        # The course's own checks give the same verdicts and messages on both.
        for _ in range(50):  # other processes may be changing the daemon too: let both settle
            mine, theirs = _verdicts(live, steps, values), _verdicts(fresh, steps, values)
            if mine == theirs:
                break
            time.sleep(0.1)
        assert mine == theirs, f"after {what}: a check judged the model differently"
        assert all(status != "internal_error" for _, status, _, _ in mine)
        # Caught up: the same questions again are answered from memory (unless an event came in).
        for _ in range(5):
            seen = live.events_seen
            queries(live)  # whatever an event noted since the last round is read now, once
            before = live.request_count
            queries(live)
            if live.events_seen == seen:
                assert live.request_count == before, (what, live.fresh.requests[-(live.request_count - before):])
                break
            time.sleep(0.2)


def test_a_reconnect_forgets_what_the_model_knew(live, cleanup, test_labels):
    name = f"tt-live-{uuid.uuid4().hex[:8]}"
    assert live.container(name) is None
    resyncs = live.resyncs
    live.resync()  # what `tap` does on every (re)connection of the event stream
    cid = _docker("container", "create", "--label", f"{TEST_LABEL}={test_labels[TEST_LABEL]}", "--name", name, "nginx")
    cleanup["containers"].append(cid)
    info = live.container(name)  # found by the fresh listing, even if its event were lost
    assert info is not None and info.id == cid and live.resyncs == resyncs + 1
