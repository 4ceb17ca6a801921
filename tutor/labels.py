"""The labels the tutor puts on what it makes, in one place: how it knows its own things.

Ownership is by record: a container, network or image is the tutor's when it carries
`MANAGED` (made by `prepare`), a self-test run's id (`SELFTEST`), or the lab's stand-in label.
Everything else is the learner's and is never touched without their explicit yes.
"""

from __future__ import annotations

from collections.abc import Mapping

MANAGED = "org.docker-tutor.managed"
STEP = "org.docker-tutor.step"
LESSON = "org.docker-tutor.lesson"
SELFTEST = "org.docker-tutor.selftest"  # value: the self-test run id
STAND_IN = "org.docker-tutor.stand-in"  # the lab's offline stand-in images (nginx, centos)
STAND_IN_RECIPE = "org.docker-tutor.stand-in.recipe"
# An early hand-built lab spelled the stand-in label without the hyphen: still recognised.
STAND_IN_ALIASES = (STAND_IN, "org.dockertutor.stand-in")
TEST = "org.docker-tutor.test"  # resources made by the test suite


def is_managed(labels: Mapping[str, str] | None) -> bool:
    return (labels or {}).get(MANAGED) == "true"


def is_stand_in(labels: Mapping[str, str] | None) -> bool:
    return any((labels or {}).get(key) == "true" for key in STAND_IN_ALIASES)
