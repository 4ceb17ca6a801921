"""`reset`: list, then remove, only what the tutor made, plus what the lesson declares by name.

Two kinds of items: those carrying the tutor's label (made by `prepare`), and those a lesson
names (container `webserver`, network `web-network`, tag `{user}/webserver:1.0`) that the learner
made while following it. The second kind is listed with `learner_made=True` and removed only
when the caller confirmed it separately. Nothing else on the daemon is ever touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tutor.daemon import conflicts as cf
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
    kind: str  # container | network | image | tag
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


def _label_filter(scope: ResetScope) -> list[str]:
    if scope.step:
        return [f"{cf.STEP}={scope.step}"]
    if scope.lesson:
        return [f"{cf.LESSON}={scope.lesson}"]
    return [f"{cf.MANAGED}=true"]


def declared_names(steps: Iterable[Step], mapping: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """kind -> {name: declaring step id} for concrete names in preparations and checks."""
    from tutor.daemon.actions import resolve

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
    try:
        from tutor.lessonfile.placeholders import substitute

        return substitute(dict(params), dict(mapping))
    except Exception:  # noqa: BLE001 - a name we cannot fill is simply not declared
        return params


def plan_reset(api, scope: ResetScope) -> ResetPlan:
    items: list[ResetItem] = []
    seen: set[str] = set()
    labels = _label_filter(scope)
    for c in api.containers(all=True, filters={"label": labels}):
        items.append(ResetItem("container", c["Names"][0].lstrip("/"), c["Id"], False, c["Labels"].get(cf.STEP, "")))
        seen.add(c["Id"])
    for n in api.networks(filters={"label": labels}):
        items.append(ResetItem("network", n["Name"], n["Id"], False, (n.get("Labels") or {}).get(cf.STEP, "")))
        seen.add(n["Id"])
    for img in api.images(all=False, filters={"label": labels}):
        tags = [t for t in (img.get("RepoTags") or []) if t != "<none>:<none>"]
        items.append(ResetItem("image", ", ".join(tags) or "<none>:<none>", img["Id"], False,
                               (img.get("Labels") or {}).get(cf.STEP, "")))
        seen.add(img["Id"])
    declared = declared_names(scope.steps, scope.placeholders)
    for name, step_id in declared["container"].items():
        attrs = cf.find_container(api, name)
        if attrs is not None and attrs["Id"] not in seen:
            mine = cf.is_managed(cf.container_labels(attrs))
            items.append(ResetItem("container", name, attrs["Id"], not mine, step_id))
            seen.add(attrs["Id"])
    for name, step_id in declared["network"].items():
        net = cf.find_network(api, name)
        if net is not None and net["Id"] not in seen:
            items.append(ResetItem("network", name, net["Id"], not cf.is_managed(net.get("Labels")), step_id))
            seen.add(net["Id"])
    for ref, step_id in declared["tag"].items():
        img = cf.find_image(api, ref)
        if img is None or _is_stand_in_name(ref, img):
            continue  # the lab's own nginx/centos are never reset
        labels_ = cf.image_labels(img)
        ours = cf.is_managed(labels_) or cf.is_stand_in(labels_)  # a tag naming tutor content
        items.append(ResetItem("tag", ref, img["Id"], not ours, step_id))
    return ResetPlan(tuple(items))


def _is_stand_in_name(ref: str, img: Mapping[str, Any]) -> bool:
    repo = ref.rsplit(":", 1)[0]
    return cf.is_stand_in(cf.image_labels(img)) and "/" not in repo


def apply_reset(plan: ResetPlan, api, *, include_learner: bool = False) -> ResetReport:
    """Containers first (they hold networks and images), then networks, tags, images."""
    import docker.errors

    removed: list[ResetItem] = []
    kept: list[ResetItem] = []
    failed: list[tuple[ResetItem, str]] = []
    order = {"container": 0, "network": 1, "tag": 2, "image": 3}
    for item in sorted(plan.items, key=lambda i: order[i.kind]):
        if item.learner_made and not include_learner:
            kept.append(item)
            continue
        try:
            if item.kind == "container":
                api.remove_container(item.id, force=True, v=True)
            elif item.kind == "network":
                _detach_all(api, item.id)
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
    return ResetReport(tuple(removed), tuple(kept), tuple(failed))


def _detach_all(api, net_id: str) -> None:
    for cid in (api.inspect_network(net_id).get("Containers") or {}):
        api.disconnect_container_from_network(cid, net_id, force=True)


def reset(scope: ResetScope, api, *, confirm: bool, include_learner: bool = False) -> tuple[ResetPlan, ResetReport | None]:
    plan = plan_reset(api, scope)
    return plan, (apply_reset(plan, api, include_learner=include_learner) if confirm else None)


def steps_in(course_steps: Sequence[Step], lesson: str | None, step: str | None) -> tuple[Step, ...]:
    return tuple(s for s in course_steps if (step and s.id == step) or (lesson and s.lesson_id == lesson)
                 or (not step and not lesson))
