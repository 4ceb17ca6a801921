"""Check kinds about containers and the daemon: `container`, `container_absent`, `no_stopped`,
`daemon` (see docs/lesson-format.md for parameters and problem codes).

A check is a pure function of the read-only view: it returns problems, never prints, never
changes the daemon.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tutor.checks import container_config as cfg
from tutor.checks import container_props as props
from tutor.checks.base import CheckContext, CheckKind
from tutor.checks.container_find import attempts, closest, published_match, similar_name
from tutor.checks.mounts import check_mounts
from tutor.checks.ports import check_ports, taken_problems
from tutor.errors import DaemonUnreachable
from tutor.messages import problem
from tutor.model import Problem
from tutor.paramtypes import (
    BOOL,
    INT,
    PORTS,
    STR,
    STR_LIST,
    T,
    TableList,
    either,
    enum,
    list_of,
    map_of,
    matching,
    opt,
    req,
)
from tutor.state import ContainerInfo, StateView

ParamCheck = Callable[[Any, ContainerInfo, Mapping[str, Any], StateView, CheckContext], list[Problem]]

# Parameter → comparison, in the order problems are reported: what the container *is* first,
# its state last (a wrong container that is also stopped is first of all the wrong container).
PARAMS: dict[str, ParamCheck] = {
    "image": props.check_image,
    "command": props.check_command,
    "tty": props.check_tty,
    "stdin_open": props.check_stdin,
    "detached": props.check_detached,
    "ports": check_ports,
    "restart": props.check_restart,
    "dns": cfg.check_dns,
    "extra_hosts": cfg.check_extra_hosts,
    "cpu_shares": cfg.check_cpu_shares,
    "memory": cfg.check_memory,
    "mounts": check_mounts,
    "env": cfg.check_env,
    "env_file": cfg.check_env_file,
    "workdir": props.check_workdir,
    "networks": cfg.check_networks,
    "not_networks": cfg.check_not_networks,
    "state": props.check_state,
    "exit_code": props.check_exit_code,
    "started_after_step": props.check_started_after,
}


def compare(params: Mapping[str, Any], c: ContainerInfo, view: StateView, ctx: CheckContext) -> list[Problem]:
    out: list[Problem] = []
    for key, fn in PARAMS.items():
        if key in params:
            out.extend(fn(params[key], c, params, view, ctx))
    return out


def container(params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    name = params.get("name")
    if name:
        c = view.container(str(name))
        if c is not None and c.name == str(name).lstrip("/"):
            return _with_taken(params, c, compare(params, c, view, ctx), view)
        return _named_missing(str(name), params, view, ctx)
    if published_match(params, view, lambda c: not compare(params, c, view, ctx)):
        return []
    verdict = closest(attempts(params, view, ctx.since), lambda c: compare(params, c, view, ctx))
    if verdict is None:
        return [*_taken_only(params, view), _missing(params)]
    if not verdict.problems:
        return []
    return _with_taken(params, verdict.container, list(verdict.problems), view)


def _with_taken(params: Mapping[str, Any], c: ContainerInfo | None, problems: list[Problem], view: StateView) -> list[Problem]:
    if "ports" not in params or not problems:
        return problems
    return [*taken_problems(params["ports"], c, view), *problems]


def _taken_only(params: Mapping[str, Any], view: StateView) -> list[Problem]:
    return taken_problems(params["ports"], None, view) if "ports" in params else []


def _named_missing(name: str, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    other = similar_name(name, view)
    if other:
        c = view.container(other)
        rest = compare(params, c, view, ctx) if c else []
        return [problem("container.similar_name", name, other), *rest]
    if any(k in params for k in ("image", "ports")):
        # Only a candidate that meets everything is of use here ("made it without the name"),
        # so the list already leaves out other states: unrelated containers cost no inspect.
        states = [params["state"]] if isinstance(params.get("state"), str) else list(params.get("state") or [])
        narrow = {"status": [str(x) for x in states]} if states and set(states) <= set(_STATUSES) else None
        verdict = closest(attempts(params, view, ctx.since, narrow), lambda c: compare(params, c, view, ctx))
        if verdict is not None and verdict.container is not None and not verdict.problems:
            return [problem("container.unnamed", name, verdict.container.name)]
    return [*_taken_only(params, view), _missing(params)]


_STATUSES = ("created", "running", "paused", "restarting", "exited", "dead")


def _missing(params: Mapping[str, Any]) -> Problem:
    what = []
    if params.get("name"):
        what.append(f"이름이 '{params['name']}'인")
    if params.get("image"):
        what.append(f"{params['image']} 이미지로 만든")
    extra = []
    if "restart" in params:
        extra.append("`--restart-always`처럼 하이픈으로 쓰면 docker가 옵션을 몰라 컨테이너를 만들지 않아요: "
                     f"`--restart={params['restart']}`처럼 `=`로 이어 써요.")
    if "memory" in params:
        extra.append("메모리 한도가 너무 작으면(6MB 미만, 예: `--memory=1m`) 데몬이 컨테이너를 만들지 않아요. "
                     "단위를 확인해 봐요: m은 MiB, g는 GiB예요.")
    if "extra_hosts" in params:
        extra.append("`--add-host`는 `이름:주소` 순서예요. 순서가 바뀌면 docker가 거절해요.")
    if params.get("state") == "created":
        extra.append("`docker container create`로 만들어요.")
    expected = str(params.get("name") or params.get("image") or "조건에 맞는 컨테이너")
    return problem("container.missing", expected, None, what=" ".join(what) or "조건에 맞는",
                   extra=" ".join(extra) + (" " if extra else ""))


def container_absent(params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    name = str(params["name"])
    out: list[Problem] = []
    c = view.container(name)
    if c is not None and c.name == name.lstrip("/"):
        code = "container.still_running" if c.state in ("running", "paused", "restarting") else "container.still_there"
        out.append(problem(code, "없음", c.state, name=name))
    keep = params.get("keep_image")
    if keep and view.image(str(keep)) is None:
        out.append(problem("image.keep_missing", str(keep), None))
    return out


def no_stopped(params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    names = view.container_names({"status": ["exited", "created", "dead"]})
    if not names:
        return []
    shown = ", ".join(names[:5]) + (f" 외 {len(names) - 5}개" if len(names) > 5 else "")
    return [problem("container.stopped_remain", "0개", shown, count=len(names))]


def daemon(params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    try:
        info = view.server()
    except DaemonUnreachable as exc:
        return [problem("daemon.unreachable", "서버 버전", exc.message)]
    if not info.version:
        return [problem("daemon.unreachable", "서버 버전", "버전 없음")]
    return []


# --- table rows --------------------------------------------------------------------------------

CONTAINER_STATES = ("created", "running", "paused", "exited", "restarting", "removing", "dead")
MEMORY = matching(r"[0-9]+(\.[0-9]+)?\s*([kmgt]i?b?|b)?", '"1g", "512m" 같은 크기')
EXTRA_HOST = matching(r"[^:\s]+:[0-9a-f.:]+", '"test.com:192.168.1.1" 같은 "이름:주소"')
# `any_source = true`: any existing host folder at the target passes (`source` is then only the
# suggested folder); a folder Docker just created empty still fails (mount.source_created_empty).
MOUNT = {"type": req(enum("bind", "volume", "tmpfs")), "target": req(STR), "source": opt(STR),
         "any_source": opt(BOOL)}
STATE: T = either(enum(*CONTAINER_STATES), list_of(enum(*CONTAINER_STATES)))

# The `container` kind's parameters; each has its comparison in PARAMS above.
CONTAINER = {
    "name": opt(STR),
    "image": opt(STR),
    "state": opt(STATE),
    "exit_code": opt(INT),
    "command": opt(either(STR_LIST, STR)),
    "tty": opt(BOOL),
    "stdin_open": opt(BOOL),
    "detached": opt(BOOL),
    "ports": opt(PORTS),
    "restart": opt(enum("no", "always", "on-failure", "unless-stopped")),
    "dns": opt(STR_LIST),
    "extra_hosts": opt(list_of(EXTRA_HOST)),
    "cpu_shares": opt(INT),
    "memory": opt(either(MEMORY, INT)),
    "mounts": TableList(MOUNT, label="마운트 표의 목록"),
    "env": opt(map_of(STR)),
    "env_file": opt(STR),
    "workdir": opt(STR),
    "started_after_step": opt(BOOL),
    "networks": opt(STR_LIST),
    "not_networks": opt(STR_LIST),
}

KINDS = {
    "daemon": CheckKind({}, daemon, "docker version"),
    "container": CheckKind(CONTAINER, container, "docker container ls -a, docker container inspect 이름"),
    "container_absent": CheckKind({"name": req(STR), "keep_image": opt(either(STR, BOOL))}, container_absent,
                                  "docker container ls -a"),
    "no_stopped": CheckKind({}, no_stopped, "docker container ls -a --filter status=exited"),
}
