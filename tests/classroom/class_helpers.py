"""Shared pieces of the classroom tests: an in-process app, events, a real server process."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

CODE, TOKEN = "TESTCODE", "instructor-token-123"
STEPS = [{"id": "4.2/run-port", "lesson": "4.2", "title": "포트", "kind": "task", "lesson_title": "컨테이너"},
         {"id": "4.2/run-name", "lesson": "4.2", "title": "이름", "kind": "task", "lesson_title": "컨테이너"},
         {"id": "4.2/lifecycle", "lesson": "4.2", "title": "퀴즈", "kind": "quiz", "lesson_title": "컨테이너"}]


def make_room(tmp_path: Path):
    from tutor.classroom.app import Classroom, create_app
    from tutor.classroom.board import Board
    from tutor.classroom.storage import Store

    store = Store(tmp_path / "class.sqlite3")
    room = Classroom(store, Board("테스트 반", STEPS), CODE, TOKEN, join_hint="join")
    return room, create_app(room)


def event(step: str, kind: str = "check", passed: bool | None = None, codes=(), at: float | None = None, **extra):
    ev = {"id": uuid.uuid4().hex, "at": at or time.time(), "type": kind, "step": step,
          "problems": [{"code": c, "message": f"{c} 메시지"} for c in codes], **extra}
    if passed is not None:
        ev["passed"] = passed
    return ev


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tutor_cmd() -> list[str]:
    return [sys.executable, "-m", "tutor"]


def start_server(home: Path, port: int, db: Path) -> subprocess.Popen:
    env = {**os.environ, "DOCKER_TUTOR_HOME": str(home)}
    proc = subprocess.Popen([*tutor_cmd(), "class", "serve", "--port", str(port), "--code", CODE,
                             "--token", TOKEN, "--title", "실시간 반", "--db", str(db)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=0.5):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(proc.stdout.read().decode()) from None
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("class server did not start")


def class_json(port: int) -> dict:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/class",
                                 headers={"Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(req, timeout=2) as r:
        return json.loads(r.read().decode())


def wait_for(predicate, timeout: float = 10.0, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"condition not met in {timeout}s (last: {last!r})")
