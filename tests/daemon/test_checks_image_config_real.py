"""`image_config` against the real daemon: an image committed with known settings passes, and
the same check with other values fails with the code of each difference.

The image is made from the practice nginx (a stand-in or the real one) by `commit` with
`--change`-style instructions and the test label; the test removes exactly what it made.
"""

from __future__ import annotations

import uuid

import pytest

from tutor.checks.base import CheckContext
from tutor.checks.kinds import CHECK_KINDS

pytestmark = pytest.mark.daemon
CTX = CheckContext(step_id="t/image-config")


@pytest.fixture
def committed(docker_api, cleanup, test_labels):
    rid = uuid.uuid4().hex[:8]
    repo = f"tt-imgcfg-{rid}/web"
    box = docker_api.create_container("nginx", name=f"tt-imgcfg-{rid}", labels=test_labels)
    cleanup["containers"].append(box["Id"])
    label = next(iter(test_labels.items()))
    docker_api.commit(box["Id"], repository=repo, tag="1.0", changes=[
        "ENV GREETING=hello", "WORKDIR /srv", "EXPOSE 8080", 'CMD ["sh", "-c", "echo hi"]', "USER nobody",
        f"LABEL {label[0]}={label[1]}", "LABEL team=blue"])
    ref = f"{repo}:1.0"
    cleanup["images"].append(ref)
    return ref


def run(params):
    from tutor.daemon.view import open_view

    return CHECK_KINDS["image_config"].fn(params, open_view(), CTX)


def test_passes_on_the_right_configuration(committed):
    assert run({"ref": committed, "env": {"GREETING": "hello"}, "workdir": "/srv", "exposed_ports": ["8080"],
                "cmd": ["sh", "-c", "echo hi"], "user": "nobody", "labels": {"team": "blue"}}) == []


def test_fails_on_each_wrong_value(committed):
    problems = run({"ref": committed, "env": {"GREETING": "bye"}, "workdir": "/app", "exposed_ports": ["9999"],
                    "cmd": ["nginx"], "user": "root", "labels": {"team": "red"}})
    assert sorted(p.code for p in problems) == sorted([
        "image_config.env", "image_config.workdir", "image_config.exposed_ports", "image_config.cmd",
        "image_config.user", "image_config.labels"])
    env = next(p for p in problems if p.code == "image_config.env")
    assert env.found == "GREETING=hello" and env.expected == "GREETING=bye"


def test_fails_when_the_image_is_not_there(committed):
    assert [p.code for p in run({"ref": committed.replace(":1.0", ":2.0")})] == ["image.missing"]
