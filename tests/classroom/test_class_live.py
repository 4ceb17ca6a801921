"""A real class: `class serve` as a process on a loopback port, two learners (two
DOCKER_TUTOR_HOMEs) running REAL checks against the real daemon; the server killed with -9 in
the middle of the class and started again loses no event and doubles none."""

from __future__ import annotations

import json
import os
import signal
import subprocess

import pytest

from tests.classroom.class_helpers import CODE, class_json, free_port, start_server, tutor_cmd, wait_for

pytestmark = pytest.mark.daemon


def _tutor(home, *args, check_exit=None):
    env = {**os.environ, "DOCKER_TUTOR_HOME": str(home), "DOCKER_TUTOR_WORKDIR": str(home / "practice")}
    proc = subprocess.run([*tutor_cmd(), *args], env=env, capture_output=True, text=True, timeout=60)
    if check_exit is not None:
        assert proc.returncode == check_exit, proc.stdout + proc.stderr
    return proc


def _row(data, name):
    return next((lr for lr in data["learners"] if lr["name"] == name), None)


def _attempts(port, name, step):
    row = _row(class_json(port), name)
    return row["steps"].get(step, {}).get("attempts", 0) if row else 0


def test_two_learners_real_checks_and_a_server_killed_mid_class(tmp_path, docker_api):
    port = free_port()
    db = tmp_path / "instructor" / "class.sqlite3"
    server = start_server(tmp_path / "instructor", port, db)
    kim, lee = tmp_path / "kim", tmp_path / "lee"
    try:
        url = f"http://127.0.0.1:{port}"
        _tutor(kim, "class", "join", url, "--code", CODE, "--name", "김하늘", check_exit=0)
        _tutor(lee, "class", "join", url, "--code", CODE, "--name", "이바다", check_exit=0)

        # Real checks on the real daemon: 3/daemon passes; 4.2/run-port's verdict is whatever
        # this daemon says (exit 0 or 1) and the class page must show that same verdict.
        _tutor(kim, "check", "3/daemon", check_exit=0)
        port_check = _tutor(lee, "check", "4.2/run-port", "--json")
        assert port_check.returncode in (0, 1), port_check.stderr
        verdict = json.loads(port_check.stdout)
        codes = [p["code"] for p in verdict["problems"]]

        data = wait_for(lambda: (d := class_json(port)) and _row(d, "이바다")
                        and _row(d, "이바다")["steps"].get("4.2/run-port") and d, timeout=5)
        assert _row(data, "김하늘")["steps"]["3/daemon"]["state"] == "passed"
        cell = _row(data, "이바다")["steps"]["4.2/run-port"]
        assert (cell["passed_at"] is not None) == verdict["passed"]
        assert cell["codes"] == ([] if verdict["passed"] else codes)
        if not verdict["passed"]:
            assert data["histogram"]["4.2/run-port"][0]["code"] == codes[0]

        # kill -9 in the middle of the class: checks keep working, events wait in the queue.
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        down = _tutor(kim, "check", "3/daemon", check_exit=0)
        assert "Traceback" not in down.stderr
        _tutor(lee, "check", "3/daemon", check_exit=0)
        _tutor(lee, "check", "3/daemon", check_exit=0)
        status = _tutor(lee, "class", "status", "--json")
        assert json.loads(status.stdout)["connected"] is False and json.loads(status.stdout)["queued"] == 2
        assert "연결 끊김" in _tutor(lee, "class", "status").stdout

        server = start_server(tmp_path / "instructor", port, db)
        # Anything the learners do flushes the queue; `class status` is the quiet way.
        _tutor(kim, "class", "status", check_exit=0)
        _tutor(lee, "class", "status", check_exit=0)
        wait_for(lambda: _attempts(port, "이바다", "3/daemon") == 2, timeout=5)
        data = class_json(port)
        assert _row(data, "김하늘")["steps"]["3/daemon"]["attempts"] == 2  # one before, one during the outage
        assert _row(data, "이바다")["steps"]["4.2/run-port"]["attempts"] == 1  # kept by SQLite through kill -9
        assert data["events"] == 5
        for home in (kim, lee):
            assert (home / "class" / "queue.jsonl").read_text() == ""
        assert "수업에 연결됨" in _tutor(lee, "class", "status").stdout
        _tutor(lee, "class", "leave", check_exit=0)
        _tutor(lee, "check", "3/daemon", check_exit=0)
        assert _attempts(port, "이바다", "3/daemon") == 2  # after leave nothing is sent
    finally:
        server.kill()
        server.wait(timeout=10)
