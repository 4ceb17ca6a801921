"""Answer sources on the real daemon: what the learner copies from the docker CLI is accepted,
a wrong value is refused. The CLI output is the ground truth a learner sees."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid

import pytest

from tutor.checks.answers import judge_answer, read_answer

pytestmark = pytest.mark.daemon
DOCKER = shutil.which("docker") or "/usr/local/bin/docker"


def cli(*args: str) -> str:
    out = subprocess.run([DOCKER, *args], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


@pytest.fixture
def view(docker_api):
    from tutor.daemon.connect import connect
    from tutor.daemon.view import DaemonView

    # The daemon the CLI talks to (DOCKER_HOST in the engine matrix), not the default socket.
    api = connect(timeout=30).api
    yield DaemonView(api)
    api.close()


def accepted(view, source, params, kind, typed):
    return judge_answer(source, params, kind, typed, view) == []


def test_server_answers(view):
    assert accepted(view, "server.version", {}, "text", cli("version", "--format", "{{.Server.Version}}"))
    assert accepted(view, "server.api_version", {}, "text", cli("version", "--format", "{{.Server.APIVersion}}"))
    assert accepted(view, "info.storage_driver", {}, "text", cli("system", "info", "--format", "{{.Driver}}"))
    wrong = judge_answer("server.api_version", {}, "text", "0.99", view)
    assert [p.code for p in wrong] == ["answer.wrong"] and "docker version" in wrong[0].message


def test_df_images_total(view):
    # The shared daemon changes under us; read the CLI's TOTAL and ours close together, retry once.
    for _ in range(3):
        row = next(line for line in cli("system", "df").splitlines() if line.startswith("Images"))
        total = row.split()[1]
        if accepted(view, "df.images_total", {}, "number", total):
            return
        time.sleep(1)
    pytest.fail(f"docker system df TOTAL {total} != {read_answer('df.images_total', {}, view)}")


def test_image_answers(view):
    short = cli("image", "ls", "--format", "{{.ID}}", "centos:latest")
    assert len(short) == 12
    assert accepted(view, "image.id", {"ref": "centos"}, "id_prefix", short)
    assert accepted(view, "image.id", {"ref": "centos"}, "id_prefix", "sha256:" + short)
    assert not accepted(view, "image.id", {"ref": "centos"}, "id_prefix", short[:8])
    arch = cli("image", "inspect", "--format", "{{.Architecture}}", "centos")
    assert accepted(view, "image.field", {"ref": "centos", "field": "Architecture"}, "text", arch)
    assert accepted(view, "image.field", {"ref": "centos", "field": "Os"}, "text", "Linux")
    # `image ls` SIZE: on the containerd image store it differs from inspect's Size; both count.
    listed = cli("image", "ls", "--format", "{{.Size}}", "centos:latest")
    assert accepted(view, "image.field", {"ref": "centos", "field": "Size"}, "size", listed)
    assert not accepted(view, "image.field", {"ref": "centos", "field": "Size"}, "size", "999GB")


def test_container_answers(docker_api, cleanup, view, test_labels):
    name = f"tt-ans-{uuid.uuid4().hex[:8]}"
    c = docker_api.create_container("nginx", name=name, labels=test_labels)
    cleanup["containers"].append(c["Id"])
    done = docker_api.create_container("centos", name=f"{name}-x", command=["sh", "-c", "exit 3"], labels=test_labels)
    cleanup["containers"].append(done["Id"])
    docker_api.start(c["Id"])
    docker_api.start(done["Id"])
    docker_api.wait(done["Id"], timeout=30)

    label = f"label={next(iter(test_labels))}={next(iter(test_labels.values()))}"
    listed = cli("container", "ls", "-a", "-q", "-f", label, "-f", f"name={name}").split()
    filters = {"label": f"{next(iter(test_labels))}={next(iter(test_labels.values()))}", "name": name}
    assert accepted(view, "containers.count", {"filters": filters}, "number", str(len(listed)))
    assert len(listed) == 2
    exited = {"name": name, "exited": 3}
    assert accepted(view, "containers.names", {"filters": exited}, "one_of", f"{name}-x")
    assert not accepted(view, "containers.names", {"filters": exited}, "one_of", name)

    short = cli("container", "ls", "--format", "{{.ID}}", "-f", f"name=^{name}$")
    assert accepted(view, "container.id", {"name": name}, "id_prefix", short)

    pids = cli("container", "stats", "--no-stream", "--format", "{{.PIDs}}", name)
    assert accepted(view, "container.pids", {"name": name}, "number", pids)

    top = cli("container", "top", name).splitlines()
    cmd_col = top[0].index("CMD")
    assert accepted(view, "container.top_cmd", {"name": name}, "text", top[1][cmd_col:])
    assert not accepted(view, "container.top_cmd", {"name": name}, "text", "bash")

    gone = judge_answer("container.pids", {"name": f"{name}-nothing"}, "number", "1", view)
    assert [p.code for p in gone] == ["answer.unavailable"]


def test_network_answers(docker_api, cleanup, view, test_labels):
    bridge_ids = cli("network", "ls", "-q", "--filter", "driver=bridge").split()
    assert bridge_ids and all(accepted(view, "network.ids", {"driver": "bridge"}, "id_prefix", i) for i in bridge_ids)
    host_id = cli("network", "ls", "-q", "--filter", "driver=host").split()[0]
    assert not accepted(view, "network.ids", {"driver": "bridge"}, "id_prefix", host_id)

    name = f"tt-ans-{uuid.uuid4().hex[:8]}"
    net = docker_api.create_network(name, driver="bridge", labels=test_labels)
    cleanup["networks"].append(net["Id"])
    subnet = cli("network", "inspect", "--format", "{{(index .IPAM.Config 0).Subnet}}", name)
    gateway = cli("network", "inspect", "--format", "{{(index .IPAM.Config 0).Gateway}}", name)
    assert accepted(view, "network.subnet", {"name": name}, "text", subnet)
    assert accepted(view, "network.gateway", {"name": name}, "text", gateway)
    assert not accepted(view, "network.gateway", {"name": name}, "text", subnet)
