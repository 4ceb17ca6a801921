"""`container`, `container_absent`, `no_stopped` and `daemon` checks on the real daemon.

Each parameter is shown to pass on a container made right and to fail (with its code and the
found value in the message) on one made wrong. Containers come from a private image built FROM
the nginx stand-in (a new image id), so finding by properties (`ancestor=`) only ever sees this
module's containers even on a daemon shared with other work. Nothing here sends traffic: DNS
and extra hosts are configuration only, and those containers are never started.
"""

from __future__ import annotations

import io
import random
import time
import uuid
from datetime import datetime, timezone

import pytest
from docker.errors import APIError

from tests.conftest import RUN_ID, TEST_LABEL
from tutor.checks.base import CheckContext
from tutor.checks.kinds import CHECK_KINDS

pytestmark = pytest.mark.daemon

HTML = "/usr/share/nginx/html"


@pytest.fixture(scope="module")
def image_ref(docker_api):
    """A private image: FROM nginx plus a label, so its id is ours alone."""
    tag = f"tt-h3a-img-{RUN_ID}-{uuid.uuid4().hex[:4]}:v1"
    dockerfile = f"FROM nginx\nLABEL {TEST_LABEL}={RUN_ID}\n".encode()
    for _ in docker_api.build(fileobj=io.BytesIO(dockerfile), tag=tag, rm=True, decode=True, labels={TEST_LABEL: RUN_ID}):
        pass
    yield tag
    for c in docker_api.containers(all=True, filters={"ancestor": tag}):
        docker_api.remove_container(c["Id"], force=True, v=True)
    docker_api.remove_image(tag, force=True)


@pytest.fixture(scope="module")
def view():
    from tutor.daemon.view import open_view

    return open_view()


@pytest.fixture
def make(docker_api, cleanup, image_ref):
    """make(suffix, start=True, **host_config) -> container name."""

    def _make(suffix: str, *, start: bool = True, command=("sh", "-c", "sleep 60"), image=None,
              detach=True, tty=False, stdin_open=False, environment=None, working_dir=None, ports=None,
              networking_config=None, **host):
        name = f"tt-h3a-{RUN_ID}-{suffix}-{uuid.uuid4().hex[:4]}"
        c = docker_api.create_container(
            image or image_ref, command=list(command) if command else None, name=name, detach=detach, tty=tty,
            stdin_open=stdin_open, environment=environment, working_dir=working_dir, labels={TEST_LABEL: RUN_ID},
            ports=ports, host_config=docker_api.create_host_config(**host), networking_config=networking_config,
            use_config_proxy=False,
        )
        cleanup["containers"].append(c["Id"])
        if start:
            docker_api.start(c["Id"])
        return name

    return _make


def check(view, params, ctx=None):
    return CHECK_KINDS[params["kind"]].fn({k: v for k, v in params.items() if k != "kind"}, view, ctx or CheckContext())


def codes(problems):
    return [p.code for p in problems]


def expect(problems, code, *found):
    assert code in codes(problems), problems
    p = next(p for p in problems if p.code == code)
    for text in found:
        assert text in p.message, (text, p.message)
    return p


def free_ports(n=1):
    return random.sample(range(20000, 39000), n)


def test_states_created_running_paused_exited(view, make, docker_api):
    created = make("created", start=False)
    assert check(view, {"kind": "container", "name": created, "state": "created"}) == []
    expect(check(view, {"kind": "container", "name": created, "state": "running"}), "container.not_running", "created")
    running = make("running")
    assert check(view, {"kind": "container", "name": running, "state": "running"}) == []
    expect(check(view, {"kind": "container", "name": running, "state": "created"}), "container.started", "running")
    docker_api.pause(running)
    try:
        assert check(view, {"kind": "container", "name": running, "state": "paused"}) == []
        expect(check(view, {"kind": "container", "name": running, "state": "running"}), "container.state", "paused")
    finally:
        docker_api.unpause(running)
    exited = make("exited", command=("sh", "-c", "exit 3"))
    docker_api.wait(exited, timeout=30)
    assert check(view, {"kind": "container", "name": exited, "state": "exited", "exit_code": 3}) == []
    expect(check(view, {"kind": "container", "name": exited, "exit_code": 0}), "container.exit_code", "3")


def test_kill_gives_137_and_stop_does_not(view, make, docker_api):
    killed = make("killed")
    docker_api.kill(killed)
    docker_api.wait(killed, timeout=30)
    assert check(view, {"kind": "container", "name": killed, "state": "exited", "exit_code": 137}) == []
    stopped = make("stopped", command=None)  # the stand-in httpd ends cleanly on SIGTERM
    docker_api.stop(stopped, timeout=5)
    p = expect(check(view, {"kind": "container", "name": stopped, "exit_code": 137}), "container.exit_code", "kill")
    assert p.found != "137"


def test_image_command_tty_stdin_detached(view, make, image_ref):
    it = make("it", start=False, tty=True, stdin_open=True, command=("/bin/sh",), detach=False)
    spec = {"kind": "container", "name": it, "image": image_ref, "command": ["/bin/sh"], "tty": True, "stdin_open": True}
    assert check(view, spec) == []
    expect(check(view, {**spec, "image": "centos"}), "container.image", image_ref)
    expect(check(view, {**spec, "command": ["/bin/bash", "-l"]}), "container.command", "/bin/sh")
    # Made with AttachStdout but never attached: not "attached" (that needs a real attach event;
    # a real foreground run is tested in test_journey_feedback_real.py).
    assert check(view, {**spec, "detached": True}) == []
    plain = make("plain", start=False)
    problems = check(view, {**spec, "name": plain})
    assert {"container.no_tty", "container.no_stdin", "container.command"} <= set(codes(problems))
    assert check(view, {"kind": "container", "name": plain, "detached": True}) == []


def test_ports_found_by_properties_and_reversed(view, make, image_ref, docker_api):
    host, cport = free_ports(2)
    spec = {"kind": "container", "image": image_ref, "state": "running", "ports": {f"{cport}/tcp": host}}
    # -p cport:host (reversed): container port `host` published on host port `cport`.
    rev = make("rev", ports=[host], port_bindings={host: cport})
    p = expect(check(view, spec), "port.reversed", str(cport), str(host))
    assert p.found == f"{cport}:{host}"
    right = make("right", ports=[cport], port_bindings={cport: host})
    assert check(view, spec) == []
    docker_api.stop(right, timeout=2)
    # Only stopped ones left that publish correctly → the right container, but stopped.
    docker_api.remove_container(rev, force=True)
    expect(check(view, spec), "container.not_running", "exited")


def test_other_host_port_not_published_and_taken(view, make, docker_api):
    want, other, held = free_ports(3)
    a = make("otherport", ports=[80], port_bindings={80: other})
    expect(check(view, {"kind": "container", "name": a, "ports": {"80/tcp": want}}), "port.other_host_port", str(other))
    b = make("nopub")
    expect(check(view, {"kind": "container", "name": b, "ports": {"80/tcp": want}}), "port.not_published")
    holder = make("holder", ports=[80], port_bindings={80: held})
    late = make("late", start=False, ports=[80], port_bindings={80: held})
    with pytest.raises(APIError):
        docker_api.start(late)  # the host port is taken: the container stays created
    p = expect(check(view, {"kind": "container", "name": late, "state": "running", "ports": {"80/tcp": held}}),
               "port.taken", holder, str(held))
    assert p.found == holder


def test_restart_dns_hosts_resources(view, make):
    good = make("opts", start=False, restart_policy={"Name": "always"}, dns=["192.168.1.1"],
                extra_hosts={"test.com": "192.168.1.1"}, cpu_shares=512, mem_limit="1g")
    spec = {"kind": "container", "name": good, "restart": "always", "dns": ["192.168.1.1"],
            "extra_hosts": ["test.com:192.168.1.1"], "cpu_shares": 512, "memory": "1g"}
    assert check(view, spec) == []
    bad = make("opts-bad", start=False, dns=["192.168.1.2"], extra_hosts={"test.com": "10.9.9.9"},
               mem_limit="1000m")
    problems = check(view, {**spec, "name": bad})
    expect(problems, "restart.policy", "no", "--restart-always")
    expect(problems, "dns.other", "192.168.1.2")
    expect(problems, "hosts.other_address", "10.9.9.9")
    expect(problems, "cpu.default", "1024")
    expect(problems, "memory.unit", "1000MiB")
    none = make("opts-none", start=False)
    problems = check(view, {**spec, "name": none})
    assert {"dns.missing", "hosts.missing", "memory.missing"} <= set(codes(problems))


def test_mounts_bind_volume_typo_and_created_empty(view, make, docker_api, tmp_path, test_labels):
    site = tmp_path / "html"
    site.mkdir()
    (site / "index.html").write_text("<h1>hi</h1>")
    spec = {"kind": "container", "name": None, "mounts": [{"type": "bind", "target": HTML, "source": str(site)}]}
    good = make("bind", start=False, binds=[f"{site}:{HTML}"])
    assert check(view, {**spec, "name": good}) == []
    typo = make("typo", start=False, binds=[f"{site}:/user/share/nginx/html"])
    expect(check(view, {**spec, "name": typo}), "mount.typo_target", "/user/share/nginx/html")
    vol = f"tt-h3a-{RUN_ID}-vol-{uuid.uuid4().hex[:4]}"
    docker_api.create_volume(vol, labels=test_labels)
    try:
        named = make("vol", start=False, binds=[f"{vol}:{HTML}"])
        expect(check(view, {**spec, "name": named}), "mount.volume_not_bind", vol)
        docker_api.remove_container(named, force=True, v=True)
    finally:
        docker_api.remove_volume(vol, force=True)
    missing_dir = tmp_path / "does-not-exist"
    empty = make("empty", binds=[f"{missing_dir}:{HTML}"])  # Docker creates the folder, empty
    expect(check(view, {"kind": "container", "name": empty, "mounts": [{"type": "bind", "target": HTML}]}),
           "mount.source_created_empty", str(missing_dir))
    expect(check(view, {**spec, "name": empty}), "mount.source_created_empty")


def test_env_env_file_workdir(view, make, tmp_path):
    from tutor.paths import practice_dir

    env_file = practice_dir() / "env_list"  # a lesson's env file lives in the practice folder
    env_file.write_text("foo=bar\nlang=ko\n# note\nanswer=42\n", encoding="utf-8")
    good = make("env", start=False, environment={"foo": "bar", "lang": "ko", "answer": "42"}, working_dir="/tensorflow")
    spec = {"kind": "container", "name": good, "env": {"foo": "bar"}, "env_file": str(env_file), "workdir": "/tensorflow"}
    assert check(view, spec) == []
    bad = make("env-bad", start=False, environment={"FOO": "bar", "lang": "en"}, working_dir="/tmp")
    problems = check(view, {**spec, "name": bad})
    expect(problems, "env.name_case", "FOO")
    p = expect(problems, "env_file.missing_vars", "lang=ko", "answer=42")
    assert "foo=bar" in p.expected
    expect(problems, "workdir.other", "/tmp")
    other = make("env-other", start=False, environment={"foo": "baz"})
    expect(check(view, {"kind": "container", "name": other, "env": {"foo": "bar"}}), "env.other_value", "baz")


def test_started_after_step(view, make, docker_api):
    name = make("restart")
    since = datetime.now(timezone.utc)
    time.sleep(1.1)
    spec = {"kind": "container", "name": name, "state": "running", "started_after_step": True}
    expect(check(view, spec, CheckContext(since=since)), "container.not_restarted")
    docker_api.restart(name, timeout=1)
    assert check(view, spec, CheckContext(since=since)) == []
    assert check(view, spec) == []  # without a step start: started well after it was created


def test_networks(view, make, docker_api, cleanup, test_labels):
    net = f"tt-h3a-{RUN_ID}-net-{uuid.uuid4().hex[:4]}"
    nid = docker_api.create_network(net, driver="bridge", labels=test_labels)["Id"]
    cleanup["networks"].append(nid)
    on = make("on", start=False)
    docker_api.connect_container_to_network(on, net)
    assert check(view, {"kind": "container", "name": on, "networks": [net]}) == []
    expect(check(view, {"kind": "container", "name": on, "not_networks": [net]}), "network.still_attached", net)
    off = make("off", start=False)
    expect(check(view, {"kind": "container", "name": off, "networks": [net]}), "network.default_only", net)
    assert check(view, {"kind": "container", "name": off, "not_networks": [net]}) == []


def test_missing_similar_absent_and_stopped(view, make, docker_api):
    name = make("named", start=False)
    p = expect(check(view, {"kind": "container", "name": name + "x"}), "container.similar_name", name)
    assert p.found == name
    expect(check(view, {"kind": "container", "name": f"tt-h3a-nothing-{uuid.uuid4().hex}"}), "container.missing")
    expect(check(view, {"kind": "container_absent", "name": name}), "container.still_there", "created")
    running = make("absent-run")
    expect(check(view, {"kind": "container_absent", "name": running}), "container.still_running")
    docker_api.remove_container(name, force=True)
    assert check(view, {"kind": "container_absent", "name": name, "keep_image": "nginx"}) == []
    # no_stopped can only fail reliably on a shared daemon: our created container is stopped.
    other = make("stopped-one", start=False)
    p = expect(check(view, {"kind": "no_stopped"}), "container.stopped_remain")
    assert other in p.found or "외" in p.found


def test_daemon_kind(view):
    assert check(view, {"kind": "daemon"}) == []


def test_check_command_end_to_end(make, docker_api, capsys):
    """`docker-tutor check` on the real daemon: the fixture lesson asks nginx on host port 28480."""
    import json
    from pathlib import Path

    from tutor.cli import main

    lesson = str(Path(__file__).parents[1] / "fixtures" / "check_contract.md")
    name = make("cli", image="nginx", command=None, ports=[80], port_bindings={80: 28480})
    assert main(["--file", lesson, "check", "cc/web", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["passed"] is True
    docker_api.stop(name, timeout=2)
    assert main(["--file", lesson, "check", "cc/web", "cc/daemon", "--json"]) == 1
    results = json.loads(capsys.readouterr().out)["results"]
    assert results[0]["passed"] is False and results[0]["problems"] and results[1]["passed"] is True
