"""Endpoint resolution like the docker CLI, against a fake $DOCKER_CONFIG (no daemon needed)."""

from __future__ import annotations

import errno
import hashlib
import json
import ssl

import pytest

from tutor.daemon import diagnose
from tutor.daemon.connect import default_url, resolve_endpoint
from tutor.errors import DaemonUnreachable


def write_context(config_dir, name, host, skip_tls=False, tls_files=()):
    """Lay a context out exactly as `docker context create` does (checked in the daemon tests)."""
    cid = hashlib.sha256(name.encode()).hexdigest()
    meta_dir = config_dir / "contexts" / "meta" / cid
    meta_dir.mkdir(parents=True)
    meta = {"Name": name, "Metadata": {}, "Endpoints": {"docker": {"Host": host, "SkipTLSVerify": skip_tls}}}
    (meta_dir / "meta.json").write_text(json.dumps(meta))
    if tls_files:
        tls_dir = config_dir / "contexts" / "tls" / cid / "docker"
        tls_dir.mkdir(parents=True)
        for fname in tls_files:
            (tls_dir / fname).write_text("x")


@pytest.fixture
def cfg(tmp_path):
    path = tmp_path / "docker-config"
    path.mkdir()
    return path


def test_docker_host_wins_over_context(cfg):
    write_context(cfg, "other", "unix:///tmp/other.sock")
    (cfg / "config.json").write_text(json.dumps({"currentContext": "other"}))
    env = {"DOCKER_CONFIG": str(cfg), "DOCKER_HOST": "tcp://10.0.0.5:2375", "DOCKER_CONTEXT": "other"}
    ep = resolve_endpoint(env)
    assert (ep.url, ep.source, ep.context, ep.tls) == ("tcp://10.0.0.5:2375", "env", None, None)


def test_docker_context_env_beats_current_context(cfg):
    write_context(cfg, "desktop-linux", "unix:///home/me/.docker/run/docker.sock")
    write_context(cfg, "colima", "unix:///home/me/.colima/default/docker.sock")
    (cfg / "config.json").write_text(json.dumps({"currentContext": "colima"}))
    ep = resolve_endpoint({"DOCKER_CONFIG": str(cfg), "DOCKER_CONTEXT": "desktop-linux"})
    assert (ep.url, ep.source, ep.context) == ("unix:///home/me/.docker/run/docker.sock", "context", "desktop-linux")


def test_current_context_from_config_json(cfg):
    write_context(cfg, "colima", "unix:///home/me/.colima/default/docker.sock")
    (cfg / "config.json").write_text(json.dumps({"auths": {}, "currentContext": "colima"}))
    ep = resolve_endpoint({"DOCKER_CONFIG": str(cfg)})
    assert (ep.url, ep.source, ep.context) == ("unix:///home/me/.colima/default/docker.sock", "context", "colima")


def test_config_dir_defaults_to_home_dot_docker(tmp_path):
    write_context(tmp_path / ".docker", "orbstack", "unix:///home/me/.orbstack/run/docker.sock")
    (tmp_path / ".docker" / "config.json").write_text(json.dumps({"currentContext": "orbstack"}))
    ep = resolve_endpoint({"HOME": str(tmp_path)})
    assert ep.url == "unix:///home/me/.orbstack/run/docker.sock" and ep.context == "orbstack"


def test_default_socket_without_anything(cfg):
    ep = resolve_endpoint({"DOCKER_CONFIG": str(cfg)})
    assert (ep.url, ep.source, ep.context) == (default_url(), "default", None)
    assert default_url() == "unix:///var/run/docker.sock"


def test_default_context_name_means_default_socket(cfg):
    (cfg / "config.json").write_text(json.dumps({"currentContext": "default"}))
    ep = resolve_endpoint({"DOCKER_CONFIG": str(cfg)})
    assert (ep.url, ep.source) == (default_url(), "default")
    assert resolve_endpoint({"DOCKER_CONFIG": str(cfg), "DOCKER_CONTEXT": "default"}).source == "default"


def test_broken_config_json_falls_back_to_default(cfg):
    (cfg / "config.json").write_text("{not json")
    assert resolve_endpoint({"DOCKER_CONFIG": str(cfg)}).source == "default"


def test_missing_context_is_daemon_unreachable(cfg):
    write_context(cfg, "colima", "unix:///x.sock")
    with pytest.raises(DaemonUnreachable) as err:
        resolve_endpoint({"DOCKER_CONFIG": str(cfg), "DOCKER_CONTEXT": "ghost"})
    exc = err.value
    assert exc.code == "daemon.context_missing" and exc.exit_code == 3
    assert "ghost" in exc.message and "컨텍스트" in exc.message
    assert "colima" in exc.hint and "docker context ls" in exc.hint


def test_current_context_that_was_deleted(cfg):
    (cfg / "config.json").write_text(json.dumps({"currentContext": "gone"}))
    with pytest.raises(DaemonUnreachable) as err:
        resolve_endpoint({"DOCKER_CONFIG": str(cfg)})
    assert err.value.code == "daemon.context_missing"


def test_env_tls_uses_cert_path(tmp_path):
    certs = tmp_path / "certs"
    certs.mkdir()
    for name in ("ca.pem", "cert.pem", "key.pem"):
        (certs / name).write_text("x")
    env = {"DOCKER_HOST": "tcp://docker.example:2376", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": str(certs)}
    tls = resolve_endpoint(env).tls
    assert tls.verify is True
    assert (tls.ca_cert, tls.client_cert, tls.client_key) == (
        str(certs / "ca.pem"), str(certs / "cert.pem"), str(certs / "key.pem"))


def test_env_tls_default_cert_dir_is_docker_config(cfg):
    (cfg / "ca.pem").write_text("x")
    env = {"DOCKER_HOST": "tcp://h:2376", "DOCKER_TLS_VERIFY": "1", "DOCKER_CONFIG": str(cfg)}
    tls = resolve_endpoint(env).tls
    assert tls.ca_cert == str(cfg / "ca.pem") and tls.client_cert is None


def test_no_tls_without_verify_or_for_unix_socket(cfg):
    assert resolve_endpoint({"DOCKER_HOST": "tcp://h:2375"}).tls is None
    assert resolve_endpoint({"DOCKER_HOST": "unix:///x.sock", "DOCKER_TLS_VERIFY": "1"}).tls is None
    # DOCKER_TLS alone: encrypted but not verified, as the CLI does.
    assert resolve_endpoint({"DOCKER_HOST": "tcp://h:2376", "DOCKER_TLS": "1",
                             "DOCKER_CONFIG": str(cfg)}).tls.verify is False


def test_context_tls_files(cfg):
    write_context(cfg, "remote", "tcp://build.example:2376", tls_files=("ca.pem", "cert.pem", "key.pem"))
    ep = resolve_endpoint({"DOCKER_CONFIG": str(cfg), "DOCKER_CONTEXT": "remote"})
    cid = hashlib.sha256(b"remote").hexdigest()
    assert ep.tls.verify is True
    assert ep.tls.ca_cert == str(cfg / "contexts" / "tls" / cid / "docker" / "ca.pem")
    write_context(cfg, "insecure", "tcp://build.example:2376", skip_tls=True, tls_files=("cert.pem", "key.pem"))
    ep = resolve_endpoint({"DOCKER_CONFIG": str(cfg), "DOCKER_CONTEXT": "insecure"})
    assert ep.tls.verify is False and ep.tls.ca_cert is None


def test_context_without_host_uses_default_socket(cfg):
    write_context(cfg, "blank", "")
    ep = resolve_endpoint({"DOCKER_CONFIG": str(cfg), "DOCKER_CONTEXT": "blank"})
    assert ep.url == default_url() and ep.source == "context"


class _Wrapped(Exception):
    """Like requests' ConnectionError: the OS error hides in args / reason, not __cause__."""


@pytest.mark.parametrize("inner, code", [
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), "daemon.not_running"),
    (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), "daemon.not_running"),
    (PermissionError(errno.EACCES, "Permission denied"), "daemon.permission"),
    (ssl.SSLError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"), "daemon.tls"),
    (TimeoutError("timed out"), "daemon.not_running"),
])
def test_explain_finds_the_real_cause(inner, code):
    ep = resolve_endpoint({"DOCKER_HOST": "unix:///run/x.sock"})
    outer = _Wrapped("Connection aborted.", inner)
    try:
        raise RuntimeError("Error while fetching server API version") from outer
    except RuntimeError as exc:
        result = diagnose.explain(exc, ep)
    assert result.code == code and result.exit_code == 3
    assert "unix:///run/x.sock" in result.message and "DOCKER_HOST" in result.message
    assert result.hint  # always a next step
    assert result.data["endpoint"] == "unix:///run/x.sock"


def test_not_running_hint_names_the_platforms():
    hint = diagnose.not_running(None).hint
    assert "systemctl start docker" in hint and "Docker Desktop" in hint and "colima start" in hint


def test_api_too_old_message():
    exc = diagnose.api_too_old("1.30", "1.40", None)
    assert exc.code == "daemon.api_too_old" and "1.30" in exc.message and "1.40" in exc.message


class _FakeEngine:
    """A unix-socket HTTP server answering /version like an old engine would."""

    def __init__(self, path, api_version):
        import http.server
        import socketserver
        import threading

        body = json.dumps({"Version": "17.03.0", "ApiVersion": api_version, "Os": "linux"}).encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
            daemon_threads = True

        self.server = Server(str(path), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("api_version, ok", [("1.30", False), ("1.41", True), ("1.47", True)])
def test_connect_negotiates_and_refuses_too_old_engines(tmp_path, api_version, ok):
    pytest.importorskip("docker")
    from tutor.daemon.connect import connect

    sock = tmp_path / "engine.sock"
    engine = _FakeEngine(sock, api_version)
    try:
        env = {"DOCKER_HOST": f"unix://{sock}", "DOCKER_CONFIG": str(tmp_path)}
        if ok:
            conn = connect(timeout=5, env=env)
            assert conn.api_version == api_version and conn.endpoint.source == "env"
            conn.close()
        else:
            with pytest.raises(DaemonUnreachable) as err:
                connect(timeout=5, env=env)
            assert err.value.code == "daemon.api_too_old" and api_version in err.value.message
    finally:
        engine.close()
