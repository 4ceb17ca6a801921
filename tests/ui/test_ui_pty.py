"""End to end in a real pseudo-terminal: lesson 4.2, the port-mapping step, ✓, Ctrl-C, resume.

The real lesson file is copied with its host port 8080 replaced by a free high port (8080 may be
busy on a shared machine and tests never use it); the learner's command runs in a shell on the
real daemon, labelled as a test resource, and is always removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

REPO = Path(__file__).resolve().parents[2]
UP = "\x1b[A"
ENTER = "\r"
NEXT = UP * 3 + ENTER  # the step menu ends with 다음 / 목록 / 종료, and the cursor wraps around


def _free_port() -> int:
    for port in range(20000 + os.getpid() % 20000, 45000):
        with socket.socket() as s:
            try:
                s.bind(("0.0.0.0", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def _spawn(lesson: Path, home: Path):
    env = dict(os.environ, DOCKER_TUTOR_HOME=str(home), DOCKER_TUTOR_WORKDIR=str(home / "practice"),
               TERM="xterm-256color", COLUMNS="100", LINES="40",
               PROMPT_TOOLKIT_NO_CPR="1")  # pexpect never answers cursor-position requests
    env.pop("NO_COLOR", None)
    exe = shutil.which("docker-tutor", path=str(Path(sys.executable).parent)) or "docker-tutor"
    return pexpect.spawn(exe, ["--file", str(lesson)], env=env, encoding="utf-8", codec_errors="replace", timeout=30,
                         dimensions=(40, 100))


@pytest.mark.daemon
def test_lesson_4_2_port_step_check_quit_and_resume(docker_api, cleanup, test_labels, tmp_path):
    source = REPO / "lessons" / "4.2.md"
    if not source.exists():
        pytest.skip("lessons/4.2.md is not written yet")
    port = _free_port()
    lesson = tmp_path / "4.2.md"
    lesson.write_text(source.read_text(encoding="utf-8").replace("8080", str(port)), encoding="utf-8")
    home = tmp_path / "home"

    child = _spawn(lesson, home)
    try:
        child.expect("Docker 데몬에 연결했어요")
        child.expect("어떤 레슨을 할까요")
        child.send(ENTER)  # the only lesson, selected by default
        child.expect("라이프사이클")
        for title in ("create", "run -it", "run -d", "--restart=always", "포트 공개하기"):
            child.expect("무엇을 할까요")
            child.send(NEXT)
            child.expect_exact(title)
        child.expect("무엇을 할까요")

        # The learner types the command in another shell.
        run = subprocess.run(
            ["docker", "container", "run", "-d", "-p", f"{port}:80",
             "--label", f"org.docker-tutor.test={test_labels['org.docker-tutor.test']}", "nginx"],
            capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        cleanup["containers"].append(run.stdout.strip())

        child.send(ENTER)  # 확인 is the default action
        child.expect("✓ 통과했어요")
        child.expect("무엇을 할까요")
        child.sendcontrol("c")
        child.expect("그만할게요")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
    finally:
        if child.isalive():
            child.terminate(force=True)

    child = _spawn(lesson, home)
    try:
        child.expect("어떤 레슨을 할까요")
        child.expect("이어서 하기: 4.2")
        child.send(ENTER)  # "이어서 하기" is the default
        child.expect_exact("DNS 서버 지정하기")  # the step after run-port
        child.expect("무엇을 할까요")
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
    finally:
        if child.isalive():
            child.terminate(force=True)
