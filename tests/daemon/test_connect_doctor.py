"""doctor against the real daemon: under DOCKER_HOST, under a non-default docker context, and
with no daemon at all (exit 3, Korean, no traceback). The CLI runs as a subprocess each time."""

from __future__ import annotations

import json
import os
import select
import shutil
import socket
import socketserver
import subprocess
import sys
import threading
import uuid

import pytest

from tutor.daemon.connect import resolve_endpoint

pytestmark = pytest.mark.daemon


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_TLS_VERIFY")}
    env.update(extra)
    env["COLUMNS"] = "200"  # rich wraps at 80 columns otherwise; keep messages on one line
    return env


def doctor(env, *args):
    return subprocess.run([sys.executable, "-m", "tutor", "doctor", *args], env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def daemon_socket(docker_api):
    ep = resolve_endpoint()
    if not ep.url.startswith("unix://"):
        pytest.skip(f"the forwarder test needs a unix socket daemon, not {ep.url}")
    return ep.url[len("unix://"):]


class Forwarder:
    """A unix socket that pipes every connection to the daemon's socket (as Colima's or
    Docker Desktop's per-user sockets do), counting connections so we know it was used."""

    def __init__(self, listen_path: str, target_path: str):
        self.connections = 0
        outer = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                outer.connections += 1
                upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                upstream.connect(target_path)
                pair = {self.request: upstream, upstream: self.request}
                try:
                    while True:
                        ready, _, _ = select.select(list(pair), [], [], 30)
                        if not ready:
                            return
                        for sock in ready:
                            data = sock.recv(65536)
                            if not data:
                                return
                            pair[sock].sendall(data)
                finally:
                    upstream.close()

        socketserver.ThreadingUnixStreamServer.daemon_threads = True
        self.server = socketserver.ThreadingUnixStreamServer(listen_path, Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def docker_config(tmp_path):
    path = tmp_path / "docker-config"
    path.mkdir()
    return path


def test_doctor_under_docker_host(daemon_socket):
    out = doctor(_env(DOCKER_HOST=f"unix://{daemon_socket}"), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["ok"] is True and data["source"] == "env" and data["endpoint"] == f"unix://{daemon_socket}"
    assert data["server_version"] and float(data["api_version"]) >= 1.40
    assert data["os"] == "linux" and data["storage_driver"]
    kinds = {image["ref"]: image["kind"] for image in data["images"]}
    assert set(kinds) == {"nginx:latest", "centos:latest"}


def test_doctor_text_under_docker_host_is_korean(daemon_socket):
    out = doctor(_env(DOCKER_HOST=f"unix://{daemon_socket}"))
    assert out.returncode == 0, out.stderr
    assert "DOCKER_HOST 환경 변수" in out.stdout and "엔진" in out.stdout and "Traceback" not in out.stderr


@pytest.mark.skipif(shutil.which("docker") is None, reason="the docker CLI makes the context")
def test_doctor_under_a_non_default_context(daemon_socket, docker_config, tmp_path):
    listen = str(tmp_path / "fwd.sock")
    fwd = Forwarder(listen, daemon_socket)
    name = f"tt-ctx-{uuid.uuid4().hex[:6]}"
    env = _env(DOCKER_CONFIG=str(docker_config))
    try:
        subprocess.run(["docker", "context", "create", name, "--docker", f"host=unix://{listen}"],
                       env=env, check=True, capture_output=True, timeout=30)
        subprocess.run(["docker", "context", "use", name], env=env, check=True, capture_output=True, timeout=30)
        assert json.loads((docker_config / "config.json").read_text())["currentContext"] == name
        out = doctor(env, "--json")
        assert out.returncode == 0, out.stdout + out.stderr
        data = json.loads(out.stdout)
        assert (data["source"], data["context"], data["endpoint"]) == ("context", name, f"unix://{listen}")
        assert data["ok"] is True and data["server_version"]
        assert fwd.connections > 0  # the answer really came through the context's socket
        text = doctor(env)
        assert f"Docker 컨텍스트 '{name}'" in text.stdout
    finally:
        fwd.close()


def _dead_socket(tmp_path) -> str:
    """A socket file nobody listens on: what a killed daemon leaves behind."""
    path = str(tmp_path / "dead.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(path)
    sock.close()
    return path


def _assert_clean_failure(out):
    assert out.returncode == 3
    assert "Traceback" not in out.stdout + out.stderr
    assert "데몬" in out.stdout + out.stderr


def test_doctor_without_a_daemon(tmp_path):
    dead = _dead_socket(tmp_path)
    out = doctor(_env(DOCKER_HOST=f"unix://{dead}"))
    _assert_clean_failure(out)
    assert "연결할 수 없어요" in out.stdout and "systemctl start docker" in out.stdout
    data = json.loads(doctor(_env(DOCKER_HOST=f"unix://{dead}"), "--json").stdout)
    assert data["ok"] is False and data["error"]["error"] == "daemon.not_running"
    assert data["endpoint"] == f"unix://{dead}" and data["source"] == "env" and data["server_version"] is None


@pytest.mark.skipif(shutil.which("docker") is None, reason="the docker CLI makes the context")
def test_context_pointing_at_a_dead_socket(tmp_path, docker_config):
    dead = _dead_socket(tmp_path)
    env = _env(DOCKER_CONFIG=str(docker_config))
    subprocess.run(["docker", "context", "create", "tt-ctx-dead", "--docker", f"host=unix://{dead}"],
                   env=env, check=True, capture_output=True, timeout=30)
    out = doctor({**env, "DOCKER_CONTEXT": "tt-ctx-dead"}, "--json")
    assert out.returncode == 3
    data = json.loads(out.stdout)
    assert (data["source"], data["context"], data["error"]["error"]) == ("context", "tt-ctx-dead", "daemon.not_running")


def test_missing_context_exit_3(docker_config):
    out = doctor(_env(DOCKER_CONFIG=str(docker_config), DOCKER_CONTEXT="tt-no-such-context"))
    _assert_clean_failure(out)
    assert "tt-no-such-context" in out.stdout and "docker context ls" in out.stdout


def test_other_commands_exit_3_without_daemon(tmp_path):
    dead = _dead_socket(tmp_path)
    out = subprocess.run([sys.executable, "-m", "tutor", "lab", "images"], env=_env(DOCKER_HOST=f"unix://{dead}"),
                         capture_output=True, text=True, timeout=60)
    _assert_clean_failure(out)
