"""The tutor's own record: what it made, by id; a borrowed tag is a promise kept until restored."""

from __future__ import annotations

from tutor.daemon.ledger import Ledger
from tutor.daemon.ownership import Owner
from tutor.state import ImageInfo


def _img(id, *tags, **labels):
    return ImageInfo(id=id, tags=tuple(tags), labels=labels)


def test_a_tag_is_the_tutors_only_on_the_image_it_put_it_on(tmp_path):
    ledger = Ledger(tmp_path / "owned.json")
    ledger.add("tag", "sha256:aaa", "student/webserver:1.0", "4.1/rm")
    owner = Owner(Ledger(tmp_path / "owned.json"))  # read back from the file
    assert owner.tag("student/webserver:1.0", _img("sha256:aaa", "student/webserver:1.0"))
    # The learner re-pointed it (e.g. built their own): theirs now.
    assert not owner.tag("student/webserver:1.0", _img("sha256:bbb", "student/webserver:1.0"))


def test_an_image_built_from_the_stand_in_is_not_the_tutors(tmp_path):
    owner = Owner(Ledger(tmp_path / "owned.json"))
    inherited = {"org.docker-tutor.stand-in": "true", "org.docker-tutor.managed": "true"}
    mine = _img("sha256:ccc", "student/webserver:1.0", **inherited)
    assert not owner.tag("student/webserver:1.0", mine)
    assert not owner.image(mine)
    # The lab's stand-in under its own name is the lab's, even from before the record existed.
    assert owner.tag("nginx:latest", _img("sha256:ddd", "nginx:latest", **{"org.docker-tutor.stand-in": "true"}))


def test_a_borrowed_tag_survives_a_preparation_that_forgets_the_name(tmp_path):
    """4.1/pull's preparation removes `nginx:latest`: the self-test's promise to put the
    learner's tag back on its image id must outlive that (else the stand-in is rebuilt)."""
    ledger = Ledger(tmp_path / "selftest-owned.json")
    ledger.add("tag", "sha256:orig", "nginx:latest", "selftest:borrowed", previous="sha256:orig")
    ledger.add("tag", "sha256:orig", "nginx:latest", "4.1/pull")  # a tag the tutor made, same name
    assert len(ledger.of(["tag"])) == 2
    ledger.forget("tag", name="nginx:latest")  # what prepare's absent_images does
    left = Ledger(tmp_path / "selftest-owned.json").of(["tag"])
    assert [(e.name, e.previous) for e in left] == [("nginx:latest", "sha256:orig")]
    ledger.forget("tag", name="nginx:latest", borrowed=True)  # the restorer, at the end
    assert Ledger(tmp_path / "selftest-owned.json").of(["tag"]) == []


def test_a_broken_record_is_kept_aside_and_owns_nothing(tmp_path):
    path = tmp_path / "owned.json"
    path.write_text("{not json", encoding="utf-8")
    ledger = Ledger(path)
    assert ledger.entries == [] and list(tmp_path.glob("owned.broken-*"))
