"""Podman 4.3's Docker-compatible API, for real (`podman system service`, provisioned by
`scripts/provision-engine up podman` in its own network namespace; scripts/test sets
DOCKER_TUTOR_REQUIRE_PODMAN=1 so a missing service fails, never skips, there).

Podman here cannot start containers ("error setting rlimit type 6" in this sandbox), so this
proves what it can: created containers, networks, images, inspect, the filters it refuses, the
500 for an invalid reference, doctor's findings, and `docker login` through it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest

pytestmark = [pytest.mark.daemon, pytest.mark.podman]
PODMAN_HOST = os.environ.get("DOCKER_TUTOR_PODMAN_HOST", "unix:///run/docker-tutor-podman.sock")


@pytest.fixture(scope="module")
def podman():
    """A Connection to the Podman service (fail in scripts/test, skip elsewhere when absent)."""
    from tutor.daemon import compat
    from tutor.daemon.connect import connect
    from tutor.errors import DaemonUnreachable

    try:
        conn = connect(timeout=30, env={"DOCKER_HOST": PODMAN_HOST})
    except DaemonUnreachable as exc:
        if os.environ.get("DOCKER_TUTOR_REQUIRE_PODMAN"):
            pytest.fail(f"the Podman service is required here but does not answer on {PODMAN_HOST}: {exc.message}")
        pytest.skip(f"no Podman service on {PODMAN_HOST} (scripts/provision-engine up podman)")
    assert compat.is_podman(conn.server), conn.server
    yield conn
    conn.close()


@pytest.fixture
def made(podman):
    things = {"containers": [], "networks": []}
    yield things
    for cid in things["containers"]:
        try:
            podman.api.remove_container(cid, force=True, v=True)
        except Exception:  # noqa: BLE001 - already gone
            pass
    for nid in things["networks"]:
        try:
            podman.api.remove_network(nid)
        except Exception:  # noqa: BLE001
            pass


def env(**extra):
    base = {k: v for k, v in os.environ.items() if k not in ("DOCKER_CONTEXT", "DOCKER_API_VERSION")}
    return {**base, "DOCKER_HOST": PODMAN_HOST, "COLUMNS": "200", **extra}


def tutor(*args, **extra):
    return subprocess.run([sys.executable, "-m", "tutor", *args], env=env(**extra), capture_output=True,
                          text=True, timeout=120)


def create(podman, made, name, test_labels, **kwargs):
    c = podman.api.create_container("nginx", name=name, labels=test_labels, **kwargs)
    made["containers"].append(c["Id"])
    return c["Id"]


def view_of(podman):
    from tutor.daemon.view import DaemonView

    return DaemonView(podman.api, server=podman.server)


def test_the_raw_refusals_are_still_there(podman):
    """What made checks exit 4: if Podman ever accepts these, the client-side path is moot."""
    import docker.errors

    for filters in ({"publish": ["8080"]}, {"status": ["dead"]}):
        with pytest.raises(docker.errors.APIError) as err:
            podman.api.containers(all=True, filters=filters)
        assert err.value.response.status_code == 500
    assert podman.api.containers(all=True, filters={"ancestor": ["nginx"]}) == []  # short names: nothing


def test_refused_filters_work_client_side_with_a_constant_request_count(podman, made, test_labels):
    name = f"tt-pod-{uuid.uuid4().hex[:6]}"
    create(podman, made, name, test_labels, ports=[80],
           host_config=podman.api.create_host_config(port_bindings={80: 18080}))
    view = view_of(podman)
    assert view.container_names({"publish": ["18080"]}) == [name]
    assert name in view.container_names({"status": ["exited", "created", "dead"]})
    assert [c.name for c in view.containers({"ancestor": ["nginx"], "name": [name]})] == [name]
    before = view.request_count
    view.container_names({"publish": ["18080"], "status": ["running"]})
    one_check = view.request_count - before
    for i in range(10):  # unrelated containers do not add requests
        create(podman, made, f"{name}-noise{i}", test_labels)
    before = view.request_count
    assert view.container_names({"publish": ["18080"], "status": ["running"]}) == []
    assert view.request_count - before == one_check == 1


def test_checks_never_exit_4_on_podman(podman, made, test_labels):
    """The issue's findings: 4.2/run-port and 4.2/prune exited 4 ("publish is an invalid filter",
    "unknown container state: dead"). Now they judge the state: exit 0 or 1 with real codes."""
    name = f"tt-pod-{uuid.uuid4().hex[:6]}"
    create(podman, made, name, test_labels, ports=[80],
           host_config=podman.api.create_host_config(port_bindings={80: 8080}))
    from tutor.lessonfile.catalog import load_course
    from tutor.ui.services import Services

    for step_id in ("4.2/run-port", "4.2/prune"):  # through the CLI: exit codes
        out = tutor("check", step_id, "--json")
        assert out.returncode in (0, 1), (step_id, out.stdout, out.stderr)
        assert json.loads(out.stdout)["status"] == "checked"
    services = Services()
    services._view = view_of(podman)  # the one check path of the live screens, on Podman's view
    tasks = [s for s in load_course().steps() if s.kind == "task"]
    for step in tasks:  # every task step of the course, in process
        result = services.check(step)
        assert result.status != "internal_error", (step.id, result.problems)
    assert len(tasks) > 30
    prune = json.loads(tutor("check", "4.2/prune", "--json").stdout)
    assert prune["passed"] is False and name in json.dumps(prune, ensure_ascii=False)


def test_created_container_inspect_in_docker_words(podman, made, test_labels):
    name = f"tt-pod-{uuid.uuid4().hex[:6]}"
    create(podman, made, name, test_labels)
    info = view_of(podman).container(name)
    assert (info.name, info.state, info.image) == (name, "created", "nginx:latest")
    assert info.networks == ("bridge",)  # Podman's own name for it is "podman"


def test_networks_and_containers_on_them(podman, made, test_labels):
    net = f"tt-pod-net-{uuid.uuid4().hex[:6]}"
    nid = podman.api.create_network(net, driver="bridge", labels=test_labels)["Id"]
    made["networks"].append(nid)
    name = f"tt-pod-{uuid.uuid4().hex[:6]}"
    create(podman, made, name, test_labels, networking_config=podman.api.create_networking_config(
        {net: podman.api.create_endpoint_config()}))
    view = view_of(podman)
    info = view.network(net)
    assert (info.name, info.driver) == (net, "bridge") and info.subnets
    assert net in view.container(name).networks
    assert "bridge" in [n.name for n in view.networks()]


def test_invalid_reference_is_no_image_not_a_crash(podman):
    import docker.errors

    with pytest.raises(docker.errors.APIError) as err:
        podman.api.inspect_image("Student/WebServer:1.0")
    assert err.value.response.status_code == 500  # Docker says 400
    view = view_of(podman)
    assert view.image("Student/WebServer:1.0") is None
    assert view.image("nginx") is not None


def test_doctor_says_podman_its_version_and_what_differs(podman):
    out = tutor("doctor", "--json")
    assert out.returncode == 0, out.stdout + out.stderr
    data = json.loads(out.stdout)
    version = next(c["Version"] for c in podman.server["Components"] if c["Name"].startswith("Podman"))
    assert (data["product"], data["server_version"]) == ("Podman", version)
    assert any("docker login" in item for item in data["limits"])
    text = tutor("doctor").stdout
    assert f"Podman {version}" in text and "Podman에서 다르게 동작하는 것" in text


def test_docker_login_through_podman_fails_as_doctor_says(tmp_path):
    """The practice registry (plain HTTP on loopback, in Podman's namespace) is asked over HTTPS."""
    out = subprocess.run(["docker", "login", "-u", "student", "--password-stdin", "127.0.0.1:5101"],
                         input="not-the-password\n", env=env(DOCKER_CONFIG=str(tmp_path)),
                         capture_output=True, text=True, timeout=60)
    assert out.returncode != 0
    assert "HTTP response to HTTPS client" in out.stderr, out.stderr
