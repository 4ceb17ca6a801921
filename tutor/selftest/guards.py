"""Steps the self-test must not (or cannot) run here, and why: said loudly, never faked.

- A step that logs in or pushes needs the lab's practice registry running, offline; the
  self-test never talks to Docker Hub.
- `docker container prune` / `docker image prune` remove EVERY stopped container or dangling
  image of the daemon. On a shared daemon that would destroy other people's resources, so the
  step is skipped unless every victim is the tutor's or the self-test's own.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping

from tutor.model import Step
from tutor.selftest.plan import SELFTEST_LABEL, fill

REGISTRY_CHECKS = ("credentials", "no_credentials", "registry_tag")


def _words(step: Step, mapping: Mapping[str, str]) -> list[list[str]]:
    out = []
    for command in list(step.solution) + [c for v in step.wrong for c in v.commands]:
        try:
            out.append(shlex.split(fill(command.lstrip("$ "), mapping), comments=True))
        except ValueError:
            continue
    return out


def uses_registry(step: Step, mapping: Mapping[str, str]) -> bool:
    if step.prepare.login or step.prepare.logout:
        return True
    if step.check is not None and step.check.kind in REGISTRY_CHECKS:
        return True
    return any(w[1:2] in (["login"], ["logout"], ["push"]) or w[1:3] == ["image", "push"]
               for w in _words(step, mapping))


def registry_reason(step: Step, mapping: Mapping[str, str]) -> str:
    if not uses_registry(step, mapping):
        return ""
    try:
        from tutor.lab.registry import practice_registry

        reg = practice_registry()
    except Exception as exc:  # noqa: BLE001
        return f"연습용 레지스트리 정보를 읽을 수 없어요 ({exc})"
    if mapping.get("registry") != reg.address:
        return (f"{{registry}} 값이 연습용 레지스트리({reg.address})가 아니라 다른 주소({mapping.get('registry')})예요: "
                "셀프 테스트는 바깥 레지스트리에 로그인하거나 올리지 않아요")
    if not reg.running:
        return f"연습용 레지스트리({reg.address})가 꺼져 있어요: `docker-tutor lab registry up`으로 켜 주세요"
    return ""


def prune_kinds(step: Step, mapping: Mapping[str, str]) -> set[str]:
    kinds = set()
    for w in _words(step, mapping):
        if len(w) >= 3 and w[2] == "prune":
            kinds.add(w[1])
        elif w[1:2] == ["prune"]:
            kinds.add("container")  # not a real subcommand, but never guess in the learner's favour
    return kinds


def prune_reason(view, step: Step, mapping: Mapping[str, str], run_id: str, ledger) -> str:
    kinds = prune_kinds(step, mapping)
    if not kinds:
        return ""
    if kinds - {"container", "image"}:
        return f"{', '.join(sorted(kinds))} prune은 공유 데몬에서 셀프 테스트하지 않아요"

    def foreign(kind: str, id: str, labels) -> bool:
        # The self-test's own: labelled with this run by its commands, or in its own record.
        return (labels or {}).get(SELFTEST_LABEL) != run_id and not ledger.owns(kind, id=id)

    victims: list[str] = []
    if "container" in kinds:
        stopped = view.container_list({"status": ["exited", "created", "dead"]})
        victims += [c.name for c in stopped if foreign("container", c.id, c.labels)]
    if "image" in kinds:
        dangling = view.images({"dangling": ["true"]})
        victims += [i.short_id for i in dangling if foreign("image", i.id, i.labels)]
    if victims:
        shown = ", ".join(victims[:5]) + (" …" if len(victims) > 5 else "")
        return (f"이 데몬에 튜터가 만들지 않은 정지 컨테이너/dangling 이미지 {len(victims)}개({shown})가 있어서 "
                "prune을 실행하면 남의 것까지 지워요. 깨끗한 데몬(CI)에서 다시 검증해 주세요")
    return ""


def preexisting_reason(view, step: Step, mapping: Mapping[str, str]) -> str:
    """An `image_tag` check with a wildcard (`*/webserver:1.0`) passes on ANY matching tag: one
    left on the daemon by someone else would make "fails before the solution" unprovable."""
    import fnmatch

    if step.check is None or step.check.kind != "image_tag":
        return ""
    pattern = fill(str(step.check.params.get("pattern", "")), mapping)
    if "*" not in pattern:
        return ""
    own = f"{mapping.get('user', '')}/"
    tags = [t for img in view.images() for t in img.tags
            if fnmatch.fnmatchcase(t, pattern) and not t.startswith(own)]
    if not tags:
        return ""
    return (f"이 데몬에 '{pattern}'에 맞는 태그({', '.join(sorted(tags)[:3])})가 이미 있어서 '처음엔 실패'를 "
            f"보일 수 없어요. 셀프 테스트가 만든 것이 아니라 지우지 않았어요: `docker image rm {sorted(tags)[0]}` 뒤에 "
            "다시 실행해 주세요")
