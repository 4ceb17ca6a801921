"""A round shares one listing: `RoundView` filters like the Engine does, and `check --lesson 4.2`
sends one `GET /containers/json` (counted through the recording proxy of the Docker socket)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import uuid

import pytest

from tests.conftest import RUN_ID, TEST_LABEL
from tests.daemon.recording_proxy import UPSTREAM, RecordingProxy

pytestmark = pytest.mark.daemon


@pytest.fixture
def world(docker_api, cleanup):
    """Labelled containers in every state the filters care about, one on a built child image."""
    tag = f"tt-round-{RUN_ID}-{uuid.uuid4().hex[:4]}:v1"
    dockerfile = f"FROM nginx\nLABEL {TEST_LABEL}={RUN_ID}\n".encode()
    for _ in docker_api.build(fileobj=io.BytesIO(dockerfile), tag=tag, rm=True, decode=True):
        pass
    cleanup["images"].append(tag)
    net = docker_api.create_network(f"tt-round-{RUN_ID}-net", labels={TEST_LABEL: RUN_ID})
    cleanup["networks"].append(net["Id"])
    stem = f"tt-round-{RUN_ID}-{uuid.uuid4().hex[:4]}"
    made = {}

    def make(suffix, image, start=False, port=None, network=None, extra_label=None):
        labels = {TEST_LABEL: RUN_ID, **(extra_label or {})}
        hc = docker_api.create_host_config(port_bindings={80: port} if port else None, network_mode=network)
        c = docker_api.create_container(image, name=f"{stem}-{suffix}", labels=labels, host_config=hc,
                                        command=["sleep", "60"] if image == "centos" else None,
                                        ports=[80] if port else None)
        cleanup["containers"].append(c["Id"])
        if start:
            docker_api.start(c["Id"])
        made[suffix] = c["Id"]

    make("run-nginx", "nginx", start=True, port=29481)
    make("created-nginx", "nginx", port=29482)
    make("child", tag, start=True, network=f"tt-round-{RUN_ID}-net", extra_label={"tt.kind": "child"})
    make("centos", "centos")
    return {"stem": stem, "tag": tag, "net": f"tt-round-{RUN_ID}-net", "ids": made}


def test_round_filters_agree_with_the_daemon(docker_api, world):
    from tutor.daemon.rounds import RoundView
    from tutor.daemon.view import DaemonView

    daemon = DaemonView(docker_api)
    mine = f"{TEST_LABEL}={RUN_ID}"
    cases = [
        {"label": [mine]},
        {"label": [mine, "tt.kind=child"]},
        {"label": [mine], "name": [world["stem"] + "-c"]},
        {"label": [mine], "name": ["^/" + world["stem"] + "-run"]},
        {"label": [mine], "status": ["exited", "created", "dead"]},
        {"label": [mine], "status": ["running"]},
        {"label": [mine], "ancestor": ["nginx"]},  # the child image counts, as on the Engine
        {"label": [mine], "ancestor": [world["tag"]]},
        {"label": [mine], "ancestor": ["centos"]},
        {"label": [mine], "ancestor": ["tt-no-such-image:404"]},
        {"label": [mine], "network": [world["net"]]},
        {"label": [mine], "publish": ["29481"]},
        {"label": [mine], "publish": ["29481/tcp"]},
        {"label": [mine], "publish": ["29482"]},  # created, never started: no live binding
        {"label": [mine], "id": [world["ids"]["centos"][:12]]},
    ]
    round_view = RoundView(daemon)
    for filters in cases:
        want = daemon.container_names(filters)
        got = round_view.container_names(filters)
        assert got == want, (filters, got, want)
    assert {c.name for c in round_view.containers({"label": [mine]})} == set(daemon.container_names({"label": [mine]}))


def test_a_round_lists_the_containers_once(docker_api, world):
    from tutor.daemon.rounds import RoundView
    from tutor.daemon.view import DaemonView

    view = RoundView(DaemonView(docker_api))
    mine = f"{TEST_LABEL}={RUN_ID}"
    for filters in ({}, {"label": [mine]}, {"status": ["running"]}, {"ancestor": ["nginx"]}, {"publish": ["29481"]}):
        view.container_names(filters)
        view.containers(filters, limit=3)
    lists = [p for m, p in view.requests if p.split("?")[0].endswith("/containers/json")]
    assert len(lists) == 1, lists


@pytest.fixture
def proxy():
    if not os.path.exists(UPSTREAM):
        pytest.skip("no local Docker socket to put a proxy in front of")
    folder = tempfile.mkdtemp(prefix="tt-round-", dir="/tmp")
    with RecordingProxy(os.path.join(folder, "docker.sock")) as p:
        yield p
    os.rmdir(folder)


def test_check_lesson_sends_one_container_listing(proxy, tmp_path):
    env = {**os.environ, "DOCKER_HOST": proxy.url}
    env.pop("DOCKER_CONTEXT", None)
    proc = subprocess.run([sys.executable, "-m", "tutor", "check", "--lesson", "4.2", "--json"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    results = json.loads(proc.stdout)["results"]
    assert len([r for r in results if r["status"] == "checked"]) >= 15
    lists = [p for m, p in proxy.requests if p.split("?")[0].endswith("/containers/json")]
    print("requests", proxy.count(), "container lists", len(lists))
    assert len(lists) == 1, lists
    assert proxy.methods() <= {"GET", "HEAD"}
