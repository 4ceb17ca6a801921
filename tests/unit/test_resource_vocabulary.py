"""The check kinds and answer sources are one table each, and their problem codes are documented."""

from __future__ import annotations

import pathlib

from tutor.checks import answers, compare
from tutor.checks.kinds import CHECK_KINDS
from tutor.lessonfile import schema

DOC = (pathlib.Path(__file__).parents[2] / "docs" / "lesson-format.md").read_text(encoding="utf-8")


def test_schema_reads_the_check_kind_table():
    assert set(schema.CHECK_PARAMS) == set(CHECK_KINDS)
    for name, kind in CHECK_KINDS.items():
        assert schema.CHECK_PARAMS[name] is kind.params, name
        assert callable(kind.fn) and kind.where.strip(), name


def test_schema_reads_the_answer_source_and_compare_tables():
    assert set(schema.ANSWER_PARAMS) == set(answers.ANSWER_SOURCES)
    for name, source in answers.ANSWER_SOURCES.items():
        assert schema.ANSWER_PARAMS[name] is source.params, name
        assert source.compare in compare.COMPARE_KINDS, name
    assert tuple(compare.COMPARE_KINDS) == schema.COMPARES


def test_no_module_discovery_left():
    src = (pathlib.Path(__file__).parents[2] / "tutor" / "checks").rglob("*.py")
    assert not [p.name for p in src if "pkgutil" in p.read_text(encoding="utf-8")]


def test_problem_codes_are_documented():
    for code in ("image.missing", "image.other_tag", "image.still_present", "image.keep_missing",
                 "tag.missing", "tag.other_image", "tag.no_tag_part", "tag.no_user_part",
                 "image.dangling", "network.missing", "network.similar_name", "network.driver",
                 "network.container_missing", "network.subnet", "network.gateway", "network.still_there",
                 "network.in_use", "login.missing", "logout.still_logged_in", "docker_config.broken", "push.missing",
                 "push.other_tag", "push.not_logged_in", "push.local_tag_missing", "push.registry_unreachable",
                 "answer.wrong", "answer.empty", "answer.unavailable"):
        assert f"`{code}`" in DOC, code
