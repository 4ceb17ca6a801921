"""A bug inside a check reaches the guided screen as one Korean line, never as a traceback."""

from __future__ import annotations

import dataclasses
import io

from tests.fakes import FakeView
from tutor.checks.base import CheckContext
from tutor.checks.engine import run_check
from tutor.checks.kinds import CHECK_KINDS
from tutor.model import CheckSpec, Step
from tutor.render import make_console
from tutor.ui.feedback import render_verdict


def test_internal_error_on_the_guided_screen_has_no_traceback(monkeypatch):
    def broken(params, view, ctx):
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(CHECK_KINDS, "daemon", dataclasses.replace(CHECK_KINDS["daemon"], fn=broken))
    step = Step(id="9.1/x", slug="x", kind="task", title="t", body="", check=CheckSpec("daemon", {}))
    result = run_check(step, FakeView(), CheckContext(step_id=step.id))
    assert result.status == "internal_error"
    out = io.StringIO()
    render_verdict(result, step, make_console(file=out, width=80))
    text = out.getvalue()
    assert "학습자 잘못이 아니에요" in text and "ZeroDivisionError: boom" in text
    assert "Traceback" not in text and 'File "' not in text
