"""Class reports without a server: each learner exports one JSON file; the instructor merges.

The export is versioned and self-describing; merging tolerates lessons a learner never opened
and refuses files that are not tutor reports, naming them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tutor.errors import BadInput

REPORT_KIND = "docker-tutor-report"
REPORT_VERSION = 1
CLASS_BUNDLE_KIND = "docker-tutor-class"  # tutor.classroom.export.BUNDLE_KIND


def export(name: str, course, progress) -> dict[str, Any]:
    from tutor.progress import summary

    quiz_total = quiz_correct = 0
    steps: dict[str, Any] = {}
    for step in course.steps():
        sp = progress.step(step.id)
        if step.kind == "quiz" and sp.quiz:
            quiz_total += 1
            quiz_correct += int(bool(sp.quiz[-1].get("correct")))
        if sp == type(sp)():
            continue  # never touched: keep the file small
        steps[step.id] = {"kind": step.kind, "passed": sp.passed, "passed_at": sp.passed_at,
                          "began_at": sp.began_at, "attempts": sp.attempts, "hints_used": sp.hints_used,
                          "solution_viewed": sp.solution_viewed}
    return {
        "kind": REPORT_KIND,
        "version": REPORT_VERSION,
        "name": name,
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "lessons": [s.to_dict() for s in summary(course, progress)],
        "quiz": {"correct": quiz_correct, "answered": quiz_total},
        "steps": steps,
    }


@dataclass(frozen=True)
class ClassTable:
    lessons: tuple[str, ...]  # lesson ids, in first-seen order
    learners: tuple[tuple[str, dict[str, str], str], ...]  # (name, lesson -> "passed/total", quiz)


def load_reports(paths: Sequence[str]) -> list[dict[str, Any]]:
    reports: list[dict[str, Any]] = []
    for path in paths:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BadInput(f"파일({path})을 읽을 수 없어요: {exc}") from None
        if isinstance(data, dict) and data.get("kind") == CLASS_BUNDLE_KIND:
            # The class server's export (`class serve` page → JSON): many reports in one file.
            reports.extend(r for r in data.get("reports", []) if isinstance(r, dict)
                           and r.get("kind") == REPORT_KIND)
            continue
        if not isinstance(data, dict) or data.get("kind") != REPORT_KIND:
            raise BadInput(f"파일({path})은 도커 튜터 보고서가 아니에요. "
                           "`docker-tutor report --name 이름 --json`으로 만든 파일이어야 해요.")
        if int(data.get("version", 0)) > REPORT_VERSION:
            raise BadInput(f"파일({path})은 더 새로운 튜터가 만든 보고서예요. 튜터를 업데이트해 주세요.")
        reports.append(data)
    return reports


def merge(reports: Sequence[dict[str, Any]]) -> ClassTable:
    lessons: list[str] = []
    for report in reports:
        for row in report.get("lessons", []):
            if row["lesson"] not in lessons:
                lessons.append(row["lesson"])
    learners = []
    for report in sorted(reports, key=lambda r: str(r.get("name", ""))):
        cells = {row["lesson"]: f"{row['passed']}/{row['total']}" for row in report.get("lessons", [])}
        quiz = report.get("quiz", {})
        learners.append((str(report.get("name", "?")), cells, f"{quiz.get('correct', 0)}/{quiz.get('answered', 0)}"))
    return ClassTable(tuple(lessons), tuple(learners))
