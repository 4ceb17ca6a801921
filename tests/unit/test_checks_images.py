"""Image checks on hand-made snapshots: every problem code fails and passes, messages name values."""

from __future__ import annotations

import pytest

from tests.fakes import FakeView, container, image
from tutor.checks.base import CheckContext
from tutor.checks.images import (
    check_image,
    check_image_absent,
    check_image_tag,
    check_no_dangling,
)
from tutor.refs import normalize_ref, ref_matches, split_ref

CTX = CheckContext(step_id="t/x")
NGINX = "sha256:" + "a" * 64
OTHER = "sha256:" + "b" * 64


def codes(problems):
    return [p.code for p in problems]


# --- refs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ref,expected",
    [
        ("nginx", "nginx:latest"),
        ("nginx:latest", "nginx:latest"),
        ("docker.io/library/nginx:latest", "nginx:latest"),
        ("library/nginx", "nginx:latest"),
        ("student/webserver:1.0", "student/webserver:1.0"),
        ("127.0.0.1:5101/student/webserver", "127.0.0.1:5101/student/webserver:latest"),
    ],
)
def test_normalize_ref(ref, expected):
    assert normalize_ref(ref) == expected


def test_port_is_not_a_tag():
    ref = split_ref("127.0.0.1:5101/student/webserver")
    assert (ref.repository, ref.tag, ref.tag_written) == ("127.0.0.1:5101/student/webserver", "latest", False)


def test_pattern_star_does_not_cross_slash():
    assert ref_matches("*/webserver:1.0", "student/webserver:1.0")
    assert not ref_matches("*/webserver:1.0", "webserver:1.0")
    assert not ref_matches("*/webserver:1.0", "127.0.0.1:5101/student/webserver:1.0")
    assert ref_matches("*/webserver", "student/webserver:2.0")  # Docker: bare repository too


# --- image -------------------------------------------------------------------------------------


def test_image_present_passes_for_any_spelling():
    view = FakeView(images=[image("nginx:latest", id=NGINX)])
    for ref in ("nginx", "nginx:latest", "docker.io/library/nginx:latest"):
        assert check_image({"ref": ref}, view, CTX) == []


def test_image_missing():
    problems = check_image({"ref": "nginx"}, FakeView(images=[image("centos:latest")]), CTX)
    assert codes(problems) == ["image.missing"]
    assert "nginx:latest" in problems[0].message and problems[0].expected == "nginx:latest"


def test_image_only_other_tag():
    view = FakeView(images=[image("nginx:1.25", id=NGINX), image("nginxish:latest")])
    problems = check_image({"ref": "nginx"}, view, CTX)
    assert codes(problems) == ["image.other_tag"]
    assert problems[0].found == "nginx:1.25"
    assert "nginx:1.25" in problems[0].message and "nginxish" not in problems[0].message


def test_image_inspect_by_id_prefix_does_not_count():
    # The Engine resolves a hex string as an id prefix; a tag check must not accept that.
    hexref = "a" * 12
    view = FakeView(images=[image("nginx:latest", id=NGINX)])
    assert codes(check_image({"ref": hexref}, view, CTX)) == ["image.missing"]


# --- image_absent ------------------------------------------------------------------------------


def test_image_absent_passes_when_tag_gone_and_keep_present():
    view = FakeView(images=[image("nginx:latest", id=NGINX)])
    assert check_image_absent({"ref": "student/webserver:1.0", "keep": ["nginx"]}, view, CTX) == []


def test_image_absent_still_present():
    view = FakeView(images=[image("nginx:latest", id=NGINX), image("student/webserver:1.0", id=NGINX)])
    problems = check_image_absent({"ref": "student/webserver:1.0", "keep": ["nginx"]}, view, CTX)
    assert codes(problems) == ["image.still_present"]
    assert problems[0].found == "student/webserver:1.0"
    assert "docker image rm student/webserver:1.0" in problems[0].message


def test_image_absent_wildcard():
    view = FakeView(images=[image("nginx:latest", id=NGINX), image("kim/webserver:1.0", id=NGINX)])
    problems = check_image_absent({"ref": "*/webserver:1.0"}, view, CTX)
    assert codes(problems) == ["image.still_present"] and problems[0].found == "kim/webserver:1.0"
    # Not matched: no user part, other tag.
    view = FakeView(images=[image("webserver:1.0"), image("kim/webserver:2.0")])
    assert check_image_absent({"ref": "*/webserver:1.0"}, view, CTX) == []


def test_image_absent_removed_nginx_too():
    problems = check_image_absent({"ref": "student/webserver:1.0", "keep": ["nginx"]}, FakeView(images=[]), CTX)
    assert codes(problems) == ["image.keep_missing"]
    assert problems[0].expected == "nginx:latest" and "nginx:latest" in problems[0].message


# --- image_tag ---------------------------------------------------------------------------------


def tag_view(*tags_and_ids):
    return FakeView(images=[image("nginx:latest", id=NGINX), *(image(t, id=i) for t, i in tags_and_ids)])


PARAMS = {"pattern": "*/webserver:1.0", "same_as": "nginx"}


def test_image_tag_passes():
    assert check_image_tag(PARAMS, tag_view(("student/webserver:1.0", NGINX)), CTX) == []


def test_image_tag_source_missing():
    problems = check_image_tag(PARAMS, FakeView(images=[image("student/webserver:1.0", id=OTHER)]), CTX)
    assert codes(problems) == ["image.missing"] and problems[0].expected == "nginx:latest"


def test_image_tag_on_other_image():
    problems = check_image_tag(PARAMS, tag_view(("student/webserver:1.0", OTHER)), CTX)
    assert codes(problems) == ["tag.other_image"]
    assert "bbbbbbbbbbbb" in problems[0].found and "aaaaaaaaaaaa" in problems[0].expected
    assert "bbbbbbbbbbbb" in problems[0].message and "aaaaaaaaaaaa" in problems[0].message


def test_image_tag_without_tag_part():
    problems = check_image_tag(PARAMS, tag_view(("student/webserver:latest", NGINX)), CTX)
    assert codes(problems) == ["tag.no_tag_part"]
    assert problems[0].found == "student/webserver:latest" and ":1.0" in problems[0].message


def test_image_tag_without_user_part():
    problems = check_image_tag(PARAMS, tag_view(("webserver:1.0", NGINX)), CTX)
    assert codes(problems) == ["tag.no_user_part"]
    assert problems[0].found == "webserver:1.0" and "webserver:1.0" in problems[0].message


def test_image_tag_without_user_and_tag_part_names_both():
    problems = check_image_tag(PARAMS, tag_view(("webserver:latest", NGINX)), CTX)
    assert codes(problems) == ["tag.no_user_part", "tag.no_tag_part"]
    assert all(p.found == "webserver:latest" for p in problems)


def test_image_tag_missing_lists_other_tags():
    problems = check_image_tag(PARAMS, tag_view(("student/webserver:2.0", NGINX)), CTX)
    assert codes(problems) == ["tag.missing"] and problems[0].found == "student/webserver:2.0"
    problems = check_image_tag(PARAMS, tag_view(), CTX)
    assert codes(problems) == ["tag.missing"] and problems[0].found == "없음"
    assert "*/webserver:1.0" in problems[0].message


def test_image_tag_costs_constant_requests():
    many = [(f"user{i}/other:{i}", OTHER) for i in range(50)]
    view = tag_view(("student/webserver:1.0", NGINX), *many)
    assert check_image_tag(PARAMS, view, CTX) == []
    assert view.request_count == 1  # one filtered image list: the tags and the source together


# --- no_dangling -------------------------------------------------------------------------------


def test_no_dangling_passes():
    assert check_no_dangling({}, FakeView(images=[image("nginx:latest")]), CTX) == []


def test_no_dangling_fails_with_short_ids():
    d1 = image(None, id="sha256:" + "c" * 64)
    d2 = image(None, id="sha256:" + "d" * 64)
    problems = check_no_dangling({}, FakeView(images=[image("nginx:latest"), d1, d2]), CTX)
    assert codes(problems) == ["image.dangling"]
    assert problems[0].found == "cccccccccccc, dddddddddddd"
    assert "cccccccccccc" in problems[0].message and "2개" in problems[0].message


def test_no_dangling_names_the_container_that_keeps_it():
    d1 = image(None, id="sha256:" + "c" * 64)
    user = container("tt-keeper", image="sha256:" + "c" * 64, image_id="sha256:" + "c" * 64, state="exited")
    problems = check_no_dangling({}, FakeView(images=[d1], containers=[user]), CTX)
    assert codes(problems) == ["image.dangling", "image.dangling"]
    assert "tt-keeper" in problems[1].message and problems[1].found == "tt-keeper"


def test_image_tag_without_same_as_checks_the_shape_only():
    params = {"pattern": "*/webserver:1.0"}
    assert check_image_tag(params, tag_view(("student/webserver:1.0", OTHER)), CTX) == []
    assert codes(check_image_tag(params, tag_view(("webserver:1.0", OTHER)), CTX)) == ["tag.no_user_part"]
    problems = check_image_tag(params, tag_view(), CTX)
    assert codes(problems) == ["tag.missing"] and "<원본 이미지>" in problems[0].message
