"""The shipped course passes the lesson linter (what `docker-tutor lint` checks in CI)."""

from __future__ import annotations

import pytest

from tutor.content import lessons_dir
from tutor.lessonfile.catalog import clear_cache, load_course
from tutor.lessonfile.lint import lint_paths


def test_course_lints_clean():
    if not any(lessons_dir().glob("*.md")):
        pytest.skip("no lessons yet")
    report = lint_paths()
    assert report.ok, "\n".join(str(i) for i in report.issues)
    clear_cache()
    course = load_course()
    assert len(course.steps()) == report.step_count
    assert len({s.id for s in course.steps()}) == len(course.steps())


def test_wrong_variant_codes_are_documented():
    """A `wrong` variant names the problem code its commands must produce: a typo there would
    make the self-test chase a code no check emits. Every code must be in the format doc."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "lesson-format.md").read_text(encoding="utf-8")
    if not any(lessons_dir().glob("*.md")):
        pytest.skip("no lessons yet")
    clear_cache()
    missing = [(s.id, w.code) for s in load_course().steps() for w in s.wrong if f"`{w.code}`" not in doc]
    assert not missing
