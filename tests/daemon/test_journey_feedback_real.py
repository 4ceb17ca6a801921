"""Issue 11's reproductions on the real daemon: feedback that moves forward (name conflicts,
the attached pane, a stopped container), the closest candidate only among plausible attempts,
create+start is not "attached", an existing folder for a bind mount, a start within a second
of begin, a dangling image made on entry, wrong answers that are another real value."""

from __future__ import annotations

import shlex
import subprocess
import time
from datetime import datetime, timezone

import pytest

from tests.daemon.prepare_helpers import fixture_lesson, purge
from tutor.checks import engine
from tutor.contexts import context_for
from tutor.journey.begin import BeginContext, enter_step
from tutor.lessonfile.catalog import build_course

pytestmark = pytest.mark.daemon
LABEL = ["--label", "org.docker-tutor.test=journey"]


@pytest.fixture
def lesson(docker_api):
    lesson, rid, _ = fixture_lesson("../journey/feedback.md")
    yield lesson, rid
    purge(docker_api, rid)


@pytest.fixture
def view():
    from tutor.daemon.view import open_view

    return open_view()


def docker(*args: str) -> subprocess.CompletedProcess:
    argv = ["docker", *args]
    if args[:2] in (("container", "run"), ("container", "create")):
        argv = ["docker", *args[:2], *LABEL, *args[2:]]
    return subprocess.run(argv, capture_output=True, text=True, timeout=60)


def check(step, view):
    return engine.run_check(step, view, context_for(step.id))


def follow(fix):
    for line in fix:
        docker(*shlex.split(line)[1:])


def settle(step, view, seconds=5.0):
    deadline = time.monotonic() + seconds
    result = check(step, view)
    while not result.passed and time.monotonic() < deadline:
        time.sleep(0.25)
        result = check(step, view)
    return result


def test_name_conflict_says_rm_first_then_run_and_following_it_passes(lesson, view, docker_api):
    lesson, rid = lesson
    step = lesson.step("net")
    enter_step(step, build_course([lesson]), BeginContext(api=docker_api))
    docker("container", "run", "-itd", f"--name=tt-prep-{rid}-p", "nginx")  # forgot --net
    first = check(step, view)
    p = next(p for p in first.problems if p.fix)
    assert p.fix == (f"docker container rm -f tt-prep-{rid}-p",
                     f"docker container run -itd --name=tt-prep-{rid}-p --net=tt-prep-{rid}-net nginx")
    assert "already in use" in p.message and f"docker container rm -f tt-prep-{rid}-p" in p.message
    follow(p.fix)
    assert settle(step, view).passed


def test_foreground_run_is_attached_and_advice_moves_forward(lesson, view, docker_api):
    from tutor.journey.shell import Shell

    lesson, rid = lesson
    step = lesson.step("detached")
    shell = Shell()
    try:
        typed = shell.type(shlex.join(["docker", "container", "run", *LABEL, "--name", f"tt-prep-{rid}-web", "nginx"]))
    finally:
        shell.close()
    assert typed.how == "ctrl-c"  # the pane was blocked until Ctrl-C
    result = check(step, view)
    codes = {p.code for p in result.problems}
    assert "container.attached" in codes
    fix = next(p.fix for p in result.problems if p.fix)
    assert fix[0] == f"docker container rm -f tt-prep-{rid}-web" and "-d" in fix[1]
    follow(fix)
    assert settle(step, view).passed


def test_create_then_start_is_not_called_attached(lesson, view):
    lesson, rid = lesson
    docker("container", "create", "--name", f"tt-prep-{rid}-web", "nginx")
    docker("container", "start", f"tt-prep-{rid}-web")
    result = settle(lesson.step("detached"), view)
    assert result.passed, [p.message for p in result.problems]


def test_stopped_the_wrong_way_says_start_first(lesson, view):
    lesson, rid = lesson
    docker("container", "run", "-d", "--name", f"tt-prep-{rid}-web", "nginx")
    docker("container", "stop", "-t", "2", f"tt-prep-{rid}-web")
    step = lesson.step("stop")
    result = check(step, view)
    fix = next(p.fix for p in result.problems if p.fix)
    assert fix == (f"docker container start tt-prep-{rid}-web", f"docker container kill tt-prep-{rid}-web")
    follow(fix)
    assert settle(step, view).passed


def test_an_unrelated_container_of_an_earlier_step_is_not_called_this_steps(lesson, view, docker_api):
    lesson, rid = lesson
    earlier = docker("container", "run", "-d", "--restart=always", "centos").stdout.strip()
    try:
        time.sleep(1.1)
        step = lesson.step("hosts")
        enter_step(step, build_course([lesson]), BeginContext(api=docker_api))
        result = check(step, view)
        assert [p.code for p in result.problems] == ["container.missing"]
        assert earlier[:12] not in " ".join(p.message for p in result.problems)
        name = docker_api.inspect_container(earlier)["Name"].lstrip("/")
        assert name not in " ".join(p.message for p in result.problems)
        # A real attempt made after the step began is explained as this step's.
        docker("container", "run", "-d", "--add-host", f"tt-prep-{rid}.test:192.168.1.2", "centos")
        again = check(step, view)
        assert "hosts.other_address" in [p.code for p in again.problems]
    finally:
        docker_api.remove_container(earlier, force=True)
        for c in docker_api.containers(all=True, filters={"label": "org.docker-tutor.test=journey"}):
            if any(f"tt-prep-{rid}.test" in h for h in (docker_api.inspect_container(c["Id"])["HostConfig"].get("ExtraHosts") or [])):
                docker_api.remove_container(c["Id"], force=True)


def test_an_existing_empty_folder_passes_a_missing_one_is_created_by_docker(lesson, view, tmp_path):
    lesson, rid = lesson
    step = lesson.step("volume")
    mine = tmp_path / "mine"
    mine.mkdir()
    time.sleep(0.2)
    docker("container", "run", "-d", "--name", f"tt-prep-{rid}-vol", "-v", f"{mine}:/usr/share/nginx/html", "nginx")
    assert settle(step, view).passed
    docker("container", "rm", "-f", f"tt-prep-{rid}-vol")
    docker("container", "run", "-d", "--name", f"tt-prep-{rid}-vol", "-v",
           f"{tmp_path / 'not-there'}:/usr/share/nginx/html", "nginx")
    result = settle(step, view, 2.0)
    assert [p.code for p in result.problems][:1] == ["mount.source_created_empty"]
    assert "호스트 경로" in result.problems[0].message


def test_create_then_start_within_a_second_of_begin_counts_as_started(lesson, view, docker_api):
    lesson, rid = lesson
    step = lesson.step("start")
    entered = enter_step(step, build_course([lesson]), BeginContext(api=docker_api, restart=True))
    assert [p.action for p in entered.prepared] == ["made"]
    assert not check(step, view).passed  # fails on entry
    docker("container", "start", f"tt-prep-{rid}-t")  # well within the same second
    began = datetime.fromisoformat(entered.began_at)
    assert (datetime.now(timezone.utc) - began).total_seconds() < 5
    assert settle(step, view).passed


def test_prune_entry_makes_a_dangling_image_only_when_none(lesson, view, docker_api):
    lesson, _rid = lesson
    step = lesson.step("prune")
    before = len(docker_api.images(filters={"dangling": True}, quiet=True))
    result = enter_step(step, build_course([lesson]), BeginContext(api=docker_api))
    after = len(docker_api.images(filters={"dangling": True}, quiet=True))
    assert after >= 1 and (after == before if before else after == 1)
    assert [p.action for p in result.prepared] == ([] if before else ["built"])
    assert not check(step, view).passed  # the task fails on entry
    again = enter_step(step, build_course([lesson]), BeginContext(api=docker_api))
    assert again.prepared == ()  # one is there now: nothing more is made
