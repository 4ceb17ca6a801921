"""End to end in a real pseudo-terminal at 80×24: 4.2/run-port turns green by itself, q, resume.

The real lesson file is copied with its host port 8080 replaced by a free high port (8080 may be
busy on a shared machine and tests never use it). The tutor is opened at 4.2/run-port; the
learner's command runs from a second process on the real daemon, labelled as a test resource
(the step's check looks at image and ports, so the label does not change the verdict), and the
screen must turn green with NO key pressed. The container is always removed afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

REPO = Path(__file__).resolve().parents[2]
ENTER = "\r"


def on_screen(text: str) -> str:
    """A pattern for `text` as prompt_toolkit draws it: a space may be a cursor move (ESC [ C)
    and a style change may sit between two words."""
    import re

    return r"(?:\s|\x1b\[[\d;]*[A-Za-z])+".join(re.escape(word) for word in text.split())


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
               TERM="xterm-256color", COLUMNS="80", LINES="24",
               PROMPT_TOOLKIT_NO_CPR="1")  # pexpect never answers cursor-position requests
    env.pop("NO_COLOR", None)
    env.pop("TMUX", None)
    exe = shutil.which("docker-tutor", path=str(Path(sys.executable).parent)) or "docker-tutor"
    return pexpect.spawn(exe, ["--file", str(lesson)], env=env, encoding="utf-8", codec_errors="replace", timeout=30,
                         dimensions=(24, 80))


def _start_at(home: Path, step_id: str) -> None:
    """A learner who already chose 따라 하기 and stopped at `step_id` (the resume entry opens it)."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "preferences.json").write_text(json.dumps({"mode": "follow", "learner": "pty", "welcomed": True}),
                                        encoding="utf-8")
    (home / "progress.json").write_text(json.dumps({"format_version": 1, "current": step_id, "steps": {}}),
                                        encoding="utf-8")


@pytest.mark.daemon
def test_run_port_turns_green_without_a_key_then_q_and_resume(docker_api, cleanup, test_labels, tmp_path):
    source = REPO / "lessons" / "4.2.md"
    port = _free_port()
    lesson = tmp_path / "4.2.md"
    lesson.write_text(source.read_text(encoding="utf-8").replace("8080", str(port)), encoding="utf-8")
    home = tmp_path / "home"
    _start_at(home, "4.2/run-port")

    child = _spawn(lesson, home)
    try:
        child.expect("이어서 하기: 4.2/run-port")
        child.send(ENTER)
        child.expect(on_screen("6/24 · 실습"))
        child.expect(on_screen("지켜보는 중"))  # the live screen is watching the daemon
        time.sleep(1.0)  # the event stream is open well before the learner types

        # The learner types the command in the other terminal; nobody touches the tutor.
        run = subprocess.run(
            ["docker", "container", "run", "-d", "-p", f"{port}:80",
             "--label", f"org.docker-tutor.test={test_labels['org.docker-tutor.test']}", "nginx"],
            capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        cleanup["containers"].append(run.stdout.strip())

        child.expect("통과했어요", timeout=10)  # green, with no key pressed
        child.expect(on_screen("Enter 다음 단계"))
        child.send("q")
        child.expect("그만할게요")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
    finally:
        if child.isalive():
            child.terminate(force=True)
    state = json.loads((home / "progress.json").read_text(encoding="utf-8"))
    assert state["steps"]["4.2/run-port"]["passed_at"]

    child = _spawn(lesson, home)
    try:
        child.expect("이어서 하기: 4.2/")
        child.send(ENTER)  # "이어서 하기" is the default
        child.expect(on_screen("DNS 서버 지정하기"))  # the step after run-port
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        if child.isalive():
            child.terminate(force=True)
