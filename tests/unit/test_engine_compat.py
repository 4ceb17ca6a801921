"""Engine differences without a daemon: Podman's filters and states, DOCKER_API_VERSION, a broken
docker config, the usual sockets of Desktop/Colima/OrbStack/rootless/Podman (real unix sockets in
a temp HOME), Windows endpoints and a cp949 console. Real-daemon counterparts:
tests/daemon/test_engines_real.py and tests/daemon/test_podman_real.py."""

from __future__ import annotations

import hashlib
import io
import json
import socket
import subprocess
import sys

import pytest

from tutor.daemon import cli_config, compat, connect, sockets
from tutor.errors import DaemonUnreachable

PODMAN_VERSION = {"Version": "4.3.1", "ApiVersion": "1.41", "MinAPIVersion": "1.24",
                  "Components": [{"Name": "Podman Engine", "Version": "4.3.1"}]}
DOCKER_28 = {"Version": "28.5.2", "ApiVersion": "1.51", "MinAPIVersion": "1.24",
             "Components": [{"Name": "Engine", "Version": "28.5.2"}]}
DOCKER_29 = {"Version": "29.0.0", "ApiVersion": "1.52", "MinAPIVersion": "1.44"}


def summary(name, state="created", image="docker.io/library/nginx:latest", ports=(), status="Created"):
    return {"Id": hashlib.sha256(name.encode()).hexdigest(), "Names": [f"/{name}"], "Image": image,
            "ImageID": "sha256:" + hashlib.sha256(image.encode()).hexdigest(), "State": state,
            "Status": status, "Labels": {"app": "web"}, "Ports": list(ports),
            "NetworkSettings": {"Networks": {"podman": {}}}}


# --- Podman: detection, filters applied on the summaries -----------------------------------

def test_podman_is_told_from_its_version_components():
    assert compat.is_podman(PODMAN_VERSION) and compat.podman_version(PODMAN_VERSION) == "4.3.1"
    assert not compat.is_podman(DOCKER_28) and not compat.is_podman(None)


def test_client_side_matchers_follow_docker_filter_rules():
    web = summary("web", "running", ports=[{"PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"}],
                  status="Up 2 seconds")
    done = summary("done", "exited", image="docker.io/library/centos:latest", status="Exited (3) 1 second ago")
    stopping = summary("slow", "stopping")
    assert compat.matches(web, {"publish": ["8080"]}) and compat.matches(web, {"publish": ["8080/tcp"]})
    assert not compat.matches(web, {"publish": ["8081"]}) and not compat.matches(web, {"publish": ["8080/udp"]})
    assert compat.matches(web, {"expose": ["80"]}) and not compat.matches(web, {"expose": ["8080"]})
    assert compat.matches(web, {"ancestor": ["nginx"]}) and compat.matches(web, {"ancestor": ["nginx:latest"]})
    assert compat.matches(web, {"ancestor": [web["ImageID"][7:19]]})  # a short image id
    assert not compat.matches(web, {"ancestor": ["centos"]})
    assert compat.matches(done, {"status": ["exited", "created", "dead"]}) and compat.matches(done, {"exited": ["3"]})
    assert not compat.matches(done, {"exited": ["0"]})
    assert compat.matches(stopping, {"status": ["running"]})  # Podman's stopping is still running
    assert compat.matches(web, {"label": ["app=web"], "name": ["we"]})
    assert not compat.matches(web, {"label": ["app=web", "tier=front"]})  # labels: every value


def test_refusals_are_recognised_by_their_words():
    class Refusal(Exception):
        explanation = "publish is an invalid filter"

    class Dead(Exception):
        explanation = "unknown container state: dead: invalid argument"

    assert compat.refused_filter_keys(Refusal(), {"publish": ["8080"], "status": ["running"]}) == {"publish"}
    assert compat.refused_filter_keys(Dead(), {"status": ["dead"]}) == {"status"}
    assert compat.refused_filter_keys(Exception("boom"), {"status": ["x"]}) == set()


class RefusingApi:
    """The two list behaviours of Podman 4.3 that made checks exit 4, and a request log."""

    base_url = "http+docker://localhost"

    def __init__(self, rows, refuse=("publish", "expose")):
        self.rows, self.refuse, self.calls = rows, refuse, []

    def send(self, request, **kwargs):  # DaemonView wraps this; the fake never sends
        raise AssertionError("no HTTP here")

    def containers(self, all=True, filters=None):
        import docker.errors

        self.calls.append(dict(filters or {}))
        for key in filters or {}:
            if key in self.refuse:
                raise docker.errors.APIError("500", explanation=f"{key} is an invalid filter")
        if "dead" in (filters or {}).get("status", []):
            raise docker.errors.APIError("500", explanation="unknown container state: dead: invalid argument")
        return [r for r in self.rows if compat.matches(r, {k: v for k, v in (filters or {}).items()
                                                            if k in ("name", "label")})]


def test_podman_view_filters_on_the_summaries_with_one_request_per_list():
    from tutor.daemon.view import DaemonView

    rows = [summary(f"c{i}", "exited", status="Exited (0) now") for i in range(30)]
    rows.append(summary("web", "running", ports=[{"PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"}]))
    api = RefusingApi(rows)
    view = DaemonView(api, server=PODMAN_VERSION)
    assert view.container_names({"publish": ["8080"], "status": ["running"]}) == ["web"]
    assert len(view.container_names({"status": ["exited", "created", "dead"]})) == 30
    assert len(api.calls) == 2 and all("publish" not in c and "status" not in c for c in api.calls)


def test_an_unknown_daemon_refusing_a_filter_costs_one_retry_then_is_remembered():
    from tutor.daemon.view import DaemonView

    api = RefusingApi([summary("web", "running", ports=[{"PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"}])])
    view = DaemonView(api)  # no /version given: assumed Docker
    for _ in range(3):
        assert view.container_names({"publish": ["8080"]}) == ["web"]
    assert api.calls == [{"publish": ["8080"]}, {}, {}, {}]


def test_podman_container_in_docker_words():
    from tutor.daemon.snapshots import container_info

    attrs = {"Id": "x", "Name": "web", "Config": {"Image": "docker.io/library/nginx:latest"},
             "State": {"Status": "stopping"}, "NetworkSettings": {"Networks": {"podman": {}, "web-network": {}}}}
    info = compat.podman_container(container_info(attrs))
    assert (info.state, info.networks, info.image) == ("running", ("bridge", "web-network"), "nginx:latest")


def test_podman_list_entries_in_docker_words():
    from tutor.daemon.view import DaemonView

    view = DaemonView(RefusingApi([summary("slow", "stopping")]), server=PODMAN_VERSION)
    [row] = view.container_list({"status": ["running"]})
    assert (row.name, row.state, list(row.networks)) == ("slow", "running", ["bridge"])


def test_invalid_reference_is_no_image_on_docker_400_and_podman_500():
    import docker.errors
    import requests

    for status, text in ((400, "invalid reference format: repository name must be lowercase"),
                         (500, "normalizing image: normalizing name for compat API: repository name must be lowercase")):
        response = requests.Response()
        response.status_code = status
        assert compat.invalid_reference(docker.errors.APIError("x", response=response, explanation=text))
    response = requests.Response()
    response.status_code = 500
    assert not compat.invalid_reference(docker.errors.APIError("x", response=response, explanation="disk full"))


# --- DOCKER_API_VERSION, like the CLI -----------------------------------------------------

EP = connect.Endpoint(url="unix:///run/x.sock", source="env")


@pytest.mark.parametrize("pinned, server, code, words", [
    ("1.12", DOCKER_28, "daemon.api_pinned_too_old", ["1.12", "1.24", "docker 명령도"]),
    ("1.43", DOCKER_29, "daemon.api_pinned_too_old", ["1.43", "1.44", "Engine 29"]),
    ("1.60", DOCKER_28, "daemon.api_pinned_too_new", ["1.60", "1.51"]),
])
def test_a_pinned_version_the_daemon_refuses_is_explained(pinned, server, code, words):
    with pytest.raises(DaemonUnreachable) as err:
        connect._choose_version(server, pinned, EP)
    assert err.value.code == code and "unset DOCKER_API_VERSION" in err.value.hint
    for word in words:
        assert word in err.value.message


def test_a_pinned_version_the_daemon_accepts_is_used_or_lifted_to_ours():
    assert connect._choose_version(DOCKER_28, "1.45", EP) == "1.45"
    assert connect._choose_version(DOCKER_28, "1.30", EP) == "1.51"  # the CLI works; we read with 1.51
    assert connect._choose_version(DOCKER_28, None, EP) == "1.51"
    assert connect._choose_version(DOCKER_29, None, EP) == "1.52"
    with pytest.raises(DaemonUnreachable) as err:
        connect._choose_version({"ApiVersion": "1.39", "MinAPIVersion": "1.12"}, None, EP)
    assert err.value.code == "daemon.api_too_old"


def test_a_malformed_pinned_version_is_refused_before_connecting():
    with pytest.raises(DaemonUnreachable) as err:
        connect.connect(env={"DOCKER_HOST": "unix:///nonexistent.sock", "DOCKER_API_VERSION": "latest"})
    assert err.value.code == "daemon.api_pinned_invalid" and "'latest'" in err.value.message


# --- a broken ~/.docker/config.json ------------------------------------------------------

@pytest.mark.parametrize("content, words", [
    (b'{"auths": {"127.0.0.1:5101": {"auth": "c3R1ZGVudDp4"}}', "JSON 형식이 깨졌어요"),
    (b'["not", "an", "object"]', "JSON 객체"),
    (b'\xff\xfe{"auths": {}}', "UTF-8"),
])
def test_broken_docker_config_is_said_and_logout_does_not_pass(tmp_path, content, words):
    from tutor.checks.base import CheckContext
    from tutor.checks.registries import check_credentials, check_no_credentials
    from tutor.daemon.view import DaemonView

    (tmp_path / "config.json").write_bytes(content)
    env = {"DOCKER_CONFIG": str(tmp_path)}
    assert words in cli_config.config_problem(env)
    view = DaemonView(RefusingApi([]), env=env)
    ctx = CheckContext(step_id="4.1/logout")
    for check in (check_no_credentials, check_credentials):
        problems = check({"server": "127.0.0.1:5101"}, view, ctx)
        assert [p.code for p in problems] == ["docker_config.broken"]
        assert "Error parsing config file" in problems[0].message


def test_a_missing_or_fine_config_is_no_problem(tmp_path):
    env = {"DOCKER_CONFIG": str(tmp_path)}
    assert cli_config.config_problem(env) == ""
    (tmp_path / "config.json").write_text(json.dumps({"auths": {}}))
    assert cli_config.config_problem(env) == ""


# --- the usual sockets, as real unix sockets in a temp HOME --------------------------------

def _listen(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    sock.listen(1)
    return sock


@pytest.fixture
def home(tmp_path):
    env = {"HOME": str(tmp_path / "home"), "XDG_RUNTIME_DIR": str(tmp_path / "run"),
           "DOCKER_CONFIG": str(tmp_path / "home" / ".docker"),
           "DOCKER_TUTOR_DEFAULT_SOCKET": str(tmp_path / "no-default.sock")}
    opened = []
    yield env, tmp_path, opened
    for sock in opened:
        sock.close()


@pytest.mark.parametrize("product, relative", [
    ("Docker Desktop", "home/.docker/run/docker.sock"),
    ("Colima", "home/.colima/default/docker.sock"),
    ("OrbStack", "home/.orbstack/run/docker.sock"),
    ("rootless Docker", "run/docker.sock"),
    ("Podman", "run/podman/podman.sock"),
])
def test_each_usual_socket_is_found_when_the_default_is_missing(home, product, relative):
    env, root, opened = home
    opened.append(_listen(root / relative))
    ep = connect.resolve_endpoint(env)
    assert (ep.source, ep.product, ep.url) == ("discovered", product, f"unix://{root / relative}")
    assert product in ep.describe() and "기본 소켓이 없어서" in ep.describe()


def test_discovery_order_and_what_stops_it(home):
    env, root, opened = home
    opened.append(_listen(root / "home/.colima/default/docker.sock"))
    opened.append(_listen(root / "run/podman/podman.sock"))
    (root / "home/.docker/run").mkdir(parents=True)
    (root / "home/.docker/run/docker.sock").write_text("not a socket")  # a plain file is not a daemon
    assert connect.resolve_endpoint(env).product == "Colima"
    assert [c.product for c in sockets.survey(env) if c.found] == ["Colima", "Podman"]
    # A default socket that exists, DOCKER_HOST, or a context: no discovery (the CLI's order).
    opened.append(_listen(root / "default.sock"))
    assert connect.resolve_endpoint({**env, "DOCKER_TUTOR_DEFAULT_SOCKET": str(root / "default.sock")}).source == "default"
    assert connect.resolve_endpoint({**env, "DOCKER_HOST": "tcp://10.0.0.9:2375"}).source == "env"


def test_nothing_found_keeps_the_default_endpoint(home):
    env, root, _ = home
    ep = connect.resolve_endpoint(env)
    assert (ep.source, ep.url) == ("default", f"unix://{root / 'no-default.sock'}")
    assert not any(c.found for c in sockets.survey(env))


# --- Windows readiness ---------------------------------------------------------------------

def _context(config_dir, name, host):
    cid = hashlib.sha256(name.encode()).hexdigest()
    meta = config_dir / "contexts" / "meta" / cid
    meta.mkdir(parents=True)
    (meta / "meta.json").write_text(json.dumps({"Name": name, "Endpoints": {"docker": {"Host": host}}}))


def test_npipe_endpoints_from_docker_desktop_contexts(tmp_path):
    pipe = "npipe:////./pipe/dockerDesktopLinuxEngine"  # Docker Desktop 4.x's desktop-linux context
    _context(tmp_path, "desktop-linux", pipe)
    (tmp_path / "config.json").write_text(json.dumps({"currentContext": "desktop-linux"}))
    ep = connect.resolve_endpoint({"DOCKER_CONFIG": str(tmp_path)})
    assert (ep.url, ep.source, ep.context, ep.tls) == (pipe, "context", "desktop-linux", None)


def test_windows_default_is_the_docker_engine_pipe(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "win32")
    env = {"DOCKER_CONFIG": str(tmp_path), "HOME": str(tmp_path)}
    assert sockets.discover(env) is None  # Desktop installs its context; pipes are not stat'ed
    ep = connect.resolve_endpoint(env)
    assert (ep.url, ep.source) == ("npipe:////./pipe/docker_engine", "default")


def test_cp949_stream_is_switched_to_utf8_and_never_raises():
    from tutor.textio import ensure_utf8

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp949")
    with pytest.raises(UnicodeEncodeError):
        "✓".encode("cp949")
    ensure_utf8(stream)
    stream.write("✓ 통과했어요 — 다음 단계 →\n")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "✓ 통과했어요 — 다음 단계 →\n"


def test_the_cli_prints_symbols_on_a_cp949_console(tmp_path):
    code = "from tutor.cli import main; from tutor.render import make_console; main(['list']); print('✓ ⚠ →')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60,
                         env={"PYTHONIOENCODING": "cp949", "DOCKER_TUTOR_HOME": str(tmp_path),
                              "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    assert "✓ ⚠ →" in out.stdout.decode("utf-8") and b"UnicodeEncodeError" not in out.stderr
