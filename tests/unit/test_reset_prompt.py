"""reset's prompt: nothing is removed unless asked; a learner-made item only when its own name
is typed (a bare "y" is not a confirmation of the learner's things)."""

from __future__ import annotations

import pytest

from tutor.commands.reset import ask
from tutor.daemon.cleanup import ResetItem, ResetPlan

TUTOR = ResetItem("container", "webserver", "id1", learner_made=False, step="4.2/stop")
LEARNER = ResetItem("network", "web-network", "id2", learner_made=True, step="4.3/create")


def _answers(monkeypatch, *replies):
    it = iter(replies)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(it))


@pytest.mark.parametrize("replies, expected", [
    (("y", ""), []),  # the tutor's only
    (("y", "y"), []),  # "y" is not the name: the learner's network stays
    (("y", "web-network"), ["web-network"]),  # named: removed
    (("", ), None),  # default is No: keep everything
    (("n", ), None),
    (("네", "web-network"), ["web-network"]),
])
def test_ask(monkeypatch, capsys, replies, expected):
    _answers(monkeypatch, *replies)
    assert ask(ResetPlan((TUTOR, LEARNER))) == expected
    out = capsys.readouterr().out
    assert "webserver" in out and "web-network" in out and "직접 만든 것" in out


def test_eof_means_no(monkeypatch, capsys):
    def eof(prompt=""):
        raise EOFError

    monkeypatch.setattr("builtins.input", eof)
    assert ask(ResetPlan((TUTOR,))) is None


def test_markup_in_names_is_not_interpreted(monkeypatch, capsys):
    _answers(monkeypatch, "n")
    ask(ResetPlan((ResetItem("container", "[bold]x[/bold]", "id", False),)))
    assert "[bold]x[/bold]" in capsys.readouterr().out
