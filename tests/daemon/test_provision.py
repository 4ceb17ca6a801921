"""scripts/provision-daemon against a throw-away second dockerd (own socket, pid file, data and
exec roots, no bridge, no iptables) that runs in its OWN network namespace: first start, then
recovery after `kill -9` left a stale pid file and socket, a pid file naming an unrelated live
process, and a stray registry on the mirror port. The shared daemon is never touched.

Why a network namespace: a second dockerd sharing the host's namespace deleted the host's
`docker0` bridge when it stopped, which broke every container start of the shared daemon."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.daemon,
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0, reason="starting a dockerd needs root"),
    pytest.mark.skipif(not (shutil.which("dockerd") and shutil.which("docker-registry") and shutil.which("docker")),
                       reason="needs dockerd, docker and docker-registry"),
]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(")")[-1].split()[0] != "Z"


NETNS: list[str] = []  # the `nsenter --net=...` prefix of the running test


def in_ns(argv: list[str]) -> list[str]:
    return [*NETNS, *argv]


@pytest.fixture
def second_daemon():
    base = Path(tempfile.mkdtemp(prefix="tt-pd-", dir="/tmp"))  # short: unix socket paths are limited
    netns = f"tt-pd-{base.name[-8:]}"
    subprocess.run(["ip", "netns", "add", netns], check=True, timeout=30)
    subprocess.run(["ip", "netns", "exec", netns, "ip", "link", "set", "lo", "up"], check=True, timeout=30)
    # nsenter joins only the network namespace; `ip netns exec` would also remount /sys and hide
    # the cgroup mounts dockerd needs.
    NETNS[:] = ["nsenter", f"--net=/run/netns/{netns}"]
    port = free_port()
    env = {
        **os.environ,
        "DOCKER_HOST": f"unix://{base}/docker.sock",
        "DOCKERD_PIDFILE": str(base / "docker.pid"),
        "DOCKERD_SOCKET": str(base / "docker.sock"),
        "DOCKERD_LOG": str(base / "dockerd.log"),
        "DOCKERD_ARGS": f"--data-root {base}/data --exec-root {base}/exec --bridge=none --iptables=false "
                        f"--ip-masq=false --storage-driver=vfs",
        "DOCKER_TUTOR_MIRROR_PORT": str(port),
        "DOCKER_TUTOR_REGISTRY_PORT": str(free_port()),
        "DOCKER_TUTOR_LAB_DIR": str(base / "lab"),
    }
    env.pop("DOCKER_CONTEXT", None)
    yield base, env, port
    pidfile = base / "docker.pid"
    if pidfile.exists():
        pid = int(pidfile.read_text().strip() or 0)
        if pid and Path(f"/proc/{pid}/comm").exists() and Path(f"/proc/{pid}/comm").read_text().strip() == "dockerd":
            os.kill(pid, signal.SIGTERM)
            for _ in range(100):
                if not alive(pid):
                    break
                time.sleep(0.1)
    subprocess.run(in_ns([sys.executable, "-m", "tutor", "lab", "mirror", "down"]), env=env, capture_output=True,
                   timeout=60)
    NETNS.clear()
    subprocess.run(["ip", "netns", "del", netns], capture_output=True, timeout=30)
    # dockerd bind-mounts its data root onto itself; a killed one leaves that mount behind.
    for _ in range(5):
        if f" {base}/" not in Path("/proc/mounts").read_text():
            break
        subprocess.run(["umount", "-l", str(base / "data")], capture_output=True)
    shutil.rmtree(base, ignore_errors=True)


def provision(env):
    tutor = [sys.executable, "-m", "tutor"]
    # The script takes the tutor command as one word: a tiny wrapper keeps this interpreter.
    wrapper = Path(env["DOCKER_TUTOR_LAB_DIR"]).parent / "docker-tutor"
    wrapper.write_text(f"#!/bin/sh\nexec {' '.join(tutor)} \"$@\"\n")
    wrapper.chmod(0o755)
    return subprocess.run(in_ns(["bash", str(ROOT / "scripts" / "provision-daemon"), str(wrapper)]), env=env,
                          capture_output=True, text=True, timeout=180, cwd=ROOT)


def daemon_answers(env) -> bool:
    out = subprocess.run(["docker", "version", "--format", "{{.Server.Version}}"], env=env, capture_output=True,
                         text=True, timeout=20)
    return out.returncode == 0 and bool(out.stdout.strip())


def test_provision_starts_and_recovers_from_a_killed_daemon(second_daemon):
    base, env, port = second_daemon
    first = provision(env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "dockerd answers" in first.stdout and daemon_answers(env)
    mirrors = subprocess.run(["docker", "info", "--format", "{{.RegistryConfig.Mirrors}}"], env=env,
                             capture_output=True, text=True, timeout=20).stdout
    assert f"127.0.0.1:{port}" in mirrors

    # Kill -9: the pid file and the socket stay behind. Also put a stray registry on the port.
    pid = int((base / "docker.pid").read_text())
    os.kill(pid, signal.SIGKILL)
    for _ in range(50):
        if not alive(pid):
            break
        time.sleep(0.1)
    subprocess.run(in_ns([sys.executable, "-m", "tutor", "lab", "mirror", "down"]), env=env, capture_output=True,
                   timeout=60)
    stray_cfg = base / "stray.yml"
    stray_cfg.write_text(f"version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: {base}/stray\n"
                         f"http:\n  addr: 127.0.0.1:{port}\n")
    stray = subprocess.Popen(in_ns(["docker-registry", "serve", str(stray_cfg)]), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        assert (base / "docker.pid").exists() and (base / "docker.sock").exists() and not daemon_answers(env)
        second = provision(env)
        assert second.returncode == 0, second.stdout + second.stderr
        assert "stopping a leftover docker-registry" in second.stdout
        assert "removing stale" in second.stdout and daemon_answers(env)
        assert stray.wait(timeout=10) is not None
    finally:
        if stray.poll() is None:
            stray.kill()
            stray.wait()

    # A pid file naming a live process that is not dockerd: removed, that process left alone.
    pid = int((base / "docker.pid").read_text())
    os.kill(pid, signal.SIGTERM)
    for _ in range(100):
        if not alive(pid):
            break
        time.sleep(0.1)
    bystander = subprocess.Popen(["sleep", "60"])
    try:
        (base / "docker.pid").write_text(f"{bystander.pid}\n")
        third = provision(env)
        assert third.returncode == 0, third.stdout + third.stderr
        assert bystander.poll() is None and daemon_answers(env)
    finally:
        bystander.kill()
        bystander.wait()
