"""Raw Engine lookups `begin` plans with (inspect dicts by exact name), and who owns what:
the tutor's own record (`tutor.daemon.ledger`, by id) — never a label, which an image built
FROM a tutor image would inherit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tutor.daemon.ledger import Ledger
from tutor.labels import is_stand_in


def _absent(exc: Exception) -> bool:
    # The SDK's NotFound / APIError carry the HTTP status (no `docker` import outside the gateway).
    return getattr(exc, "status_code", None) in (400, 404)


def find_container(api, name: str) -> dict | None:
    try:
        attrs = api.inspect_container(name)
    except Exception as exc:
        if _absent(exc):
            return None
        raise
    return attrs if attrs.get("Name", "").lstrip("/") == name else None


def find_network(api, name: str) -> dict | None:
    for net in api.networks(names=[name]):
        if net.get("Name") == name:
            return api.inspect_network(net["Id"])
    return None


def find_image(api, ref: str) -> dict | None:
    try:
        return api.inspect_image(ref)
    except Exception as exc:
        if _absent(exc):
            return None
        raise


def image_labels(attrs: Mapping[str, Any]) -> Mapping[str, str]:
    return (attrs.get("Config") or {}).get("Labels") or {}


def tutors(kind: str, rid: str) -> bool:
    return Ledger().owns(kind, id=rid)


def tutors_tag(ref: str, attrs: Mapping[str, Any]) -> bool:
    """A tag the tutor made, or a lab stand-in's own name (nginx:latest on the stand-in)."""
    ledger = Ledger()
    return (ledger.owns("tag", id=attrs["Id"], name=ref) or ledger.owns("image", id=attrs["Id"])
            or (ref in ("nginx:latest", "centos:latest") and is_stand_in(image_labels(attrs))))
