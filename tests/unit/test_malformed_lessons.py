"""A corpus of malformed lessons: each must raise its own LessonError at its own line.

The expected message substring and line of every file sit in tests/fixtures/bad_lessons/
expected.toml; a file without an entry (or an entry without a file) fails the test.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tutor.lessonfile.catalog import build_course, load_course
from tutor.lessonfile.lint import lint_files
from tutor.lessonfile.parser import lesson_errors, parse_lesson
from tutor.model import LessonError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BAD = FIXTURES / "bad_lessons"
EXPECTED = tomllib.loads((BAD / "expected.toml").read_text(encoding="utf-8"))
FILES = sorted(p.stem for p in BAD.glob("*.md"))


def test_every_fixture_has_an_expectation():
    assert sorted(EXPECTED) == FILES
    assert len(FILES) >= 15


@pytest.mark.parametrize("name", FILES)
def test_bad_lesson_raises_at_its_line(name):
    path = BAD / f"{name}.md"
    want = EXPECTED[name]
    with pytest.raises(LessonError) as err:
        parse_lesson(path.read_text(encoding="utf-8"), str(path))
    exc = err.value
    assert want["error"] in exc.message
    assert exc.source is not None and exc.source.path == str(path)
    assert exc.source.line == want["line"], str(exc)
    assert str(exc).startswith(f"{path}:{want['line']}: ")  # the file:line form lint prints


@pytest.mark.parametrize("name", FILES)
def test_lint_reports_the_same_error(name):
    path = BAD / f"{name}.md"
    report = lint_files([path])
    assert not report.ok
    assert any(i.line == EXPECTED[name]["line"] and EXPECTED[name]["error"] in i.message for i in report.issues)


def test_lint_collects_several_errors_in_one_file():
    text = (BAD / "unknown_key.md").read_text(encoding="utf-8")
    # Second step: a task with an unknown check kind and only one hint.
    text += '\n## 둘째\n\n```step\nid = "two"\nkind = "task"\n```\n\n```check\nkind = "imagee"\n```\n\n'
    text += "```solution\ndocker ps\n```\n\n```hint\n하나\n```\n"
    messages = [e.message for e in lesson_errors(text, "x.md")]
    assert any("`imgae`" in m for m in messages)
    assert any("`imagee`" in m and "`image`" in m for m in messages)  # names the closest kind
    assert any("지금 1개" in m for m in messages)


def test_duplicate_lesson_id_in_a_course():
    folder = FIXTURES / "bad_courses" / "duplicate_lesson"
    lessons = [parse_lesson(p.read_text(encoding="utf-8"), str(p)) for p in sorted(folder.glob("*.md"))]
    with pytest.raises(LessonError) as err:
        build_course(lessons)
    assert "레슨 id(`dup`)가 두 파일에 있어요" in err.value.message
    assert err.value.source.path.endswith("b.md") and "a.md" in err.value.message
    report = lint_files(sorted(folder.glob("*.md")))
    assert [i.message for i in report.issues if "두 파일" in i.message]


def test_load_course_refuses_duplicate_lesson_ids(monkeypatch):
    folder = FIXTURES / "bad_courses" / "duplicate_lesson"
    monkeypatch.setattr("tutor.content.lessons_dir", lambda: folder)
    with pytest.raises(LessonError, match="두 파일"):
        load_course()


def test_unknown_key_suggests_the_right_one():
    with pytest.raises(LessonError) as err:
        parse_lesson((BAD / "unknown_key.md").read_text(encoding="utf-8"), "k.md")
    assert "혹시 `image`인가요?" in err.value.message
