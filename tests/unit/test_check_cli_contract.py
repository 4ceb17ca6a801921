"""The JSON contract and exit codes of `docker-tutor check`, run in-process on a fixture lesson
with a FakeView in place of the daemon."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fakes import FakeView, container
from tutor.cli import main
from tutor.errors import DaemonUnreachable

LESSON = str(Path(__file__).parents[1] / "fixtures" / "check_contract.md")
RIGHT = [container("web-ok", image="nginx", ports={"80/tcp": 28480})]
REVERSED = [container("web-rev", image="nginx", ports={"28480/tcp": 80})]


@pytest.fixture
def use_view(monkeypatch):
    def install(view):
        import tutor.daemon.view as daemon_view

        monkeypatch.setattr(daemon_view, "open_view", lambda *a, **k: view)
        return view

    return install


def cli(capsys, *argv):
    code = main(["--file", LESSON, *argv])
    out = capsys.readouterr().out
    return code, out


def test_one_step_passes(capsys, use_view):
    use_view(FakeView(RIGHT))
    code, out = cli(capsys, "check", "cc/web", "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"step", "kind", "passed", "status", "problems"}
    assert data == {"step": "cc/web", "kind": "task", "passed": True, "status": "checked", "problems": []}


def test_one_step_fails_with_problem_keys(capsys, use_view):
    use_view(FakeView(REVERSED))
    code, out = cli(capsys, "check", "cc/web", "--json")
    data = json.loads(out)
    assert code == 1 and data["passed"] is False
    (problem,) = data["problems"]
    assert set(problem) == {"code", "message", "expected", "found", "fix"}
    assert problem["code"] == "port.reversed" and problem["found"] == "80:28480"


def test_several_steps_and_lesson_mode(capsys, use_view):
    use_view(FakeView(RIGHT))
    code, out = cli(capsys, "check", "cc/web", "cc/daemon", "--json")
    data = json.loads(out)
    assert code == 0 and [r["step"] for r in data["results"]] == ["cc/web", "cc/daemon"]
    code, out = cli(capsys, "check", "--lesson", "cc", "--json")
    data = json.loads(out)
    status = {r["step"]: r["status"] for r in data["results"]}
    assert status == {"cc/web": "checked", "cc/daemon": "checked", "cc/engine": "not_checked", "cc/what": "not_checked"}
    assert code == 0  # answer and quiz steps are not failures


def test_lesson_mode_fails_when_a_task_fails(capsys, use_view):
    use_view(FakeView(REVERSED))
    code, out = cli(capsys, "check", "--lesson", "cc", "--json")
    assert code == 1
    assert [r["passed"] for r in json.loads(out)["results"]][:2] == [False, True]


def test_answer_step(capsys, use_view):
    use_view(FakeView())  # server version 20.10.24+dfsg1
    code, out = cli(capsys, "check", "cc/engine", "--answer", "20.10.24+dfsg1", "--json")
    assert code == 0 and json.loads(out)["passed"] is True
    code, out = cli(capsys, "check", "cc/engine", "--answer", "19.03", "--json")
    assert code == 1 and json.loads(out)["passed"] is False


@pytest.mark.parametrize("argv", [
    ["check", "cc/nope"],
    ["check", "cc/engine"],  # an answer step without --answer
    ["check"],
    ["check", "--lesson", "zz"],
])
def test_bad_input_exit_2(capsys, use_view, argv):
    use_view(FakeView(RIGHT))
    code, _ = cli(capsys, *argv, "--json")
    assert code == 2


def test_lesson_error_exit_2(capsys, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\nid: x\ntitle: t\nchapter: 1\nformat_version: 1\n---\n## s\n```step\nid = \"s\"\nkind = \"task\"\n```\n```check\nkind = \"no_such_kind\"\n```\n", encoding="utf-8")
    assert main(["--file", str(bad), "check", "x/s", "--json"]) == 2


def test_daemon_unreachable_exit_3(capsys, monkeypatch):
    import tutor.daemon.view as daemon_view

    def refuse(*a, **k):
        raise DaemonUnreachable("Docker 데몬에 연결할 수 없어요.", code="daemon.not_running")

    monkeypatch.setattr(daemon_view, "open_view", refuse)
    code, out = cli(capsys, "check", "cc/web", "--json")
    assert code == 3 and json.loads(out)["error"] == "daemon.not_running"


def test_quiz_alone_needs_no_daemon(capsys, monkeypatch):
    import tutor.daemon.view as daemon_view

    monkeypatch.setattr(daemon_view, "open_view", lambda *a, **k: pytest.fail("no daemon needed"))
    code, out = cli(capsys, "check", "cc/what", "--json")
    assert code == 0 and json.loads(out)["status"] == "not_checked"


def test_internal_error_is_not_the_learners_fault(capsys, use_view, monkeypatch):
    import dataclasses

    from tutor.checks.kinds import CHECK_KINDS

    def broken(params, view, ctx):
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(CHECK_KINDS, "container", dataclasses.replace(CHECK_KINDS["container"], fn=broken))
    use_view(FakeView(RIGHT))
    code, out = cli(capsys, "check", "cc/web", "--json")
    data = json.loads(out)
    assert data["status"] == "internal_error" and data["passed"] is False
    assert "내부 오류" in data["detail"] and data["problems"][0]["code"] == "internal.error"
    assert code == 4
    assert "Traceback" not in out and "Traceback" not in data["detail"]  # only with --debug


def test_debug_shows_the_traceback_on_stderr(capsys, use_view, monkeypatch):
    import dataclasses
    import logging

    from tutor.checks.kinds import CHECK_KINDS

    def broken(params, view, ctx):
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(CHECK_KINDS, "container", dataclasses.replace(CHECK_KINDS["container"], fn=broken))
    use_view(FakeView(RIGHT))
    root = logging.getLogger("tutor")
    before, level = list(root.handlers), root.level
    try:
        code = main(["--debug", "--file", LESSON, "check", "cc/web"])
        err = capsys.readouterr().err
    finally:
        for handler in root.handlers[len(before):]:
            root.removeHandler(handler)
        root.setLevel(level)
    assert code == 4
    assert "Traceback" in err and "ZeroDivisionError: boom" in err


def test_text_view_shows_found_and_expected(capsys, use_view):
    use_view(FakeView(REVERSED))
    code, out = cli(capsys, "--no-color", "check", "cc/web")
    assert code == 1
    assert "✗ cc/web" in out and "지금 상태: 80:28480" in out and "기대한 것: 28480:80" in out
    assert "살펴볼 곳: docker container ls -a" in out  # the check-kind table's "where to look"


def test_text_view_does_not_interpret_markup_from_the_daemon(capsys, use_view):
    use_view(FakeView([container("[bold]evil[/bold]", image="nginx", ports={"80/tcp": 28481})]))
    code, out = cli(capsys, "--no-color", "check", "cc/web")
    assert code == 1 and "[bold]evil[/bold]" in out


def test_progress_records_the_check(capsys, use_view):
    use_view(FakeView(RIGHT))
    cli(capsys, "check", "cc/web", "--json")
    from tutor import progress

    state = progress.load()
    assert "cc/web" in json.dumps(state, default=lambda o: getattr(o, "__dict__", str(o)))


def test_a_missing_prepared_resource_points_to_prepare():
    """Started a step directly (classroom, skip): the missing container is the step's own
    preparation, so the feedback says the tutor can make it."""
    from tests.fakes import FakeView
    from tutor.checks.engine import run_check
    from tutor.contexts import context_for
    from tutor.lessonfile.catalog import load_course

    step = load_course().step("4.3/disconnect")
    result = run_check(step, FakeView(), context_for(step.id))
    assert not result.passed
    missing = [p for p in result.problems if p.code == "container.missing"]
    assert missing and "docker-tutor begin 4.3/disconnect" in missing[0].message
    # A step whose preparation does not make the missing thing gets no such pointer:
    # run-detached asks for a new container, and 4.3/connect tells the learner to run webfront.
    for other_id in ("4.2/run-detached", "4.3/connect"):
        other = load_course().step(other_id)
        result = run_check(other, FakeView(), context_for(other.id))
        assert not result.passed
        assert all("docker-tutor begin" not in p.message for p in result.problems)
