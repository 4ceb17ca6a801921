"""Shared fixtures: user paths redirected into tmp, the real daemon (fail, never skip, in CI)."""

from __future__ import annotations

import os
import uuid

import pytest

# Every resource a test creates carries this label so cleanup never touches anything else.
TEST_LABEL = "org.docker-tutor.test"
RUN_ID = uuid.uuid4().hex[:8]


def _must_have_daemon() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes") or bool(
        os.environ.get("DOCKER_TUTOR_REQUIRE_DAEMON")
    )


@pytest.fixture(autouse=True)
def _user_dirs(tmp_path, monkeypatch):
    """Progress, lab state and practice files of a test live in its own tmp dir."""
    home = tmp_path / "tutor-home"
    monkeypatch.setenv("DOCKER_TUTOR_HOME", str(home))
    monkeypatch.setenv("DOCKER_TUTOR_WORKDIR", str(home / "practice"))
    # The lab's registries are machine-wide (provisioned once); tests find them through here.
    monkeypatch.setenv("DOCKER_TUTOR_LAB_DIR", os.environ.get("DOCKER_TUTOR_LAB_DIR", _real_lab_dir()))
    yield


def _real_lab_dir() -> str:
    import platformdirs

    return os.path.join(platformdirs.user_data_dir("docker-tutor", appauthor=False), "lab")


@pytest.fixture(scope="session")
def docker_api():
    """A low-level docker APIClient on the real daemon. Missing daemon: fail in CI, else skip."""
    pytest.importorskip("docker")
    from tutor.daemon.connect import (
        connect,  # same endpoint rules as the CLI (DOCKER_HOST, contexts)
    )

    try:
        client = connect(timeout=30).api
        client.ping()
    except Exception as exc:  # noqa: BLE001
        if _must_have_daemon():
            pytest.fail(f"the real Docker daemon is required here (CI) but does not answer: {exc}")
        pytest.skip(f"no Docker daemon: {exc}")
    yield client
    client.close()


@pytest.fixture
def test_labels():
    return {TEST_LABEL: RUN_ID}


@pytest.fixture
def cleanup(docker_api):
    """Collects ids of containers/networks/images a test created; removes exactly those."""
    made: dict[str, list[str]] = {"containers": [], "networks": [], "images": []}
    yield made
    for cid in made["containers"]:
        try:
            docker_api.remove_container(cid, force=True, v=True)
        except Exception:  # noqa: BLE001 - already gone is fine
            pass
    for nid in made["networks"]:
        try:
            docker_api.remove_network(nid)
        except Exception:  # noqa: BLE001
            pass
    for ref in made["images"]:
        try:
            docker_api.remove_image(ref, noprune=False)
        except Exception:  # noqa: BLE001
            pass
