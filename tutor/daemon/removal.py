"""Removing one thing from the daemon: the gateway's removal writes, in one place.

Callers outside `tutor/daemon` (the self-test) remove through here and never see an SDK
exception: each function returns True when it removed the thing, False when it was already
gone, and raises `RemovalFailed` (with the daemon's reason) when the daemon refused.
The caller has decided beforehand that the thing is the tutor's (`ownership.Owner`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class RemovalFailed(Exception):
    """The daemon refused (e.g. an image still used, a volume still mounted)."""


def _do(fn: Callable[[], Any]) -> bool:
    import docker.errors

    try:
        fn()
    except docker.errors.NotFound:
        return False
    except docker.errors.APIError as exc:
        raise RemovalFailed(str(exc.explanation or exc)) from exc
    return True


def container(api, cid: str) -> bool:
    return _do(lambda: api.remove_container(cid, force=True, v=True))


def network(api, net_id: str) -> bool:
    def go():
        attrs = api.inspect_network(net_id)
        for member in attrs.get("Containers") or {}:
            api.disconnect_container_from_network(member, net_id, force=True)
        api.remove_network(net_id)

    return _do(go)


def untag(api, ref: str) -> bool:
    """Remove one tag; the image stays while another tag or a container holds it."""
    return _do(lambda: api.remove_image(ref, force=False, noprune=False))


def image(api, image_id: str, force: bool = True) -> bool:
    return _do(lambda: api.remove_image(image_id, force=force))


def volume(api, name: str) -> bool:
    return _do(lambda: api.remove_volume(name))


def tag(api, image_id: str, ref: str) -> None:
    """Put `ref` on `image_id` (moving it if it named another image): a restore, not a removal."""
    repo, _, name = ref.rpartition(":")
    _do(lambda: api.tag(image_id, repo, name, force=True))


def volume_names(api) -> set[str]:
    return {v["Name"] for v in (api.volumes() or {}).get("Volumes") or []}
