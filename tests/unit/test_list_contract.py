"""`docker-tutor list --json`: the JSON keys are a contract (reports and outside tools read them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tutor.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "lesson-format.md"


@pytest.fixture
def example_file(tmp_path) -> Path:
    tokens = MarkdownIt("commonmark").parse(DOC.read_text(encoding="utf-8"))
    text = next(t.content for t in tokens if t.type == "fence" and t.info.strip() == "markdown")
    path = tmp_path / "ex.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_list_json_contract(example_file, capsys):
    assert main(["--file", str(example_file), "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["lessons"]
    assert len(data["lessons"]) == 1
    lesson = data["lessons"][0]
    assert list(lesson) == ["id", "title", "steps"]
    assert (lesson["id"], lesson["title"]) == ("ex", "예제: 포트를 연결한 웹 서버")
    assert [list(s) for s in lesson["steps"]] == [["id", "kind", "title"]] * 3
    assert [(s["id"], s["kind"]) for s in lesson["steps"]] == [
        ("ex/run-port", "task"), ("ex/engine", "answer"), ("ex/what", "quiz"),
    ]
    assert lesson["steps"][2]["title"] == "컨테이너란?"


def test_list_text(example_file, capsys):
    assert main(["--no-color", "--file", str(example_file), "list"]) == 0
    out = capsys.readouterr().out
    assert "ex/run-port" in out and "포트를 연결해서 nginx 실행하기" in out and "퀴즈" in out


def test_list_bad_file_is_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.md"
    bad.write_text("---\nid: x\n---\n", encoding="utf-8")
    assert main(["--file", str(bad), "list", "--json"]) == 2
    err = json.loads(capsys.readouterr().out)
    assert err["error"] == "lesson_error" and f"{bad}:" in err["message"]
    assert main(["--file", str(tmp_path / "missing.md"), "list"]) == 2


def test_list_course_from_lessons_dir(tmp_path, monkeypatch, example_file, capsys):
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "b.md").write_text(example_file.read_text(encoding="utf-8"), encoding="utf-8")
    other = example_file.read_text(encoding="utf-8").replace('id: "ex"', 'id: "1.10"').replace("chapter: 9", "chapter: 1")
    (folder / "a.md").write_text(other, encoding="utf-8")
    (folder / "c.md").write_text(other.replace('id: "1.10"', 'id: "1.9"'), encoding="utf-8")
    monkeypatch.setattr("tutor.content.lessons_dir", lambda: folder)
    assert main(["list", "--json"]) == 0
    ids = [les["id"] for les in json.loads(capsys.readouterr().out)["lessons"]]
    assert ids == ["1.9", "1.10", "ex"]  # by chapter, then ids with numbers compared as numbers


def test_lint_command(example_file, tmp_path, capsys):
    assert main(["lint", str(example_file)]) == 0
    assert "문제가 없어요" in capsys.readouterr().out
    bad = Path(__file__).resolve().parents[1] / "fixtures" / "bad_lessons"
    assert main(["lint", str(bad / "unknown_key.md"), str(example_file)]) == 2
    out = capsys.readouterr().out
    assert f"{bad / 'unknown_key.md'}:17: " in out
    assert main(["lint", "--json", str(bad)]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and len(data["errors"]) >= 15
    assert set(data["errors"][0]) == {"path", "line", "message", "text"}
    assert main(["--file", str(example_file), "lint"]) == 0


def test_list_view_aligns_hangul_at_60_columns(example_file):
    import io

    from rich.cells import cell_len

    from tutor.commands import list_cmd
    from tutor.render import make_console

    class Args:
        file = str(example_file)

    out = io.StringIO()
    list_cmd.run(Args()).render(make_console(file=out, width=60))
    rows = [line for line in out.getvalue().splitlines() if line.startswith("  ex/")]
    assert len(rows) == 3
    # the title column starts at the same terminal cell on every row, although the kind
    # labels (퀴즈, 실습, 답 쓰기) have different numbers of wide characters
    titles = ["포트를 연결해서", "엔진 버전 읽기", "컨테이너란?"]
    starts = {cell_len(row[: row.index(t)]) for row, t in zip(rows, titles)}
    assert len(starts) == 1
    assert all(cell_len(line) <= 60 for line in out.getvalue().splitlines())
