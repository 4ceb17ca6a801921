"""prepare and reset on the real daemon, with a fixture lesson whose names are unique per run."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.daemon.prepare_helpers import fixture_lesson, free_port, purge
from tutor.daemon.actions import prepare
from tutor.daemon.cleanup import ResetScope, apply_reset, plan_reset
from tutor.errors import Conflict

pytestmark = pytest.mark.daemon

MANAGED = "org.docker-tutor.managed"
STEP = "org.docker-tutor.step"


@pytest.fixture
def lesson(docker_api):
    port = free_port()
    lesson, rid, _ = fixture_lesson("prepare.md", HPORT=str(port))
    yield lesson, rid, port
    purge(docker_api, rid)


def _mapping():
    from tutor.lessonfile.placeholders import current

    return current()


def test_prepare_makes_every_kind_with_labels(docker_api, lesson):
    lesson, rid, port = lesson
    step = lesson.step("all")
    report = prepare(step, docker_api, _mapping())
    web = docker_api.inspect_container(f"tt-prep-{rid}-web")
    assert web["State"]["Status"] == "running"
    assert web["Config"]["Labels"][MANAGED] == "true" and web["Config"]["Labels"][STEP] == step.id
    assert web["HostConfig"]["PortBindings"]["80/tcp"][0]["HostPort"] == str(port)
    assert f"tt-prep-{rid}-net" in web["NetworkSettings"]["Networks"]
    states = {n: docker_api.inspect_container(f"tt-prep-{rid}-{n}")["State"] for n in ("created", "exited", "paused")}
    assert states["created"]["Status"] == "created"
    assert states["exited"]["Status"] == "exited" and states["exited"]["ExitCode"] == 0
    assert states["paused"]["Status"] == "paused"
    net = docker_api.inspect_network(f"tt-prep-{rid}-net")
    assert net["Driver"] == "bridge" and net["Labels"][STEP] == step.id
    assert docker_api.inspect_image(f"tt-prep-{rid}/webserver:1.0")["Id"] == docker_api.inspect_image("nginx")["Id"]
    dangling = docker_api.images(filters={"dangling": True, "label": [f"{STEP}={step.id}"]})
    assert len(dangling) == 1 and dangling[0]["RepoTags"] in (None, [], ["<none>:<none>"])
    env_file = Path(_mapping()["workdir"]) / f"tt-prep-{rid}" / "env_list"
    assert env_file.read_text() == "foo=bar\nhello=world\n"
    assert len(report.done) >= 7
    # Preparing again replaces the tutor's own resources instead of refusing them.
    prepare(step, docker_api, _mapping())
    assert docker_api.inspect_container(f"tt-prep-{rid}-web")["Id"] != web["Id"]


def test_learner_container_with_the_name_is_refused_and_named(docker_api, lesson, cleanup, test_labels):
    lesson, rid, _ = lesson
    mine = docker_api.create_container("centos", name=f"tt-prep-{rid}-web", labels=test_labels)
    cleanup["containers"].append(mine["Id"])
    with pytest.raises(Conflict) as err:
        prepare(lesson.step("all"), docker_api, _mapping())
    assert f"tt-prep-{rid}-web" in err.value.message and "docker container rm" in err.value.message
    assert err.value.data["conflicts"][0]["kind"] == "container"
    # Nothing changed: refused before any action (no network, learner's container untouched).
    assert not docker_api.networks(names=[f"tt-prep-{rid}-net"])
    assert docker_api.inspect_container(mine["Id"])["State"]["Status"] == "created"
    # absent_containers refuses too: the tutor never removes what it did not make.
    with pytest.raises(Conflict):
        prepare(lesson.step("absent"), docker_api, _mapping())
    assert docker_api.inspect_container(mine["Id"])


def test_host_port_taken_by_a_container_is_a_conflict(docker_api, lesson, cleanup, test_labels):
    lesson, rid, port = lesson
    holder = docker_api.create_container(
        "nginx", name=f"tt-prep-{rid}-holder", labels=test_labels, ports=[80],
        host_config=docker_api.create_host_config(port_bindings={80: port}))
    cleanup["containers"].append(holder["Id"])
    docker_api.start(holder["Id"])
    with pytest.raises(Conflict) as err:
        prepare(lesson.step("all"), docker_api, _mapping())
    assert str(port) in err.value.message and f"tt-prep-{rid}-holder" in err.value.message
    assert docker_api.inspect_container(holder["Id"])["State"]["Running"]


def test_host_port_taken_by_another_process_is_a_conflict(docker_api, lesson):
    lesson, _rid, port = lesson
    with socket.socket() as sock:
        sock.bind(("0.0.0.0", port))
        sock.listen(1)
        with pytest.raises(Conflict) as err:
            prepare(lesson.step("all"), docker_api, _mapping())
    assert str(port) in err.value.message and "다른 프로그램" in err.value.message


def test_absent_removes_only_the_tutors_own(docker_api, lesson):
    lesson, rid, _ = lesson
    prepare(lesson.step("all"), docker_api, _mapping())
    prepare(lesson.step("absent"), docker_api, _mapping())
    assert not docker_api.containers(all=True, filters={"name": [f"tt-prep-{rid}-web"]})
    assert not docker_api.networks(names=[f"tt-prep-{rid}-net"])
    assert not [t for i in docker_api.images() for t in (i.get("RepoTags") or []) if t.startswith(f"tt-prep-{rid}/")]
    assert docker_api.inspect_image("nginx:latest")  # the stand-in itself stays


def test_reset_removes_only_the_recorded_and_asks_for_learner_made(docker_api, lesson, cleanup, test_labels):
    lesson, rid, _ = lesson
    prepare(lesson.step("all"), docker_api, _mapping())
    lookalike = docker_api.create_container("nginx", name=f"tt-prep-{rid}-lookalike", labels=test_labels)
    cleanup["containers"].append(lookalike["Id"])
    scope = ResetScope(lesson=lesson.id, steps=lesson.steps, placeholders=_mapping())
    plan = plan_reset(docker_api, scope)
    names = {(i.kind, i.name) for i in plan.items}
    assert ("container", f"tt-prep-{rid}-web") in names and ("network", f"tt-prep-{rid}-net") in names
    assert ("tag", f"tt-prep-{rid}/webserver:1.0") in names
    assert any(i.kind == "image" for i in plan.items)  # the dangling one
    assert all(f"tt-prep-{rid}-lookalike" != i.name for i in plan.items)
    assert not plan.learner_items
    report = apply_reset(plan, docker_api)
    assert not report.failed
    assert not docker_api.containers(all=True, filters={"label": [f"org.docker-tutor.lesson={lesson.id}"]})
    assert docker_api.inspect_container(lookalike["Id"])  # the look-alike is untouched
    # A learner-made resource with a name the lesson declares: listed, kept unless confirmed.
    mine = docker_api.create_container("nginx", name=f"tt-prep-{rid}-web", labels=test_labels)
    cleanup["containers"].append(mine["Id"])
    plan = plan_reset(docker_api, scope)
    assert [(i.name, i.learner_made) for i in plan.items] == [(f"tt-prep-{rid}-web", True)]
    kept = apply_reset(plan, docker_api)
    assert kept.kept and docker_api.inspect_container(mine["Id"])
    kept = apply_reset(plan, docker_api, confirmed=["something-else"])  # only its own name counts
    assert kept.kept and docker_api.inspect_container(mine["Id"])
    apply_reset(plan, docker_api, confirmed=[f"tt-prep-{rid}-web"])
    assert not docker_api.containers(all=True, filters={"id": [mine["Id"]]})


def _cli(capsys, *argv):
    import json

    from tutor.cli import main

    code = main(list(argv))
    out = capsys.readouterr().out
    return code, (json.loads(out) if "--json" in argv else out)


def test_prepare_and_reset_commands(docker_api, tmp_path, capsys, cleanup, test_labels):
    port = free_port()
    lesson, rid, text = fixture_lesson("prepare.md", HPORT=str(port))
    path = tmp_path / "fixture.md"
    path.write_text(text, encoding="utf-8")
    try:
        code, data = _cli(capsys, "--file", str(path), "prepare", f"{lesson.id}/all", "--json")
        assert code == 0 and data["step"] == f"{lesson.id}/all"
        assert {"kind": "container", "name": f"tt-prep-{rid}-web"} in data["made"]
        from tutor.progress import began_at

        assert began_at(f"{lesson.id}/all") is not None  # the step's clock starts at prepare
        # Without a terminal to ask on and without --yes: list only, exit 2, nothing removed.
        code, data = _cli(capsys, "--file", str(path), "reset", "--lesson", lesson.id, "--json")
        assert code == 2 and not data["applied"] and data["reason"] == "no_tty" and "--yes" in data["message"]
        assert f"tt-prep-{rid}-web" in {i["name"] for i in data["items"]}
        assert docker_api.inspect_container(f"tt-prep-{rid}-web")
        code, data = _cli(capsys, "--file", str(path), "reset", "--lesson", lesson.id, "--yes", "--json")
        assert code == 0 and data["applied"] and not data["failed"]
        assert not docker_api.containers(all=True, filters={"name": [f"tt-prep-{rid}-"]})
        # A learner's container with the prepared name: prepare refuses with exit 1 and names it.
        mine = docker_api.create_container("centos", name=f"tt-prep-{rid}-web", labels=test_labels)
        cleanup["containers"].append(mine["Id"])
        code, data = _cli(capsys, "--file", str(path), "prepare", f"{lesson.id}/all", "--json")
        assert code == 1 and data["error"] == "prepare.conflict"
        assert f"tt-prep-{rid}-web" in data["message"]
        code, _ = _cli(capsys, "--file", str(path), "prepare", f"{lesson.id}/nope")
        assert code == 2
    finally:
        purge(docker_api, rid)
