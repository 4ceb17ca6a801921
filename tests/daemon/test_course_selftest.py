"""The whole course's self-test on the real daemon (issue 4: it must pass in CI).

About 90 s and it uses the course's fixed names (webserver, port 8080) under the self-test lock.
It is marked `slow`: `pytest -m "not slow"` leaves it out of a quick local loop; the README's
test command (and so CI) always runs it.
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.daemon, pytest.mark.slow]


def test_every_step_of_the_course_passes_its_selftest(docker_api):
    from tutor.lessonfile.catalog import load_course
    from tutor.selftest.suite import run_selftest

    course = load_course()
    steps = course.steps()
    report = run_selftest(steps, [s.id for s in steps], docker_api, lock_wait=1200)
    bad = [(r.step, r.status, r.detail) for r in report.results if r.status != "passed"]
    assert not bad, bad
    assert report.count("passed") == len(steps)


@pytest.mark.parametrize("name", ["web-folder-network.md", "env-and-limits.md"])
def test_sample_exercises_pass_their_selftest(docker_api, name):
    """The instructors' sample exercises in assets/ are proven the same way as the course."""
    from tutor.content import assets_dir
    from tutor.lessonfile.catalog import load_course
    from tutor.selftest.suite import run_selftest

    steps = load_course(str(assets_dir() / "exercises" / name)).steps()
    report = run_selftest(steps, [s.id for s in steps], docker_api, lock_wait=1200)
    bad = [(r.step, r.status, r.detail) for r in report.results if r.status != "passed"]
    assert not bad, bad
    assert report.count("passed") == len(steps) >= 2
