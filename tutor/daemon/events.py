"""The daemon's event stream as plain dicts, so the UI can react without importing docker.

`stream(filters)` opens `GET /events` through the connection `connect()` builds and yields
one dict per event: {"type", "action", "id", "name", "attributes", "time", "time_nano"}. The
returned object has `close()`, which ends a blocked iteration from another thread (the watch
loop uses that to stop). Any transport failure becomes `DaemonUnreachable` so the caller can say
so in Korean and reconnect.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from tutor.errors import DaemonUnreachable

# What the watch view re-checks on: anything a lesson step can be about.
RELEVANT_TYPES: tuple[str, ...] = ("container", "network", "image")


def _plain(event: Mapping[str, Any]) -> dict[str, Any]:
    actor = event.get("Actor") or {}
    attributes = dict(actor.get("Attributes") or {})
    return {
        "type": event.get("Type") or event.get("type") or "",
        "action": event.get("Action") or event.get("status") or "",
        "id": actor.get("ID") or event.get("id") or "",
        "name": attributes.get("name", ""),
        "attributes": attributes,
        "time": event.get("time"),
        "time_nano": event.get("timeNano"),
    }


class EventStream:
    """An open `/events` request. Iterate for dicts; `close()` from any thread to stop."""

    def __init__(self, raw, conn=None):
        self._raw = raw
        self._conn = conn
        self._closed = False

    def __iter__(self) -> Iterator[dict[str, Any]]:
        try:
            for event in self._raw:
                if isinstance(event, Mapping):
                    yield _plain(event)
        except Exception as exc:
            if self._closed:
                return
            raise DaemonUnreachable(
                "Docker 데몬과의 연결이 끊어졌어요.",
                hint="데몬이 다시 켜지면 자동으로 다시 연결해요. `docker-tutor doctor`로 상태를 볼 수 있어요.",
                code="daemon.not_running",
            ) from exc
        if not self._closed:
            # The daemon closed the stream on its own (it is stopping): say so like an error.
            raise DaemonUnreachable("Docker 데몬이 이벤트 연결을 닫았어요.", code="daemon.not_running")

    def close(self) -> None:
        self._closed = True
        try:
            self._raw.close()
        except Exception:  # noqa: BLE001 - closing twice or a dead socket is fine
            pass


def stream(
    filters: Mapping[str, Sequence[str]] | None = None,
    *,
    types: Sequence[str] = RELEVANT_TYPES,
    since: float | None = None,
) -> EventStream:
    """Open the event stream, filtered server-side (default: container, network, image events)."""
    from tutor.daemon.connect import connect

    conn = connect()
    merged: dict[str, list[str]] = {k: list(v) for k, v in (filters or {}).items()}
    if types and "type" not in merged:
        merged["type"] = list(types)
    try:
        raw = conn.api.events(decode=True, filters=merged, since=since)
    except Exception as exc:
        raise DaemonUnreachable(
            "Docker 데몬의 이벤트를 받을 수 없어요.",
            hint="`docker-tutor doctor`로 연결 상태를 확인해 보세요.",
            code="daemon.not_running",
        ) from exc
    return EventStream(raw, conn)
