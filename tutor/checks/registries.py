"""Registry checks: logged in, logged out, and a tag pushed to a registry.

`view.credentials(server)` reads the docker CLI's config (never the secret); `view.registry_tags`
asks the registry's v2 API over loopback with those stored credentials and returns the tags of
one repository, or None when it cannot tell (unknown repository, refused, unreachable).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tutor import messages_resources as msg
from tutor.checks.base import CheckContext, CheckKind
from tutor.lookups import image_tagged as find_image
from tutor.model import Problem
from tutor.paramtypes import STR, req
from tutor.state import Credentials, StateView


def check_credentials(params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    server = str(params["server"])
    creds = view.credentials(server)
    if creds.stored:
        return []
    if creds.config_error:
        return [_config_broken(server, creds)]
    return [Problem("login.missing", msg.login_missing(server), f"{server} 자격 증명", msg.NONE_FOUND)]


def _config_broken(server: str, creds: Credentials) -> Problem:
    return Problem("docker_config.broken", msg.docker_config_broken(creds.config_error),
                   "읽을 수 있는 docker 설정 파일", creds.config_error)


def check_no_credentials(params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    server = str(params["server"])
    creds = view.credentials(server)
    if creds.config_error:
        # The CLI cannot read it either: "logged out" would be a guess, and `docker logout` fails.
        return [_config_broken(server, creds)]
    if not creds.stored:
        return []
    found = creds.where or "저장됨"
    if creds.username:
        found = f"{found} ({creds.username})"
    return [
        Problem("logout.still_logged_in", msg.logout_still_logged_in(server, creds.where), f"{server} 자격 증명 없음", found)
    ]


def check_registry_tag(params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    registry = str(params["registry"]).rstrip("/")
    repository = str(params["repository"]).strip("/")
    tag = str(params.get("tag") or "latest")
    tags = view.registry_tags(registry, repository)
    if tags is not None and tag in tags:
        return []

    expected = f"{registry}/{repository}:{tag}"
    problems: list[Problem] = []
    # A push needs a login and a local image with the full name; name every missing piece,
    # and the tags that did arrive (the learner pushed, but another tag).
    if not view.credentials(registry).stored:
        problems.append(
            Problem("push.not_logged_in", msg.push_not_logged_in(registry), f"{registry} 로그인", "자격 증명 없음")
        )
    elif tags is None:
        # Logged in, yet no answer: the registry is down or refuses the stored password.
        problems.append(
            Problem("push.registry_unreachable", msg.push_registry_unreachable(registry), f"{registry} 응답", "응답 없음 또는 거절")
        )
    if tags:
        others = sorted(tags)
        problems.append(
            Problem("push.other_tag", msg.push_other_tag(registry, repository, tag, others), expected, ", ".join(others))
        )
    if find_image(view, expected) is None:
        problems.append(
            Problem("push.local_tag_missing", msg.push_local_tag_missing(expected), expected, f"로컬 {expected} 없음")
        )
    if not problems:
        problems.append(Problem("push.missing", msg.push_missing(registry, repository, tag), expected, msg.NONE_FOUND))
    return problems


KINDS = {
    "credentials": CheckKind({"server": req(STR)}, check_credentials, "~/.docker/config.json의 auths"),
    "no_credentials": CheckKind({"server": req(STR)}, check_no_credentials, "~/.docker/config.json의 auths"),
    "registry_tag": CheckKind({"registry": req(STR), "repository": req(STR), "tag": req(STR)}, check_registry_tag,
                              "docker image ls, 레지스트리의 태그 목록"),
}
