"""`reset`: list, then remove, only what the tutor made, plus what the learner names.

Two kinds of items: the tutor's own, from its record (`ledger`, by id: still there and still
the same object), and resources a lesson names (container `webserver`, network `web-network`,
tag `{user}/webserver:1.0`) that the learner made while following it. The second kind is listed
with `learner_made=True` and removed only when the learner confirmed THAT item by its name
(`confirmed`): `--yes` confirms the tutor's own and nothing else. Nothing else is ever touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tutor.daemon.ledger import Ledger
from tutor.daemon.ownership import STAND_IN_REFS, Owner, resolve
from tutor.daemon.view import view_of
from tutor.lookups import container_named, image_tagged, network_named
from tutor.model import Step
from tutor.refs import normalize_ref


@dataclass(frozen=True)
class ResetScope:
    lesson: str | None = None
    step: str | None = None
    steps: tuple[Step, ...] = ()  # the steps in scope, for names they declare
    placeholders: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ResetItem:
    kind: str  # container | network | image | tag | volume | file
    name: str
    id: str
    learner_made: bool
    step: str = ""  # the step label, or the step declaring the name

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "id": self.id, "learner_made": self.learner_made,
                "step": self.step}


@dataclass(frozen=True)
class ResetPlan:
    items: tuple[ResetItem, ...] = ()

    @property
    def tutor_items(self) -> tuple[ResetItem, ...]:
        return tuple(i for i in self.items if not i.learner_made)

    @property
    def learner_items(self) -> tuple[ResetItem, ...]:
        return tuple(i for i in self.items if i.learner_made)


@dataclass(frozen=True)
class ResetReport:
    removed: tuple[ResetItem, ...] = ()
    kept: tuple[ResetItem, ...] = ()
    failed: tuple[tuple[ResetItem, str], ...] = ()


def declared_names(steps: Iterable[Step], mapping: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """kind -> {name: declaring step id} for concrete names in preparations and checks."""
    out: dict[str, dict[str, str]] = {"container": {}, "network": {}, "tag": {}}
    for step in steps:
        prep = resolve(step.prepare, mapping)
        for name in [c.get("name") for c in prep.containers] + list(prep.absent_containers):
            if name:
                out["container"].setdefault(name, step.id)
        for name in [n["name"] for n in prep.networks] + list(prep.absent_networks):
            out["network"].setdefault(name, step.id)
        for ref in [i["tag"] for i in prep.images] + list(prep.absent_images):
            out["tag"].setdefault(normalize_ref(ref), step.id)
        if step.check is not None:
            params = _fill(step.check.params, mapping)
            name = params.get("name")
            if isinstance(name, str) and "*" not in name:
                kind = {"container": "container", "container_absent": "container", "network": "network",
                        "network_absent": "network"}.get(step.check.kind)
                if kind:
                    out[kind].setdefault(name, step.id)
    return out


def _fill(params: Mapping[str, Any], mapping: Mapping[str, str]) -> Mapping[str, Any]:
    from tutor.lessonfile.placeholders import substitute

    return substitute(dict(params), dict(mapping))


def plan_reset(api, scope: ResetScope, ledger: Ledger | None = None) -> ResetPlan:
    """The tutor's own items (from the record, still the same object), then the learner's."""
    ledger = ledger if ledger is not None else Ledger()
    view, owner = view_of(api), Owner(ledger)
    items: list[ResetItem] = []
    seen: set[tuple[str, str]] = set()
    step, lesson = scope.step, (scope.lesson if not scope.step else None)
    for e in ledger.of(("container", "network", "image", "tag"), step=step, lesson=lesson):
        name = _still_there(view, e)
        if not name:
            ledger.forget(e.kind, id=e.id, name=e.name if e.kind == "tag" else "")  # gone or re-pointed
            continue
        items.append(ResetItem(e.kind, name, e.id, False, e.step))
        seen.add((e.kind, e.id if e.kind != "tag" else e.name))
    declared = declared_names(scope.steps, scope.placeholders)
    for name, step_id in declared["container"].items():
        info = container_named(view, name)
        if info is not None and ("container", info.id) not in seen and not owner.container(info):
            items.append(ResetItem("container", name, info.id, True, step_id))
            seen.add(("container", info.id))
    for name, step_id in declared["network"].items():
        net = network_named(view, name)
        if net is not None and ("network", net.id) not in seen and not owner.network(net):
            items.append(ResetItem("network", name, net.id, True, step_id))
            seen.add(("network", net.id))
    for ref, step_id in declared["tag"].items():
        img = image_tagged(view, ref)
        if img is None or ref in STAND_IN_REFS or ("tag", ref) in seen or owner.tag(ref, img):
            continue  # the lab's own nginx/centos are never reset
        items.append(ResetItem("tag", ref, img.id, True, step_id))
    return ResetPlan(tuple(items))


def _still_there(view, e) -> str:
    """The recorded thing's name now, or "" when it is gone (or a tag now names another image)."""
    if e.kind == "container":
        c = view.container(e.id)
        return c.name if c else ""
    if e.kind == "network":
        n = view.network(e.id)
        return n.name if n else ""
    if e.kind == "image":
        img = view.image(e.id) if e.id else None
        return (", ".join(img.tags) or e.name) if img else ""
    tagged = image_tagged(view, e.name)
    return e.name if tagged is not None and tagged.id == e.id else ""


def apply_reset(plan: ResetPlan, api, *, confirmed: Iterable[str] = (),
                ledger: Ledger | None = None) -> ResetReport:
    """Containers first (they hold networks and images), then networks, tags, images. A
    learner-made item is removed only when its name is in `confirmed`."""
    import docker.errors

    ledger = ledger if ledger is not None else Ledger()
    view = view_of(api)
    names = set(confirmed)
    removed: list[ResetItem] = []
    kept: list[ResetItem] = []
    failed: list[tuple[ResetItem, str]] = []
    order = {"container": 0, "network": 1, "tag": 2, "image": 3}
    for item in sorted(plan.items, key=lambda i: order[i.kind]):
        if item.learner_made and item.name not in names:
            kept.append(item)
            continue
        try:
            if item.kind == "container":
                api.remove_container(item.id, force=True, v=True)
            elif item.kind == "network":
                net = view.network(item.id)
                for member in (net.containers if net else ()):
                    api.disconnect_container_from_network(member, item.id, force=True)
                api.remove_network(item.id)
            elif item.kind == "tag":
                api.remove_image(item.name, force=False)
            else:
                api.remove_image(item.id, force=True)
            removed.append(item)
        except docker.errors.NotFound:
            removed.append(item)  # already gone: the goal is reached
        except docker.errors.APIError as exc:
            failed.append((item, str(exc.explanation or exc)))
            continue
        ledger.forget(item.kind, id=item.id if item.kind != "tag" else "", name=item.name if item.kind == "tag" else "")
    return ResetReport(tuple(removed), tuple(kept), tuple(failed))


def steps_in(course_steps: Sequence[Step], lesson: str | None, step: str | None) -> tuple[Step, ...]:
    return tuple(s for s in course_steps if (step and s.id == step) or (lesson and s.lesson_id == lesson)
                 or (not step and not lesson))
