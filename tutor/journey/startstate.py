"""Making only what is MISSING of a step's start state (`begin`), never more.

`prepare` rebuilds the whole start state; `begin` compares the declared `Preparation` with the
daemon and changes only the difference. Who owns a resource decides what may change:
- the tutor's own (its label, or a lab stand-in image): made, removed, adjusted freely;
- one this lesson told the learner to create (`names.LessonNames`): adjusted, saying exactly
  what was done and which docker command it equals;
- anything else of the learner's: never touched; a `Blocked` names it with the exact command.
Everything is planned first (read only); with one blocker nothing changes at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

from tutor.daemon import actions, practice_files
from tutor.daemon import conflicts as cf
from tutor.daemon.ledger import Ledger
from tutor.daemon.ownership import labels_for
from tutor.daemon.view import view_of
from tutor.journey import rawapi as ra
from tutor.journey.names import LessonNames, normalise
from tutor.journey.startcontainers import _container
from tutor.journey.startmodel import Blocked, Plan, Prepared, _Op, _owner, _whose
from tutor.model import Preparation, Step


def plan(step: Step, prep: Preparation, api, names: LessonNames, mapping: Mapping[str, str]) -> Plan:
    p = Plan([], [])
    _absent_containers(prep, api, names, p)
    _absent_networks(prep, api, names, p)
    _absent_images(prep, api, names, p)
    _ports(step, prep, api, names, p)
    for spec in prep.networks:
        _network(spec, api, names, p, step)
    for spec in prep.images:
        _tag(spec, api, names, p, step)
    _dangling(prep, api, step, p)
    for spec in prep.files:
        _file(spec, mapping, p, step)
    for spec in prep.containers:
        _container(spec, api, names, p, step)
    _credentials(prep, p, step)
    return p


def apply(p: Plan) -> tuple[Prepared, ...]:
    done = []
    for op in p.ops:
        op.run()
        done.append(op.done)
    return tuple(done)


# --- absent_* ---------------------------------------------------------------------------------


def _absent_containers(prep, api, names: LessonNames, p: Plan) -> None:
    for name in prep.absent_containers:
        attrs = ra.find_container(api, name)
        if attrs is None:
            continue
        owner = _owner("container", attrs["Id"], name, names.containers)
        if owner == "learner":
            p.blocked.append(_container_blocker(name, attrs, "이 단계는 그 이름으로 새로 만들어요"))
            continue
        p.ops.append(_Op(partial(api.remove_container, name, force=True, v=True),
                         Prepared("container", name, "removed",
                                  f"{_whose(owner, '컨테이너', name)}를 지웠어요 (`docker container rm -f {name}`). "
                                  "이 단계에서 다시 만들어요.")))


def _container_blocker(name: str, attrs: Mapping[str, Any], why: str) -> Blocked:
    state = (attrs.get("State") or {}).get("Status", "?")
    return Blocked("container", name,
                   f"'{name}' 컨테이너가 이미 있어요 (상태: {state}). 직접 만든 것이라서 튜터는 건드리지 않아요. "
                   f"{why}. 필요 없으면 `docker container rm -f {name}` 명령으로 지운 뒤 다시 시작해 주세요.",
                   (f"docker container rm -f {name}",))


def _absent_networks(prep, api, names: LessonNames, p: Plan) -> None:
    for name in prep.absent_networks:
        net = ra.find_network(api, name)
        if net is None:
            continue
        owner = _owner("network", net["Id"], name, names.networks)
        if owner == "learner":
            p.blocked.append(Blocked("network", name,
                                     f"'{name}' 네트워크가 이미 있어요. 직접 만든 것이라서 튜터는 건드리지 않아요. 필요 없으면 "
                                     f"`docker network rm {name}` 명령으로 지운 뒤 다시 시작해 주세요.",
                                     (f"docker network rm {name}",)))
            continue
        attached = [(cid, (info or {}).get("Name", cid[:12])) for cid, info in (net.get("Containers") or {}).items()]
        foreign = [n for cid, n in attached if not _disposable_container(api, cid, n, names)]
        if foreign:
            cmds = tuple(f"docker network disconnect {name} {n}" for n in foreign)
            p.blocked.append(Blocked("network", name,
                                     f"'{name}' 네트워크에 직접 만든 컨테이너({', '.join(foreign)})가 연결돼 있어서 튜터가 지울 수 "
                                     f"없어요. `{cmds[0]}` 명령으로 분리한 뒤 다시 시작해 주세요.", cmds))
            continue

        def remove(net_id=net["Id"], attached=attached):
            for cid, _ in attached:
                api.disconnect_container_from_network(cid, net_id, force=True)
            api.remove_network(net_id)

        p.ops.append(_Op(remove, Prepared("network", name, "removed",
                                          f"{_whose(owner, '네트워크', name)}를 지웠어요 (`docker network rm {name}`). "
                                          "이 단계에서 다시 만들어요.")))


def _disposable_container(api, cid: str, name: str, names: LessonNames) -> bool:
    try:
        attrs = api.inspect_container(cid)
    except Exception:  # noqa: BLE001 - gone meanwhile: nothing to protect
        return True
    return _owner("container", attrs["Id"], name, names.containers) != "learner"


def _absent_images(prep, api, names: LessonNames, p: Plan) -> None:
    for ref in prep.absent_images:
        have = ra.find_image(api, ref)
        if have is None:
            continue
        ours = ra.tutors_tag(normalise(ref), have)
        if not ours and normalise(ref) not in names.tags:
            p.blocked.append(Blocked("image", ref, f"'{ref}' 이미지 태그가 이미 있어요. 직접 만든 것이라서 튜터는 건드리지 "
                                     f"않아요. 필요 없으면 `docker image rm {ref}` 명령으로 지운 뒤 다시 시작해 주세요.",
                                     (f"docker image rm {ref}",)))
            continue
        p.ops.append(_Op(partial(api.remove_image, ref, force=True),
                         Prepared("image", ref, "removed", f"'{ref}' 이미지 태그를 지웠어요 (`docker image rm {ref}`). "
                                  "이 단계에서 다시 만들어요.")))


# --- ports, networks, tags, files -------------------------------------------------------------


def _ports(step: Step, prep, api, names: LessonNames, p: Plan) -> None:
    mine = {c.get("name") for c in prep.containers}
    for port in sorted(cf.needed_ports(step, prep)):
        for holder in api.containers(all=True, filters={"publish": str(port)}):
            name = holder["Names"][0].lstrip("/")
            if name in mine:
                continue  # the prepared container itself (kept or recreated below)
            owner = _owner("container", holder["Id"], name, names.containers)
            if owner == "learner":
                p.blocked.append(Blocked("port", str(port),
                                         f"호스트의 {port} 포트를 '{name}' 컨테이너가 쓰고 있어서 이 단계의 컨테이너가 그 포트를 "
                                         f"쓸 수 없어요. 튜터가 만든 것이 아니라서 그대로 둘게요. `docker container rm -f {name}` "
                                         "명령으로 비운 뒤 다시 시작해 주세요.", (f"docker container rm -f {name}",)))
                continue
            p.ops.append(_Op(partial(api.remove_container, holder["Id"], force=True, v=True),
                             Prepared("container", name, "removed",
                                      f"{port} 포트를 쓰던 {_whose(owner, '컨테이너', name)}를 지웠어요 "
                                      f"(`docker container rm -f {name}`).")))


def _network(spec, api, names: LessonNames, p: Plan, step: Step) -> None:
    name, driver = spec["name"], spec.get("driver", "bridge")
    net = ra.find_network(api, name)
    if net is not None and net.get("Driver") == driver:
        return
    if net is not None:
        owner = _owner("network", net["Id"], name, names.networks)
        if owner == "learner" or net.get("Containers"):
            p.blocked.append(Blocked("network", name,
                                     f"'{name}' 네트워크가 있지만 드라이버가 {net.get('Driver')}예요 (필요: {driver}). "
                                     f"`docker network rm {name}` 명령으로 지운 뒤 다시 시작해 주세요.",
                                     (f"docker network rm {name}",)))
            return
        p.ops.append(_Op(partial(api.remove_network, net["Id"]),
                         Prepared("network", name, "removed", f"드라이버가 다른 '{name}' 네트워크를 지웠어요.")))
    labels = labels_for(step.id)

    def create():
        made = api.create_network(name, driver=driver, labels=labels, check_duplicate=True)
        Ledger().add("network", made["Id"], name, step.id)  # the tutor's own record, by id

    p.ops.append(_Op(create,
                     Prepared("network", name, "made", f"'{name}' 네트워크를 만들어 뒀어요 (driver: {driver}).")))


def _log(step: Step):
    return actions._Log(step.id, Ledger())  # what is made goes into the tutor's record at once


def _tag(spec, api, names: LessonNames, p: Plan, step: Step) -> None:
    ref, source = normalise(spec["tag"]), spec.get("source", "nginx")
    have, src = ra.find_image(api, ref), ra.find_image(api, source)
    if have is not None and src is not None and have["Id"] == src["Id"]:
        return
    if have is not None:
        ours = ra.tutors_tag(ref, have)
        if not ours and ref not in names.tags:
            p.blocked.append(Blocked("image", ref, f"'{ref}' 태그가 이미 다른 이미지를 가리켜요. 직접 만든 것이라서 그대로 "
                                     f"둘게요. `docker image rm {ref}` 명령으로 지운 뒤 다시 시작해 주세요.",
                                     (f"docker image rm {ref}",)))
            return
    repo, _, tag = ref.rpartition(":")
    p.ops.append(_Op(lambda: actions._tag(spec, api, view_of(api), _log(step)),
                     Prepared("image", ref, "tagged",
                              f"'{source}' 이미지에 '{ref}' 태그를 붙여 뒀어요 (`docker image tag {source} {repo}:{tag}`).")))


def _dangling(prep, api, step: Step, p: Plan) -> None:
    want = prep.dangling_images
    if want <= 0:
        return
    have = len(api.images(filters={"dangling": True}, quiet=True))
    for _ in range(max(0, want - have)):
        p.ops.append(_Op(lambda: actions._dangling(api, view_of(api), labels_for(step.id), _log(step)),
                         Prepared("image", "<none>:<none>", "built",
                                  "dangling 이미지(<none>:<none>)를 하나 만들어 뒀어요. `docker image ls`에서 "
                                  "REPOSITORY와 TAG가 <none>인 줄이에요.")))


def _file(spec, mapping: Mapping[str, str], p: Plan, step: Step) -> None:
    path = Path(spec["path"]).expanduser()
    is_dir = bool(spec.get("directory")) or spec["path"].endswith("/")
    if path.exists():
        return  # the learner's file (or ours from before) is never overwritten
    if not cf._inside_workdir(spec["path"]):
        p.blocked.append(Blocked("file", str(path), f"레슨의 준비 파일 경로가 연습 폴더 밖이라서 만들지 않았어요: {path}"))
        return
    content = str(spec.get("content", ""))
    shown = "" if is_dir else " 내용:\n" + "\n".join(f"    {line}" for line in content.splitlines())
    p.ops.append(_Op(lambda: practice_files.write(spec, _log(step)),
                     Prepared("file", str(path), "made",
                              f"연습 {'폴더를' if is_dir else '파일을'} 만들어 뒀어요: {path}.{shown}")))


def _credentials(prep, p: Plan, step: Step) -> None:
    from tutor.daemon.cli_config import credentials

    for server in prep.login:
        if not credentials(server).stored:
            p.ops.append(_Op(partial(_set_credentials, Preparation(login=(server,)), step),
                             Prepared("login", server, "made",
                                      f"연습용 레지스트리 {server}에 로그인해 뒀어요 (`docker login {server}`).")))
    for server in prep.logout:
        if credentials(server).stored:
            p.ops.append(_Op(partial(_set_credentials, Preparation(logout=(server,)), step),
                             Prepared("logout", server, "removed",
                                      f"{server}에서 로그아웃해 뒀어요 (`docker logout {server}`).")))


def _set_credentials(prep: Preparation, step: Step) -> None:
    actions._credentials(prep, _log(step), None)  # the log (and its Ledger) made when it runs
