"""The daemon view's pure parts: inspect JSON → snapshots, the CLI config's credentials, the
registry v2 tag list over loopback (with Basic auth from the stored config), and a missing
daemon becoming DaemonUnreachable."""

from __future__ import annotations

import base64
import json
import threading
from datetime import timezone
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tutor.daemon import cli_config, snapshots
from tutor.errors import DaemonUnreachable

INSPECT = {
    "Id": "f" * 64,
    "Name": "/web1",
    "Created": "2026-11-28T02:10:13.123456789Z",
    "Path": "/bin/sh",
    "Args": ["-c", "httpd -f"],
    "Image": "sha256:" + "a" * 64,
    "State": {"Status": "exited", "ExitCode": 137, "StartedAt": "2026-11-28T02:10:14.5Z",
              "FinishedAt": "0001-01-01T00:00:00Z", "OOMKilled": False},
    "Config": {"Image": "nginx", "Cmd": ["/bin/sh", "-c", "httpd -f"], "Tty": True, "OpenStdin": True,
               "AttachStdout": False, "Env": ["foo=bar", "PATH=/bin"], "WorkingDir": "/tensorflow",
               "Labels": {"org.docker-tutor.test": "x"}},
    "HostConfig": {"PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}], "443/tcp": [{"HostIp": "", "HostPort": ""}]},
                   "RestartPolicy": {"Name": "always", "MaximumRetryCount": 0}, "Dns": ["192.168.1.1"],
                   "ExtraHosts": ["test.com:192.168.1.1"], "CpuShares": 512, "Memory": 1073741824},
    "Mounts": [{"Type": "bind", "Source": "/srv/html", "Destination": "/usr/share/nginx/html", "RW": True},
               {"Type": "volume", "Name": "data", "Source": "/var/lib/docker/volumes/data/_data", "Destination": "/data"}],
    "NetworkSettings": {"Ports": {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}, {"HostIp": "::", "HostPort": "8080"}],
                                  "9000/tcp": None},
                        "Networks": {"web-network": {}, "bridge": {}}},
}


def test_container_info_maps_every_field():
    c = snapshots.container_info(INSPECT)
    assert c.name == "web1" and c.image == "nginx" and c.state == "exited" and c.exit_code == 137
    assert c.command == ("/bin/sh", "-c", "httpd -f") and c.tty and c.stdin_open and not c.attached
    ports = {(p.container_port, p.host_port) for p in c.ports}
    assert ports == {("80/tcp", 8080), ("443/tcp", None)}  # IPv6 duplicate dropped, 9000 not published
    assert c.restart_policy == "always" and c.dns == ("192.168.1.1",) and c.extra_hosts == ("test.com:192.168.1.1",)
    assert c.cpu_shares == 512 and c.memory == 1024**3 and c.working_dir == "/tensorflow"
    assert [(m.type, m.source, m.target) for m in c.mounts] == [
        ("bind", "/srv/html", "/usr/share/nginx/html"), ("volume", "/var/lib/docker/volumes/data/_data", "/data")]
    assert c.mounts[1].name == "data"
    assert c.env_dict() == {"foo": "bar", "PATH": "/bin"} and c.networks == ("bridge", "web-network")
    assert c.created.tzinfo is not None and c.created.microsecond == 123456
    assert c.started_at.astimezone(timezone.utc).second == 14 and c.finished_at is None


def test_image_tags_are_familiar_and_dangling_detected():
    img = snapshots.image_info({"Id": "sha256:" + "b" * 64, "RepoTags": ["docker.io/library/nginx:latest", "student/web:1.0"],
                                "Created": 1700000000, "Size": 10})
    assert img.tags == ("nginx:latest", "student/web:1.0") and not img.dangling and img.created.startswith("2023")
    assert snapshots.image_info({"Id": "x", "RepoTags": ["<none>:<none>"]}).dangling


@pytest.fixture
def docker_config(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path))

    def write(data):
        (tmp_path / "config.json").write_text(json.dumps(data), encoding="utf-8")

    return write


def _auth(user, secret):
    return base64.b64encode(f"{user}:{secret}".encode()).decode()


def test_credentials_from_auths_store_and_helpers(docker_config):
    docker_config({"auths": {"https://index.docker.io/v1/": {"auth": _auth("hubuser", "s3cret")},
                             "127.0.0.1:5101": {}},
                   "credsStore": "pass", "credHelpers": {"registry.example.com": "ecr-login"}})
    hub = cli_config.credentials("docker.io")
    assert hub.stored and hub.where == "auths" and hub.username == "hubuser"
    assert "s3cret" not in repr(hub)
    assert cli_config.credentials("https://index.docker.io/v1/").stored
    local = cli_config.credentials("http://127.0.0.1:5101/")
    assert local.stored and local.where == "credsStore:pass"
    assert cli_config.credentials("registry.example.com").where == "credHelpers:ecr-login"
    assert not cli_config.credentials("127.0.0.1:5999").stored


def test_no_config_file_means_nothing_stored(docker_config):
    assert not cli_config.credentials("docker.io").stored


class _Registry(BaseHTTPRequestHandler):
    expected = "Basic " + _auth("student", "pw")

    def do_GET(self):
        if self.headers.get("Authorization") != self.expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="registry"')
            self.end_headers()
            return
        if self.path == "/v2/student/web/tags/list":
            body = json.dumps({"name": "student/web", "tags": ["1.0"]}).encode()
            self.send_response(200)
        else:
            body = b'{"errors":[{"code":"NAME_UNKNOWN"}]}'
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_registry_tags_with_stored_basic_auth(docker_config):
    server = HTTPServer(("127.0.0.1", 0), _Registry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"127.0.0.1:{server.server_port}"
    try:
        docker_config({})
        assert cli_config.registry_tags(address, "student/web") is None  # refused without credentials
        docker_config({"auths": {address: {"auth": _auth("student", "pw")}}})
        assert cli_config.registry_tags(address, "student/web") == ["1.0"]
        assert cli_config.registry_tags(address, "student/other") == []
    finally:
        server.shutdown()
    assert cli_config.registry_tags("127.0.0.1:1", "x/y") is None  # nothing listens: unreachable


def test_view_call_without_daemon_is_daemon_unreachable(tmp_path):
    docker = pytest.importorskip("docker")
    from tutor.daemon.view import DaemonView

    api = docker.APIClient(base_url=f"unix://{tmp_path}/no.sock", version="1.41", timeout=2)
    view = DaemonView(api)
    with pytest.raises(DaemonUnreachable):
        view.server()
    with pytest.raises(DaemonUnreachable):
        view.containers({"ancestor": ["nginx"]})
    assert view.request_count == 2
