"""Exercise variables: declaration (lint), per-learner draws (stable, different, re-drawn),
filling into every part of a step, and the two sample exercises."""

from __future__ import annotations

import dataclasses
import json
import socket

import pytest

from tutor import draws
from tutor.lessonfile.lint import lint_files
from tutor.lessonfile.parser import parse_lesson, read_lesson

HEAD = """---
id: "ex-v"
title: "변수 연습"
chapter: 95
format_version: 1
{vars}
---

# 변수 연습

## 실행하기

```step
id = "run"
kind = "task"
```

`{{box}}` 컨테이너를 {{port}}번 포트로 실행해요.

```prepare
absent_containers = ["{{box}}"]
```

```check
kind = "container"
name = "{{box}}"
image = "nginx"
ports = {{ "80/tcp" = "{{port}}" }}
env = {{ MODE = "{{mode}}" }}
```

```solution
docker container run -d --name {{box}} -p {{port}}:80 -e MODE={{mode}} nginx
```

```hint
`-p 호스트포트:컨테이너포트` 순서예요.
```

```hint
`docker container run -d --name {{box}} -p {{port}}:80 -e MODE={{mode}} nginx`
```

```wrong
[[variant]]
commands = ["docker container run -d --name {{box}} -p 80:{{port}} -e MODE={{mode}} nginx"]
code = "port.reversed"
```
"""
GOOD_VARS = "var.box: name web\nvar.port: port 8000-8999\nvar.mode: pick blue, green"


def _lesson(vars_text=GOOD_VARS):
    return parse_lesson(HEAD.format(vars=vars_text), "ex-v.md")


def _errors(vars_text):
    return [e.message for e in read_lesson(HEAD.format(vars=vars_text), "ex-v.md")[1]]


def test_declared_variables_parse_and_are_known_placeholders():
    lesson = _lesson()
    assert [(v.name, v.kind) for v in lesson.variables] == [("box", "name"), ("port", "port"), ("mode", "pick")]
    assert lesson.variables[1].low == 8000 and lesson.variables[2].choices == ("blue", "green")
    assert lesson.steps[0].check.params["name"] == "{box}"  # unfilled until a learner's draw


@pytest.mark.parametrize("vars_text, fragment", [
    ("var.box: name web\nvar.port: port 8000-8999", "알 수 없는 자리표시자(`{mode}`)"),
    (GOOD_VARS + "\nvar.x: color red", "종류(`color`)"),
    (GOOD_VARS.replace("8000-8999", "80-8999"), "1024~65535"),
    (GOOD_VARS.replace("8000-8999", "8000-8003"), "너무 좁아요"),
    (GOOD_VARS.replace("name web", "name Web Server"), "접두어"),
    (GOOD_VARS.replace("pick blue, green", "pick blue"), "두 개 이상"),
    (GOOD_VARS + "\nvar.user: pick a, b", "이미 쓰는 자리표시자"),
])
def test_lint_names_each_bad_declaration(vars_text, fragment):
    assert any(fragment in m for m in _errors(vars_text)), _errors(vars_text)


def test_lint_reports_a_declared_but_unused_variable(tmp_path):
    path = tmp_path / "ex-v.md"
    path.write_text(HEAD.format(vars=GOOD_VARS + "\nvar.spare: pick a, b"), encoding="utf-8")
    report = lint_files([path])
    assert [i.message for i in report.issues] == [
        "`spare` 변수를 선언했지만 어느 단계에서도 쓰지 않았어요 (쓰는 법: `{spare}`)"]
    assert report.issues[0].line == 9


def test_draws_are_stable_per_learner_and_differ_between_learners():
    lesson = _lesson()
    always_free = lambda port: True  # noqa: E731
    a1 = draws.draw(lesson, "learner-a", 0, always_free)
    assert a1 == draws.draw(lesson, "learner-a", 0, always_free)
    others = [draws.draw(lesson, f"learner-{i}", 0, always_free) for i in range(20)]
    assert len({d["box"] for d in others}) == 20 and len({d["port"] for d in others}) > 15
    assert all(d["box"].startswith("web-") and len(d["box"]) == 8 for d in others)
    assert all(8000 <= int(d["port"]) <= 8999 and d["mode"] in ("blue", "green") for d in others)
    assert draws.draw(lesson, "learner-a", 1, always_free) != a1  # "다시 연습": a new round


def test_a_port_in_use_on_this_machine_is_never_drawn():
    lesson = _lesson("var.box: name web\nvar.port: port 20000-20009\nvar.mode: pick blue, green")
    held = []
    try:
        for port in range(20000, 20009):  # hold all but one port of the range
            s = socket.socket()
            s.bind(("0.0.0.0", port))
            s.listen()
            held.append(s)
        assert draws.draw(lesson, "anyone", 0)["port"] == "20009"
    finally:
        for s in held:
            s.close()


def test_values_are_stored_kept_after_a_restart_and_redrawn_on_request():
    lesson = _lesson()
    first = draws.values_for(lesson)
    stored = json.loads((draws.declared.values_file()).read_text(encoding="utf-8"))
    assert stored["lessons"]["ex-v"]["values"] == first
    assert draws.values_for(lesson) == first  # a new process reads the same file
    again = draws.redraw(lesson)
    assert again != first and draws.values_for(lesson) == again
    assert draws.declared.stored("ex-v") == again  # what grade and the class events show


def test_filling_reaches_text_checks_prepare_solution_and_wrong_variants():
    lesson = _lesson()
    values = {"box": "web-abcd", "port": "8123", "mode": "green"}
    step = draws.with_values(lesson, values).steps[0]
    assert "`web-abcd` 컨테이너를 8123번" in step.body
    assert step.check.params["name"] == "web-abcd" and step.check.params["ports"] == {"80/tcp": "8123"}
    assert step.check.params["env"] == {"MODE": "green"}
    assert step.prepare.absent_containers == ("web-abcd",)
    assert step.solution == ("docker container run -d --name web-abcd -p 8123:80 -e MODE=green nginx",)
    assert step.wrong[0].commands == ("docker container run -d --name web-abcd -p 80:8123 -e MODE=green nginx",)
    everything = repr(dataclasses.asdict(step))
    assert not any(f"{{{name}}}" in everything for name in values)


def test_the_sample_exercises_declare_variables_and_selftest_gets_two_different_draws():
    from tutor.content import assets_dir
    from tutor.lessonfile.catalog import raw_course

    for name, expected in (("web-folder-network.md", {"web_port", "net", "web"}),
                           ("my-own-web.md", {"box", "port", "mode"})):
        course = raw_course(str(assets_dir() / "exercises" / name))
        assert {v.name for v in course.lessons[0].variables} == expected
        first, second = draws.selftest_rounds(course)
        lesson = course.lessons[0]
        a, b = first(lesson), second(lesson)
        assert set(a) == expected and all(a[k] != b[k] for k in expected)
