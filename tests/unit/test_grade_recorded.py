"""Issue 11: a finished lesson grades as finished. A step passed earlier keeps its pass
("recorded", with the evidence of that moment) after the lesson's own later steps removed the
state; a lesson with `grade: live` needs the state now; a step never passed still fails."""

from __future__ import annotations

from tests.fakes import FakeView, container, network
from tutor import progress
from tutor.checks import engine
from tutor.checks.base import CheckContext
from tutor.grading import FAILED, PASSED, grade_steps, summarize
from tutor.journey.evidence import record_verdict
from tutor.lessonfile.parser import parse_lesson

LESSON = '''---
id: "g1"
title: "t"
chapter: 99
format_version: 1
{extra}---

## run

```step
id = "run"
kind = "task"
```

```check
kind = "container"
name = "web1"
state = "running"
```

```solution
docker container run -d --name web1 nginx
```

```hint
a
```

```hint
b
```

## net

```step
id = "net"
kind = "task"
```

```check
kind = "network"
name = "net1"
```

```solution
docker network create net1
```

```hint
a
```

```hint
b
```
'''


def _lesson(extra: str = ""):
    return parse_lesson(LESSON.format(extra=extra), "g1.md")


def test_passed_then_removed_still_grades_passed_with_its_evidence():
    lesson = _lesson()
    run = lesson.step("run")
    then = FakeView([container("web1", state="running")])
    result = engine.run_check(run, then, CheckContext(step_id=run.id))
    assert result.passed
    record_verdict(run, result, then, CheckContext(step_id=run.id))
    saved = progress.load().step(run.id)
    assert saved.evidence["verdict"] == "passed"
    assert saved.evidence["facts"]["container"]["name"] == "web1"
    assert saved.evidence["facts"]["container"]["id"]
    now = FakeView([])  # a later step of the lesson removed web1
    rows = grade_steps(lesson.steps, now, progress.load())
    assert rows[0].status == PASSED and rows[0].verified == "recorded"
    assert rows[0].evidence["facts"]["container"]["name"] == "web1"
    assert rows[0].to_dict()["verified"] == "recorded"
    # The step never passed fails (exit 1 in the command), checked live now.
    assert rows[1].status == FAILED and rows[1].verified == "live"
    assert summarize(rows)["passed"] == 1


def test_a_live_lesson_needs_the_state_now():
    lesson = _lesson('grade: "live"\n')
    assert lesson.grade == "live"
    run = lesson.step("run")
    then = FakeView([container("web1", state="running")])
    record_verdict(run, engine.run_check(run, then, CheckContext(step_id=run.id)), then, CheckContext(step_id=run.id))
    rows = grade_steps(lesson.steps, FakeView([]), progress.load(), live_lessons=[lesson.id])
    assert rows[0].status == FAILED and rows[0].verified == "live"
    live = grade_steps(lesson.steps, FakeView([container("web1")], networks=[network("net1")]), progress.load(),
                       live_lessons=[lesson.id])
    assert [r.status for r in live] == [PASSED, PASSED] and {r.verified for r in live} == {"live"}


def test_formats_say_how_each_step_was_verified():
    from tutor import grade_formats

    lesson = _lesson()
    run = lesson.step("run")
    then = FakeView([container("web1")])
    record_verdict(run, engine.run_check(run, then, CheckContext(step_id=run.id)), then, CheckContext(step_id=run.id))
    rows = grade_steps(lesson.steps, FakeView([]), progress.load())
    assert "recorded" in grade_formats.to_csv(rows).splitlines()[1]
    assert 'verified="recorded"' in grade_formats.to_junit(rows)
    assert '"verified": "live"' in grade_formats.to_json(rows)
