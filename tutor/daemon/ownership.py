"""What is the tutor's: THE rules, in one place, read from the tutor's own record (`ledger`).

- a container, network, volume or built image is the tutor's when its id is in the record;
- a tag is the tutor's when the record has that name on that same image id (the learner may
  have re-pointed it since: then it is theirs);
- a lab stand-in (`nginx:latest`, `centos:latest` built by `lab images`) is recorded by the lab;
  one built before the record existed is recognised by its name AND its stand-in label, and
  only under that name: `student/webserver:1.0` built `FROM nginx` inherits the label and is
  still the learner's.
Labels are still written (they let `docker ps --filter label=…` show the tutor's things), but
never decide ownership.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tutor.daemon.ledger import Ledger
from tutor.labels import LESSON, MANAGED, STEP, is_stand_in
from tutor.model import Preparation
from tutor.refs import normalize_ref
from tutor.state import ContainerInfo, ImageInfo, NetworkInfo

STAND_IN_REFS = ("nginx:latest", "centos:latest")


def labels_for(step_id: str) -> dict[str, str]:
    """Written on everything `prepare` makes, so `docker ps --filter label=…` shows it; never
    read back as proof of ownership (see the module docstring)."""
    return {MANAGED: "true", STEP: step_id, LESSON: step_id.rsplit("/", 1)[0]}


@dataclass
class Owner:
    """The ownership rules over one record (the learner's, or the self-test's own)."""

    ledger: Ledger

    def container(self, info: ContainerInfo | None) -> bool:
        return info is not None and self.ledger.owns("container", id=info.id)

    def network(self, info: NetworkInfo | None) -> bool:
        return info is not None and self.ledger.owns("network", id=info.id)

    def image(self, info: ImageInfo | None) -> bool:
        return info is not None and self.ledger.owns("image", id=info.id)

    def tag(self, ref: str, info: ImageInfo | None) -> bool:
        """Is the tag `ref`, now on image `info`, the tutor's to untag or move?"""
        if info is None:
            return False
        ref = normalize_ref(ref)
        if self.ledger.owns("tag", id=info.id, name=ref):
            return True
        return ref in STAND_IN_REFS and (self.ledger.owns("image", id=info.id) or is_stand_in(info.labels))

    def volume(self, name: str) -> bool:
        return self.ledger.owns("volume", name=name)


def resolve(prep: Preparation, mapping: Mapping[str, str]) -> Preparation:
    """Fill {user}, {workdir}, ... everywhere in the preparation."""
    from tutor.lessonfile.placeholders import substitute

    values = {name: substitute(getattr(prep, name), dict(mapping)) for name in prep.__dataclass_fields__}
    return Preparation(**values)
