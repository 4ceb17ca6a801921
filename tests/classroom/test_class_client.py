"""The learner's side: emit() is a no-op outside a class; progress changes become events; the
queue keeps events while the server is away and sends them once it answers."""

from __future__ import annotations

import json
import threading

import pytest

from tests.classroom.class_helpers import CODE, free_port, make_room


@pytest.fixture()
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCKER_TUTOR_HOME", str(tmp_path / "learner"))
    from tutor.classroom import client

    client._pending.clear()
    return tmp_path / "learner"


def _queued(home):
    path = home / "class" / "queue.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_emit_outside_a_class_writes_nothing(home):
    from tutor import progress

    progress.record_check("4.2/run-port", False)
    assert not (home / "class").exists()


def test_recorded_attempts_become_events_with_their_problem_codes(home):
    from tutor import progress
    from tutor.classroom import client, membership
    from tutor.model import CheckResult, Problem

    membership.save({"url": "http://127.0.0.1:9", "token": "t", "name": "김하늘", "code": CODE})
    client.attach_result(CheckResult("4.2/run-port", "task", False,
                                     (Problem("port.reversed", "포트 순서가 거꾸로예요"),)))
    progress.record_check("4.2/run-port", False)
    progress.record_hint("4.2/run-port")
    progress.record_check("4.2/run-port", True)
    progress.record_answer("4.2/ip", True, "172.17.0.2")
    progress.record_quiz("4.2/lifecycle", False, "두 번째")
    progress.mark_began("4.2/run-name")
    events = _queued(home)
    kinds = [(e["type"], e["step"], e.get("passed")) for e in events]
    assert kinds == [("check", "4.2/run-port", False), ("hint", "4.2/run-port", None),
                     ("check", "4.2/run-port", True), ("answer", "4.2/ip", True),
                     ("quiz", "4.2/lifecycle", False), ("began", "4.2/run-name", None)]
    assert events[0]["problems"] == [{"code": "port.reversed", "message": "포트 순서가 거꾸로예요"}]
    assert events[3]["text"] == "172.17.0.2" and len({e["id"] for e in events}) == 6


def test_queue_survives_a_dead_server_and_is_sent_when_it_answers(home, tmp_path):
    import uvicorn

    from tutor import progress
    from tutor.classroom import client, membership

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    room, app = make_room(tmp_path)
    token = room.store.join("김하늘")[1]
    room.board.add_learner(1, "김하늘", 0)
    membership.save({"url": url, "token": token, "name": "김하늘", "code": CODE})
    progress.record_check("4.2/run-port", False)  # nobody listens: queued, no exception
    progress.record_check("4.2/run-port", True)
    assert client.flush() == 2 and client.status_line() == client.DISCONNECTED
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        import time

        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.flush() == 0 and client.status_line() == client.CONNECTED
        assert _queued(home) == [] and room.store.count() == 2
        cell = room.board.to_dict()["learners"][0]["steps"]["4.2/run-port"]
        assert cell["state"] == "passed" and cell["attempts"] == 2
    finally:
        server.should_exit = True
        thread.join(timeout=5)


def test_events_carry_the_exercise_values_this_learner_had(home):
    from tutor import draws, progress
    from tutor.classroom import membership
    from tutor.content import assets_dir
    from tutor.lessonfile.catalog import raw_course

    lesson = raw_course(str(assets_dir() / "exercises" / "my-own-web.md")).lessons[0]
    values = draws.values_for(lesson)
    membership.save({"url": "http://127.0.0.1:9", "token": "t", "name": "김하늘", "code": CODE})
    progress.record_check("ex-mine/run", False)
    [ev] = _queued(home)
    assert ev["vars"] == values and set(values) == {"box", "port", "mode"}
