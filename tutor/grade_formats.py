"""Serialisers for grading rows: JUnit XML (any CI autograder), CSV and JSON carry the same rows.

Every value may hold lesson or daemon text (a container's env with ESC in it): JUnit gets
`xml_safe` (no control sequences, no XML-invalid characters: the file always parses), CSV gets
`csv_safe`, JSON stays exact (`json_dumps`).

JUnit: one <testsuite> per lesson, one <testcase> per step; a failed step's <failure> message is
the Korean feedback itself; a not-attempted quiz/answer is <skipped>; a tutor bug is <error>.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from tutor.grading import FAILED, INTERNAL, NOT_ATTEMPTED, GradeRow, summarize
from tutor.ui.safe_text import csv_safe, json_dumps, xml_safe

CSV_FIELDS = ("step", "lesson", "kind", "title", "status", "verified", "passed_at", "message")


def to_junit(rows: Sequence[GradeRow], name: str = "docker-tutor") -> str:
    x = xml_safe
    suites = ET.Element("testsuites", name=x(name))
    by_lesson: dict[str, list[GradeRow]] = {}
    for row in rows:
        by_lesson.setdefault(row.lesson, []).append(row)
    for lesson, lesson_rows in by_lesson.items():
        counts = summarize(lesson_rows)
        suite = ET.SubElement(
            suites, "testsuite", name=x(f"lesson {lesson}"), tests=str(len(lesson_rows)),
            failures=str(counts[FAILED]), errors=str(counts[INTERNAL]), skipped=str(counts[NOT_ATTEMPTED]),
        )
        for row in lesson_rows:
            case = ET.SubElement(suite, "testcase", classname=x(f"lesson.{lesson}"), name=x(row.step))
            message = x(row.message)
            # How the verdict was reached (attributes: a passed case keeps no child elements).
            if row.verified:
                case.set("verified", row.verified)
            if row.passed_at:
                case.set("passed_at", x(row.passed_at))
            if row.status == FAILED:
                failure = ET.SubElement(case, "failure", message=message.splitlines()[0] if message else "")
                failure.text = message
            elif row.status == INTERNAL:
                ET.SubElement(case, "error", message=message).text = message
            elif row.status == NOT_ATTEMPTED:
                ET.SubElement(case, "skipped", message=message)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def to_csv(rows: Sequence[GradeRow]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        data = row.to_dict()
        writer.writerow({k: csv_safe(data[k]) for k in CSV_FIELDS})
    return out.getvalue()


def to_json(rows: Sequence[GradeRow]) -> str:
    return json_dumps({"results": [r.to_dict() for r in rows], "summary": summarize(rows)}, indent=2) + "\n"
