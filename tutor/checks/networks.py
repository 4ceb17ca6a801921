"""Network checks: a network with the asked driver, members and addresses; a network removed.

A missing network is compared with the existing names (difflib), so `web_network` or
`webnetwork` is named as "almost the right one" instead of a bare "missing".
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from tutor import messages_resources as msg
from tutor.checks.base import CheckContext, CheckKind
from tutor.lookups import network_named as find_network
from tutor.model import Problem
from tutor.paramtypes import STR, STR_LIST, opt, req
from tutor.state import StateView

# Networks every daemon has; never a "similar name" candidate for a learner's network.
BUILTIN_NETWORKS = ("bridge", "host", "none")


def similar_network(name: str, names: list[str]) -> str | None:
    """The existing name closest to `name` (case and `-`/`_` differences count as close)."""
    def squash(s: str) -> str:
        return s.lower().replace("-", "").replace("_", "").replace(".", "")

    for other in names:
        if squash(other) == squash(name):
            return other
    close = difflib.get_close_matches(name.lower(), [n.lower() for n in names], n=1, cutoff=0.75)
    if not close:
        return None
    return next(n for n in names if n.lower() == close[0])


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def check_network(params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    name = str(params["name"])
    driver = params.get("driver")
    net = find_network(view, name)
    if net is None:
        existing = [n.name for n in view.networks() if n.name not in BUILTIN_NETWORKS]
        close = similar_network(name, existing)
        if close is not None:
            return [Problem("network.similar_name", msg.network_similar_name(name, close), name, close)]
        return [Problem("network.missing", msg.network_missing(name, driver, existing), name, msg.listing(existing))]

    problems: list[Problem] = []
    if driver and net.driver != driver:
        problems.append(Problem("network.driver", msg.network_driver(name, str(driver), net.driver), str(driver), net.driver))
    for container in _as_list(params.get("containers")):
        if container in net.containers:
            continue
        # The network lists only running members; a created or stopped container that was
        # connected shows the network in its own settings.
        info = view.container(container)
        if info is not None and name in info.networks:
            continue
        attached = list(info.networks) if info is not None else None
        found = msg.listing(attached) if attached is not None else f"{container} 컨테이너 없음"
        problems.append(
            Problem(
                "network.container_missing",
                msg.network_container_missing(name, container, attached),
                f"{container} → {name}",
                found,
            )
        )
    for what, have in (("subnet", net.subnets), ("gateway", net.gateways)):
        wanted = params.get(what)
        if wanted and str(wanted) not in have:
            problems.append(
                Problem(f"network.{what}", msg.network_ipam(name, what, str(wanted), list(have)), str(wanted), msg.listing(have))
            )
    return problems


def check_network_absent(params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    name = str(params["name"])
    net = find_network(view, name)
    if net is None:
        return []
    if net.containers:
        members = sorted(net.containers)
        return [Problem("network.in_use", msg.network_in_use(name, members), f"{name} 없음", ", ".join(members))]
    return [Problem("network.still_there", msg.network_still_there(name), f"{name} 없음", name)]


KINDS = {
    "network": CheckKind(
        {"name": req(STR), "driver": opt(STR), "containers": opt(STR_LIST), "subnet": opt(STR), "gateway": opt(STR)},
        check_network, "docker network ls, docker network inspect 이름"),
    "network_absent": CheckKind({"name": req(STR)}, check_network_absent, "docker network ls"),
}
