"""The parsed course on disk: reused across processes, rebuilt after an edit or a broken file."""

from __future__ import annotations

import shutil
from pathlib import Path

from tutor.lessonfile import catalog, diskcache

DOC = Path(__file__).resolve().parents[2] / "assets" / "exercises" / "env-and-limits.md"


def _fresh(path):
    catalog.clear_cache()  # forget the in-process copy: only the disk cache may answer
    return catalog.load_course(str(path))


def test_cache_is_used_and_invalidated_by_an_edit(tmp_path, monkeypatch):
    lesson = tmp_path / "ex.md"
    shutil.copy(DOC, lesson)
    first = _fresh(lesson)
    calls = []
    import tutor.lessonfile.parser as parser

    real = parser.parse_lesson
    monkeypatch.setattr(parser, "parse_lesson", lambda *a, **k: calls.append(1) or real(*a, **k))
    again = _fresh(lesson)
    assert calls == [] and again == first  # answered from disk, equal data

    lesson.write_text(lesson.read_text(encoding="utf-8").replace("환경 변수와 자원 제한", "바뀐 제목"), encoding="utf-8")
    edited = _fresh(lesson)
    assert calls == [1] and edited.lessons[0].title == "연습: 바뀐 제목"


def test_a_broken_cache_file_is_ignored(tmp_path):
    lesson = tmp_path / "ex.md"
    shutil.copy(DOC, lesson)
    course = _fresh(lesson)
    cache_file = diskcache._file_for(str(lesson))
    assert cache_file.exists()
    cache_file.write_bytes(b"not a pickle")
    assert _fresh(lesson) == course
