"""The self-test on the real daemon: a good fixture lesson passes, a wrong declared code fails.

The fixture uses high ports and names unique per run, so it never meets the course's fixed
`webserver`/8080 (it still takes the self-test lock, like any run).
"""

from __future__ import annotations

import pytest

from tests.daemon.prepare_helpers import fixture_lesson, free_port, purge
from tutor.selftest.suite import run_selftest

pytestmark = pytest.mark.daemon


def _run(api, code: str):
    port, port2 = free_port(), free_port()
    lesson, rid, _ = fixture_lesson("selftest.md", HPORT2=str(port2), HPORT=str(port), WRONGCODE=code)
    try:
        report = run_selftest(lesson.steps, [s.id for s in lesson.steps], api, lock_wait=600)
    finally:
        leftovers = api.containers(all=True, filters={"name": [f"tt-prep-{rid}"]})
        purge(api, rid)
    return report, leftovers


def test_selftest_passes_a_correct_fixture_and_cleans_up(docker_api):
    report, leftovers = _run(docker_api, "port.other_host_port")
    by_step = {r.step.rsplit("/", 1)[1]: r for r in report.results}
    assert {k: r.status for k, r in by_step.items()} == {
        "run-port": "passed", "stop": "passed", "run-it": "passed", "id": "passed", "quiz": "passed"}, \
        [(r.step, r.detail) for r in report.results]
    assert report.ok and report.to_dict()["passed"] == 5
    phases = [p.name for p in by_step["run-port"].phases]
    # The order the issue asks for: fail before, solution, pass after, then each wrong variant.
    assert phases.index("before") < phases.index("solution") < phases.index("after") < phases.index(
        "wrong:port.other_host_port")
    # Whatever the self-test made is gone (solution containers carried its run label).
    assert leftovers == []
    assert not docker_api.containers(all=True, filters={"label": [f"org.docker-tutor.selftest={report.run_id}"]})


def test_selftest_fails_when_a_declared_code_is_wrong(docker_api):
    report, _ = _run(docker_api, "port.reversed")
    run_port = next(r for r in report.results if r.step.endswith("/run-port"))
    assert run_port.status == "failed"
    assert "port.reversed" in run_port.detail and "port.other_host_port" in run_port.detail
    assert not report.ok and report.to_dict()["failed"] == 1
