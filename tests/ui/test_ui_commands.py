"""`progress`, `status` and the terminal rules through the real CLI entry (in-process)."""

from __future__ import annotations

import io
import json

import pytest

from tutor import cli, paths, progress
from tutor.commands.status import COLUMNS, from_snapshots
from tutor.state import ContainerInfo, NetworkInfo


def test_progress_json_lists_lessons_and_steps(capsys):
    progress.record_check("4.2/run-port", True)
    progress.set_current("4.2/run-dns")
    assert cli.main(["progress", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"file", "current", "recovered_from", "lessons", "steps"}
    assert data["current"] == "4.2/run-dns" and data["steps"]["4.2/run-port"]["passed_at"]
    row = next(r for r in data["lessons"] if r["lesson"] == "4.2")
    assert row["passed"] == 1 and row["total"] > 1 and row["next_step"] != "4.2/run-port"


def test_progress_text_reports_a_corrupt_file_in_korean(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    paths.progress_file().write_text("{broken", encoding="utf-8")
    assert cli.main(["--no-color", "progress"]) == 0
    out = capsys.readouterr().out
    assert "새로시작했어요" in "".join(out.split()) and "progress.json.broken-" in "".join(out.split())
    assert "\x1b[" not in out  # --no-color


def test_status_groups_containers_by_lifecycle_state():
    def c(name, state, **kw):
        return ContainerInfo(id=name * 8, name=name, image="nginx", image_id="sha256:x", state=state, **kw)

    result = from_snapshots(
        [c("a", "created"), c("b", "running"), c("r", "restarting"), c("p", "paused"), c("e", "exited", exit_code=137),
         c("d", "dead")],
        [NetworkInfo("n", "web-network", "bridge", containers=("b", "p"))])
    assert {col: [x.name for x in result.column(col)] for col in COLUMNS} == {
        "created": ["a"], "running": ["b", "r"], "paused": ["p"], "exited": ["e", "d"]}
    d = result.to_dict()
    assert d["networks"][0] == {"name": "web-network", "driver": "bridge", "containers": ["b", "p"], "subnets": []}
    assert d["columns"]["exited"][0]["exit_code"] == 137


@pytest.mark.daemon
def test_status_command_shows_a_real_container_in_its_column(docker_api, cleanup, test_labels, capsys):
    import uuid

    name = f"tt-ui-{uuid.uuid4().hex[:8]}"
    made = docker_api.create_container("nginx", name=name, labels=test_labels)
    cleanup["containers"].append(made["Id"])
    assert cli.main(["status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert name in [c["name"] for c in data["columns"]["created"]]
    docker_api.start(made["Id"])
    assert cli.main(["status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert name in [c["name"] for c in data["columns"]["running"]]
    assert name not in [c["name"] for c in data["columns"]["created"]]


def test_guided_mode_without_a_terminal_exits_2_with_pointers(capsys):
    assert cli.main([]) == 2  # pytest's stdin is not a terminal
    err = capsys.readouterr().err
    assert "docker-tutor check" in err and "docker-tutor grade" in err


def test_watch_without_a_terminal_is_refused(capsys):
    assert cli.main(["watch", "4.2/run-port"]) == 2
    assert "터미널에서만" in capsys.readouterr().err


def test_no_color_env_gives_plain_text(monkeypatch):
    from tutor.render import make_console

    monkeypatch.setenv("NO_COLOR", "1")
    console = make_console(file=io.StringIO(), width=60, force_terminal=True)
    from_snapshots([], []).render(console)
    import re

    codes = {int(n) for seq in re.findall(r"\x1b\[([0-9;]*)m", console.file.getvalue()) for n in seq.split(";") if n}
    assert codes and not {n for n in codes if 30 <= n <= 49 or 90 <= n <= 107}  # bold/dim stay, colours go
