"""Issue 11, pure parts: the names a lesson tells the learner to create, the closest-candidate
search limited to plausible attempts, and the advice (`Problem.fix`) on fake views."""

from __future__ import annotations

from datetime import timedelta

from tests.fakes import BASE_TIME, FakeView, container, image
from tutor.checks import engine
from tutor.checks.base import CheckContext
from tutor.journey.names import container_name, created_network, created_tag, step_creates
from tutor.lessonfile.catalog import load_course


def test_names_from_solution_commands():
    assert container_name(["docker", "container", "run", "-itd", "--name=webp", "nginx"]) == "webp"
    assert container_name(["docker", "run", "--name", "hello", "centos", "echo"]) == "hello"
    assert container_name(["docker", "container", "start", "x"]) is None
    assert created_network(["docker", "network", "create", "--driver=bridge", "web-network"]) == "web-network"
    assert created_network(["docker", "network", "create", "-d", "bridge", "n1"]) == "n1"
    assert created_tag(["docker", "image", "tag", "nginx", "kim/webserver:1.0"]) == "kim/webserver:1.0"
    step = load_course().step("4.3/run-net")
    assert step_creates(step, {"user": "u", "workdir": "/w", "registry": "r"}).containers == {"webp"}


def test_unrelated_earlier_container_is_not_this_steps_attempt():
    # Reproduces 4.2/run-add-host naming 'elastic_hofstadter' (an earlier --restart=always centos).
    step = load_course().step("4.2/run-add-host")
    began = BASE_TIME + timedelta(hours=1)
    earlier = container("elastic_hofstadter", image="centos", restart_policy="always", created=began - timedelta(minutes=5))
    view = FakeView([earlier], images=[image("centos:latest")])
    result = engine.run_check(step, view, CheckContext(step_id=step.id, since=began))
    assert [p.code for p in result.problems] == ["container.missing"]
    assert "elastic_hofstadter" not in result.problems[0].message
    # Made after the step began, the same container IS the learner's attempt: explained as such.
    attempt = container("busy_turing", image="centos", created=began + timedelta(seconds=5))
    view = FakeView([earlier, attempt], images=[image("centos:latest")])
    result = engine.run_check(step, view, CheckContext(step_id=step.id, since=began))
    assert "busy_turing" in " ".join(p.message for p in result.problems)


def test_wrong_network_of_the_steps_name_says_rm_first_then_run():
    # Reproduces 4.3/run-net re-run: "Conflict. The container name "/webp" is already in use".
    step = load_course().step("4.3/run-net")
    view = FakeView([container("webp", image="nginx", networks=("bridge",), tty=True, stdin_open=True)],
                    images=[image("nginx:latest")])
    result = engine.run_check(step, view, CheckContext(step_id=step.id, placeholders={}))
    fix = next(p.fix for p in result.problems if p.fix)
    assert fix[0] == "docker container rm -f webp" and "--net=web-network" in fix[1]
    text = " ".join(p.message for p in result.problems)
    assert 'The container name "/webp" is already in use' in text and "docker container rm -f webp" in text
    assert result.to_dict()["problems"][-1]["fix"] == list(fix)


def test_attached_in_the_foreground_says_ctrl_c():
    # Reproduces 4.2/run-detached: "start webserver … 또는 -d" looped back to "attached".
    step = load_course().step("4.2/run-detached")
    view = FakeView([container("webserver", image="nginx", attached=True)], images=[image("nginx:latest")],
                    attached=["webserver"])
    result = engine.run_check(step, view, CheckContext(step_id=step.id, placeholders={}))
    p = next(p for p in result.problems if p.fix)
    assert "Ctrl-C" in p.message and p.fix[0] == "docker container rm -f webserver" and "-d" in p.fix[1]
    assert not any(f.startswith("docker container start") for f in p.fix)  # start would attach again? no: never offered


def test_stopped_container_of_the_steps_name_with_right_config_says_start():
    step = load_course().step("4.2/run-detached")
    view = FakeView([container("webserver", image="nginx", state="exited")], images=[image("nginx:latest")])
    result = engine.run_check(step, view, CheckContext(step_id=step.id, placeholders={}))
    assert next(p.fix for p in result.problems if p.fix) == ("docker container start webserver",)
