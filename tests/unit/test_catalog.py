"""The course catalogue: ordering, lookups with Korean suggestions, caching; placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.errors import BadInput
from tutor.lessonfile import catalog, placeholders
from tutor.lessonfile.catalog import load_course, natural_key

LESSON = """---
id: "{id}"
title: "레슨 {id}"
chapter: {chapter}
format_version: 1
---

## 퀴즈

```step
id = "{slug}"
kind = "quiz"
```

```quiz
question = "명령은?"
accept = ["docker ps"]
```
"""


@pytest.fixture
def course_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "lessons"
    folder.mkdir()
    for name, lid, chapter, slug in [("x.md", "4.10", 4, "ten"), ("y.md", "4.2", 4, "run-port"), ("z.md", "3", 3, "daemon")]:
        (folder / name).write_text(LESSON.format(id=lid, chapter=chapter, slug=slug), encoding="utf-8")
    monkeypatch.setattr("tutor.content.lessons_dir", lambda: folder)
    catalog.clear_cache()
    return folder


def test_order_and_lookups(course_dir):
    course = load_course()
    assert [les.id for les in course.lessons] == ["3", "4.2", "4.10"]
    assert [s.id for s in course.steps()] == ["3/daemon", "4.2/run-port", "4.10/ten"]
    assert course.step("4.2/run-port").slug == "run-port"
    assert course.lesson("4.10").title == "레슨 4.10"
    assert course.find_step("nope/x") is None


def test_unknown_ids_are_bad_input_with_suggestions(course_dir):
    course = load_course()
    with pytest.raises(BadInput) as err:
        course.step("4.2/run-prot")
    assert "`4.2/run-prot` 단계가 없어요" in err.value.message and "`4.2/run-port`" in err.value.message
    assert err.value.exit_code == 2 and "docker-tutor list" in err.value.hint
    with pytest.raises(BadInput) as err:
        course.lesson("4.3")
    assert "`4.3` 레슨이 없어요" in err.value.message and "`4.2`" in err.value.message


def test_cache_and_reload_on_change(course_dir):
    first = load_course()
    assert load_course() is first
    path = course_dir / "z.md"
    path.write_text(path.read_text(encoding="utf-8").replace("레슨 3", "바뀐 레슨 3!"), encoding="utf-8")
    second = load_course()
    assert second is not first and second.lesson("3").title == "바뀐 레슨 3!"


def test_single_file_and_missing_file(course_dir, tmp_path):
    course = load_course(str(course_dir / "y.md"))
    assert [les.id for les in course.lessons] == ["4.2"]
    with pytest.raises(BadInput, match="레슨 파일을 찾을 수 없어요"):
        load_course(str(tmp_path / "nope.md"))


def test_empty_or_missing_lessons_dir(tmp_path, monkeypatch):
    monkeypatch.setattr("tutor.content.lessons_dir", lambda: tmp_path / "none")
    assert load_course().lessons == ()


def test_natural_key():
    assert sorted(["4.10", "4.9", "4.2", "ex", "3"], key=natural_key) == ["3", "4.2", "4.9", "4.10", "ex"]


def test_placeholders_current(monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKER_TUTOR_USER", "kim")
    monkeypatch.setenv("DOCKER_TUTOR_REGISTRY", "127.0.0.1:5999")
    values = placeholders.current()
    assert set(values) == set(placeholders.PLACEHOLDERS)
    assert values["user"] == "kim" and values["registry"] == "127.0.0.1:5999"
    assert Path(values["workdir"]).is_dir()
    monkeypatch.delenv("DOCKER_TUTOR_USER")
    monkeypatch.delenv("DOCKER_TUTOR_REGISTRY")
    values = placeholders.current()
    assert values["user"] == "student"
    assert values["registry"]  # the lab's practice registry, or 127.0.0.1:5101 without a lab


def test_placeholders_lab_fallback(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_lab(name, *args, **kwargs):
        if name == "tutor.lab.registry":
            raise ImportError("no lab")
        return real_import(name, *args, **kwargs)

    monkeypatch.delenv("DOCKER_TUTOR_REGISTRY", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_lab)
    values = placeholders.current()
    assert (values["registry"], values["registry_user"]) == ("127.0.0.1:5101", "student")


def test_substitute():
    mapping = {"user": "kim", "workdir": "/w"}
    obj = {
        "ref": "{user}/web:1.0",
        "mounts": [{"source": "{workdir}/html", "target": "/usr/share/nginx/html"}],
        "cmds": ("docker version --format '{{.Server.Version}}'", "{unknown} {registry}"),
        "n": 8080,
        "flag": True,
        "{user}": "key too",
    }
    out = placeholders.substitute(obj, mapping)
    assert out["ref"] == "kim/web:1.0"
    assert out["mounts"] == [{"source": "/w/html", "target": "/usr/share/nginx/html"}]
    assert out["cmds"] == ("docker version --format '{{.Server.Version}}'", "{unknown} {registry}")
    assert out["n"] == 8080 and out["flag"] is True and out["kim"] == "key too"
    assert obj["ref"] == "{user}/web:1.0"  # the input is not changed
    assert placeholders.unknown_in(obj) == ["unknown"]
