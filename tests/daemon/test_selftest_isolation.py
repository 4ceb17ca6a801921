"""Issue 16 item 8: the self-test leaves the learner's world exactly as it was.

Measured with the learner's own progress file, docker config, an image tag, a container and a
volume in place: `docker-tutor selftest --lesson 4.1` (its pull step re-points `nginx:latest`,
its rm step removes it, its login/logout steps write a docker config, its push step fills the
practice registry) must leave the same tags on the same image ids, the same bytes in the config
and progress files, the same container and volume, and nothing of its own behind. A run
killed midway is cleaned up by the next one (from the self-test's own record).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest

from tests.conftest import RUN_ID, TEST_LABEL

pytestmark = [pytest.mark.daemon, pytest.mark.slow]


def _image_id(api, ref):
    try:
        return api.inspect_image(ref)["Id"]
    except Exception:  # noqa: BLE001 - missing
        return None


def _catalog(mapping) -> list[str]:
    import base64
    import urllib.request

    auth = base64.b64encode(f"{mapping['registry_user']}:{mapping['registry_password']}".encode()).decode()
    req = urllib.request.Request(f"http://{mapping['registry']}/v2/_catalog?n=1000",
                                 headers={"Authorization": "Basic " + auth})
    with urllib.request.urlopen(req, timeout=5) as resp:
        return json.loads(resp.read())["repositories"] or []


@pytest.fixture
def learner_world(docker_api, tmp_path):
    rid = uuid.uuid4().hex[:8]
    config_dir = tmp_path / "learner-docker-config"
    config_dir.mkdir()
    (config_dir / "config.json").write_text(json.dumps(
        {"auths": {"tt-example.invalid": {"auth": "dHQ6dHQ="}}, "psFormat": "table {{.Names}}"}), encoding="utf-8")
    from tutor import paths

    paths.progress_file().write_text(json.dumps({"version": 1, "steps": {"4.1/pull": {"attempts": 2}}}),
                                     encoding="utf-8")
    tag = f"tt-iso-{rid}/mine:1.0"
    docker_api.tag("nginx:latest", f"tt-iso-{rid}/mine", "1.0")
    box = docker_api.create_container("centos", name=f"tt-iso-{rid}-box", labels={TEST_LABEL: RUN_ID},
                                      command=["true"])
    vol = docker_api.create_volume(f"tt-iso-{rid}-vol", labels={TEST_LABEL: RUN_ID})
    yield {"rid": rid, "config": config_dir, "tag": tag, "box": box["Id"], "volume": vol["Name"]}
    docker_api.remove_container(box["Id"], force=True)
    docker_api.remove_volume(vol["Name"])
    try:
        docker_api.remove_image(tag)
    except Exception:  # noqa: BLE001
        pass


def _world(api, w):
    from tutor import paths

    return {
        "ids": {ref: _image_id(api, ref) for ref in ("nginx:latest", "centos:latest", w["tag"])},
        "config": (w["config"] / "config.json").read_bytes(),
        "progress": paths.progress_file().read_bytes(),
        "box": api.inspect_container(w["box"])["State"]["Status"],
        "volume": api.inspect_volume(w["volume"])["Name"],
    }


def test_selftest_leaves_the_learners_world_as_it_was(docker_api, learner_world):
    from tutor.daemon.ledger import Ledger, selftest_path
    from tutor.lessonfile.placeholders import current

    before = _world(docker_api, learner_world)
    assert None not in before["ids"].values()
    env = {**os.environ, "DOCKER_CONFIG": str(learner_world["config"])}
    proc = subprocess.run([sys.executable, "-m", "tutor", "selftest", "--lesson", "4.1", "--json", "--allow-skip"],
                          capture_output=True, text=True, env=env, timeout=1200)
    report = json.loads(proc.stdout)
    assert report["failed"] == 0, [(r["step"], r["detail"], [(p["name"], p["ok"], p["detail"][-300:]) for p in r["phases"]])
                                   for r in report["results"] if r["status"] == "failed"]
    assert report["passed"] >= 10  # pull, rm, login, push, logout really ran
    after = _world(docker_api, learner_world)
    # nginx/centos are shared with other runs on this daemon (they may change while this run
    # waits for the lock): the run reports their ids when it took the lock and when it was done.
    tags = report["tags"]
    assert tags["at_start"] == tags["at_end"] and "nginx:latest" in tags["at_start"], tags
    for shared in ("nginx:latest", "centos:latest"):
        before["ids"].pop(shared), after["ids"].pop(shared)
    assert after == before
    run = report["run_id"]
    assert not docker_api.containers(all=True, filters={"label": [f"org.docker-tutor.selftest={run}"]})
    assert not docker_api.networks(filters={"label": [f"org.docker-tutor.selftest={run}"]})
    assert not [t for i in docker_api.images() for t in (i.get("RepoTags") or [])
                if t.startswith(("docker-tutor-selftest-keep", f"selftest{run}"))]
    assert Ledger(selftest_path()).entries == []
    assert not [r for r in _catalog(current()) if r.startswith(f"selftest{run}")]


def test_an_interrupted_run_is_cleaned_up_by_the_next(docker_api, learner_world):
    """A run killed after borrowing `nginx:latest` and moving it, with a container of its own."""
    from tutor.daemon.ledger import Ledger, selftest_path
    from tutor.daemon.view import DaemonView
    from tutor.selftest import workspace

    view = DaemonView(docker_api)
    nginx, centos = _image_id(docker_api, "nginx:latest"), _image_id(docker_api, "centos:latest")
    with workspace.Lock():
        ledger = Ledger(selftest_path())
        workspace.borrow(docker_api, view, ledger, {"nginx:latest", learner_world["tag"]}, "deadbeef")
        # What the run did before it died: `nginx:latest` now names centos, the learner's tag is
        # gone (a step removed it), a container of the run is still there.
        docker_api.tag(centos, "nginx", "latest", force=True)
        docker_api.remove_image(learner_world["tag"])
        left = docker_api.create_container("centos", name=f"tt-iso-{learner_world['rid']}-left", command=["true"],
                                           labels={"org.docker-tutor.selftest": "deadbeef", TEST_LABEL: RUN_ID})
        # The next run begins:
        notes = workspace.recover(docker_api, view, Ledger(selftest_path()))
    assert _image_id(docker_api, "nginx:latest") == nginx
    assert _image_id(docker_api, learner_world["tag"]) == nginx
    assert not docker_api.containers(all=True, filters={"id": [left["Id"]]})
    assert not [t for i in docker_api.images() for t in (i.get("RepoTags") or []) if t.startswith("docker-tutor-selftest-keep")]
    assert Ledger(selftest_path()).entries == []
    assert any("복구" in n for n in notes)
