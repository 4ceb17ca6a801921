"""Comparing one container with the `container` check's simple parameters.

Each function takes the expected value and the container snapshot and returns problems (empty
when it matches). Ports and mounts, which need more diagnosis, live in `ports.py`/`mounts.py`;
env, resources and networks in `container_config.py`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from tutor.checks.base import CheckContext
from tutor.messages import problem
from tutor.model import Problem
from tutor.state import ContainerInfo, StateView

STOPPED = ("created", "exited", "dead")


def _states(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value]


def check_state(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    want = _states(value)
    if c.state in want:
        return []
    shown = " 또는 ".join(want)
    if want == ["created"]:
        return [problem("container.started", "created", c.state, name=c.name)]
    if "running" in want and c.state in STOPPED:
        if c.state == "created" and c.started_at is None:
            extra = f"만들어지기만 하고 시작되지 않았어요. `docker container start {c.name}` 명령으로 시작해 봐요."
        elif c.state == "exited" and c.exit_code not in (0, 137, 143):
            extra = (f"오류로 끝났어요 (종료 코드: {c.exit_code}). `docker container logs {c.name}` 명령으로 이유를 보고, "
                     f"`docker container start {c.name}` 명령으로 다시 시작해 봐요.")
        elif params.get("detached") and view.was_attached(c.id):
            # It ran in the foreground: `start` would leave it just as it was made (attached).
            extra = f"`docker container rm -f {c.name}` 명령으로 지우고 `-d`를 붙여 다시 실행해 봐요."
        else:
            extra = f"`docker container start {c.name}` 명령으로 다시 시작하거나 `-d`를 붙여 다시 실행해 봐요."
        return [problem("container.not_running", shown, c.state, name=c.name, extra=extra)]
    if c.state == "created" and c.started_at is None and "created" not in want:
        return [problem("container.never_created", shown, c.state, name=c.name)]
    extra = _state_advice(want, c)
    return [problem("container.state", shown, c.state, name=c.name, extra=extra)]


def _state_advice(want: list[str], c: ContainerInfo) -> str:
    if "paused" in want and c.state in STOPPED:
        return f"pause 대신 멈춘(stop) 것 같아요. `docker container start {c.name}` 명령 뒤에 `docker container pause {c.name}` 명령을 실행해 봐요."
    if "paused" in want:
        return f"`docker container pause {c.name}` 명령으로 일시 정지해 봐요."
    if c.state == "paused" and "exited" in want:
        return f"pause는 잠깐 멈춰 둔 것이라 컨테이너가 끝나지 않아요. 끝내려면: `docker container stop {c.name}`"
    if c.state == "paused":
        return f"일시 정지된 상태예요. `docker container unpause {c.name}` 명령으로 풀어 봐요."
    if "exited" in want and c.state == "running":
        return f"`docker container stop {c.name}` 명령으로 멈춰 봐요."
    return ""


def check_exit_code(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    want = int(value)
    if c.state != "exited":
        if "state" in params:  # the state check already says what is wrong
            return []
        return [problem("container.state", "exited", c.state, name=c.name,
                        extra="종료 코드는 컨테이너가 끝난(exited) 뒤에 정해져요.")]
    if c.exit_code == want:
        return []
    if want == 137:
        extra = (f"137은 SIGKILL로 강제 종료됐다는 뜻이에요. "
                 f"stop은 먼저 이미지가 정한 종료 신호(기본 SIGTERM, nginx는 SIGQUIT)를 보내 정상 종료시켜요. "
                 f"`docker container start {c.name}` 명령 뒤에 `docker container kill {c.name}` 명령을 실행해 봐요.")
    elif c.exit_code == 137:
        extra = (f"137은 SIGKILL로 강제 종료(kill)됐다는 뜻이에요. 정상 종료하려면 "
                 f"`docker container start {c.name}` 명령 뒤에 `docker container stop {c.name}` 명령을 실행해 봐요.")
    elif want == 0:
        extra = f"0은 정상 종료예요. `docker container logs {c.name}` 명령으로 무엇이 잘못됐는지 봐요."
    else:
        extra = ""
    return [problem("container.exit_code", want, c.exit_code, name=c.name, extra=extra)]


def check_image(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    from tutor.refs import normalize_ref

    if normalize_ref(c.image) == normalize_ref(str(value)):
        return []
    # The learner may have used another tag or the id of the same image.
    img = view.image(str(value))
    if img is not None and img.id == c.image_id:
        return []
    found = c.image or c.image_id
    if found.startswith("sha256:"):  # made from an image id (or a tag that has since moved)
        found = f"이미지 ID {found[7:19]}"
    return [problem("container.image", str(value), found, name=c.name)]


def _same_command(want: list[str], have: tuple[str, ...]) -> bool:
    if list(have) == want:
        return True
    # `bash` and `/bin/bash` run the same program.
    return bool(have) and len(have) == len(want) and posixpath.basename(have[0]) == posixpath.basename(want[0]) \
        and list(have[1:]) == want[1:]


def check_command(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    want = [value] if isinstance(value, str) else [str(v) for v in value]
    if _same_command(want, c.cmd) or _same_command(want, c.command):
        return []
    return [problem("container.command", " ".join(want), " ".join(c.cmd or c.command) or None, name=c.name)]


def check_tty(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    if bool(value) == c.tty:
        return []
    extra = ("`-it` 옵션을 붙여서 다시 실행해 봐요 (-i는 입력을 열어 두고, -t는 터미널을 붙여요)." if value
             else "`-t` 없이 다시 실행해 봐요.")
    return [problem("container.no_tty", _flag("-t", value), _flag("-t", c.tty), name=c.name, extra=extra)]


def check_stdin(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    if bool(value) == c.stdin_open:
        return []
    extra = "`-it` 옵션을 붙여서 다시 실행해 봐요." if value else "`-i` 없이 다시 실행해 봐요."
    return [problem("container.no_stdin", _flag("-i", value), _flag("-i", c.stdin_open), name=c.name, extra=extra)]


def check_detached(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    if bool(value) != c.attached:
        return []
    # AttachStdout is set by `create` too: only a real attach (the event log) is "attached";
    # when the daemon cannot say, the tutor does not claim it.
    if value and not view.was_attached(c.id):
        return []
    return [problem("container.attached", "-d" if value else "터미널에 붙어서 실행",
                    "터미널에 붙어서 실행" if c.attached else "-d", name=c.name)]


def _flag(option: str, on: Any) -> str:
    # Shown as "지금: -t 없음, 필요: -t 있음": both sides in the same words, no raw booleans.
    return f"{option} 있음" if on else f"{option} 없음"


def check_restart(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    if c.restart_policy == str(value):
        return []
    extra = ""
    if c.restart_policy == "no":
        extra = ("노트의 `--restart-always`처럼 하이픈으로 쓰면 docker가 그 옵션을 몰라서 컨테이너를 만들지 않아요.")
    return [problem("restart.policy", value, c.restart_policy, name=c.name, extra=extra)]


def check_workdir(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    want = posixpath.normpath(str(value))
    have = posixpath.normpath(c.working_dir) if c.working_dir else "/"
    if want == have:
        return []
    return [problem("workdir.other", want, have, name=c.name)]


def check_started_after(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    if not value:
        return []
    started = c.started_at
    if ctx.since is not None:
        ok = started is not None and started > ctx.since
    else:
        # Without a known step start: a restart makes StartedAt clearly later than Created.
        ok = started is not None and c.created is not None and started - c.created >= timedelta(seconds=1)
    if ok:
        return []
    if started is None and c.state == "created":
        return []  # never started at all: the state check already says `start` (not "restart")
    shown = started.astimezone().strftime("%H:%M:%S") if started else None
    since = ctx.since.astimezone().strftime("%H:%M:%S") if ctx.since else "컨테이너를 만든 뒤"
    return [problem("container.not_restarted", f"{since} 이후", shown, name=c.name)]
