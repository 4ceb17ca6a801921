"""The offline lab: stand-in images, the pull mirror, the practice registry, process tracking.

Daemon tests build/pull only `tt-lab-<random>` names; nginx and centos are only read (and run
as labelled containers). Registry process tests run their own registries on random ports in a
tmp lab dir, so the machine-wide mirror and practice registry are never touched.
"""

from __future__ import annotations

import base64
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest

from tutor.errors import Conflict, TutorError
from tutor.lab import images, mirror, procs, registry

needs_registry_binary = pytest.mark.skipif(shutil.which("docker-registry") is None,
                                           reason="docker-registry (apt docker-registry) is not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rand(prefix: str = "tt-lab") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


# ---------------------------------------------------------------- stand-in images (daemon)

@pytest.mark.daemon
@pytest.mark.parametrize("name", ["nginx", "centos"])
def test_practice_images_are_labelled_stand_ins(docker_api, name):
    state = images.image_state(docker_api, name)
    if state.kind == "real":
        pytest.skip(f"a real {name} image is installed here; stand-ins are only built when it is absent")
    assert state.kind == "stand-in", f"{name}:latest is missing: run `docker-tutor lab images`"
    labels = docker_api.inspect_image(f"{name}:latest")["Config"]["Labels"]
    assert labels[images.STAND_IN_LABEL] == "true"
    assert labels[images.RECIPE_LABEL] == images.recipe_hash(name, images.busybox_path())


@pytest.mark.daemon
def test_build_only_when_absent_and_never_over_a_real_image(docker_api, cleanup, tmp_path):
    busybox = images.busybox_path()
    ref = f"{rand()}:latest"
    cleanup["images"].append(ref)
    first = images.ensure_image(docker_api, "centos", ref, busybox)
    assert first.action == "built"
    again = images.ensure_image(docker_api, "centos", ref, busybox)
    assert (again.action, again.image_id) == ("kept", first.image_id)

    # An outdated stand-in (older recipe) is rebuilt.
    old_ref = f"{rand()}:latest"
    cleanup["images"].append(old_ref)
    images.build_stand_in(docker_api, "centos", old_ref, "old-recipe", busybox)
    assert images.ensure_image(docker_api, "centos", old_ref, busybox, lock_wait=1).action in ("rebuilt", "skipped_busy")

    # A "real" image (no stand-in label) under the name is left exactly as it is.
    (tmp_path / "Dockerfile").write_text("FROM scratch\nCOPY hello.txt /hello.txt\n")
    (tmp_path / "hello.txt").write_text("real\n")
    real_ref = f"{rand()}:latest"
    cleanup["images"].append(real_ref)
    for chunk in docker_api.build(path=str(tmp_path), tag=real_ref, rm=True, decode=True,
                                  labels={"org.docker-tutor.test": "lab"}):
        assert "error" not in chunk, chunk
    real_id = docker_api.inspect_image(real_ref)["Id"]
    kept = images.ensure_image(docker_api, "centos", real_ref, busybox)
    assert (kept.action, docker_api.inspect_image(real_ref)["Id"]) == ("kept_real", real_id)


def test_busybox_static_detection(tmp_path):
    assert images.is_static_elf(images.busybox_path())
    assert not images.is_static_elf(__import__("pathlib").Path(sys.executable).resolve())  # dynamic
    (tmp_path / "script").write_text("#!/bin/sh\n")
    assert not images.is_static_elf(tmp_path / "script")


@pytest.mark.daemon
def test_nginx_stand_in_serves_and_stops_cleanly(docker_api, cleanup, test_labels):
    port = free_port()
    host_config = docker_api.create_host_config(port_bindings={80: ("127.0.0.1", port)})
    cid = docker_api.create_container("nginx:latest", name=rand(), labels=test_labels, ports=[80],
                                      host_config=host_config)["Id"]
    cleanup["containers"].append(cid)
    docker_api.start(cid)
    body = ""
    for _ in range(50):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as resp:
                body = resp.read().decode()
                break
        except OSError:
            time.sleep(0.1)
    assert "Welcome to nginx!" in body
    started = time.monotonic()
    docker_api.stop(cid, timeout=10)
    elapsed = time.monotonic() - started
    state = docker_api.inspect_container(cid)["State"]
    assert state["ExitCode"] == 0 and elapsed < 3, (state, elapsed)


@pytest.mark.daemon
def test_centos_stand_in_runs_bash_and_echo(docker_api, cleanup, test_labels):
    if images.image_state(docker_api, "centos").kind != "stand-in":
        pytest.skip("the real centos image is installed")
    cid = docker_api.create_container("centos:latest", command=["/bin/bash", "-c", "echo hello; cat /etc/passwd"],
                                      name=rand(), labels=test_labels)["Id"]
    cleanup["containers"].append(cid)
    docker_api.start(cid)
    assert docker_api.wait(cid, timeout=30)["StatusCode"] == 0
    out = docker_api.logs(cid).decode()
    assert out.startswith("hello") and "root:x:0:0" in out


# ---------------------------------------------------------------- the mirror (daemon)

@pytest.mark.daemon
def test_pull_through_the_mirror(docker_api, cleanup):
    info = docker_api.info()
    if not (mirror.answers() and mirror.configured_in(info)):
        message = f"the lab mirror {mirror.address()} must be up and configured in dockerd (scripts/test does it)"
        if os.environ.get("CI") or os.environ.get("DOCKER_TUTOR_REQUIRE_DAEMON"):
            pytest.fail(message)
        pytest.skip(message)
    repo = rand()
    cleanup["images"].append(f"{repo}:latest")
    try:
        mirror.push_to_mirror(docker_api, "centos:latest", f"library/{repo}")
        assert mirror.tags(f"library/{repo}") == ("latest",)
        assert not any(t.startswith(mirror.address()) for t in docker_api.inspect_image("centos:latest")["RepoTags"])
        for chunk in docker_api.pull(repo, tag="latest", stream=True, decode=True):  # docker.io/library/<repo>
            assert "error" not in chunk, chunk
        pulled = docker_api.inspect_image(f"{repo}:latest")
        assert pulled["Id"] == docker_api.inspect_image("centos:latest")["Id"]
    finally:
        shutil.rmtree(mirror.home() / "data" / "docker" / "registry" / "v2" / "repositories" / "library" / repo,
                      ignore_errors=True)
    assert f"library/{repo}" not in mirror.catalog()


# ---------------------------------------------------------------- registry processes (no daemon)

@pytest.fixture
def own_lab(tmp_path, monkeypatch):
    """A private lab dir and ports: nothing here touches the machine-wide mirror/registry."""
    monkeypatch.setenv("DOCKER_TUTOR_LAB_DIR", str(tmp_path / "lab"))
    monkeypatch.setenv("DOCKER_TUTOR_MIRROR_PORT", str(free_port()))
    monkeypatch.setenv("DOCKER_TUTOR_REGISTRY_PORT", str(free_port()))
    yield tmp_path / "lab"
    mirror.down()
    registry.down()


@needs_registry_binary
def test_mirror_up_is_idempotent_and_down_stops_it(own_lab):
    first = mirror.up()
    assert first.running and first.started_now and mirror.answers()
    again = mirror.up()
    assert (again.pid, again.started_now) == (first.pid, False)
    assert mirror.status().running and mirror.status().pid == first.pid
    assert (own_lab / "mirror.pid").read_text().strip() == str(first.pid)
    assert mirror.down() is True
    assert not procs.alive(first.pid) and not mirror.answers()
    assert not (own_lab / "mirror.pid").exists()
    assert mirror.down() is False


@needs_registry_binary
def test_stale_pid_file_is_cleaned_and_orphan_adopted(own_lab):
    own_lab.mkdir(parents=True, exist_ok=True)
    dead = subprocess.Popen(["true"])
    dead.wait()
    (own_lab / "mirror.pid").write_text(f"{dead.pid}\n")
    assert mirror.status().pid is None and not (own_lab / "mirror.pid").exists()
    started = mirror.up()
    (own_lab / "mirror.pid").unlink()  # lost pid file, registry still running with our config
    assert mirror.up().pid == started.pid
    assert (own_lab / "mirror.pid").read_text().strip() == str(started.pid)


@needs_registry_binary
def test_port_taken_by_something_else(own_lab):
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", mirror.port()))
        squatter.listen()
        with pytest.raises(Conflict) as err:
            mirror.up()
    assert err.value.code == "lab.port_taken" and str(mirror.port()) in err.value.message
    assert "포트" in err.value.message


def test_missing_binary_names_the_apt_package(own_lab, monkeypatch):
    monkeypatch.setenv("PATH", str(own_lab))
    with pytest.raises(TutorError) as err:
        mirror.up()
    assert err.value.code == "lab.missing_binary" and "apt-get install docker-registry" in err.value.hint


@needs_registry_binary
@pytest.mark.skipif(shutil.which("htpasswd") is None, reason="htpasswd (apt apache2-utils) is not installed")
def test_practice_registry_requires_the_printed_password(own_lab):
    reg = registry.up()
    assert reg.running and reg.user == "student" and reg.address == f"127.0.0.1:{registry.port()}"
    assert registry.practice_registry() == registry.PracticeRegistry(reg.address, reg.user, reg.password, True,
                                                                     reg.pid)

    def status(user, password):
        req = urllib.request.Request(f"http://{reg.address}/v2/")
        req.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
        try:
            with urllib.request.urlopen(req, timeout=5) as resp:
                return resp.status
        except urllib.error.HTTPError as exc:
            return exc.code

    assert status("student", reg.password) == 200
    assert status("student", reg.password + "x") == 401
    assert registry.up().password == reg.password  # stable across calls
    assert registry.down() and not registry.practice_registry().running


def test_lab_cli_registry_status_json(own_lab):
    env = {**os.environ, "COLUMNS": "200"}
    out = subprocess.run([sys.executable, "-m", "tutor", "lab", "registry", "status", "--json"],
                         env=env, capture_output=True, text=True, timeout=60)
    import json

    data = json.loads(out.stdout)
    assert out.returncode == 1 and data["registry"]["running"] is False and data["registry"]["user"] == "student"
