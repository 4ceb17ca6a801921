"""The evidence of a verdict, recorded the moment a step passes: what was checked and seen.

A lesson's own later steps remove what earlier ones made (`rm`, `prune`), so `grade` cannot
re-check a finished lesson live. It keeps the pass recorded then, with this evidence: the time,
the verdict, the check kind and the ids and facts the check looked at (container id, image id,
network id, state, start time...). Plain JSON-able data; read from the same view the check used.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from tutor.model import CheckResult, Step

MAX_FACTS = 8


def _iso(when: datetime | None) -> str | None:
    return when.astimezone(timezone.utc).isoformat() if when else None


def _container_facts(c) -> dict[str, Any]:
    return {"id": c.id, "name": c.name, "image": c.image, "image_id": c.image_id, "state": c.state,
            "exit_code": c.exit_code, "started_at": _iso(c.started_at),
            "networks": list(c.networks),
            "ports": [f"{p.host_port}->{p.container_port}" for p in c.ports if p.host_port]}


def subject_container(params: Mapping[str, Any], view, ctx):
    """The container a `container` check is about: by name, else the closest plausible attempt."""
    from tutor.checks.container_find import attempts, closest
    from tutor.checks.containers import compare

    name = params.get("name")
    if name:
        c = view.container(str(name))
        return c if c is not None and c.name == str(name).lstrip("/") else None
    verdict = closest(attempts(params, view, ctx.since), lambda c: compare(params, c, view, ctx))
    return verdict.container if verdict else None


def facts(step: Step, view, ctx) -> dict[str, Any]:
    """What the check of `step` looked at, read now (right after the verdict)."""
    from tutor.journey.names import filled as substituted

    if step.check is None:
        return {}
    kind, params = step.check.kind, substituted(dict(step.check.params), ctx)
    try:
        if kind == "container":
            c = subject_container(params, view, ctx)
            return {"container": _container_facts(c)} if c else {}
        if kind in ("container_absent", "network_absent"):
            return {"absent": str(params.get("name"))}
        if kind == "network":
            n = view.network(str(params["name"]))
            return {"network": {"id": n.id, "name": n.name, "driver": n.driver, "subnets": list(n.subnets),
                                "containers": list(n.containers)[:MAX_FACTS]}} if n else {}
        if kind == "image":
            img = view.image(str(params["ref"]))
            return {"image": {"id": img.id, "ref": str(params["ref"])}} if img else {}
        if kind == "image_tag":
            return {"pattern": str(params.get("pattern")), "same_as": str(params.get("same_as") or "")}
        if kind in ("image_absent", "no_dangling", "no_stopped"):
            return {"absent": str(params.get("ref") or kind)}
        if kind in ("credentials", "no_credentials"):
            cred = view.credentials(str(params["server"]))
            return {"server": cred.server, "stored": cred.stored, "where": cred.where}
        if kind == "registry_tag":
            return {"registry": str(params["registry"]), "repository": str(params["repository"]),
                    "tag": str(params.get("tag", ""))}
        if kind == "daemon":
            return {"server_version": view.server().version}
    except Exception:  # noqa: BLE001 - evidence is a record, never a reason for a check to fail
        return {}
    return {}


def evidence(step: Step, result: CheckResult, view, ctx, answer: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "at": datetime.now(timezone.utc).isoformat(),
        "verdict": "passed" if result.passed else "failed",
        "check": step.check.kind if step.check else (step.answer.source if step.answer else step.kind),
        "codes": [p.code for p in result.problems],
    }
    if answer is not None:
        out["answer"] = str(answer)[:200]
    if result.passed and step.kind == "task":
        out["facts"] = facts(step, view, ctx)
    return out


def record_verdict(step: Step, result: CheckResult, view, ctx, answer: str | None = None):
    """Record a verdict in progress with its evidence (the one call the check paths use)."""
    from tutor import progress

    ev = evidence(step, result, view, ctx, answer) if result.passed else None
    if step.kind == "answer":
        return progress.record_answer(step.id, result.passed, answer or "", evidence=ev)
    return progress.record_check(step.id, result.passed, evidence=ev)
