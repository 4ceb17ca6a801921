"""Issue 11 item 5: leaving a lesson lists what it left (running containers, ports, networks)
and removes only the items named; anything the lesson did not make or name is never listed."""

from __future__ import annotations

import json

import pytest

from tests.daemon.prepare_helpers import fixture_lesson, free_port, purge
from tutor.journey.leave import leftovers, remove

pytestmark = pytest.mark.daemon


def test_lists_the_lessons_leftovers_and_removes_only_the_named(docker_api, cleanup, test_labels, tmp_path, capsys):
    from tutor import progress
    from tutor.cli import main
    from tutor.lessonfile.placeholders import current

    lesson, rid, text = fixture_lesson("../journey/begin.md")
    port = free_port()
    try:
        net = docker_api.create_network(f"tt-prep-{rid}-net", labels=test_labels)["Id"]
        mine = docker_api.create_container("nginx", name=f"tt-prep-{rid}-mine", labels=test_labels, ports=[80],
                                           host_config=docker_api.create_host_config(port_bindings={80: port}))["Id"]
        docker_api.start(mine)
        other = docker_api.create_container("nginx", name=f"tt-prep-{rid}-other", labels=test_labels)["Id"]
        cleanup["containers"].append(other)
        # An unnamed container a passed step was about (its evidence) is the lesson's too, while
        # it runs (the `--restart=always` centos); a stopped one holds nothing and is not offered.
        unnamed = docker_api.create_container("centos", command=["sleep", "120"], labels=test_labels)["Id"]
        cleanup["containers"].append(unnamed)
        docker_api.start(unnamed)
        stopped = docker_api.create_container("nginx", name=f"tt-prep-{rid}-web", labels=test_labels)["Id"]
        cleanup["containers"].append(stopped)
        progress.record_check(f"tt-prep-{rid}/run", True, evidence={"facts": {"container": {"id": unnamed}}})
        items = leftovers(lesson, docker_api, current())
        names = [i.name for i in items]
        assert f"tt-prep-{rid}-mine" in names  # running: it holds its port
        assert f"tt-prep-{rid}-other" not in names  # never named by the lesson: not listed
        assert docker_api.inspect_container(unnamed)["Name"].lstrip("/") in names
        assert f"tt-prep-{rid}-web" not in names
        first = next(i for i in items if i.name == f"tt-prep-{rid}-mine")
        assert first.state == "running" and first.ports == (f"{port}->80/tcp",) and str(port) in first.message
        assert f"tt-prep-{rid}-net" in names
        # The network is kept while an unconfirmed container is attached to it.
        docker_api.connect_container_to_network(other, net)
        done = remove(items, [f"tt-prep-{rid}-mine", f"tt-prep-{rid}-net"], docker_api)
        assert any("지웠어요" in d and f"tt-prep-{rid}-mine" in d for d in done)
        assert any("그대로 뒀어요" in d for d in done)
        assert docker_api.inspect_network(net) and docker_api.inspect_container(other)
        assert not docker_api.containers(all=True, filters={"name": f"tt-prep-{rid}-mine"})
        # The command: a name not in the list is refused; --json lists without asking.
        path = tmp_path / "ex.md"
        path.write_text(text, encoding="utf-8")
        assert main(["--file", str(path), "leave", lesson.id, "--remove", f"tt-prep-{rid}-other"]) == 2
        capsys.readouterr()
        assert main(["--file", str(path), "leave", lesson.id, "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["removed"] == [] and f"tt-prep-{rid}-net" in [i["name"] for i in data["left"]]
    finally:
        purge(docker_api, rid)
