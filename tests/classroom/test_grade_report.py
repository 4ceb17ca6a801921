"""grade (all formats, exit codes), report export/merge, on fixture lessons with unique names."""

from __future__ import annotations

import csv
import io
import json
import uuid
import xml.etree.ElementTree as ET

import pytest

from tests.classroom.lesson_factory import write_lesson
from tutor.cli import main


@pytest.fixture
def lesson_file(tmp_path):
    net = f"tt-grade-{uuid.uuid4().hex[:8]}"
    return write_lesson(tmp_path, "g1", net), net


def _run(capsys, *argv):
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.mark.daemon
def test_grade_fails_then_passes_on_the_real_daemon(docker_api, cleanup, test_labels, lesson_file, capsys, tmp_path):
    path, net = lesson_file
    code, out = _run(capsys, "--file", str(path), "grade", "--format", "json")
    assert code == 1
    rows = {r["step"]: r for r in json.loads(out)["results"]}
    assert rows["g1/net"]["status"] == "failed"
    assert net in rows["g1/net"]["message"]  # the Korean feedback names what is missing
    assert rows["g1/driver"]["status"] == "not_attempted"
    assert f"--file {path} check g1/driver" in rows["g1/driver"]["message"]  # the command that works
    assert rows["g1/what"]["status"] == "not_attempted"

    cleanup["networks"].append(docker_api.create_network(net, driver="bridge", labels=test_labels)["Id"])
    # Save a right answer for the answer step and quiz results, as the tutor would.
    from tutor import progress

    driver = docker_api.info()["Driver"]
    progress.record_answer("g1/driver", True, driver.upper())  # compared again, case-insensitively
    progress.record_quiz("g1/what", True, "커널")
    progress.record_quiz("g1/image", False, "볼륨")

    junit_path = tmp_path / "out.xml"
    code, out = _run(capsys, "--file", str(path), "grade", "--format", "junit", "--output", str(junit_path))
    assert code == 1  # the wrong quiz answer is a failed row
    root = ET.fromstring(junit_path.read_text(encoding="utf-8"))
    cases = root.findall(".//testcase")
    assert [c.get("name") for c in cases] == ["g1/net", "g1/driver", "g1/what", "g1/image"]
    by_name = {c.get("name"): c for c in cases}
    assert list(by_name["g1/net"]) == [] and list(by_name["g1/driver"]) == []  # passed now
    assert list(by_name["g1/what"]) == []
    image_case = by_name["g1/image"]
    assert image_case.find("failure") is not None
    assert "볼륨" in image_case.find("failure").text


@pytest.mark.daemon
def test_grade_csv_and_json_carry_the_same_rows(docker_api, lesson_file, capsys):
    path, _ = lesson_file
    _, out_json = _run(capsys, "--file", str(path), "grade", "--json")
    _, out_csv = _run(capsys, "--file", str(path), "grade", "--format", "csv")
    json_rows = [(r["step"], r["status"], r["message"]) for r in json.loads(out_json)["results"]]
    csv_rows = [(r["step"], r["status"], r["message"]) for r in csv.DictReader(io.StringIO(out_csv))]
    assert json_rows == csv_rows and len(csv_rows) == 4


def test_report_export_and_merge(tmp_path, capsys, monkeypatch, lesson_file):
    path, _ = lesson_file
    from tutor import progress

    progress.record_quiz("g1/what", True, "커널")
    code, out = _run(capsys, "--file", str(path), "report", "--name", "김하늘", "--json")
    assert code == 0
    kim = json.loads(out)
    assert kim["name"] == "김하늘" and kim["quiz"] == {"correct": 1, "answered": 1}
    (tmp_path / "kim.json").write_text(out, encoding="utf-8")

    monkeypatch.setenv("DOCKER_TUTOR_HOME", str(tmp_path / "lee-home"))
    progress.record_quiz("g1/what", True, "커널")
    progress.record_quiz("g1/image", True, "이미지")
    _, out = _run(capsys, "--file", str(path), "report", "--name", "이도윤", "--json")
    (tmp_path / "lee.json").write_text(out, encoding="utf-8")

    code, out = _run(capsys, "report", "--merge", str(tmp_path / "kim.json"), str(tmp_path / "lee.json"), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["name", "g1", "quiz"]
    assert rows[1] == ["김하늘", "1/4", "1/1"]
    assert rows[2] == ["이도윤", "2/4", "2/2"]

    code, out = _run(capsys, "report", "--merge", str(tmp_path / "kim.json"), str(tmp_path / "lee.json"))
    assert code == 0 and "김하늘" in out and "이도윤" in out


def test_merge_refuses_a_file_that_is_not_a_report(tmp_path, capsys):
    bogus = tmp_path / "x.json"
    bogus.write_text('{"hello": 1}', encoding="utf-8")
    code = main(["report", "--merge", str(bogus)])
    assert code == 2
    assert "보고서가 아니에요" in capsys.readouterr().err


@pytest.mark.daemon
def test_grade_exit_zero_when_everything_passes(docker_api, cleanup, test_labels, lesson_file, capsys):
    path, net = lesson_file
    cleanup["networks"].append(docker_api.create_network(net, driver="bridge", labels=test_labels)["Id"])
    from tutor import progress

    progress.record_answer("g1/driver", True, docker_api.info()["Driver"])
    progress.record_quiz("g1/what", True, "커널")
    progress.record_quiz("g1/image", True, "이미지")
    code, out = _run(capsys, "--no-color", "--file", str(path), "grade")
    assert code == 0
    assert "통과 4 / 전체 4" in out
