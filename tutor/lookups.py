"""Finding one thing by its exact name through a `StateView`: shared by the checks and by the
daemon gateway (prepare, reset, self-test), so "is there a `webserver`?" has one answer.

The Engine resolves id prefixes and (for networks) partial names too, so each answer only
counts when the name really is the one asked for.
"""

from __future__ import annotations

from tutor.refs import normalize_ref
from tutor.state import ContainerInfo, ImageInfo, NetworkInfo, StateView


def container_named(view: StateView, name: str) -> ContainerInfo | None:
    info = view.container(name)
    return info if info is not None and info.name == name.lstrip("/") else None


def network_named(view: StateView, name: str) -> NetworkInfo | None:
    info = view.network(name)
    return info if info is not None and info.name == name else None


def image_tagged(view: StateView, ref: str) -> ImageInfo | None:
    """The image tagged `ref` (normalised: `nginx` is `nginx:latest`), or None."""
    wanted = normalize_ref(ref)
    info = view.image(wanted)
    if info is None:
        return None
    return info if any(normalize_ref(t) == wanted for t in info.tags) else None
