"""Advice that moves forward, worded as full sentences (from the walk of lesson 4.2 at 80×24)."""

from __future__ import annotations

from tests.fakes import FakeView, container
from tutor.checks.base import CheckContext
from tutor.checks.container_props import check_state
from tutor.journey.advice import _sentence


def test_a_message_ending_in_a_command_gets_its_full_stop_before_more_text():
    assert _sentence("다시 실행해 봐요: `-p 8080:80`") == "다시 실행해 봐요: `-p 8080:80`."
    assert _sentence("지워 봐요.  ") == "지워 봐요."
    assert _sentence("다시 실행해 봐요") == "다시 실행해 봐요"


def test_a_foreground_run_stopped_with_ctrl_c_is_not_told_to_start_again():
    """`start` keeps the foreground (attached) setting: the advice would loop. Remove and -d."""
    c = container(name="webserver", state="exited", exit_code=0)
    ctx = CheckContext(step_id="4.2/run-detached")
    attached = check_state("running", c, {"detached": True}, FakeView(containers=[c], attached=["webserver"]), ctx)
    assert "docker container rm -f webserver" in attached[0].message and "start" not in attached[0].message
    plain = check_state("running", c, {"detached": True}, FakeView(containers=[c]), ctx)
    assert "docker container start webserver" in plain[0].message
