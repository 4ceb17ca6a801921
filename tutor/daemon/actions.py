"""The one module that WRITES to the daemon for lessons: `prepare` a step's starting state.

A `Preparation` is declarative (lesson-format.md, "준비"). Everything made here is written to
the tutor's own record (`ledger`) by id as it is made — the only thing `reset`, a later
`prepare` and the self-test trust — and also labelled (`org.docker-tutor.step=<step id>`) so a
learner can see it in `docker ps`. All conflicts are detected BEFORE anything changes: a
resource of the same name the learner made, or a host port held by someone else, stops the
whole preparation with a Korean `Conflict` that names it. A practice file the learner changed
is moved aside (never overwritten) and said so.
"""

from __future__ import annotations

import io
import os
import subprocess
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tutor.daemon import conflicts as cf
from tutor.daemon import practice_files
from tutor.daemon.conflicts import find_clashes, needed_ports
from tutor.daemon.ledger import Ledger
from tutor.daemon.ownership import Owner, labels_for, resolve
from tutor.daemon.view import view_of
from tutor.errors import BadInput, Conflict
from tutor.lookups import container_named, image_tagged, network_named
from tutor.model import Preparation, Step
from tutor.refs import normalize_ref

STOP_TIMEOUT = 2  # seconds: stand-in images end cleanly on SIGTERM, no need to wait long


@dataclass(frozen=True)
class PrepareReport:
    step: str
    done: tuple[str, ...] = ()  # Korean lines, one per thing made or removed
    made: tuple[tuple[str, str], ...] = ()  # (kind, name) of resources created

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "done": list(self.done),
                "made": [{"kind": k, "name": n} for k, n in self.made]}


@dataclass
class _Log:
    step: str
    ledger: Ledger
    done: list[str] = field(default_factory=list)
    made: list[tuple[str, str]] = field(default_factory=list)

    def record(self, kind: str, id: str, name: str, shown: str) -> None:
        self.ledger.add(kind, id, name, self.step)  # at once: a crash later still leaves it known
        self.made.append((kind, shown))


def prepare(step: Step, api, placeholders: Mapping[str, str], *, ledger: Ledger | None = None,
            env: Mapping[str, str] | None = None) -> PrepareReport:
    """Make the step's starting state. The caller resolved the placeholders and records the
    step's start (tutor.contexts.step_began): the daemon layer never writes progress.
    `ledger`: whose record (default: the learner's); `env`: for docker CLI runs (login)."""
    mapping = dict(placeholders)
    prep = resolve(step.prepare, mapping)
    _refuse_unsafe(step, prep, mapping)
    ledger = ledger if ledger is not None else Ledger()
    view, owner = view_of(api), Owner(ledger)
    clashes = find_clashes(step, prep, view, owner)
    if clashes:
        raise Conflict(
            "준비를 멈췄어요. 직접 만든 자원과 겹쳐서 덮어쓰지 않았어요:\n"
            + "\n".join(f"- {c.message}" for c in clashes),
            hint="위 자원을 정리한 뒤 다시 `docker-tutor prepare`를 실행해 주세요. 튜터가 만든 것만 보려면 "
            "`docker-tutor reset`을 써요.",
            code="prepare.conflict",
            data={"step": step.id, "conflicts": [c.to_dict() for c in clashes]},
        )
    log = _Log(step.id, ledger)
    labels = labels_for(step.id)
    _absent(prep, api, view, log)
    _free_ports(step, prep, api, view, log)
    for spec in prep.networks:
        _network(spec, api, view, labels, log)
    for spec in prep.images:
        _tag(spec, api, view, log)
    for _ in range(prep.dangling_images):
        _dangling(api, view, labels, log)
    for spec in prep.files:
        practice_files.write(spec, log)
    for spec in prep.containers:
        _container(spec, api, view, labels, log)
    _credentials(prep, log, env)
    return PrepareReport(step.id, tuple(log.done), tuple(log.made))


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


def _absent(prep: Preparation, api, view, log: _Log) -> None:
    for name in prep.absent_containers:
        info = container_named(view, name)
        if info is not None:  # the tutor's (checked before anything changed)
            api.remove_container(info.id, force=True, v=True)
            log.ledger.forget("container", id=info.id)
            log.done.append(f"튜터가 만들었던 '{name}' 컨테이너를 지웠어요")
    for name in prep.absent_networks:
        net = network_named(view, name)
        if net is not None:
            _remove_network(api, view, net.id)
            log.ledger.forget("network", id=net.id)
            log.done.append(f"튜터가 만들었던 '{name}' 네트워크를 지웠어요")
    for ref in prep.absent_images:
        img = image_tagged(view, ref)
        if img is not None:
            ref = normalize_ref(ref)
            api.remove_image(ref, force=True)  # the tutor's tag (checked): untag; a used image stays
            log.ledger.forget("tag", name=ref)
            log.done.append(f"튜터가 붙였던 '{ref}' 이미지 태그를 지웠어요")


def _remove_network(api, view, net_id: str) -> None:
    info = view.network(net_id)
    for member in (info.containers if info else ()):
        api.disconnect_container_from_network(member, net_id, force=True)
    api.remove_network(net_id)


def _free_ports(step: Step, prep: Preparation, api, view, log: _Log) -> None:
    for port in needed_ports(step, prep):
        for holder in cf.port_holders(view, port):  # only the tutor's are left (see clashes)
            api.remove_container(holder.id, force=True, v=True)
            log.ledger.forget("container", id=holder.id)
            log.done.append(f"{port} 포트를 쓰던 튜터의 컨테이너('{holder.name}')를 지웠어요")


def _network(spec: Mapping[str, Any], api, view, labels: dict, log: _Log) -> None:
    name, driver = spec["name"], spec.get("driver", "bridge")
    net = network_named(view, name)
    if net is not None and net.driver == driver:
        log.done.append(f"'{name}' 네트워크는 이미 있어서 그대로 써요")
        return
    if net is not None:  # the tutor's (checked), but the wrong driver: make it again
        _remove_network(api, view, net.id)
        log.ledger.forget("network", id=net.id)
    made = api.create_network(name, driver=driver, labels=labels, check_duplicate=True)
    log.record("network", made["Id"], name, name)
    log.done.append(f"'{name}' 네트워크를 만들었어요 (driver: {driver})")


def _tag(spec: Mapping[str, Any], api, view, log: _Log) -> None:
    ref, source = normalize_ref(spec["tag"]), spec.get("source", "nginx")
    repo, _, tag = ref.rpartition(":")
    src = view.image(source)
    if src is None:
        raise BadInput(f"준비에 필요한 '{source}' 이미지가 없어요.",
                       hint="`docker-tutor lab images`로 연습 이미지를 다시 만들거나 `docker image pull "
                       f"{source}` 명령으로 받아 주세요.")
    api.tag(src.id, repo, tag, force=True)
    log.record("tag", src.id, ref, ref)
    log.done.append(f"'{source}' 이미지에 '{ref}' 태그를 붙였어요")


def _dangling(api, view, labels: dict, log: _Log) -> None:
    """An untagged build IS a `<none>:<none>` image; a nonce label keeps it from the cache."""
    base = "centos" if view.image("centos") is not None else "nginx"
    nonce = uuid.uuid4().hex[:12]
    dockerfile = f"FROM {base}\nLABEL org.docker-tutor.nonce={nonce}\n"
    output = api.build(fileobj=io.BytesIO(dockerfile.encode()), labels={**labels, "org.docker-tutor.nonce": nonce},
                       rm=True, forcerm=True, pull=False, decode=True)
    chunks = list(output)
    errors = [chunk["error"] for chunk in chunks if "error" in chunk]
    if errors:
        raise BadInput(f"dangling 이미지를 만들지 못했어요: {errors[0]}")
    built = [c["aux"]["ID"] for c in chunks if isinstance(c.get("aux"), dict) and c["aux"].get("ID")]
    if not built:
        built = [i.id for i in view.images({"label": [f"org.docker-tutor.nonce={nonce}"]})]
    log.record("image", built[-1] if built else "", f"<none>:<none> ({nonce})", f"<none>:<none> ({nonce})")
    log.done.append("dangling 이미지(<none>:<none>)를 하나 만들었어요")


def _container(spec: Mapping[str, Any], api, view, labels: dict, log: _Log) -> None:
    name, image, state = spec.get("name"), spec.get("image", "nginx"), spec.get("state", "running")
    old = container_named(view, name) if name else None
    if old is not None:  # the tutor's (checked): start from a fresh one
        api.remove_container(old.id, force=True, v=True)
        log.ledger.forget("container", id=old.id)
    ports = {str(k) if "/" in str(k) else f"{k}/tcp": int(v) for k, v in (spec.get("ports") or {}).items()}
    networks = list(spec.get("networks") or [])
    command = spec.get("command")
    keep_alive = state in ("running", "paused") and not command
    host_config = api.create_host_config(
        port_bindings=ports or None,
        network_mode=networks[0] if networks else None,
    )
    created = api.create_container(
        image, command=(command if isinstance(command, str) else list(command)) if command else None,
        name=name, labels=labels,
        ports=[(int(k.split("/")[0]), k.split("/")[1]) for k in ports] or None,
        tty=keep_alive, stdin_open=keep_alive, host_config=host_config,
    )
    cid = created["Id"]
    log.ledger.add("container", cid, name or cid[:12], log.step)
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


def _credentials(prep: Preparation, log: _Log, env: Mapping[str, str] | None) -> None:
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
        _docker_cli(["login", server, "-u", reg.user, "--password-stdin"], env, stdin=reg.password + "\n")
        log.done.append(f"연습용 레지스트리 {server}에 로그인해 뒀어요")
    for server in prep.logout:
        _docker_cli(["logout", server], env)
        log.done.append(f"{server}에서 로그아웃해 뒀어요")


def _docker_cli(args: list[str], env: Mapping[str, str] | None, stdin: str | None = None) -> None:
    proc = subprocess.run(["docker", *args], input=stdin, capture_output=True, text=True, timeout=30,
                          env=dict(env) if env is not None else {**os.environ})
    if proc.returncode != 0:
        raise BadInput(f"`docker {args[0]}` 명령이 실패했어요: {proc.stderr.strip() or proc.stdout.strip()}")


__all__ = ["PrepareReport", "find_clashes", "prepare"]
