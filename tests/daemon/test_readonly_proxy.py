"""Checks are read-only and cheap: proven through a recording proxy of the Docker socket.

1. Every task check and answer source of the whole course (plus the check kinds of the format
   doc, with our own specs) runs against a `DaemonView` whose client talks to the proxy: only
   GET and HEAD reach the daemon, and no check crashes (no internal error).
2. A container check costs the same number of requests with 0 and with 30 extra unrelated
   containers (server-side filters, bounded inspects).
"""

from __future__ import annotations

import io
import os
import tempfile
import uuid

import pytest

from tests.conftest import RUN_ID, TEST_LABEL
from tests.daemon.recording_proxy import UPSTREAM, RecordingProxy
from tutor.checks.base import CheckContext
from tutor.checks.engine import expected_answers, run_check
from tutor.contexts import context_for
from tutor.errors import DaemonUnreachable
from tutor.model import CheckSpec, Step

pytestmark = pytest.mark.daemon

OWN_SPECS = [
    {"kind": "daemon"},
    # The format doc's example, verbatim: reading port 8080's filter never touches the port.
    {"kind": "container", "image": "nginx", "state": "running", "ports": {"80/tcp": 8080}},
    {"kind": "container", "name": "tt-h3a-proxy-none", "image": "centos", "restart": "always", "dns": ["192.168.1.1"],
     "extra_hosts": ["test.com:192.168.1.1"], "cpu_shares": 512, "memory": "1g", "env": {"foo": "bar"},
     "workdir": "/tensorflow", "networks": ["tt-h3a-proxy-net"], "started_after_step": True},
    {"kind": "container", "image": "centos", "tty": True, "stdin_open": True, "command": ["/bin/bash"]},
    {"kind": "container", "image": "nginx", "mounts": [{"type": "bind", "target": "/usr/share/nginx/html"}]},
    {"kind": "container_absent", "name": "tt-h3a-proxy-none", "keep_image": "nginx"},
    {"kind": "no_stopped"},
    {"kind": "image", "ref": "nginx"},
    {"kind": "image_absent", "ref": "tt-h3a-proxy/*:1.0", "keep": ["nginx"]},
    {"kind": "image_tag", "pattern": "*/tt-h3a-proxy:1.0", "same_as": "nginx"},
    {"kind": "no_dangling"},
    {"kind": "network", "name": "bridge", "driver": "bridge"},
    {"kind": "network_absent", "name": "tt-h3a-proxy-net"},
    {"kind": "credentials", "server": "127.0.0.1:5101"},
    {"kind": "no_credentials", "server": "127.0.0.1:5101"},
]


@pytest.fixture
def proxy():
    if not os.path.exists(UPSTREAM):
        pytest.skip("no local Docker socket to put a proxy in front of")
    folder = tempfile.mkdtemp(prefix="tt-h3a-", dir="/tmp")  # unix socket paths must stay short
    with RecordingProxy(os.path.join(folder, "docker.sock")) as p:
        yield p
    os.rmdir(folder)


@pytest.fixture
def proxied_view(proxy, docker_api):
    import docker

    from tutor.daemon.view import DaemonView

    api = docker.APIClient(base_url=proxy.url, version="auto", timeout=30)
    yield DaemonView(api)
    api.close()


def _step(i: int, spec: dict) -> Step:
    params = {k: v for k, v in spec.items() if k != "kind"}
    return Step(id=f"proxy/s{i}", slug=f"s{i}", kind="task", title="", body="", check=CheckSpec(spec["kind"], params))


def test_every_check_of_the_course_sends_only_get_and_head(proxy, proxied_view, docker_api, cleanup):
    from tutor.lessonfile.catalog import load_course

    # Fresh candidates (never started) so every per-container comparison really runs.
    for image in ("centos", "nginx"):
        c = docker_api.create_container(image, name=f"tt-h3a-{RUN_ID}-cand-{uuid.uuid4().hex[:4]}",
                                        labels={TEST_LABEL: RUN_ID}, tty=True, stdin_open=True,
                                        host_config=docker_api.create_host_config(port_bindings={80: 29472}))
        cleanup["containers"].append(c["Id"])
    writes_before = proxy.count()

    course = load_course()
    tasks = [s for s in course.steps() if s.kind == "task"] + [_step(i, s) for i, s in enumerate(OWN_SPECS)]
    kinds = {s.check.kind for s in tasks}
    assert {"container", "container_absent", "no_stopped", "daemon", "image", "network"} <= kinds
    crashed = []
    for step in tasks:
        result = run_check(step, proxied_view, context_for(step.id))
        if result.status == "internal_error":
            crashed.append((step.id, result.detail))
    answered = 0
    for step in (s for s in course.steps() if s.kind == "answer"):
        try:
            expected_answers(step, proxied_view, context_for(step.id))
            answered += 1
        except DaemonUnreachable:
            raise
        except Exception:  # noqa: BLE001 - the resource an answer reads may not exist now
            pass
    print("requests", proxy.count(), "tasks", len(tasks), "answered", answered, sorted(kinds))
    assert crashed == []
    # The setup above used the direct socket: only the client's version probe went through here.
    assert proxy.requests[:writes_before] == [("GET", "/version")]
    assert proxy.count() > len(tasks)  # the checks really went through the proxy
    assert proxy.methods() <= {"GET", "HEAD"}, sorted(set(proxy.requests))
    assert proxied_view.request_count == proxy.count() - 1  # all but the client's version probe


@pytest.fixture
def private_image(docker_api):
    tag = f"tt-h3a-proxyimg-{RUN_ID}-{uuid.uuid4().hex[:4]}:v1"
    dockerfile = f"FROM nginx\nLABEL {TEST_LABEL}={RUN_ID}\n".encode()
    for _ in docker_api.build(fileobj=io.BytesIO(dockerfile), tag=tag, rm=True, decode=True):
        pass
    yield tag
    docker_api.remove_image(tag, force=True)


def _costs(view, specs) -> list[int]:
    out = []
    for i, spec in enumerate(specs):
        before = view.request_count
        run_check(_step(i, spec), view, CheckContext())
        out.append(view.request_count - before)
    return out


def test_cost_is_constant_with_30_unrelated_containers(proxied_view, docker_api, cleanup, private_image):
    def create(name, image, **host):
        c = docker_api.create_container(image, name=name, labels={TEST_LABEL: RUN_ID}, command=["sh", "-c", "sleep 60"],
                                        host_config=docker_api.create_host_config(**host))
        cleanup["containers"].append(c["Id"])
        return name

    mine = create(f"tt-h3a-{RUN_ID}-cost-{uuid.uuid4().hex[:4]}", private_image, port_bindings={80: 29471})
    specs = [
        {"kind": "container", "name": mine, "image": private_image, "state": "created", "ports": {"80/tcp": 29471}},
        {"kind": "container", "image": private_image, "state": "created", "ports": {"80/tcp": 29471}},
        {"kind": "container", "image": private_image, "state": "running", "ports": {"80/tcp": 29471}},  # fails
        {"kind": "container", "name": mine + "-typo", "image": private_image},  # similar name path
        {"kind": "container_absent", "name": mine},
    ]
    alone = _costs(proxied_view, specs)
    for i in range(30):
        create(f"tt-h3a-{RUN_ID}-extra{i}-{uuid.uuid4().hex[:4]}", "centos")
    crowded = _costs(proxied_view, specs)
    print("costs", alone, crowded)
    assert crowded == alone, (alone, crowded)
    assert max(alone) <= 6


def test_the_proxy_would_see_a_write(proxy, proxied_view):
    """Negative control: a POST through the same proxy is recorded (it targets no container, so
    the daemon answers 404 and nothing changes)."""
    import docker.errors

    with pytest.raises(docker.errors.NotFound):
        proxied_view.api.start(f"tt-h3a-no-such-{uuid.uuid4().hex}")
    assert "POST" in proxy.methods()
