"""Class exports in the format `docker-tutor report --merge` reads: one report per learner.

JSON: a bundle `{"kind": "docker-tutor-class", "reports": [<report>...]}` whose reports are the
same documents `report --name … --json` writes (classreport.REPORT_KIND), so `report --merge
class.json` and `report --merge kim.json lee.json` give the same table. CSV: the table itself,
the columns of `report --merge --format csv`.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from typing import Any

from tutor.classreport import CLASS_BUNDLE_KIND as BUNDLE_KIND
from tutor.classreport import REPORT_KIND, REPORT_VERSION
from tutor.classroom.board import Board


def _iso(ts: float | None) -> str | None:
    return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="seconds") if ts else None


def reports(board: Board) -> list[dict[str, Any]]:
    lessons: dict[str, list[dict[str, str]]] = {}
    for s in board.steps:
        lessons.setdefault(s["lesson"], []).append(s)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    out = []
    for lr in sorted(board.learners.values(), key=lambda x: x.name):
        rows, steps = [], {}
        quiz_correct = quiz_answered = 0
        for lesson, members in lessons.items():
            passed = [s["id"] for s in members if (c := lr.cells.get(s["id"])) and c.passed_at]
            nxt = next((s["id"] for s in members if s["id"] not in passed), None)
            rows.append({"lesson": lesson, "title": members[0].get("lesson_title", lesson),
                         "passed": len(passed), "total": len(members), "next_step": nxt})
        kinds = {s["id"]: s["kind"] for s in board.steps}
        for sid, c in lr.cells.items():
            if kinds.get(sid) == "quiz" and c.attempts:
                quiz_answered += 1
                quiz_correct += int(c.passed_at is not None)
            steps[sid] = {"kind": kinds.get(sid, "task"), "passed": c.passed_at is not None,
                          "passed_at": _iso(c.passed_at), "began_at": _iso(c.began_at),
                          "attempts": c.attempts, "hints_used": c.hints,
                          "solution_viewed": c.solution, "vars": dict(c.vars)}
        out.append({"kind": REPORT_KIND, "version": REPORT_VERSION, "name": lr.name,
                    "generated_at": now, "lessons": rows,
                    "quiz": {"correct": quiz_correct, "answered": quiz_answered}, "steps": steps})
    return out


def bundle(board: Board) -> dict[str, Any]:
    return {"kind": BUNDLE_KIND, "version": 1, "title": board.title, "reports": reports(board)}


def csv_text(board: Board) -> str:
    from tutor import classreport

    table = classreport.merge(reports(board))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", *table.lessons, "quiz"])
    for name, cells, quiz in table.learners:
        writer.writerow([name, *(cells.get(lesson, "0/0") for lesson in table.lessons), quiz])
    return out.getvalue()
