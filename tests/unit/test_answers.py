"""Answer sources read live values; `compare` normalises text, numbers, ids and sizes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fakes import FakeView, container, image, network
from tutor.checks.answers import (
    ANSWER_SOURCES,
    AnswerUnavailable,
    judge_answer,
    read_answer,
)
from tutor.checks.compare import COMPARE_KINDS, compare
from tutor.state import ContainerStats, DiskUsage, Process, ServerInfo, SystemInfo

NGINX = "sha256:46e72d183cbd" + "0" * 52
NET_ID = "7eaa07a94ad3" + "1" * 52


def full_view():
    return FakeView(
        server=ServerInfo(version="20.10.24+dfsg1", api_version="1.41"),
        system_info=SystemInfo(storage_driver="overlay2"),
        disk_usage=DiskUsage(images_total=2, images_active=1, images_size=0, containers_total=0,
                             containers_active=0, volumes_total=0),
        images=[image("nginx:latest", id=NGINX, architecture="amd64", os="linux", size=1994234)],
        containers=[
            container("test1", image="centos", state="exited", exit_code=0, id="c" * 64),
            container("test2", image="centos", state="exited", exit_code=1),
            container("webserver", image="nginx", state="running"),
        ],
        networks=[network("bridge", id=NET_ID), network("host", driver="host"),
                  network("tt-web", subnets=("172.30.0.0/16",), gateways=("172.30.0.1",))],
        stats={"webserver": ContainerStats("webserver", "x", 0.0, 0, 0, pids=3)},
        top={"webserver": [Process("123", "root", "httpd -f -p 80"), Process("130", "root", "sh")]},
    )


@pytest.mark.parametrize(
    "source,params,accepted",
    [
        ("server.version", {}, ["20.10.24+dfsg1", "20.10.24"]),
        ("server.api_version", {}, ["1.41"]),
        ("info.storage_driver", {}, ["overlay2"]),
        ("df.images_total", {}, ["2"]),
        ("image.id", {"ref": "nginx"}, [NGINX]),
        ("image.field", {"ref": "nginx", "field": "Architecture"}, ["amd64"]),
        ("image.field", {"ref": "nginx", "field": "Os"}, ["linux"]),
        ("containers.count", {"filters": {"exited": 0}}, ["1"]),
        ("containers.names", {"filters": {"name": "test1"}}, ["test1"]),
        ("container.id", {"name": "test1"}, ["c" * 64]),
        ("container.pids", {"name": "webserver"}, ["3"]),
        ("container.top_cmd", {"name": "webserver"}, ["httpd -f -p 80"]),
        ("network.ids", {"driver": "bridge"}, [NET_ID, network("tt-web").id]),
        ("network.subnet", {"name": "tt-web"}, ["172.30.0.0/16"]),
        ("network.gateway", {"name": "tt-web"}, ["172.30.0.1"]),
    ],
)
def test_read_answer_every_source(source, params, accepted):
    assert sorted(read_answer(source, params, full_view())) == sorted(accepted)


def test_every_source_is_tested_and_documented():
    import pathlib

    doc = (pathlib.Path(__file__).parents[2] / "docs" / "lesson-format.md").read_text(encoding="utf-8")
    for source in ANSWER_SOURCES:
        assert f"`{source}`" in doc or source in doc, source
    assert set(COMPARE_KINDS) == {"text", "number", "id_prefix", "size", "one_of"}


def test_read_answer_unknown_source_and_missing_resource():
    with pytest.raises(KeyError):
        read_answer("os.system", {}, full_view())
    with pytest.raises(AnswerUnavailable):
        read_answer("container.id", {"name": "nope"}, full_view())
    with pytest.raises(AnswerUnavailable):
        read_answer("image.id", {"ref": "ghost"}, full_view())


# --- judge_answer --------------------------------------------------------------------------------


def test_judge_right_answers():
    v = full_view()
    assert judge_answer("image.id", {"ref": "nginx"}, "id_prefix", "46e72d183cbd", v) == []
    assert judge_answer("server.api_version", {}, "text", " 1.41 ", v) == []
    assert judge_answer("server.version", {}, "text", "20.10.24", v) == []
    assert judge_answer("containers.count", {"filters": {"exited": "0"}}, "number", "1개", v) == []


def test_judge_wrong_answer_hides_the_value():
    problems = judge_answer("image.id", {"ref": "nginx"}, "id_prefix", "46e72d18", full_view())
    assert [p.code for p in problems] == ["answer.wrong"]
    p = problems[0]
    assert p.found == "46e72d18" and "46e72d18" in p.message
    assert "46e72d183cbd" not in p.message and "46e72d183cbd" not in (p.expected or "")
    assert "docker image ls" in p.message and "12자 이상" in p.message and "8자" in p.message


def test_judge_empty_and_unavailable():
    problems = judge_answer("server.version", {}, "text", "   ", full_view())
    assert [p.code for p in problems] == ["answer.empty"] and "docker version" in problems[0].message
    problems = judge_answer("container.pids", {"name": "ghost"}, "number", "3", full_view())
    assert [p.code for p in problems] == ["answer.unavailable"] and "ghost" in problems[0].message


# --- compare: examples -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind,given,expected,ok",
    [
        ("text", "Overlay2", "overlay2", True),
        ("text", " overlay 2 ", "overlay2", True),
        ("text", "`overlay2`", "overlay2", True),
        ("text", "overlay", "overlay2", False),
        ("text", "", "", False),
        ("number", "3", "3", True),
        ("number", "3.0", "3", True),
        ("number", "1,024", "1024", True),
        ("number", "3개", "3", True),
        ("number", "4", "3", False),
        ("number", "three", "3", False),
        ("id_prefix", "46e72d183cbd", NGINX, True),
        ("id_prefix", "sha256:46e72d183cbd", NGINX, True),
        ("id_prefix", "46E72D183CBD", NGINX, True),
        ("id_prefix", NGINX, NGINX, True),
        ("id_prefix", "46e72d183cb", NGINX, False),  # 11 chars: too short
        ("id_prefix", "46e72d183cbe", NGINX, False),
        ("size", "1.99MB", "1994234", True),
        ("size", "1.99 MB", "1.99MB", True),
        ("size", "1.99mb", "1.99MB", True),
        ("size", "1994kB", "1994234", True),
        ("size", "1947KiB", "1994234", True),
        ("size", "1.9MiB", "1994234", True),
        ("size", "2.5MB", "1994234", False),
        ("size", "1.99GB", "1994234", False),
        ("size", "big", "1994234", False),
        ("one_of", "Test1", "test1", True),
    ],
)
def test_compare_examples(kind, given, expected, ok):
    assert compare(kind, given, [expected]) is ok


def test_compare_any_of_several_and_unknown_kind():
    assert compare("one_of", "b", ["a", "b"])
    assert not compare("one_of", "c", ["a", "b"])
    with pytest.raises(ValueError):
        compare("regex", "a", ["a"])


# --- compare: properties -----------------------------------------------------------------------------

# Values the daemon reports are ASCII (plus Hangul in the learner's own names, which has no case).
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:/가나다", min_size=1, max_size=20)
spaces = st.text(alphabet=" \t", max_size=3)


@given(words, spaces, spaces, st.booleans())
def test_text_ignores_case_and_surrounding_spaces(word, left, right, upper):
    typed = left + (word.upper() if upper else word.lower()) + right
    assert compare("text", typed, [word])


@given(words, words)
def test_text_different_words_differ(a, b):
    if a.casefold() != b.casefold():
        assert not compare("text", a, [b])


@given(st.text(alphabet="0123456789abcdef", min_size=64, max_size=64), st.integers(12, 64), st.booleans(), st.booleans())
def test_id_prefix_accepts_every_long_enough_prefix(full, n, sha, upper):
    typed = ("sha256:" if sha else "") + full[:n]
    typed = typed.upper() if upper else typed
    assert compare("id_prefix", typed, ["sha256:" + full])


@given(st.text(alphabet="0123456789abcdef", min_size=64, max_size=64), st.integers(1, 11))
def test_id_prefix_refuses_short_prefixes(full, n):
    assert not compare("id_prefix", full[:n], ["sha256:" + full])


@given(st.integers(0, 10**12))
def test_number_formats(n):
    assert compare("number", f"{n:,}", [str(n)])
    assert compare("number", f" {n} ", [str(n)])
    assert not compare("number", str(n + 1), [str(n)])


@given(st.integers(1000, 10**11), st.sampled_from(["kB", "MB", "GB"]), st.booleans())
def test_size_as_docker_prints_it(n, unit, space):
    # Docker: decimal units, three significant digits ("1.99MB"); any spacing or case.
    mult = {"kB": 10**3, "MB": 10**6, "GB": 10**9}[unit]
    if n < mult:
        return
    shown = f"{n / mult:.3g}"
    if "e" in shown:
        return
    typed = shown + (" " if space else "") + unit
    assert compare("size", typed, [str(n)])
    assert compare("size", typed.lower(), [str(n)])


@given(st.integers(10**6, 10**10))
def test_size_off_by_a_tenth_is_wrong(n):
    # Ten percent more, in both decimal and binary readings, is never the same size.
    typed = f"{n * 1.2 / 10**6:.3f}MB"
    assert not compare("size", typed, [str(n)])
