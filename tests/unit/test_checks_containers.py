"""Every container/daemon problem code: fails on the wrong state, passes on the right one, and
the Korean message names what was found."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest

from tests.fakes import BASE_TIME, FakeView, container, image
from tutor.checks import containers as kinds  # noqa: F401 - registers the kinds
from tutor.checks.base import CheckContext
from tutor.checks.kinds import CHECK_KINDS
from tutor.state import Mount, PortBinding

CTX = CheckContext(step_id="t/x")


def run(kind, params, view, ctx=CTX):
    return CHECK_KINDS[kind].fn(params, view, ctx)


def codes(problems):
    return [p.code for p in problems]


def only(problems, code):
    assert code in codes(problems), problems
    p = next(p for p in problems if p.code == code)
    assert p.message and p.code not in p.message  # a real Korean sentence, not the fallback
    return p


# --- finding by name ------------------------------------------------------------------------

def test_named_container_passes_and_missing_fails():
    view = FakeView([container("web1", state="running")])
    assert run("container", {"name": "web1", "state": "running"}, view) == []
    p = only(run("container", {"name": "zzz-other", "state": "running"}, view), "container.missing")
    assert "zzz-other" in p.message


def test_similar_name_names_the_one_found():
    view = FakeView([container("webserverr")])
    p = only(run("container", {"name": "webserver"}, view), "container.similar_name")
    assert p.found == "webserverr" and "webserverr" in p.message and "rename" in p.message


def test_unnamed_container_that_matches_everything_else():
    view = FakeView([container("quirky_turing", image="nginx", ports={"80/tcp": 28080})])
    p = only(run("container", {"name": "web-x", "image": "nginx", "ports": {"80/tcp": 28080}}, view),
             "container.unnamed")
    assert p.found == "quirky_turing"


# --- state ----------------------------------------------------------------------------------

@pytest.mark.parametrize("want,state,code,advice", [
    ("running", "exited", "container.not_running", "docker container start c"),  # run-detached: exited
    ("running", "paused", "container.state", "docker container unpause c"),  # unpause: still paused
    ("paused", "exited", "container.state", "pause 대신 멈춘(stop)"),  # pause: stopped instead
    ("exited", "running", "container.state", "docker container stop c"),  # stop: still running
])
def test_state_codes(want, state, code, advice):
    view = FakeView([container("c", state=state)])
    p = only(run("container", {"name": "c", "state": want}, view), code)
    assert state in p.message and advice in p.message
    assert run("container", {"name": "c", "state": [want, state]}, view) == []


def test_created_container_never_started_and_started_when_only_created():
    fresh = FakeView([container("c", state="created", started_at=None)])
    assert run("container", {"name": "c", "state": "created"}, fresh) == []
    p = only(run("container", {"name": "c", "state": "running"}, fresh), "container.not_running")
    assert "start" in p.message
    only(run("container", {"name": "c", "state": "exited"}, fresh), "container.never_created")
    ran = FakeView([container("c", state="exited")])
    p = only(run("container", {"name": "c", "state": "created"}, ran), "container.started")
    assert "create" in p.message and "exited" in p.message


def test_exit_code_137_vs_graceful_stop():
    view = FakeView([container("k", state="exited", exit_code=0)])
    p = only(run("container", {"name": "k", "exit_code": 137}, view), "container.exit_code")
    assert p.found == "0" and "kill" in p.message
    assert run("container", {"name": "k", "exit_code": 0}, view) == []
    killed = FakeView([container("k", state="exited", exit_code=137)])
    p = only(run("container", {"name": "k", "state": "exited", "exit_code": 0}, killed), "container.exit_code")
    assert "137" in p.message and "docker container stop k" in p.message  # stop step: killed instead
    paused = FakeView([container("k", state="paused")])
    p = only(run("container", {"name": "k", "state": "exited", "exit_code": 0}, paused), "container.state")
    assert "docker container stop k" in p.message and codes(run("container", {"name": "k", "state": "exited", "exit_code": 0}, paused)) == ["container.state"]


# --- image, command, tty --------------------------------------------------------------------

def test_image_and_command():
    view = FakeView([container("c", image="nginx", cmd=("/bin/sh",))], images=[image("nginx:latest")])
    p = only(run("container", {"name": "c", "image": "centos"}, view), "container.image")
    assert "nginx" in p.message and "centos" in p.message
    assert run("container", {"name": "c", "image": "docker.io/library/nginx:latest"}, view) == []
    p = only(run("container", {"name": "c", "command": ["/bin/bash"]}, view), "container.command")
    assert "/bin/sh" in p.message
    assert run("container", {"name": "c", "command": ["sh"]}, view) == []


def test_no_it_and_attached():
    view = FakeView([container("c", tty=False, stdin_open=False, attached=True)], attached=["c"])
    problems = run("container", {"name": "c", "tty": True, "stdin_open": True, "detached": True}, view)
    assert {"container.no_tty", "container.no_stdin", "container.attached"} <= set(codes(problems))
    assert "-it" in only(problems, "container.no_tty").message
    ok = FakeView([container("c", tty=True, stdin_open=True, attached=False)])
    assert run("container", {"name": "c", "tty": True, "stdin_open": True, "detached": True}, ok) == []


def test_create_then_start_is_not_called_attached():
    # Issue 11: `create` sets AttachStdout like a foreground `run`; only a real attach counts.
    view = FakeView([container("c", attached=True)])  # config flag set, no client ever attached
    assert run("container", {"name": "c", "state": "running", "detached": True}, view) == []


# --- ports, found by properties -------------------------------------------------------------

PORT_CHECK = {"image": "nginx", "state": "running", "ports": {"80/tcp": 28080}}


def test_ports_reversed_by_properties():
    view = FakeView([container("eager_x", ports=[PortBinding("28080/tcp", "0.0.0.0", 80)])])
    p = only(run("container", PORT_CHECK, view), "port.reversed")
    assert p.found == "80:28080" and p.expected == "28080:80" and "-p 28080:80" in p.message


def test_other_host_port_and_not_published():
    view = FakeView([container("a", ports={"80/tcp": 28081})])
    p = only(run("container", PORT_CHECK, view), "port.other_host_port")
    assert "28081" in p.message
    view = FakeView([container("b")])
    only(run("container", PORT_CHECK, view), "port.not_published")
    assert run("container", PORT_CHECK, FakeView([container("c", ports={"80/tcp": 28080})])) == []


def test_closest_candidate_is_the_near_miss_not_an_unrelated_one():
    old = container("old-web", created=BASE_TIME)  # nginx without any port
    attempt = container("attempt", ports=[PortBinding("28080/tcp", "0.0.0.0", 80)], created=BASE_TIME + timedelta(hours=1))
    assert codes(run("container", PORT_CHECK, FakeView([old, attempt]))) == ["port.reversed"]
    assert codes(run("container", PORT_CHECK, FakeView([attempt, old]))) == ["port.reversed"]


def test_right_container_but_stopped():
    view = FakeView([container("s", state="exited", ports={"80/tcp": 28080})])
    p = only(run("container", PORT_CHECK, view), "container.not_running")
    assert "exited" in p.message


def test_port_taken_names_the_holder():
    holder = container("holder-x", image="centos", ports={"80/tcp": 28080})
    mine = container("mine", state="created", started_at=None, ports={"80/tcp": 28080})
    problems = run("container", PORT_CHECK, FakeView([holder, mine]))
    p = only(problems, "port.taken")
    assert p.found == "holder-x" and "holder-x" in p.message and "28080" in p.message


def test_no_candidate_at_all():
    p = only(run("container", PORT_CHECK, FakeView([container("c", image="centos")])), "container.missing")
    assert "nginx" in p.message


# --- options ----------------------------------------------------------------------------------

def test_restart_policy_and_seed_typo():
    view = FakeView([container("r", image="centos", restart_policy="no")])
    p = only(run("container", {"image": "centos", "restart": "always"}, view), "restart.policy")
    assert "--restart-always" in p.message and "no" in p.message
    p = only(run("container", {"image": "centos", "restart": "always"}, FakeView([])), "container.missing")
    assert "--restart=always" in p.message
    assert run("container", {"image": "centos", "restart": "always"},
               FakeView([container("r", image="centos", restart_policy="always")])) == []


def test_dns():
    spec = {"image": "nginx", "dns": ["192.168.1.1"]}
    only(run("container", spec, FakeView([container("d")])), "dns.missing")
    p = only(run("container", spec, FakeView([container("d", dns=("192.168.1.2",))])), "dns.other")
    assert "192.168.1.2" in p.message
    assert run("container", spec, FakeView([container("d", dns=("192.168.1.1",))])) == []


def test_extra_hosts():
    spec = {"image": "centos", "extra_hosts": ["test.com:192.168.1.1"]}
    mk = lambda *h: FakeView([container("h", image="centos", extra_hosts=h)])  # noqa: E731
    p = only(run("container", spec, mk("192.168.1.1:test.com")), "hosts.swapped")
    assert "192.168.1.1:test.com" in p.message
    p = only(run("container", spec, mk("test.com:10.0.0.9")), "hosts.other_address")
    assert "10.0.0.9" in p.message
    only(run("container", spec, mk()), "hosts.missing")
    assert run("container", spec, mk("test.com:192.168.1.1")) == []


def test_cpu_and_memory():
    spec = {"image": "centos", "cpu_shares": 512, "memory": "1g"}
    mk = lambda **kw: FakeView([container("m", image="centos", **kw)])  # noqa: E731
    problems = run("container", spec, mk(cpu_shares=0, memory=1000 * 1024**2))
    assert "1024" in only(problems, "cpu.default").message
    p = only(problems, "memory.unit")
    assert "1000MiB" in p.message and "GiB" in p.message
    p = only(run("container", spec, mk(cpu_shares=256, memory=512 * 1024**2)), "cpu.shares")
    assert "256" in p.message
    only(run("container", spec, mk(cpu_shares=512, memory=512 * 1024**2)), "memory.other")
    only(run("container", spec, mk(cpu_shares=512)), "memory.missing")
    assert run("container", spec, mk(cpu_shares=512, memory=1024**3)) == []
    p = only(run("container", spec, FakeView([])), "container.missing")
    assert "6MB" in p.message  # --memory=1m is refused by the daemon


def test_env_and_case():
    spec = {"image": "centos", "env": {"foo": "bar"}}
    mk = lambda env: FakeView([container("e", image="centos", env=env)])  # noqa: E731
    p = only(run("container", spec, mk({"FOO": "bar"})), "env.name_case")
    assert "FOO" in p.message
    p = only(run("container", spec, mk({"foo": "baz"})), "env.other_value")
    assert "baz" in p.message
    only(run("container", spec, mk({"PATH": "/bin"})), "env.missing")
    assert run("container", spec, mk({"PATH": "/bin", "foo": "bar"})) == []


def test_env_file_lists_missing_vars(tmp_path):
    from tutor.paths import practice_dir

    tmp_path = practice_dir()  # a lesson's env file lives in the practice folder
    f = tmp_path / "env_list"
    f.write_text("# comment\nfoo=bar\nhello=world\n\nlang=ko\n", encoding="utf-8")
    spec = {"image": "centos", "env_file": str(f)}
    p = only(run("container", spec, FakeView([container("e", image="centos", env={"foo": "bar"})])),
             "env_file.missing_vars")
    assert "hello=world" in p.message and "lang=ko" in p.message and "foo=bar" not in p.expected
    ok = FakeView([container("e", image="centos", env={"foo": "bar", "hello": "world", "lang": "ko"})])
    assert run("container", spec, ok) == []
    gone = {"image": "centos", "env_file": str(tmp_path / "nope")}
    p = only(run("container", gone, ok, CheckContext(step_id="4.2/run-env-file")), "env_file.missing_file")
    assert "docker-tutor begin 4.2/run-env-file" in p.message
    assert "Error" not in p.message and p.found == "파일 없음"  # no Python exception name


def test_workdir():
    spec = {"image": "centos", "workdir": "/tensorflow"}
    p = only(run("container", spec, FakeView([container("w", image="centos", working_dir="/tmp")])), "workdir.other")
    assert "/tmp" in p.message
    assert run("container", spec, FakeView([container("w", image="centos", working_dir="/tensorflow/")])) == []


def test_started_after_step():
    c = container("r", created=BASE_TIME, started_at=BASE_TIME + timedelta(seconds=10))
    view = FakeView([c])
    spec = {"name": "r", "started_after_step": True}
    assert run("container", spec, view, CheckContext(since=BASE_TIME + timedelta(seconds=5))) == []
    only(run("container", spec, view, CheckContext(since=BASE_TIME + timedelta(seconds=20))), "container.not_restarted")
    # Without a known step start: started at least a second after it was created.
    assert run("container", spec, view) == []
    fresh = FakeView([container("r", created=BASE_TIME, started_at=BASE_TIME + timedelta(milliseconds=200))])
    only(run("container", spec, fresh), "container.not_restarted")


def test_networks():
    spec = {"name": "n", "networks": ["web-net"]}
    only(run("container", spec, FakeView([container("n", networks=("bridge",))])), "network.default_only")
    p = only(run("container", spec, FakeView([container("n", networks=("other-net",))])), "network.not_attached")
    assert "other-net" in p.message
    assert run("container", spec, FakeView([container("n", networks=("web-net",))])) == []
    p = only(run("container", {"name": "n", "not_networks": ["web-net"]},
                 FakeView([container("n", networks=("bridge", "web-net"))])), "network.still_attached")
    assert "web-net" in p.message


# --- mounts -----------------------------------------------------------------------------------

HTML = "/usr/share/nginx/html"


def test_mount_typo_volume_and_missing(tmp_path):
    src = tmp_path / "html"
    src.mkdir()
    (src / "index.html").write_text("hi")
    spec = {"image": "nginx", "mounts": [{"type": "bind", "target": HTML, "source": str(src)}]}
    mk = lambda *m: FakeView([container("v", mounts=m)])  # noqa: E731
    p = only(run("container", spec, mk(("bind", str(src), "/user/share/nginx/html"))), "mount.typo_target")
    assert "/user/share/nginx/html" in p.message
    p = only(run("container", spec, mk(Mount("volume", "html", HTML, name="html"))), "mount.volume_not_bind")
    assert "html" in p.found and "볼륨" in p.message
    only(run("container", spec, mk()), "mount.missing")
    other = tmp_path / "other"
    other.mkdir()
    (other / "x").write_text("x")
    p = only(run("container", spec, mk(("bind", str(other), HTML))), "mount.other_source")
    assert str(other) in p.message
    assert run("container", spec, mk(("bind", str(src), HTML))) == []


def test_bind_source_created_empty_by_docker(tmp_path):
    empty = tmp_path / "not-there-before"
    empty.mkdir()
    made = BASE_TIME.fromtimestamp(os.stat(empty).st_ctime, tz=BASE_TIME.tzinfo)
    c = container("v", mounts=[("bind", str(empty), HTML)], created=made)
    spec = {"image": "nginx", "mounts": [{"type": "bind", "target": HTML}]}
    p = only(run("container", spec, FakeView([c])), "mount.source_created_empty")
    assert str(empty) in p.message
    # A remote daemon's paths are not ours to look at: no such diagnosis then.
    assert run("container", spec, FakeView([c], local=False)) == []


def test_an_existing_empty_folder_is_not_called_created_by_docker(tmp_path):
    # Issue 11: the learner's own (empty) folder existed before the container: not "호스트 경로가 없어서".
    mine = tmp_path / "mine"
    mine.mkdir()
    later = BASE_TIME.fromtimestamp(os.stat(mine).st_ctime + 1.0, tz=BASE_TIME.tzinfo)
    c = container("v", mounts=[("bind", str(mine), HTML)], created=later)
    spec = {"image": "nginx", "mounts": [{"type": "bind", "target": HTML, "source": str(tmp_path / "html"),
                                          "any_source": True}]}
    assert run("container", spec, FakeView([c])) == []  # any existing host folder passes
    strict = {"image": "nginx", "mounts": [{"type": "bind", "target": HTML, "source": str(tmp_path / "html")}]}
    assert codes(run("container", strict, FakeView([c]))) == ["mount.other_source"]


# --- absent, no_stopped, daemon -----------------------------------------------------------------

def test_container_absent():
    view = FakeView([container("gone-x", state="running")], images=[])
    p = only(run("container_absent", {"name": "gone-x"}, view), "container.still_running")
    assert "-f" in p.message
    only(run("container_absent", {"name": "gone-x"}, FakeView([container("gone-x", state="exited")])),
         "container.still_there")
    assert run("container_absent", {"name": "gone-x"}, FakeView([])) == []
    only(run("container_absent", {"name": "gone-x", "keep_image": "nginx"}, FakeView([])), "image.keep_missing")
    assert run("container_absent", {"name": "gone-x", "keep_image": "nginx"}, FakeView([], images=[image()])) == []


def test_no_stopped():
    view = FakeView([container("a", state="exited"), container("b", state="created"), container("c")])
    p = only(run("no_stopped", {}, view), "container.stopped_remain")
    assert "a" in p.found and "b" in p.found and "c" not in p.found.split(", ")
    assert run("no_stopped", {}, FakeView([container("c")])) == []


def test_daemon_kind():
    assert run("daemon", {}, FakeView()) == []
    only(run("daemon", {}, FakeView(unreachable=True)), "daemon.unreachable")


def test_check_cost_does_not_grow_with_unrelated_containers():
    spec = {"image": "nginx", "state": "running", "ports": {"80/tcp": 28080}}
    small = FakeView([container("me", ports={"80/tcp": 28080})])
    run("container", spec, small)
    crowd = FakeView([container("me", ports={"80/tcp": 28080})] +
                     [container(f"other{i}", image="centos", created=BASE_TIME - timedelta(days=1)) for i in range(30)])
    run("container", spec, crowd)
    assert crowd.calls == small.calls
