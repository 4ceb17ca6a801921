"""Shared bits of the prepare/reset/selftest daemon tests: fixture lessons with unique names."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "prepare_selftest"


def free_port() -> int:
    """A high port nobody holds right now (>= 20000, as the team brief asks)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("0.0.0.0", 0))
            port = s.getsockname()[1]
        if port >= 20000:
            return port
    raise RuntimeError("no free high port")


def fixture_lesson(name: str, **subs: str):
    """Parse a fixture with `RID` (and other tokens) replaced; returns (lesson, rid, text)."""
    from tutor.lessonfile.parser import parse_lesson

    rid = uuid.uuid4().hex[:8]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for token, value in sorted(subs.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(token, value)
    text = text.replace("RID", rid).replace("tt-prep-rid", f"tt-prep-{rid}")
    return parse_lesson(text, str(FIXTURES / name)), rid, text


def purge(api, rid: str) -> None:
    """Remove whatever carries this run's names or step labels (test cleanup, never others)."""
    step_prefix = f"tt-prep-{rid}/"
    for c in api.containers(all=True, filters={"name": [f"tt-prep-{rid}"]}):
        api.remove_container(c["Id"], force=True, v=True)
    for c in api.containers(all=True, filters={"label": ["org.docker-tutor.managed=true"]}):
        if c["Labels"].get("org.docker-tutor.step", "").startswith(step_prefix):
            api.remove_container(c["Id"], force=True, v=True)
    for n in api.networks(names=[f"tt-prep-{rid}"]):
        if n["Name"].startswith(f"tt-prep-{rid}"):
            api.remove_network(n["Id"])
    for img in api.images(filters={"label": ["org.docker-tutor.managed=true"]}):
        if (img.get("Labels") or {}).get("org.docker-tutor.step", "").startswith(step_prefix):
            api.remove_image(img["Id"], force=True)
    for img in api.images():
        for tag in img.get("RepoTags") or []:
            if tag.startswith((f"tt-prep-{rid}", "selftest")) or f"/tt-prep-{rid}" in tag:
                if tag.startswith("selftest") and rid not in tag:
                    continue
                api.remove_image(tag)
