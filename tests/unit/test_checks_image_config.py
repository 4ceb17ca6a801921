"""`image_config` on hand-made snapshots: each parameter fails on the wrong value, passes on the right."""

from __future__ import annotations

import pytest

from tests.fakes import FakeView, image
from tutor.checks.base import CheckContext
from tutor.checks.kinds import CHECK_KINDS
from tutor.lessonfile import schema

CTX = CheckContext(step_id="t/config")
RIGHT = image("student/web:1.0", env=("PATH=/bin", "GREETING=hello"), cmd=("nginx", "-g", "daemon off;"),
              entrypoint=("/docker-entrypoint.sh",), working_dir="/srv", user="www",
              exposed_ports=("80/tcp", "443/tcp"), labels={"team": "blue"})
ALL = {"ref": "student/web:1.0", "env": {"GREETING": "hello"}, "cmd": ["nginx", "-g", "daemon off;"],
       "entrypoint": "/docker-entrypoint.sh", "workdir": "/srv/", "user": "www", "exposed_ports": ["80"],
       "labels": {"team": "blue"}}


def check(params, *images):
    return CHECK_KINDS["image_config"].fn(params, FakeView(images=images), CTX)


def test_right_configuration_passes():
    assert check(ALL, RIGHT) == []


def test_schema_accepts_every_parameter():
    schema.validate(ALL, schema.CHECK_PARAMS["image_config"], "check", "t.md", lambda *a, **k: 1)


@pytest.mark.parametrize(("key", "wrong", "code"), [
    ("env", {"GREETING": "bye"}, "image_config.env"),
    ("env", {"MISSING": "x"}, "image_config.env"),
    ("cmd", ["sh"], "image_config.cmd"),
    ("entrypoint", ["/bin/sh", "-c"], "image_config.entrypoint"),
    ("workdir", "/app", "image_config.workdir"),
    ("user", "root", "image_config.user"),
    ("exposed_ports", ["8080/tcp"], "image_config.exposed_ports"),
    ("labels", {"team": "red"}, "image_config.labels"),
])
def test_each_wrong_value_is_named(key, wrong, code):
    problems = check({**ALL, key: wrong}, RIGHT)
    assert [p.code for p in problems] == [code]
    problem = problems[0]
    assert "docker image inspect student/web:1.0" in problem.message
    assert problem.expected and problem.found  # "없음" when the image has nothing there


def test_missing_image_is_image_missing():
    problems = check({"ref": "student/other"}, RIGHT)
    assert [p.code for p in problems] == ["image.missing"]
    assert problems[0].expected == "student/other:latest"


def test_only_what_is_written_is_compared():
    assert check({"ref": "student/web:1.0"}, RIGHT) == []
    assert check({"ref": "student/web:1.0", "env": {"PATH": "/bin"}}, RIGHT) == []
