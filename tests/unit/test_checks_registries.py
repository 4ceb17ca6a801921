"""Registry checks on a fake view: login, logout and push, each problem code failing and passing."""

from __future__ import annotations

from tests.fakes import FakeView, image
from tutor.checks.base import CheckContext
from tutor.checks.registries import (
    check_credentials,
    check_no_credentials,
    check_registry_tag,
)
from tutor.state import Credentials

CTX = CheckContext(step_id="t/x")
REG = "127.0.0.1:5101"
LOGGED_IN = {REG: Credentials(server=REG, stored=True, where="auths", username="student")}
PUSH = {"registry": REG, "repository": "student/webserver", "tag": "1.0"}
LOCAL = image(f"{REG}/student/webserver:1.0")


def codes(problems):
    return [p.code for p in problems]


def test_credentials_pass_and_fail():
    assert check_credentials({"server": REG}, FakeView(credentials=LOGGED_IN), CTX) == []
    problems = check_credentials({"server": REG}, FakeView(), CTX)
    assert codes(problems) == ["login.missing"]
    assert f"docker login {REG}" in problems[0].message and problems[0].found == "없음"


def test_no_credentials_pass_and_fail():
    assert check_no_credentials({"server": REG}, FakeView(), CTX) == []
    problems = check_no_credentials({"server": REG}, FakeView(credentials=LOGGED_IN), CTX)
    assert codes(problems) == ["logout.still_logged_in"]
    assert problems[0].found == "auths (student)"
    assert f"docker logout {REG}" in problems[0].message and "auths" in problems[0].message


def test_no_credentials_names_the_helper():
    helper = {REG: Credentials(server=REG, stored=True, where="credsStore:desktop")}
    problems = check_no_credentials({"server": REG}, FakeView(credentials=helper), CTX)
    assert "credsStore:desktop" in problems[0].message


def test_registry_tag_passes():
    view = FakeView(credentials=LOGGED_IN, images=[LOCAL], registry={(REG, "student/webserver"): ["1.0"]})
    assert check_registry_tag(PUSH, view, CTX) == []


def test_push_missing():
    view = FakeView(credentials=LOGGED_IN, images=[LOCAL], registry={(REG, "other/thing"): ["x"]})
    problems = check_registry_tag(PUSH, view, CTX)
    assert codes(problems) == ["push.missing"]
    assert problems[0].expected == f"{REG}/student/webserver:1.0"
    assert f"docker image push {REG}/student/webserver:1.0" in problems[0].message


def test_push_other_tag():
    view = FakeView(credentials=LOGGED_IN, images=[LOCAL], registry={(REG, "student/webserver"): ["2.0", "latest"]})
    problems = check_registry_tag(PUSH, view, CTX)
    assert codes(problems) == ["push.other_tag"]
    assert problems[0].found == "2.0, latest" and "2.0, latest" in problems[0].message


def test_push_not_logged_in():
    # Without credentials the registry refuses to list tags: the view says None.
    problems = check_registry_tag(PUSH, FakeView(images=[LOCAL]), CTX)
    assert codes(problems) == ["push.not_logged_in"]
    assert f"docker login {REG}" in problems[0].message


def test_push_local_tag_missing():
    view = FakeView(credentials=LOGGED_IN, images=[image("student/webserver:1.0")], registry={(REG, "x/y"): []})
    problems = check_registry_tag(PUSH, view, CTX)
    assert codes(problems) == ["push.local_tag_missing"]
    assert problems[0].expected == f"{REG}/student/webserver:1.0"
    assert f"docker image tag <원본 이미지> {REG}/student/webserver:1.0" in problems[0].message


def test_push_names_every_missing_piece():
    problems = check_registry_tag(PUSH, FakeView(), CTX)
    assert codes(problems) == ["push.not_logged_in", "push.local_tag_missing"]


def test_push_registry_unreachable_when_logged_in():
    # Logged in but the registry does not answer (down, or the password was refused).
    view = FakeView(credentials=LOGGED_IN, images=[LOCAL])
    problems = check_registry_tag(PUSH, view, CTX)
    assert codes(problems) == ["push.registry_unreachable"]
    assert "docker-tutor lab registry up" in problems[0].message and REG in problems[0].message
