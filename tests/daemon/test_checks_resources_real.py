"""Image, network and registry checks against the real daemon: each fails on the wrong state and
passes on the right one, read through `DaemonView`.

Only labelled resources with unique `tt-…-<rand>` names are made; tags on the shared nginx/centos
image ids are extra tags (removing them only untags). Registry steps use a throwaway
`docker-registry` with htpasswd auth on a random loopback port and a temp `DOCKER_CONFIG`, so the
real ~/.docker and the learner's practice registry are never touched.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid

import pytest

from tutor.checks.base import CheckContext
from tutor.checks.images import (
    check_image,
    check_image_absent,
    check_image_tag,
    check_no_dangling,
)
from tutor.checks.networks import check_network, check_network_absent
from tutor.checks.registries import (
    check_credentials,
    check_no_credentials,
    check_registry_tag,
)

pytestmark = pytest.mark.daemon
CTX = CheckContext(step_id="t/real")
DOCKER = shutil.which("docker") or "/usr/local/bin/docker"


def codes(problems):
    return [p.code for p in problems]


def rand() -> str:
    return uuid.uuid4().hex[:8]


@pytest.fixture
def view(docker_api, tmp_path):
    """A DaemonView with its own client (its request hook stays out of the shared one) and a
    temp docker CLI config dir."""
    from tutor.daemon.connect import connect
    from tutor.daemon.view import DaemonView

    # The daemon the CLI talks to (DOCKER_HOST in the engine matrix), not the default socket.
    api = connect(timeout=30).api
    config = tmp_path / "docker-config"
    config.mkdir()
    v = DaemonView(api, env={"DOCKER_CONFIG": str(config), "HOME": str(tmp_path)})
    v.config_dir = config  # for the docker CLI in the registry test
    yield v
    api.close()


def image_id(api, ref: str) -> str:
    return api.inspect_image(ref)["Id"]


def tag(api, cleanup, source: str, ref: str) -> None:
    repo, _, t = ref.rpartition(":")
    api.tag(source, repo, t)
    cleanup["images"].append(ref)


# --- images ------------------------------------------------------------------------------------


def test_image_and_image_absent(docker_api, cleanup, view):
    ref = f"tt-img-{rand()}/webserver:1.0"
    other = ref.replace(":1.0", ":2.0")
    assert codes(check_image({"ref": ref}, view, CTX)) == ["image.missing"]

    tag(docker_api, cleanup, "centos", other)
    problems = check_image({"ref": ref}, view, CTX)
    assert codes(problems) == ["image.other_tag"] and problems[0].found == other

    tag(docker_api, cleanup, "centos", ref)
    assert check_image({"ref": ref}, view, CTX) == []
    assert check_image({"ref": "docker.io/library/centos:latest"}, view, CTX) == []

    absent = {"ref": ref, "keep": ["centos"]}
    problems = check_image_absent(absent, view, CTX)
    assert codes(problems) == ["image.still_present"] and problems[0].found == ref
    wild = check_image_absent({"ref": ref.split("/")[0] + "/*:1.0"}, view, CTX)
    assert codes(wild) == ["image.still_present"] and wild[0].found == ref

    docker_api.remove_image(ref)
    assert check_image_absent(absent, view, CTX) == []
    missing_keep = check_image_absent({"ref": ref, "keep": [ref.replace(":1.0", ":9.9")]}, view, CTX)
    assert codes(missing_keep) == ["image.keep_missing"]


def test_image_tag(docker_api, cleanup, view):
    user, name = f"tt-img-{rand()}", f"ttweb{rand()}"
    params = {"pattern": f"*/{name}:1.0", "same_as": "centos"}
    centos = image_id(docker_api, "centos")

    assert codes(check_image_tag(params, view, CTX)) == ["tag.missing"]

    tag(docker_api, cleanup, "centos", f"{name}:1.0")  # forgot the user part
    problems = check_image_tag(params, view, CTX)
    assert codes(problems) == ["tag.no_user_part"] and problems[0].found == f"{name}:1.0"

    tag(docker_api, cleanup, "centos", f"{user}/{name}:latest")  # forgot the tag part
    problems = check_image_tag(params, view, CTX)
    assert "tag.no_tag_part" in codes(problems)
    assert f"{user}/{name}:latest" in [p.found for p in problems]

    tag(docker_api, cleanup, "nginx", f"{user}/{name}:1.0")  # tagged the wrong image
    problems = check_image_tag(params, view, CTX)
    assert codes(problems) == ["tag.other_image"]
    assert image_id(docker_api, "nginx").split(":")[1][:12] in problems[0].found
    assert centos.split(":")[1][:12] in problems[0].expected

    docker_api.tag("centos", f"{user}/{name}", "1.0")  # the right one (same ref, moved)
    assert check_image_tag(params, view, CTX) == []

    gone = {"pattern": f"*/{name}:1.0", "same_as": f"{user}/nothing:1"}
    assert codes(check_image_tag(gone, view, CTX)) == ["image.missing"]


def _build(api, ref: str, labels: dict[str, str]) -> str:
    dockerfile = io.BytesIO(b"FROM centos\n")
    for line in api.build(fileobj=dockerfile, tag=ref, labels=labels, rm=True, decode=True):
        if "error" in line:
            raise AssertionError(line["error"])
    return image_id(api, ref)


def test_no_dangling(docker_api, cleanup, view, test_labels):
    before = {p.found for p in check_no_dangling({}, view, CTX)}
    ref = f"tt-img-{rand()}/dangle:1"
    first = _build(docker_api, ref, {**test_labels, "org.docker-tutor.n": "1"})
    cleanup["images"].append(first)
    keeper_name = f"tt-img-{rand()}"
    keeper = docker_api.create_container(first, name=keeper_name, labels=test_labels, command=["true"])
    cleanup["containers"].append(keeper["Id"])
    second = _build(docker_api, ref, {**test_labels, "org.docker-tutor.n": "2"})
    cleanup["images"].insert(0, second)
    assert first != second

    short = first.split(":")[1][:12]
    problems = check_no_dangling({}, view, CTX)
    assert problems and problems[0].code == "image.dangling"
    assert short in problems[0].found and short in problems[0].message
    # `docker image prune` would keep it: the container that uses it is named.
    kept = [p for p in problems[1:] if short in p.message]
    assert kept and kept[0].found == keeper_name and keeper_name in kept[0].message

    docker_api.remove_container(keeper["Id"], force=True)
    docker_api.remove_image(first)
    after = check_no_dangling({}, view, CTX)
    assert all(short not in (p.found or "") for p in after)
    if not before:  # nobody else on the shared daemon left dangling images
        assert after == []


# --- networks ----------------------------------------------------------------------------------


def test_network_checks(docker_api, cleanup, view, test_labels):
    name = f"tt-net-{rand()}"
    params = {"name": name, "driver": "bridge"}
    assert codes(check_network(params, view, CTX)) == ["network.missing"]

    twin = docker_api.create_network(name.replace("-", "_"), driver="bridge", labels=test_labels)
    cleanup["networks"].append(twin["Id"])
    problems = check_network(params, view, CTX)
    assert codes(problems) == ["network.similar_name"] and problems[0].found == name.replace("-", "_")

    net = docker_api.create_network(name, driver="bridge", labels=test_labels)
    cleanup["networks"].append(net["Id"])
    assert check_network(params, view, CTX) == []
    problems = check_network({"name": name, "driver": "macvlan"}, view, CTX)
    assert codes(problems) == ["network.driver"] and problems[0].found == "bridge"

    ipam = docker_api.inspect_network(name)["IPAM"]["Config"][0]
    assert check_network({"name": name, "subnet": ipam["Subnet"], "gateway": ipam["Gateway"]}, view, CTX) == []
    problems = check_network({"name": name, "subnet": "10.254.254.0/24"}, view, CTX)
    assert codes(problems) == ["network.subnet"] and problems[0].found == ipam["Subnet"]

    member = f"{name}-c"
    c = docker_api.create_container("nginx", name=member, labels=test_labels)
    cleanup["containers"].insert(0, c["Id"])
    with_member = {"name": name, "containers": [member]}
    problems = check_network(with_member, view, CTX)
    assert codes(problems) == ["network.container_missing"] and problems[0].found == "bridge"

    docker_api.start(c["Id"])
    docker_api.connect_container_to_network(c["Id"], name)
    assert check_network(with_member, view, CTX) == []

    problems = check_network_absent({"name": name}, view, CTX)
    assert codes(problems) == ["network.in_use"] and problems[0].found == member
    docker_api.disconnect_container_from_network(c["Id"], name)
    assert codes(check_network_absent({"name": name}, view, CTX)) == ["network.still_there"]
    docker_api.remove_network(name)
    assert check_network_absent({"name": name}, view, CTX) == []


# --- registries ----------------------------------------------------------------------------------


def _free_port() -> int:
    for _ in range(50):
        port = 20000 + int.from_bytes(os.urandom(2), "big") % 40000
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free loopback port")


@pytest.fixture
def throwaway_registry(tmp_path):
    """docker-registry with htpasswd auth on a random loopback port; always stopped."""
    binary, htpasswd = shutil.which("docker-registry"), shutil.which("htpasswd")
    if not binary or not htpasswd:
        pytest.skip("docker-registry / htpasswd not installed")
    user, password = "tt-user", "tt-" + rand()
    root = tmp_path / "registry"
    root.mkdir()
    out = subprocess.run([htpasswd, "-Bbn", user, password], capture_output=True, text=True, check=True)
    (root / "htpasswd").write_text(out.stdout)
    port = _free_port()
    (root / "config.yml").write_text(
        "version: 0.1\nlog:\n  level: error\n"
        f"storage:\n  filesystem:\n    rootdirectory: {root / 'data'}\n"
        f"http:\n  addr: 127.0.0.1:{port}\n"
        f"auth:\n  htpasswd:\n    realm: tt\n    path: {root / 'htpasswd'}\n"
    )
    proc = subprocess.Popen([binary, "serve", str(root / "config.yml")], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v2/", timeout=0.5)
            except urllib.error.HTTPError as err:
                if err.code == 401:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            raise RuntimeError("the throwaway registry did not start")
        yield f"127.0.0.1:{port}", user, password
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def cli(view, *args: str, stdin: str | None = None) -> None:
    out = subprocess.run([DOCKER, "--config", str(view.config_dir), *args], input=stdin,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr


def test_login_push_logout(docker_api, cleanup, view, throwaway_registry):
    registry, user, password = throwaway_registry
    repository = f"tt-reg-{rand()}/web"
    push = {"registry": registry, "repository": repository, "tag": "1.0"}
    local = f"{registry}/{repository}:1.0"

    assert codes(check_credentials({"server": registry}, view, CTX)) == ["login.missing"]
    assert check_no_credentials({"server": registry}, view, CTX) == []
    assert codes(check_registry_tag(push, view, CTX)) == ["push.not_logged_in", "push.local_tag_missing"]

    cli(view, "login", registry, "-u", user, "--password-stdin", stdin=password)
    assert check_credentials({"server": registry}, view, CTX) == []
    problems = check_no_credentials({"server": registry}, view, CTX)
    assert codes(problems) == ["logout.still_logged_in"] and user in problems[0].found
    assert codes(check_registry_tag(push, view, CTX)) == ["push.local_tag_missing"]

    tag(docker_api, cleanup, "centos", local)
    assert codes(check_registry_tag(push, view, CTX)) == ["push.missing"]

    other = local.replace(":1.0", ":2.0")
    tag(docker_api, cleanup, "centos", other)
    cli(view, "image", "push", other)
    problems = check_registry_tag(push, view, CTX)
    assert codes(problems) == ["push.other_tag"] and problems[0].found == "2.0"

    cli(view, "image", "push", local)
    assert check_registry_tag(push, view, CTX) == []

    cli(view, "logout", registry)
    assert check_no_credentials({"server": registry}, view, CTX) == []
    assert codes(check_credentials({"server": registry}, view, CTX)) == ["login.missing"]
    # Logged out, the registry refuses to list tags: the check says to log in.
    assert codes(check_registry_tag(push, view, CTX)) == ["push.not_logged_in"]


def test_checks_are_read_only_and_cheap(docker_api, cleanup, view, test_labels):
    """Only GET requests, and a small fixed number per check even with extra images around."""
    name = f"tt-img-{rand()}"
    for i in range(5):  # unrelated tags must not cost anything
        tag(docker_api, cleanup, "centos", f"{name}/noise:{i}")
    net = f"tt-net-{rand()}"
    cleanup["networks"].append(docker_api.create_network(net, labels=test_labels)["Id"])
    runs = [
        (check_image, {"ref": "centos"}),
        (check_image, {"ref": f"{name}/nothing:1"}),
        (check_image_absent, {"ref": f"{name}/*:1.0", "keep": ["centos"]}),
        (check_image_tag, {"pattern": f"*/{name}:1.0", "same_as": "centos"}),
        (check_no_dangling, {}),
        (check_network, {"name": net, "driver": "bridge", "containers": []}),
        (check_network, {"name": net + "x"}),
        (check_network_absent, {"name": net}),
        (check_credentials, {"server": "127.0.0.1:1"}),
    ]
    for fn, params in runs:
        before = view.request_count
        fn(params, view, CTX)
        assert view.request_count - before <= 5, (fn.__name__, view.requests[before:])
    assert {method for method, _ in view.requests} <= {"GET", "HEAD"}


def test_practice_registry_read_only(view):
    """Against the lab's practice registry (when it runs): reads only, never a push, so the
    learner's registry gets no test repositories."""
    import base64
    import json

    from tutor.lab.registry import practice_registry

    reg = practice_registry()
    if not reg.running:
        pytest.skip("the practice registry is not running (docker-tutor lab registry up)")
    push = {"registry": reg.address, "repository": f"tt-reg-{rand()}/web", "tag": "1.0"}
    assert codes(check_registry_tag(push, view, CTX)) == ["push.not_logged_in", "push.local_tag_missing"]

    auth = base64.b64encode(f"{reg.user}:{reg.password}".encode()).decode()
    (view.config_dir / "config.json").write_text(json.dumps({"auths": {reg.address: {"auth": auth}}}))
    assert check_credentials({"server": reg.address}, view, CTX) == []
    # Logged in, the registry answers: the repository is unknown, so nothing was pushed.
    assert codes(check_registry_tag(push, view, CTX)) == ["push.local_tag_missing"]

    # A stored but wrong password: the registry refuses, and the check says so.
    bad = base64.b64encode(f"{reg.user}:not-the-password".encode()).decode()
    (view.config_dir / "config.json").write_text(json.dumps({"auths": {reg.address: {"auth": bad}}}))
    assert codes(check_registry_tag(push, view, CTX)) == ["push.registry_unreachable", "push.local_tag_missing"]
