"""What the instructor sees, kept up to date event by event (never recomputed from the store).

Per learner and step a small `Cell`; per step a histogram of problem codes by learner. The
board is fed every stored event once (at start from SQLite, then as batches arrive), so a page
update costs one pass over learners × steps, whatever the number of events.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from tutor.classroom.meanings import meaning

STUCK_FAILS = 3  # failed checks on one step before a learner shows as stuck
STUCK_IDLE_SECONDS = 300  # no event for this long on an unfinished step: stuck too
PASS_TYPES = ("check", "answer", "quiz")
STATE_LABELS = {"passed": "통과", "trying": "하는 중", "stuck": "막힘", "none": "시작 전"}


@dataclass
class Cell:
    attempts: int = 0
    fails: int = 0
    hints: int = 0
    solution: bool = False
    began_at: float | None = None
    passed_at: float | None = None
    last_at: float = 0.0
    codes: list[str] = field(default_factory=list)  # problem codes of the latest failure
    vars: dict[str, str] = field(default_factory=dict)  # the exercise values this learner had

    def state(self, now: float, current: bool) -> str:
        if self.passed_at is not None:
            return "passed"
        if self.fails >= STUCK_FAILS or (current and now - self.last_at >= STUCK_IDLE_SECONDS):
            return "stuck"
        return "trying"

    def to_dict(self, now: float, current: bool) -> dict[str, Any]:
        return {"state": self.state(now, current), "attempts": self.attempts, "fails": self.fails,
                "hints": self.hints, "solution_viewed": self.solution, "began_at": self.began_at,
                "passed_at": self.passed_at, "last_at": self.last_at, "codes": list(self.codes),
                "vars": dict(self.vars)}


@dataclass
class Learner:
    id: int
    name: str
    joined_at: float
    last_at: float = 0.0
    current: str | None = None  # the step of the newest event
    cells: dict[str, Cell] = field(default_factory=dict)


class Board:
    def __init__(self, title: str, steps: list[dict[str, str]]):
        self.title = title
        self.steps = list(steps)  # {"id", "lesson", "title", "kind"} in course order
        self._known = {s["id"] for s in self.steps}
        self.learners: dict[int, Learner] = {}
        self.histogram: dict[str, dict[str, set[int]]] = {}
        self.messages: dict[str, str] = {}  # code -> first learner message seen (fallback meaning)
        self.version = 0
        self.events = 0
        # The version at which each part last changed, so a page is sent only what changed:
        # the layout (columns, learners), one learner's row, the stuck list, the histogram.
        self.layout_version = 0
        self.row_version: dict[int, int] = {}
        self.stuck_version = 0
        self.hist_version = 0
        self._touched: set[str] = set()

    def add_learner(self, learner_id: int, name: str, joined_at: float) -> None:
        if learner_id not in self.learners:
            self.learners[learner_id] = Learner(learner_id, name, joined_at)
            self.version += 1
            self.layout_version = self.version

    def apply(self, learner_id: int, ev: dict[str, Any]) -> None:
        learner = self.learners.get(learner_id)
        if learner is None:
            return
        step, at, kind = ev["step"], float(ev["at"]), ev["type"]
        self.version += 1
        if step not in self._known:
            self._known.add(step)
            self.steps.append({"id": step, "lesson": step.split("/")[0], "title": step, "kind": "task"})
            self.layout_version = self.version
        if step.split("/")[0] not in self._touched:
            self._touched.add(step.split("/")[0])
            self.layout_version = self.version  # a lesson's columns appear
        self.row_version[learner_id] = self.version
        self.stuck_version = self.version  # any event can make someone stuck or not
        cell = learner.cells.setdefault(step, Cell())
        cell.last_at = max(cell.last_at, at)
        if ev.get("vars"):
            cell.vars = dict(ev["vars"])
        if kind == "began":
            cell.began_at = cell.began_at or at
        elif kind in PASS_TYPES:
            cell.attempts += 1
            if ev.get("passed"):
                cell.passed_at = min(cell.passed_at or at, at)
                cell.codes = []
            else:
                cell.fails += 1
                codes = [p["code"] for p in ev.get("problems") or ()] or [f"{kind}.wrong"]
                cell.codes = codes
                for p in ev.get("problems") or ():
                    self.messages.setdefault(p["code"], p.get("message", ""))
                self.hist_version = self.version
                for code in codes:
                    self.histogram.setdefault(step, {}).setdefault(code, set()).add(learner_id)
        elif kind == "hint":
            cell.hints += 1
        elif kind == "solution":
            cell.solution = True
        if at >= learner.last_at:
            learner.last_at, learner.current = at, step
        self.events += 1

    # --- what the page and /api/class show ---------------------------------------------------

    def shown_steps(self) -> list[dict[str, str]]:
        """Steps of the lessons someone has touched (all steps while nobody has)."""
        if not self._touched:
            return self.steps
        return [s for s in self.steps if s["lesson"] in self._touched]

    def stuck(self, now: float) -> list[dict[str, Any]]:
        out = []
        for lr in self.learners.values():
            for step, cell in lr.cells.items():
                if cell.state(now, step == lr.current) != "stuck":
                    continue
                if cell.fails >= STUCK_FAILS:
                    reason = f"확인 {cell.fails}번 실패"
                else:
                    reason = f"{int((now - cell.last_at) // 60)}분째 진행 없음"
                out.append({"learner": lr.id, "name": lr.name, "step": step, "reason": reason,
                            "codes": list(cell.codes),
                            "meanings": [self.meaning(c) for c in cell.codes]})
        return sorted(out, key=lambda r: (r["name"], r["step"]))

    def meaning(self, code: str) -> str:
        return meaning(code, self.messages.get(code, ""))

    def bars(self, step: str) -> list[dict[str, Any]]:
        rows = self.histogram.get(step, {})
        names = {lr.id: lr.name for lr in self.learners.values()}
        return sorted(({"code": code, "meaning": self.meaning(code), "learners": len(ids),
                        "names": sorted(names.get(i, "?") for i in ids)} for code, ids in rows.items()),
                      key=lambda r: (-r["learners"], r["code"]))

    def to_dict(self, now: float | None = None) -> dict[str, Any]:
        now = time.time() if now is None else now
        learners = []
        for lr in sorted(self.learners.values(), key=lambda x: x.name):
            learners.append({
                "id": lr.id, "name": lr.name, "joined_at": lr.joined_at, "last_at": lr.last_at,
                "current": lr.current,
                "passed": sum(c.passed_at is not None for c in lr.cells.values()),
                "steps": {sid: c.to_dict(now, sid == lr.current) for sid, c in lr.cells.items()},
            })
        return {"title": self.title, "generated_at": now, "version": self.version,
                "events": self.events, "steps": self.shown_steps(), "learners": learners,
                "stuck": self.stuck(now),
                "histogram": {s: self.bars(s) for s in self.histogram}}
