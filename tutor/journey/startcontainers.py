"""The `[[containers]]` part of `begin`: keep a container that already fits, move it to the
state the step starts from with the same commands a learner would type, recreate it only when
its configuration differs, and never touch a learner's own container (see `startstate`).
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from functools import partial
from typing import Any

from tutor.daemon import actions
from tutor.daemon.ledger import Ledger
from tutor.daemon.ownership import labels_for
from tutor.daemon.view import view_of
from tutor.journey import rawapi as ra
from tutor.journey.names import LessonNames, normalise
from tutor.journey.startmodel import Blocked, Prepared, _Op, _owner, _whose

# (current state, wanted state) -> the docker subcommands that get there, in order.
_MOVES: dict[tuple[str, str], tuple[str, ...]] = {
    ("created", "running"): ("start",), ("exited", "running"): ("start",), ("paused", "running"): ("unpause",),
    ("running", "paused"): ("pause",), ("created", "paused"): ("start", "pause"),
    ("exited", "paused"): ("start", "pause"),
    ("running", "exited"): ("stop",), ("paused", "exited"): ("unpause", "stop"),
}
_ACTION = {"start": "started", "stop": "stopped", "pause": "paused", "unpause": "unpaused"}


def _ports(spec: Mapping[str, Any]) -> dict[str, int]:
    return {str(k) if "/" in str(k) else f"{k}/tcp": int(v) for k, v in (spec.get("ports") or {}).items()}


def differences(spec: Mapping[str, Any], attrs: Mapping[str, Any], api) -> list[str]:
    """Why this container is not the one the step starts from (Korean, empty when it fits)."""
    out = []
    image = spec.get("image", "nginx")
    config = attrs.get("Config") or {}
    src = ra.find_image(api, image)
    same_image = normalise(str(config.get("Image", ""))) == normalise(image) or (
        src is not None and src.get("Id") == attrs.get("Image"))
    if not same_image:
        out.append(f"이미지가 {config.get('Image')}예요 (필요: {image})")
    bindings = (attrs.get("HostConfig") or {}).get("PortBindings") or {}
    for cport, hport in _ports(spec).items():
        have = [b.get("HostPort") for b in (bindings.get(cport) or [])]
        if str(hport) not in have:
            out.append(f"{hport}:{cport.split('/')[0]} 포트 공개가 없어요")
    command = spec.get("command")
    if command:
        want = shlex.split(command) if isinstance(command, str) else [str(c) for c in command]
        if list(config.get("Cmd") or []) != want:
            out.append(f"명령이 {' '.join(config.get('Cmd') or [])}예요 (필요: {' '.join(want)})")
    return out


def _container(spec: Mapping[str, Any], api, names: LessonNames, p, step) -> None:
    name, image, state = spec.get("name"), spec.get("image", "nginx"), spec.get("state", "running")
    labels = labels_for(step.id)
    attrs = ra.find_container(api, name) if name else None

    def create():
        actions._container(spec, api, view_of(api), labels, actions._Log(step.id, Ledger()))

    if attrs is None or not name:  # no name: nothing was looked up (attrs is None)
        p.ops.append(_Op(create, Prepared("container", name or image, "made",
                                          f"'{name or image}' 컨테이너를 만들어 뒀어요 ({image}, 상태: {state}).")))
        return
    owner = _owner("container", attrs["Id"], name, names.containers)
    current = (attrs.get("State") or {}).get("Status", "?")
    diffs = differences(spec, attrs, api)
    moves = () if current == state else _MOVES.get((current, state))
    if not diffs and moves is None:
        diffs = [f"상태가 {current}예요 (필요: {state})"]  # e.g. back to `created`: only a new one is
    networks = [n for n in (spec.get("networks") or [])
                if n not in ((attrs.get("NetworkSettings") or {}).get("Networks") or {})]
    if not diffs and not moves and not networks:
        return
    if owner == "learner" and not diffs:  # only its state or a network differs: say the commands
        commands = tuple(f"docker network connect {net} {name}" for net in networks) + tuple(
            f"docker container {move} {name}" for move in moves or ())
        p.blocked.append(Blocked("container", name,
                                 f"'{name}' 컨테이너는 여러분이 만든 것이라서 튜터가 바꾸지 않아요. 이 단계는 "
                                 f"{state} 상태에서 시작해요(지금: {current}). 옆 터미널에서 아래 명령을 실행해 주세요.",
                                 commands))
        return
    if owner == "learner":
        why = "; ".join(diffs) or f"상태가 {current}예요 (필요: {state})"
        p.blocked.append(Blocked("container", name,
                                 f"'{name}' 컨테이너가 이미 있지만 이 단계가 시작하는 상태와 달라요 ({why}). 직접 만든 것이라서 "
                                 f"튜터는 건드리지 않아요. `docker container rm -f {name}` 명령으로 지운 뒤 다시 시작해 주세요.",
                                 (f"docker container rm -f {name}",)))
        return
    whose = _whose(owner, "컨테이너", name)
    if diffs:
        def recreate():
            api.remove_container(name, force=True, v=True)
            create()

        p.ops.append(_Op(recreate, Prepared("container", name, "made",
                                            f"{whose}가 이 단계와 달라서({'; '.join(diffs)}) 지우고 새로 만들었어요 "
                                            f"(`docker container rm -f {name}` 뒤 {image}, 상태: {state}).")))
        return
    for net in networks:
        p.ops.append(_Op(partial(api.connect_container_to_network, name, net),
                         Prepared("container", name, "connected",
                                  f"{whose}를 '{net}' 네트워크에 연결했어요 (`docker network connect {net} {name}`).")))
    for move in moves or ():
        p.ops.append(_Op(partial(_move, api, name, move),
                         Prepared("container", name, _ACTION[move],
                                  f"{whose}에 `docker container {move} {name}` 명령을 실행했어요 "
                                  f"(이 단계는 {state} 상태에서 시작해요).")))


def _move(api, name: str, move: str) -> None:
    if move == "stop":
        api.stop(name, timeout=actions.STOP_TIMEOUT)
    else:
        getattr(api, move)(name)
