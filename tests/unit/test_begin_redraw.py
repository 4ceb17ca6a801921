"""`begin --redraw` ("다시 연습"): the exercise's variables are drawn anew, stored, and used."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from tutor.commands import begin as begin_cmd

EXERCISE = str(Path(__file__).resolve().parents[2] / "assets" / "exercises" / "web-folder-network.md")


def test_redraw_gives_the_exercise_new_values_and_keeps_them(monkeypatch):
    seen = []

    def enter_step(step, course, ctx=None):
        seen.append(step.body)
        return Namespace(ok=True)

    monkeypatch.setattr("tutor.journey.begin.enter_step", enter_step)
    args = dict(file=EXERCISE, step_id="ex-web/network", json=True)
    begin_cmd.run(Namespace(**args, redraw=False))
    begin_cmd.run(Namespace(**args, redraw=False))
    assert seen[0] == seen[1]  # stable across restarts
    begin_cmd.run(Namespace(**args, redraw=True))
    begin_cmd.run(Namespace(**args, redraw=False))
    assert seen[2] != seen[0] and "class-net-" in seen[2]  # a new draw (names carry a new suffix)
    assert seen[3] == seen[2]  # and it is the one kept from now on
