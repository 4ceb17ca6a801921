"""The check kinds and answer sources of this package agree with the lesson schema and the doc."""

from __future__ import annotations

import pathlib

from tutor.checks import answers, images, networks, registries  # noqa: F401 - registers the kinds
from tutor.checks.base import CHECKS
from tutor.lessonfile import schema

MINE = ("image", "image_absent", "image_tag", "no_dangling", "network", "network_absent",
        "credentials", "no_credentials", "registry_tag")
DOC = (pathlib.Path(__file__).parents[2] / "docs" / "lesson-format.md").read_text(encoding="utf-8")


def test_kinds_registered_and_in_schema():
    for kind in MINE:
        assert kind in CHECKS and kind in schema.CHECK_KINDS, kind


def test_answer_sources_match_schema():
    assert set(answers.ANSWER_SOURCES) == set(schema.ANSWER_SOURCES)
    for name, source in answers.ANSWER_SOURCES.items():
        required = {k for k, p in schema.ANSWER_SOURCES[name].items() if getattr(p, "required", False)}
        assert set(source.required) == required, name
    assert set(answers.COMPARE_KINDS) == set(schema.COMPARES)


def test_problem_codes_are_documented():
    for code in ("image.missing", "image.other_tag", "image.still_present", "image.keep_missing",
                 "tag.missing", "tag.other_image", "tag.no_tag_part", "tag.no_user_part",
                 "image.dangling", "network.missing", "network.similar_name", "network.driver",
                 "network.container_missing", "network.subnet", "network.gateway", "network.still_there",
                 "network.in_use", "login.missing", "logout.still_logged_in", "docker_config.broken", "push.missing",
                 "push.other_tag", "push.not_logged_in", "push.local_tag_missing", "push.registry_unreachable",
                 "answer.wrong", "answer.empty", "answer.unavailable"):
        assert f"`{code}`" in DOC, code
