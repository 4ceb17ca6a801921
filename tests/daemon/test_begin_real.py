"""`begin` on the real daemon: makes only what is missing, adjusts what this lesson named,
never touches the learner's own things, records the start with sub-second precision."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.daemon.prepare_helpers import fixture_lesson, purge
from tutor.journey.begin import BeginContext, enter_step
from tutor.lessonfile.catalog import build_course

pytestmark = pytest.mark.daemon

FIXTURE = "../journey/begin.md"


@pytest.fixture
def lesson(docker_api):
    lesson, rid, _ = fixture_lesson(FIXTURE)
    yield lesson, rid
    purge(docker_api, rid)


def _enter(lesson, slug, api, **kw):
    return enter_step(lesson.step(slug), build_course([lesson]), BeginContext(api=api, **kw))


def test_entered_directly_makes_the_whole_start_state_then_nothing(docker_api, lesson):
    lesson, rid = lesson
    first = _enter(lesson, "stop", docker_api)
    made = {(p.kind, p.name, p.action) for p in first.prepared}
    assert ("network", f"tt-prep-{rid}-net", "made") in made
    assert ("container", f"tt-prep-{rid}-mine", "made") in made
    assert ("container", f"tt-prep-{rid}-front", "made") in made
    assert all(p.message for p in first.prepared) and first.note.startswith("The tutor made")
    front = docker_api.inspect_container(f"tt-prep-{rid}-front")
    assert front["Config"]["Labels"]["org.docker-tutor.managed"] == "true"
    assert f"tt-prep-{rid}-net" in front["NetworkSettings"]["Networks"]
    again = _enter(lesson, "stop", docker_api)
    assert again.prepared == () and again.note == "" and again.blocked == ()
    assert docker_api.inspect_container(f"tt-prep-{rid}-front")["Id"] == front["Id"]


def test_walked_in_order_begin_makes_nothing_and_never_changes_the_learners_own(docker_api, lesson, test_labels):
    lesson, rid = lesson
    assert _enter(lesson, "net", docker_api).prepared == ()
    docker_api.create_network(f"tt-prep-{rid}-net", labels=test_labels)  # the learner's solution
    assert _enter(lesson, "run", docker_api).prepared == ()  # web network there, no container yet
    cid = docker_api.create_container("nginx", name=f"tt-prep-{rid}-mine", labels=test_labels,
                                      host_config=docker_api.create_host_config(network_mode=f"tt-prep-{rid}-net"))["Id"]
    docker_api.start(cid)
    stop = _enter(lesson, "stop", docker_api)
    # The learner's running container (named by this lesson) is kept as it is; only front is made.
    assert [(p.name, p.action) for p in stop.prepared] == [(f"tt-prep-{rid}-front", "made")]
    assert docker_api.inspect_container(cid)["State"]["Status"] == "running"
    docker_api.stop(cid, timeout=2)
    # Entering `run` again: the learner's container (lesson-named, but not in the tutor's record)
    # is in the way; begin names the exact command and changes nothing.
    again = _enter(lesson, "run", docker_api)
    assert again.prepared == () and not again.ok
    assert any(f"docker container rm -f tt-prep-{rid}-mine" in b.commands for b in again.blocked)
    assert docker_api.inspect_container(cid)["State"]["Status"] == "exited"
    # Its stopped container + the `stop` step (which starts from running): begin says `start`.
    moved = _enter(lesson, "stop", docker_api)
    assert any(f"docker container start tt-prep-{rid}-mine" in b.commands for b in moved.blocked)
    assert docker_api.inspect_container(cid)["State"]["Status"] == "exited"
    docker_api.start(cid)  # the learner does as told: now nothing of theirs is in the way
    assert not any(b.name == f"tt-prep-{rid}-mine" for b in _enter(lesson, "stop", docker_api).blocked)


def test_a_learners_own_resource_in_the_way_changes_nothing(docker_api, lesson, test_labels):
    lesson, rid = lesson
    # `front` is not a name this lesson tells the learner to create: it is theirs.
    mine = docker_api.create_container("centos", name=f"tt-prep-{rid}-front", labels=test_labels)["Id"]
    result = _enter(lesson, "stop", docker_api)
    assert not result.ok and result.prepared == ()
    assert result.blocked[0].commands == (f"docker container rm -f tt-prep-{rid}-front",)
    assert f"docker container rm -f tt-prep-{rid}-front" in result.blocked[0].message
    assert not docker_api.networks(names=[f"tt-prep-{rid}-net"])  # nothing made
    assert docker_api.inspect_container(mine)["State"]["Status"] == "created"
    assert result.began_at is None


def test_start_is_recorded_with_sub_second_precision(docker_api, lesson):
    from tutor import progress

    lesson, rid = lesson
    result = _enter(lesson, "net", docker_api)
    began = datetime.fromisoformat(result.began_at)
    assert began.microsecond != 0 or "." in result.began_at
    assert progress.began_at(f"tt-prep-{rid}/net") == began
    # Entering again without a change keeps the first start; the command (restart) moves it.
    assert _enter(lesson, "net", docker_api).began_at == result.began_at
    assert _enter(lesson, "net", docker_api, restart=True).began_at != result.began_at


def test_placeholders_are_filled_and_json_has_the_fields(docker_api, lesson):
    lesson, rid = lesson
    d = _enter(lesson, "stop", docker_api, placeholders={"user": "kim", "workdir": "/x", "registry": "r",
                                                           "registry_user": "u", "registry_password": "p"}).to_dict()
    assert {"step", "kind", "title", "body", "solution", "prepared"} <= set(d)
    assert "kim" in d["body"] and d["solution"] == [f"docker container stop tt-prep-{rid}-mine"]
    assert all("message" in p for p in d["prepared"])


def test_begin_command_json_and_text(docker_api, tmp_path, capsys):
    import json

    from tutor.cli import main

    _lesson, rid, text = fixture_lesson(FIXTURE)
    path = tmp_path / "ex.md"
    path.write_text(text, encoding="utf-8")
    try:
        assert main(["--file", str(path), "begin", f"tt-prep-{rid}/stop", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["step"] == f"tt-prep-{rid}/stop" and data["kind"] == "task"
        assert {p["name"] for p in data["prepared"]} >= {f"tt-prep-{rid}-mine", f"tt-prep-{rid}-front"}
        assert main(["--no-color", "--file", str(path), "begin", f"tt-prep-{rid}/stop"]) == 0
        out = capsys.readouterr().out
        assert f"tt-prep-{rid}/stop" in out and "docker-tutor check" in out
    finally:
        purge(docker_api, rid)
