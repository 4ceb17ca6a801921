"""Whether a CLI client really attached to a container: an `attach` event since it was created.

`Config.AttachStdout` is set by `docker create` as well as by a foreground `run`, so it cannot
tell them apart. The Engine keeps recent events in memory; asking for the container's `attach`
events between its creation and now (`until` makes the call return at once) can. None when the
daemon cannot say (an engine without the event log): the tutor then does not claim it.
"""

from __future__ import annotations

import time
from typing import Any

from tutor.daemon.snapshots import parse_time


def was_attached(view: Any, name_or_id: str) -> bool | None:
    attrs = view._call(view.api.inspect_container, name_or_id, not_found=None)
    if not attrs:
        return None
    created = parse_time(attrs.get("Created"))
    since = int(created.timestamp()) - 1 if created else 0
    try:
        events = view._call(view.api.events, since=since, until=int(time.time()) + 1, decode=True,
                            filters={"type": "container", "container": attrs["Id"], "event": ["attach"]})
        return any(True for _ in events)
    except Exception:  # noqa: BLE001 - no event log here: do not claim
        return None
