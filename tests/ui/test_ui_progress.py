"""Progress file: versioned, atomic, keyed by step id; a corrupt file is backed up, never fatal."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from tutor import paths, progress


def test_fresh_start_has_no_file_and_no_steps():
    p = progress.load()
    assert p.steps == {} and p.current is None and p.recovered_from is None
    assert not paths.progress_file().exists()


def test_records_are_saved_versioned_and_keyed_by_id():
    progress.mark_began("4.2/run-port")
    progress.record_check("4.2/run-port", False)
    progress.record_check("4.2/run-port", False)
    progress.record_hint("4.2/run-port")
    progress.record_solution_viewed("4.2/run-port")
    progress.record_check("4.2/run-port", True)
    progress.record_answer("1.1/engine", False, "19.03")
    progress.record_answer("1.1/engine", True, "20.10.24")
    progress.record_quiz("1.1/what", True, "컨테이너는 호스트 OS의 커널을 함께 써요.")
    progress.set_current("4.2/next")

    data = json.loads(paths.progress_file().read_text(encoding="utf-8"))
    assert data["format_version"] == progress.PROGRESS_VERSION
    assert "손으로 고치지 마세요" in data["_comment"]
    assert data["current"] == "4.2/next"
    rp = data["steps"]["4.2/run-port"]
    assert rp["attempts"] == 3 and rp["failed_checks"] == 0 and rp["hints_used"] == 1
    assert rp["solution_viewed"] is True and rp["passed_at"] and rp["began_at"]
    eng = data["steps"]["1.1/engine"]
    assert [a["correct"] for a in eng["answers"]] == [False, True] and eng["answers"][0]["text"] == "19.03"
    assert data["steps"]["1.1/what"]["quiz"][0]["correct"] is True

    again = progress.load()
    assert again.passed("4.2/run-port") and again.passed("1.1/engine") and not again.passed("x/y")


def test_failed_checks_count_until_a_pass():
    for _ in range(3):
        sp = progress.record_check("s/a", False)
    assert sp.failed_checks == 3 and not sp.passed
    sp = progress.record_check("s/a", True)
    assert sp.failed_checks == 0 and sp.passed


def test_began_at_keeps_first_time_unless_told():
    first = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    progress.mark_began("s/b", first)
    progress.mark_began("s/b")  # opening the step again does not move the start
    assert progress.began_at("s/b") == first
    later = datetime(2026, 1, 3, tzinfo=timezone.utc)
    progress.mark_began("s/b", later)  # prepare sets it explicitly
    assert progress.began_at("s/b") == later
    assert progress.began_at("never/opened") is None


@pytest.mark.parametrize("content", ["{not json", "[]", '{"format_version": 99, "steps": {}}', ""])
def test_corrupt_file_is_backed_up_and_fresh_progress_starts(content):
    f = paths.progress_file()
    f.write_text(content, encoding="utf-8")
    p = progress.load()
    assert p.steps == {} and p.recovered_from is not None
    assert p.recovered_from.name.startswith("progress.json.broken-")
    assert p.recovered_from.read_text(encoding="utf-8") == content  # kept as it was
    assert not f.exists()
    assert progress.take_recovery_notice() == p.recovered_from
    assert progress.take_recovery_notice() is None
    progress.record_check("s/c", True)  # and writing works again
    assert progress.load().passed("s/c")


def test_atomic_write_leaves_old_file_when_writing_fails(monkeypatch):
    progress.record_check("s/d", True)
    before = paths.progress_file().read_text(encoding="utf-8")

    def boom(*a, **k):
        raise OSError("disk full")

    with monkeypatch.context() as m:
        m.setattr(os, "replace", boom)
        progress.record_check("s/e", True)  # never raises: the learner is warned instead
    assert any("기록을 저장하지 못했어요" in n for n in progress.take_notices())
    assert paths.progress_file().read_text(encoding="utf-8") == before
    leftovers = [p for p in paths.progress_file().parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_summary_counts_passed_per_lesson_in_order():
    def lesson(lid, n):
        steps = tuple(SimpleNamespace(id=f"{lid}/s{i}") for i in range(n))
        return SimpleNamespace(id=lid, title=f"레슨 {lid}", steps=steps)

    course = SimpleNamespace(lessons=(lesson("1.1", 2), lesson("4.2", 3)))
    progress.record_check("4.2/s0", True)
    progress.record_check("4.2/s1", False)
    rows = progress.summary(course)
    assert [(r.lesson_id, r.passed, r.total, r.next_step) for r in rows] == [
        ("1.1", 0, 2, "1.1/s0"),
        ("4.2", 1, 3, "4.2/s1"),
    ]
