"""One settings object for every DOCKER_TUTOR_* variable; `overridden` never touches os.environ."""

from __future__ import annotations

import os
from pathlib import Path

from tutor import paths, settings
from tutor.lessonfile import placeholders


def test_from_env_reads_every_variable(tmp_path):
    env = {"DOCKER_TUTOR_HOME": str(tmp_path), "DOCKER_TUTOR_WORKDIR": str(tmp_path / "w"),
           "DOCKER_TUTOR_USER": "kim", "DOCKER_TUTOR_REGISTRY": "127.0.0.1:6000",
           "DOCKER_TUTOR_LAB_DIR": str(tmp_path / "lab"), "DOCKER_TUTOR_MIRROR_PORT": "6100",
           "DOCKER_TUTOR_REGISTRY_PORT": "6101", "DOCKER_TUTOR_DEBUG": "1"}
    s = settings.Settings.from_env(env)
    assert (s.home, s.workdir, s.user, s.registry) == (tmp_path, tmp_path / "w", "kim", "127.0.0.1:6000")
    assert (s.lab_dir, s.mirror_port, s.registry_port, s.debug) == (tmp_path / "lab", 6100, 6101, True)
    empty = settings.Settings.from_env({})
    assert (empty.home, empty.user, empty.mirror_port, empty.debug) == (None, "student", None, False)


def test_overridden_pins_values_without_touching_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("DOCKER_TUTOR_USER", raising=False)
    before = dict(os.environ)
    with settings.overridden(user="st-1", workdir=tmp_path / "scratch") as pinned:
        assert pinned.user == "st-1" and settings.current() is pinned
        assert paths.practice_dir() == tmp_path / "scratch"
        assert placeholders.current()["user"] == "st-1"
        assert placeholders.current()["workdir"] == str(tmp_path / "scratch")
        assert dict(os.environ) == before
    assert settings.current().user == "student"
    assert Path(placeholders.current()["workdir"]) != tmp_path / "scratch"
