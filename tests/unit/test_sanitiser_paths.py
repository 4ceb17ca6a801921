"""Issue 16 items 6 and 12: terminal sequences from lesson files and from the daemon never reach
the terminal (OSC 52 clipboard, OSC 0 title, CSI 2J), on every output path; JSON stays exact,
JUnit always parses, CSV carries no ESC; a huge untrusted value is cut with a Korean note."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from tutor import cli
from tutor.model import CheckResult, Problem
from tutor.render import make_console
from tutor.ui.safe_text import csv_safe, json_dumps, korean_count, safe, shorten, xml_safe

CLIP = "\x1b]52;c;cm0gLXJmIH4=\x07"  # OSC 52: writes the clipboard
TITLE = "\x1b]0;pwned\x07"  # OSC 0: window title
CLEAR = "\x1b[2J"
EVIL = f"나쁜{CLIP}제목{TITLE}{CLEAR}"
SEQUENCES = ("\x1b]", "\x1b[2J", "\x07", "\x9b")


def clean(raw: str) -> bool:
    return not any(s in raw for s in SEQUENCES)


def toml(s: str) -> str:
    return s.replace("\x1b", "\\u001b").replace("\x07", "\\u0007")


def evil_lesson(tmp_path, *, broken: bool = False):
    text = f"""---
id: ex-evil
title: "{EVIL}"
chapter: 9
format_version: 1
---

# 제목

## 퀴즈 {EVIL}

```step
id = "q"
kind = "quiz"
```

```quiz
question = "{toml(EVIL)} 무엇일까요?"
[[choices]]
text = "{toml(EVIL)} 하나"
correct = true
why = "{toml(EVIL)} 맞아요"
[[choices]]
text = "둘"
correct = false
why = "아니에요"
```
"""
    if broken:  # a lint error that quotes the lesson's own text: "단계 '<heading>'에 ```step 블록이 없어요"
        text = text.replace('```step\nid = "q"\nkind = "quiz"\n```\n', "")
    f = tmp_path / "evil.md"
    f.write_text(text, encoding="utf-8")
    return f


def test_the_sanitiser():
    assert safe(EVIL) == "나쁜␛제목␛␛"
    assert safe("a\x9b31mb\x1b7c\x00d\te\nf") == "a␛b␛cd\te\nf"
    assert json.loads(json_dumps({"v": EVIL + "\x9b"})) == {"v": EVIL + "\x9b"}  # exact
    assert clean(json_dumps({"v": EVIL + "\x9b"}))
    assert xml_safe(EVIL + "\x00\x0b\ufffe") == "나쁜제목"
    assert csv_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)" and csv_safe(EVIL) == "나쁜제목"


@pytest.mark.parametrize("argv", [["list"], ["lint"]])
def test_list_and_lint_print_no_sequences(tmp_path, capsys, argv):
    f = evil_lesson(tmp_path, broken=argv == ["lint"])
    args = ["--no-color", "--file", str(f), *argv] if argv == ["list"] else ["--no-color", "lint", str(f)]
    cli.main(args)
    out = capsys.readouterr()
    raw = out.out + out.err
    assert "나쁜" in raw and clean(raw), repr(raw)


def test_list_json_keeps_the_title_exact(tmp_path, capsys):
    f = evil_lesson(tmp_path)
    assert cli.main(["--file", str(f), "list", "--json"]) == 0
    raw = capsys.readouterr().out
    assert clean(raw) and json.loads(raw)["lessons"][0]["title"] == EVIL


def test_check_reset_and_selftest_views_print_no_sequences():
    from tutor.commands.check import CheckRun
    from tutor.commands.reset import print_plan
    from tutor.commands.selftest import SelftestResult
    from tutor.daemon.cleanup import ResetItem
    from tutor.selftest.outcome import Phase, StepOutcome
    from tutor.selftest.suite import SelftestReport

    console = make_console(file=io.StringIO(), width=80, force_terminal=True)
    problem = Problem(code="env.other_value", message=f"값이 달라요 {EVIL}", expected="nice", found=EVIL)
    CheckRun(results=(CheckResult(step="9/x", kind="task", passed=False, problems=(problem,)),)).render(console)
    plan = type("Plan", (), {"items": (ResetItem("network", EVIL, "id1", False, "9/x"),)})()
    print_plan(plan, console)
    report = SelftestReport((StepOutcome("9/x", "task", "failed", (Phase("solution", False, EVIL),), EVIL),))
    SelftestResult(report).render(console)
    raw = console.file.getvalue()
    assert raw.count("나쁜") >= 3 and clean(raw), repr(raw)


def _rows():
    from tutor.grading import FAILED, GradeRow

    return [GradeRow(step="9/x", lesson="9", kind="task", title=EVIL, status=FAILED,
                     message=f"환경 변수 EVIL의 값이 달라요 (지금: {EVIL}\x00\x0b)")]


def test_grade_junit_always_parses_and_csv_has_no_escapes():
    from tutor.grade_formats import to_csv, to_json, to_junit

    xml = to_junit(_rows())
    root = ET.fromstring(xml.split("\n", 1)[1])  # the old code raised "not well-formed"
    assert "나쁜제목" in root.find(".//failure").text and clean(xml)
    text = to_csv(_rows())
    assert clean(text) and "\x1b" not in text and next(csv.DictReader(io.StringIO(text)))["title"] == "나쁜제목"
    data = json.loads(to_json(_rows()))
    assert data["results"][0]["title"] == EVIL  # JSON keeps the exact value


def test_a_huge_container_command_is_cut_with_a_korean_note():
    from tutor.messages import problem

    long_command = "sleep " + "x" * 20000
    p = problem("env.other_value", "nice", long_command, var="EVIL", found_value=long_command, expected_value="nice")
    assert p.found == long_command  # the data keeps it (JSON)
    assert len(p.message) < 1000 and "자 생략)" in p.message
    console = make_console(file=io.StringIO(), width=80, force_terminal=False)
    from tutor.commands.check import CheckRun

    CheckRun(results=(CheckResult(step="9/x", kind="task", passed=False, problems=(p,)),)).render(console)
    lines = console.file.getvalue().splitlines()
    assert len(lines) < 25, len(lines)  # it used to be 534 lines
    assert any("1만 9천" in line or "생략" in line for line in lines)
    assert shorten("a" * 19300 + "b" * 0).endswith("(1만 9천 자 생략)") and korean_count(19000) == "1만 9천"
