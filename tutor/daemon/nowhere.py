"""A view on an address where no daemon listens: how the self-test proves that the `daemon`
check fails when the daemon is unreachable, without stopping anyone's real daemon."""

from __future__ import annotations

import tempfile
from pathlib import Path

NOWHERE = Path(tempfile.gettempdir()) / "docker-tutor-no-daemon-here.sock"


def unreachable_view():
    import docker

    from tutor.daemon.view import DaemonView

    # A fixed version: "auto" would try to reach the daemon while constructing the client.
    api = docker.APIClient(base_url=f"unix://{NOWHERE}", version="1.41", timeout=2)
    return DaemonView(api)
