"""Background host processes of the lab (the registries), tracked by pid files in the lab dir.

A process is "ours" only if its pid file names a live process whose command line still is the
one we started (pid reuse after a reboot must never make us kill a stranger). A registry that
lost its pid file but still runs our config is adopted; anything else on the port is refused
with a Korean message naming the port.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tutor import settings
from tutor.errors import Conflict, TutorError


def lab_root() -> Path:
    override = settings.current().lab_dir
    if override is not None:
        path = override
        path.mkdir(parents=True, exist_ok=True)
        return path
    from tutor.paths import lab_dir

    return lab_dir()


def port_open(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        return sock.connect_ex((host, port)) == 0


def registry_status(port: int, timeout: float = 1.0) -> int | None:
    """HTTP status of GET /v2/ on a loopback registry (200 open, 401 with auth), None if silent."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v2/", timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code
    except (OSError, ValueError):
        return None


def cmdline(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie still answers kill(0); treat it as gone.
    try:
        return "Z" not in Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (OSError, IndexError):
        return True


def lab_home(name: str) -> Path:
    """The folder of one lab service (`mirror`, `registry`) under the lab dir."""
    path = lab_root() / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def registry_process(name: str, home: Path, port: int, required: bool = False) -> ManagedProcess:
    """A `docker-registry serve <home>/config.yml` managed by the lab (mirror or practice)."""
    binary = find_binary("docker-registry", "docker-registry") if required else (
        shutil.which("docker-registry") or "/usr/bin/docker-registry")
    return ManagedProcess(name, (binary, "serve", str(home / "config.yml")), port)


def find_binary(name: str, apt_package: str) -> str:
    path = shutil.which(name)
    if not path:
        raise TutorError(f"'{name}' 프로그램이 없어요.",
                         hint=f"`sudo apt-get install {apt_package}` 명령으로 설치한 뒤 다시 해 봐요.",
                         code="lab.missing_binary")
    return path


@dataclass(frozen=True)
class ManagedProcess:
    name: str  # "mirror" | "registry": file names under the lab dir
    argv: tuple[str, ...]
    port: int

    @property
    def label(self) -> str:
        # Korean name for messages; both end in a vowel, so the particles after it are fixed.
        return "미러" if self.name == "mirror" else "연습용 레지스트리"

    @property
    def pid_file(self) -> Path:
        return lab_root() / f"{self.name}.pid"

    @property
    def log_file(self) -> Path:
        return lab_root() / f"{self.name}.log"

    def _is_ours(self, pid: int) -> bool:
        # Same program and same config file: a restarted machine reusing the pid does not count.
        cmd = cmdline(pid)
        return alive(pid) and bool(cmd) and os.path.basename(cmd[0]) == os.path.basename(self.argv[0]) \
            and cmd[1:] == list(self.argv[1:])

    def pid(self) -> int | None:
        """The pid of our running process; cleans a stale pid file; adopts an orphan of ours."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            pid = None
        if pid is not None and self._is_ours(pid):
            return pid
        self.pid_file.unlink(missing_ok=True)
        for entry in Path("/proc").glob("[0-9]*"):
            other = int(entry.name)
            if other != os.getpid() and self._is_ours(other):
                self.pid_file.write_text(f"{other}\n")
                return other
        return None

    def start(self, ready, wait: float = 15.0) -> tuple[int, bool]:
        """Start unless running; returns (pid, started_now). `ready()` says it answers."""
        pid = self.pid()
        if pid is not None:
            return pid, False
        if port_open(self.port):
            raise Conflict(
                f"127.0.0.1:{self.port} 포트를 다른 프로그램이 쓰고 있어서 {self.label}를 시작할 수 없어요.",
                hint=f"`ss -ltnp 'sport = :{self.port}'` 명령으로 누가 쓰는지 보고 끄거나, "
                f"DOCKER_TUTOR_{'MIRROR' if self.name == 'mirror' else 'REGISTRY'}_PORT로 다른 포트를 골라요.",
                code="lab.port_taken", data={"port": self.port})
        log = open(self.log_file, "ab")  # noqa: SIM115 - the child keeps writing to it after we return
        try:
            proc = subprocess.Popen(list(self.argv), stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True, cwd=lab_root())
        finally:
            log.close()
        self.pid_file.write_text(f"{proc.pid}\n")
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise TutorError(f"{self.label}가 시작하자마자 끝났어요 (종료 코드 {proc.returncode}).",
                                 hint=f"로그를 확인해요: {self.log_file}\n{self.log_tail()}",
                                 code="lab.start_failed")
            if ready():
                return proc.pid, True
            time.sleep(0.1)
        self.stop()
        raise TutorError(f"{self.label}가 {wait:.0f}초 안에 응답하지 않았어요.",
                         hint=f"로그를 확인해요: {self.log_file}", code="lab.start_failed")

    def stop(self, wait: float = 5.0) -> bool:
        """SIGTERM, then SIGKILL after `wait` s. True if something was running."""
        pid = self.pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and alive(pid):
            _reap(pid)
            time.sleep(0.05)
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
            time.sleep(0.1)
        _reap(pid)
        self.pid_file.unlink(missing_ok=True)
        return True

    def log_tail(self, lines: int = 5) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)  # only succeeds for our own children (same process)
    except ChildProcessError:
        pass
