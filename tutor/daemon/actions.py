"""The one module that WRITES to the daemon for lessons: `prepare` a step's starting state.

A `Preparation` is declarative (lesson-format.md, "준비"). Everything made here carries
`org.docker-tutor.managed=true` and `org.docker-tutor.step=<step id>`, so `reset` and the
self-test can find exactly it later. All conflicts are detected BEFORE anything changes: a
resource of the same name the learner made, or a host port held by someone else, stops the
whole preparation with a Korean `Conflict` that names it.
"""

from __future__ import annotations

import io
import os
import subprocess
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tutor.daemon import conflicts as cf
from tutor.daemon.conflicts import find_clashes, needed_ports
from tutor.errors import BadInput, Conflict
from tutor.model import Preparation, Step
from tutor.refs import normalize_ref

STOP_TIMEOUT = 2  # seconds: stand-in images end cleanly on SIGTERM, no need to wait long


@dataclass(frozen=True)
class PrepareReport:
    step: str
    done: tuple[str, ...] = ()  # Korean lines, one per thing made or removed
    made: tuple[tuple[str, str], ...] = ()  # (kind, name) of resources created
    began_recorded: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "done": list(self.done),
                "made": [{"kind": k, "name": n} for k, n in self.made], "began_recorded": self.began_recorded}


@dataclass
class _Log:
    done: list[str] = field(default_factory=list)
    made: list[tuple[str, str]] = field(default_factory=list)


def resolve(prep: Preparation, mapping: Mapping[str, str]) -> Preparation:
    """Fill {user}, {workdir}, ... everywhere in the preparation."""
    from tutor.lessonfile.placeholders import substitute

    values = {name: substitute(getattr(prep, name), dict(mapping)) for name in prep.__dataclass_fields__}
    return Preparation(**values)


def current_placeholders() -> dict[str, str]:
    from tutor.lessonfile.placeholders import current

    return dict(current())


def prepare(step: Step, api, placeholders: Mapping[str, str] | None = None, *, record: bool = True) -> PrepareReport:
    mapping = dict(placeholders) if placeholders is not None else current_placeholders()
    prep = resolve(step.prepare, mapping)
    _refuse_unsafe(step, prep, mapping)
    clashes = find_clashes(step, prep, api)
    if clashes:
        raise Conflict(
            "준비를 멈췄어요. 직접 만든 자원과 겹쳐서 덮어쓰지 않았어요:\n"
            + "\n".join(f"- {c.message}" for c in clashes),
            hint="위 자원을 정리한 뒤 다시 `docker-tutor prepare`를 실행해 주세요. 튜터가 만든 것만 보려면 "
            "`docker-tutor reset`을 써요.",
            code="prepare.conflict",
            data={"step": step.id, "conflicts": [c.to_dict() for c in clashes]},
        )
    log = _Log()
    labels = cf.labels_for(step.id)
    _absent(prep, api, log)
    _free_ports(step, prep, api, log)
    for spec in prep.networks:
        _network(spec, api, labels, log)
    for spec in prep.images:
        _tag(spec, api, log)
    for _ in range(prep.dangling_images):
        _dangling(api, labels, log)
    for spec in prep.files:
        _file(spec, mapping, log)
    for spec in prep.containers:
        _container(spec, api, labels, log)
    _credentials(prep, log)
    began = _mark_began(step.id) if record else False
    return PrepareReport(step.id, tuple(log.done), tuple(log.made), began)


def _refuse_unsafe(step: Step, prep: Preparation, mapping: Mapping[str, str]) -> None:
    """Defence in depth (lint refuses these too): nothing is made when the block asks for the
    host network or a file outside the practice folder (links resolved)."""
    from tutor.lessonfile.prepare_policy import preparation_problem

    _key, problem = preparation_problem(prep, mapping.get("workdir") or str(_practice_dir()))
    if problem:
        raise BadInput(f"이 단계의 준비를 하지 않았어요: {problem}", code="lesson_error", data={"step": step.id})


def _practice_dir():
    from tutor.paths import practice_dir

    return practice_dir()


# --- the changes ------------------------------------------------------------------------------


def _absent(prep: Preparation, api, log: _Log) -> None:
    for name in prep.absent_containers:
        if cf.find_container(api, name) is not None:
            api.remove_container(name, force=True, v=True)
            log.done.append(f"튜터가 만들었던 '{name}' 컨테이너를 지웠어요")
    for name in prep.absent_networks:
        net = cf.find_network(api, name)
        if net is not None:
            for cid in (net.get("Containers") or {}):
                api.disconnect_container_from_network(cid, net["Id"], force=True)
            api.remove_network(net["Id"])
            log.done.append(f"튜터가 만들었던 '{name}' 네트워크를 지웠어요")
    for ref in prep.absent_images:
        if cf.find_image(api, ref) is not None:
            api.remove_image(ref, force=True)  # a tag: untag, the image itself stays if named elsewhere
            log.done.append(f"'{ref}' 이미지 태그를 지웠어요")


def _free_ports(step: Step, prep: Preparation, api, log: _Log) -> None:
    for port in needed_ports(step, prep):
        for holder in cf.port_holders(api, port):  # only tutor-made ones are left (see clashes)
            api.remove_container(holder["Id"], force=True, v=True)
            log.done.append(f"{port} 포트를 쓰던 튜터의 컨테이너('{holder['Names'][0].lstrip('/')}')를 지웠어요")


def _network(spec: Mapping[str, Any], api, labels: dict, log: _Log) -> None:
    name, driver = spec["name"], spec.get("driver", "bridge")
    net = cf.find_network(api, name)
    if net is not None and net.get("Driver") == driver:
        log.done.append(f"'{name}' 네트워크는 이미 있어서 그대로 써요")
        return
    if net is not None:  # ours (checked), but the wrong driver: make it again
        api.remove_network(net["Id"])
    api.create_network(name, driver=driver, labels=labels, check_duplicate=True)
    log.made.append(("network", name))
    log.done.append(f"'{name}' 네트워크를 만들었어요 (driver: {driver})")


def _tag(spec: Mapping[str, Any], api, log: _Log) -> None:
    ref, source = normalize_ref(spec["tag"]), spec.get("source", "nginx")
    repo, _, tag = ref.rpartition(":")
    if cf.find_image(api, source) is None:
        raise BadInput(f"준비에 필요한 '{source}' 이미지가 없어요.",
                       hint="`docker-tutor lab images`로 연습 이미지를 다시 만들거나 `docker image pull "
                       f"{source}` 명령으로 받아 주세요.")
    api.tag(source, repo, tag, force=True)
    log.made.append(("tag", ref))
    log.done.append(f"'{source}' 이미지에 '{ref}' 태그를 붙였어요")


def _dangling(api, labels: dict, log: _Log) -> None:
    """An untagged build IS a `<none>:<none>` image; a nonce label keeps it from the cache."""
    base = "centos" if cf.find_image(api, "centos") is not None else "nginx"
    nonce = uuid.uuid4().hex[:12]
    dockerfile = f"FROM {base}\nLABEL org.docker-tutor.nonce={nonce}\n"
    output = api.build(fileobj=io.BytesIO(dockerfile.encode()), labels={**labels, "org.docker-tutor.nonce": nonce},
                       rm=True, forcerm=True, pull=False, decode=True)
    errors = [chunk["error"] for chunk in output if "error" in chunk]
    if errors:
        raise BadInput(f"dangling 이미지를 만들지 못했어요: {errors[0]}")
    log.made.append(("image", f"<none>:<none> ({nonce})"))
    log.done.append("dangling 이미지(<none>:<none>)를 하나 만들었어요")


def _file(spec: Mapping[str, Any], mapping: Mapping[str, str], log: _Log) -> None:
    path = Path(spec["path"]).expanduser()
    if spec.get("directory") or spec["path"].endswith("/"):
        path.mkdir(parents=True, exist_ok=True)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(spec.get("content", ""), encoding="utf-8")
    log.made.append(("file", str(path)))
    log.done.append(f"연습 파일({path})을 만들었어요")


def _container(spec: Mapping[str, Any], api, labels: dict, log: _Log) -> None:
    name, image, state = spec.get("name"), spec.get("image", "nginx"), spec.get("state", "running")
    if name and cf.find_container(api, name) is not None:
        api.remove_container(name, force=True, v=True)  # ours (checked): start from a fresh one
    ports = {str(k) if "/" in str(k) else f"{k}/tcp": int(v) for k, v in (spec.get("ports") or {}).items()}
    networks = list(spec.get("networks") or [])
    command = spec.get("command")
    keep_alive = state in ("running", "paused") and not command
    host_config = api.create_host_config(
        port_bindings=ports or None,
        network_mode=networks[0] if networks else None,
        restart_policy={"Name": spec["restart"]} if spec.get("restart") else None,
    )
    created = api.create_container(
        image, command=(command if isinstance(command, str) else list(command)) if command else None,
        name=name, labels=labels,
        ports=[(int(k.split("/")[0]), k.split("/")[1]) for k in ports] or None,
        tty=bool(spec.get("tty", keep_alive)), stdin_open=bool(spec.get("stdin_open", keep_alive)),
        environment=dict(spec.get("env") or {}) or None, host_config=host_config,
    )
    cid = created["Id"]
    for net in networks[1:]:
        api.connect_container_to_network(cid, net)
    if state in ("running", "paused", "exited"):
        api.start(cid)
    if state == "paused":
        api.pause(cid)
    if state == "exited":
        try:
            api.wait(cid, timeout=STOP_TIMEOUT)
        except Exception:  # noqa: BLE001 - still running: stop it, it ends cleanly on SIGTERM
            api.stop(cid, timeout=STOP_TIMEOUT)
    shown = name or cid[:12]
    log.made.append(("container", shown))
    log.done.append(f"'{shown}' 컨테이너를 만들었어요 ({image}, 상태: {state})")


def _credentials(prep: Preparation, log: _Log) -> None:
    if not (prep.login or prep.logout):
        return
    from tutor.lab.registry import practice_registry

    reg = practice_registry()
    for server in list(prep.login) + list(prep.logout):
        if server != reg.address:
            raise BadInput(f"준비에서 로그인/로그아웃은 연습용 레지스트리({reg.address})에만 할 수 있어요: {server}")
    for server in prep.login:
        if not reg.running:
            raise BadInput("연습용 레지스트리가 꺼져 있어서 로그인해 둘 수 없어요.",
                           hint="`docker-tutor lab registry up`으로 켠 뒤 다시 준비해 주세요.")
        _docker_cli(["login", server, "-u", reg.user, "--password-stdin"], stdin=reg.password + "\n")
        log.done.append(f"연습용 레지스트리 {server}에 로그인해 뒀어요")
    for server in prep.logout:
        _docker_cli(["logout", server])
        log.done.append(f"{server}에서 로그아웃해 뒀어요")


def _docker_cli(args: list[str], stdin: str | None = None) -> None:
    proc = subprocess.run(["docker", *args], input=stdin, capture_output=True, text=True, timeout=30,
                          env={**os.environ})
    if proc.returncode != 0:
        raise BadInput(f"`docker {args[0]}` 명령이 실패했어요: {proc.stderr.strip() or proc.stdout.strip()}")


def _mark_began(step_id: str) -> bool:
    try:
        from tutor.progress import mark_began
    except ImportError:
        return False
    mark_began(step_id)
    return True


from tutor.daemon.cleanup import (  # noqa: E402
    ResetItem,
    ResetPlan,
    ResetReport,
    apply_reset,
    plan_reset,
    reset,
)

__all__ = [
    "PrepareReport",
    "ResetItem",
    "ResetPlan",
    "ResetReport",
    "apply_reset",
    "find_clashes",
    "plan_reset",
    "prepare",
    "reset",
]
