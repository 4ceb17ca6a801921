"""One image-reference normaliser, one set of ownership labels, one file lock."""

from __future__ import annotations

import pytest

from tutor import labels
from tutor.filelock import FileLock
from tutor.refs import normalize_ref


@pytest.mark.parametrize(("written", "familiar"), [
    # cases of the old daemon/conflicts.normalise_ref (prepare's [[images]] tags, reset's tag list)
    ("nginx", "nginx:latest"),
    ("student/webserver:1.0", "student/webserver:1.0"),
    ("127.0.0.1:5101/student/webserver", "127.0.0.1:5101/student/webserver:latest"),
    ("127.0.0.1:5101/student/webserver:1.0", "127.0.0.1:5101/student/webserver:1.0"),
    ("localhost:5000/x", "localhost:5000/x:latest"),
    # cases of the old checks/refs.normalize_ref (what the checks compare)
    ("docker.io/library/nginx", "nginx:latest"),
    ("index.docker.io/library/nginx:1.25", "nginx:1.25"),
    ("library/nginx:1.25", "nginx:1.25"),
    ("docker.io/student/webserver", "student/webserver:latest"),
    ("  nginx:alpine ", "nginx:alpine"),
    ("nginx@sha256:" + "a" * 64, "nginx:latest"),
])
def test_one_normaliser_for_prepare_reset_and_checks(written, familiar):
    assert normalize_ref(written) == familiar


def test_long_forms_meet_the_daemons_familiar_repo_tags():
    """The daemon lists RepoTags in the familiar form; a lesson may write the long one. The old
    prepare-side rule kept `docker.io/library/nginx:latest`, which never matched `nginx:latest`."""
    assert normalize_ref("docker.io/library/nginx:latest") == normalize_ref("nginx")


def test_stand_in_label_both_spellings():
    assert labels.is_stand_in({labels.STAND_IN: "true"})
    assert labels.is_stand_in({"org.dockertutor.stand-in": "true"})
    assert not labels.is_stand_in({labels.STAND_IN: "false"}) and not labels.is_stand_in(None)
    assert labels.is_managed({labels.MANAGED: "true"}) and not labels.is_managed({})


def test_file_lock_is_exclusive(tmp_path):
    path = str(tmp_path / "lock")
    with FileLock(path, wait=0) as held:
        assert held
        with FileLock(path, wait=0.2, poll=0.05) as second:
            assert second is False
    with FileLock(path, wait=0) as again:
        assert again


def test_selftest_lock_raises_when_busy(tmp_path):
    from tutor.errors import TutorError
    from tutor.selftest.workspace import Lock

    path = str(tmp_path / "lock")
    with FileLock(path, wait=0), pytest.raises(TutorError, match="잠금"), Lock(wait=0, path=path):
        pass
