"""Image checks: a tag present, tags gone, a new tag on the same image, no dangling images.

Each check asks the view a fixed number of questions (an inspect by name, one filtered image
list) whatever the number of images, then classifies the tags here in Python so that near misses
(another tag, no tag part, no user part) can be named.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from tutor import messages_resources as msg
from tutor.checks.base import CheckContext, CheckKind
from tutor.lookups import image_tagged as find_image
from tutor.model import Problem
from tutor.paramtypes import STR, STR_LIST, either, map_of, opt, req
from tutor.refs import (
    Ref,
    has_wildcard,
    normalize_ref,
    ref_matches,
    short_id,
    split_ref,
)
from tutor.state import ImageInfo, StateView

# How many dangling images get a "still used by a container" look (one request each).
_DANGLING_USAGE_LOOKUPS = 3


def tags_matching(images: list[ImageInfo], pattern: str) -> list[tuple[str, ImageInfo]]:
    return [(t, img) for img in images for t in img.tags if ref_matches(pattern, t)]


def _repository_images(view: StateView, *repositories: str) -> list[ImageInfo]:
    """Every tag of these repositories, in one filtered list request."""
    wanted = sorted({r for r in repositories if r})
    return view.images({"reference": wanted})


def check_image(params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    ref = normalize_ref(str(params["ref"]))
    if find_image(view, ref) is not None:
        return []
    repo = split_ref(ref).repository
    others = sorted(
        {normalize_ref(t) for img in _repository_images(view, repo) for t in img.tags}
        - {ref}
    )
    others = [t for t in others if split_ref(t).repository == repo]
    if others:
        return [Problem("image.other_tag", msg.image_other_tag(ref, others), ref, ", ".join(others))]
    return [Problem("image.missing", msg.image_missing(ref), ref, msg.NONE_FOUND)]


def check_image_absent(params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    pattern = str(params["ref"])
    problems: list[Problem] = []
    query = pattern if has_wildcard(pattern) else normalize_ref(pattern)
    left = sorted({normalize_ref(t) for t, _ in tags_matching(view.images({"reference": [query]}), pattern)})
    if left:
        problems.append(
            Problem("image.still_present", msg.image_still_present(pattern, left), f"{pattern} 없음", ", ".join(left))
        )
    for keep in params.get("keep", ()) or ():
        keep = normalize_ref(str(keep))
        if find_image(view, keep) is None:
            problems.append(Problem("image.keep_missing", msg.image_keep_missing(keep), keep, msg.NONE_FOUND))
    return problems


def _near_misses(images: list[ImageInfo], want: Ref) -> tuple[list[str], list[str], list[str]]:
    """Tags that look like a botched `docker image tag`: (latest instead of the tag,
    no user part, other tags of the same repository)."""
    no_tag, no_user, other = [], [], []
    for img in images:
        for t in img.tags:
            got = split_ref(t)
            repo_ok = ref_matches(want.repository, got.repository)
            tag_ok = ref_matches(f"x:{want.tag}", f"x:{got.tag}")
            user_missing = want.has_user and not got.has_user and ref_matches(want.name, got.repository)
            if not (repo_ok or user_missing):
                continue
            if user_missing:
                no_user.append(str(got))
            if got.tag == "latest" and not tag_ok:
                no_tag.append(str(got))  # `docker image tag nginx student/webserver` → :latest
            elif repo_ok and not tag_ok:
                other.append(str(got))
    return sorted(set(no_tag)), sorted(set(no_user)), sorted(set(other))


def check_image_tag(params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    pattern = str(params["pattern"])
    # Without `same_as` any image will do: the check is then only about the tag's shape.
    same_as = normalize_ref(str(params["same_as"])) if params.get("same_as") else None
    want = split_ref(pattern)
    # One request: every tag of the wanted repository pattern, of its bare name and the source's
    # own tag (the Engine shows only the tags that match, so the source's tag is set apart).
    listed = _repository_images(view, want.repository, want.name, same_as or "")
    source = next((img for img in listed if same_as in img.tags), None) if same_as else None
    if same_as and source is None:
        source = find_image(view, same_as)  # an id or a digest: only an inspect resolves it
    if same_as and source is None:
        return [Problem("image.missing", msg.image_missing(same_as), same_as, msg.NONE_FOUND)]
    candidates = [replace(img, tags=kept) for img in listed
                  if (kept := tuple(t for t in img.tags if t != same_as))]
    matches = tags_matching(candidates, pattern)
    if matches and (source is None or any(img.id == source.id for _, img in matches)):
        return []
    expected = f"{pattern} → {short_id(source.id)}" if source else pattern
    if matches and source is not None:
        tag, img = matches[0]
        found = ", ".join(f"{normalize_ref(t)} → {short_id(i.id)}" for t, i in matches)
        return [
            Problem(
                "tag.other_image",
                msg.tag_other_image(normalize_ref(tag), short_id(img.id), same_as or "", short_id(source.id)),
                expected,
                found,
            )
        ]
    no_tag, no_user, other = _near_misses(candidates, want)
    problems: list[Problem] = []
    if no_user:
        problems.append(Problem("tag.no_user_part", msg.tag_no_user_part(no_user[0], pattern), expected, ", ".join(no_user)))
    if no_tag:
        problems.append(
            Problem("tag.no_tag_part", msg.tag_no_tag_part(no_tag[0], pattern, want.tag), expected, ", ".join(no_tag))
        )
    if not problems:
        found = ", ".join(other) if other else msg.NONE_FOUND
        problems.append(Problem("tag.missing", msg.tag_missing(pattern, same_as or "<원본 이미지>", other), expected, found))
    return problems


def check_no_dangling(params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    dangling = view.images({"dangling": ["true"]})
    if not dangling:
        return []
    ids = [short_id(img.id) for img in dangling]
    problems = [Problem("image.dangling", msg.image_dangling(ids), "dangling 이미지 0개", ", ".join(ids))]
    # `docker image prune` keeps dangling images that a container still uses: say so, or the
    # learner would prune again and again without effect.
    for img in dangling[:_DANGLING_USAGE_LOOKUPS]:
        names = view.container_names({"ancestor": [img.id]})
        if names:
            problems.append(
                Problem(
                    "image.dangling",
                    msg.image_dangling_in_use(short_id(img.id), names),
                    "사용하는 컨테이너 없음",
                    ", ".join(names),
                )
            )
    return problems


def _config_problem(ref: str, field: str, expected: str, found: str) -> Problem:
    return Problem(f"image_config.{field}", msg.image_config_differs(ref, field, expected, found), expected,
                   found or msg.NONE_FOUND)


def _words(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(str(v) for v in value)


def check_image_config(params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    """The image's own run configuration (what `docker image inspect` shows under Config)."""
    ref = normalize_ref(str(params["ref"]))
    img = find_image(view, ref)
    if img is None:
        return [Problem("image.missing", msg.image_missing(ref), ref, msg.NONE_FOUND)]
    out: list[Problem] = []
    env = dict(e.partition("=")[::2] for e in img.env)
    for name, value in dict(params.get("env") or {}).items():
        if env.get(name) != str(value):
            have = f"{name}={env[name]}" if name in env else ""
            out.append(_config_problem(ref, "env", f"{name}={value}", have))
    for key, have_words in (("cmd", img.cmd), ("entrypoint", img.entrypoint)):
        if key in params and _words(params[key]) != have_words:
            out.append(_config_problem(ref, key, " ".join(_words(params[key])), " ".join(have_words)))
    if "workdir" in params and str(params["workdir"]).rstrip("/") != img.working_dir.rstrip("/"):
        out.append(_config_problem(ref, "workdir", str(params["workdir"]), img.working_dir))
    if "user" in params and str(params["user"]) != img.user:
        out.append(_config_problem(ref, "user", str(params["user"]), img.user))
    want_ports = {p if "/" in p else f"{p}/tcp" for p in params.get("exposed_ports") or ()}
    if want_ports - set(img.exposed_ports):
        out.append(_config_problem(ref, "exposed_ports", ", ".join(sorted(want_ports)), ", ".join(img.exposed_ports)))
    for name, value in dict(params.get("labels") or {}).items():
        if img.labels.get(name) != str(value):
            have = f"{name}={img.labels[name]}" if name in img.labels else ""
            out.append(_config_problem(ref, "labels", f"{name}={value}", have))
    return out


IMAGE_CONFIG = {"ref": req(STR), "env": opt(map_of(STR)), "cmd": opt(either(STR_LIST, STR)),
                "entrypoint": opt(either(STR_LIST, STR)), "workdir": opt(STR), "user": opt(STR),
                "exposed_ports": opt(STR_LIST), "labels": opt(map_of(STR))}

KINDS = {
    "image": CheckKind({"ref": req(STR)}, check_image, "docker image ls"),
    "image_absent": CheckKind({"ref": req(STR), "keep": opt(STR_LIST)}, check_image_absent, "docker image ls"),
    "image_tag": CheckKind({"pattern": req(STR), "same_as": opt(STR)}, check_image_tag, "docker image ls"),
    "no_dangling": CheckKind({}, check_no_dangling, "docker image ls --filter dangling=true"),
    "image_config": CheckKind(IMAGE_CONFIG, check_image_config, "docker image inspect 이미지"),
}
