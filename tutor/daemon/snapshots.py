"""Engine API JSON → the frozen snapshots of `tutor.state` (pure functions, no requests).

Kept apart from `view.py` so the mapping can be tested on recorded JSON and the view stays a thin
layer of GET calls. Every field checks use is read here, once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from tutor.state import ContainerInfo, ContainerStats, ContainerSummary, ImageInfo, Mount, NetworkInfo, PortBinding

_RFC3339 = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?\Z")
_HUB_PREFIXES = ("docker.io/library/", "docker.io/")


def parse_time(text: str | None) -> datetime | None:
    """Docker's RFC 3339 timestamps (nanoseconds, `Z`) → aware datetime; the zero time → None."""
    if not text or text.startswith("0001-01-01"):
        return None
    m = _RFC3339.match(text.strip())
    if not m:
        return None
    base, frac, tz = m.groups()
    # Python reads at most 6 fractional digits; Docker writes up to 9.
    micro = f".{frac[:6].ljust(6, '0')}" if frac else ""
    tz = "+00:00" if tz in (None, "Z") else tz
    return datetime.fromisoformat(f"{base}{micro}{tz}")


def familiar_tag(tag: str) -> str:
    for prefix in _HUB_PREFIXES:
        if tag.startswith(prefix):
            return tag[len(prefix) :]
    return tag


def _tags(raw: Any) -> tuple[str, ...]:
    # Podman's list says "<none>" (no ":<none>") for a dangling image.
    return tuple(familiar_tag(t) for t in (raw or ()) if t and t not in ("<none>:<none>", "<none>"))


def _ports(attrs: Mapping[str, Any]) -> tuple[PortBinding, ...]:
    """Published bindings: what the container asked for (HostConfig.PortBindings, also kept when
    it is stopped) merged with what is live (NetworkSettings.Ports, with the real host IP)."""
    seen: dict[tuple[str, int | None], PortBinding] = {}
    live = ((attrs.get("NetworkSettings") or {}).get("Ports") or {}).items()
    asked = ((attrs.get("HostConfig") or {}).get("PortBindings") or {}).items()
    for source in (live, asked):
        for cport, bindings in source:
            for b in bindings or ():  # None: exposed but not published
                hp = str(b.get("HostPort") or "")
                port = int(hp) if hp.isdigit() else None
                key = (cport, port)
                if key not in seen:  # the IPv4 entry comes first; skip the "::" duplicate
                    seen[key] = PortBinding(container_port=cport, host_ip=b.get("HostIp") or "", host_port=port)
    # A binding with an unknown host port is only interesting when no concrete one exists.
    concrete = {cp for cp, hp in seen if hp is not None}
    return tuple(b for (cp, hp), b in seen.items() if hp is not None or cp not in concrete)


def _mounts(raw: Any) -> tuple[Mount, ...]:
    return tuple(
        Mount(
            type=m.get("Type") or "",
            source=m.get("Name") if m.get("Type") == "volume" and not m.get("Source") else (m.get("Source") or ""),
            target=m.get("Destination") or "",
            name=m.get("Name") or "",
            rw=bool(m.get("RW", True)),
        )
        for m in raw or ()
    )


def container_info(attrs: Mapping[str, Any]) -> ContainerInfo:
    """`GET /containers/{id}/json` → ContainerInfo."""
    config = attrs.get("Config") or {}
    host = attrs.get("HostConfig") or {}
    state = attrs.get("State") or {}
    restart = host.get("RestartPolicy") or {}
    networks = ((attrs.get("NetworkSettings") or {}).get("Networks") or {}).keys()
    return ContainerInfo(
        id=attrs.get("Id", ""),
        name=(attrs.get("Name") or "").lstrip("/"),
        image=familiar_tag(config.get("Image") or ""),  # Podman: docker.io/library/nginx:latest
        image_id=attrs.get("Image") or "",
        state=state.get("Status") or "",
        exit_code=int(state.get("ExitCode") or 0),
        command=tuple([attrs["Path"]] if attrs.get("Path") else []) + tuple(attrs.get("Args") or ()),
        cmd=tuple(config.get("Cmd") or ()),
        entrypoint=tuple(config.get("Entrypoint") or ()),
        tty=bool(config.get("Tty")),
        stdin_open=bool(config.get("OpenStdin")),
        attached=bool(config.get("AttachStdout")),
        ports=_ports(attrs),
        restart_policy=restart.get("Name") or "no",
        restart_max=int(restart.get("MaximumRetryCount") or 0),
        dns=tuple(host.get("Dns") or ()),
        extra_hosts=tuple(host.get("ExtraHosts") or ()),
        cpu_shares=int(host.get("CpuShares") or 0),
        memory=int(host.get("Memory") or 0),
        mounts=_mounts(attrs.get("Mounts")),
        env=tuple(config.get("Env") or ()),
        working_dir=config.get("WorkingDir") or "",
        created=parse_time(attrs.get("Created")),
        started_at=parse_time(state.get("StartedAt")),
        finished_at=parse_time(state.get("FinishedAt")),
        networks=tuple(sorted(networks)),
        labels=dict(config.get("Labels") or {}),
        oom_killed=bool(state.get("OOMKilled")),
    )


def image_info(attrs: Mapping[str, Any]) -> ImageInfo:
    """`GET /images/{name}/json` (inspect) or one entry of `GET /images/json` (summary)."""
    tags = _tags(attrs.get("RepoTags"))
    created = attrs.get("Created")
    if isinstance(created, (int, float)):  # the list endpoint gives a unix time
        created = datetime.fromtimestamp(created, tz=timezone.utc).isoformat()
    labels = attrs.get("Labels")
    if labels is None:
        labels = (attrs.get("Config") or {}).get("Labels")
    return ImageInfo(
        id=attrs.get("Id", ""),
        tags=tags,
        labels=dict(labels or {}),
        created=created or "",
        size=int(attrs.get("Size") or 0),
        architecture=attrs.get("Architecture") or "",
        os=attrs.get("Os") or "",
        dangling=not tags,
        **_image_config(attrs.get("Config") or {}),
    )


def _image_config(config: Mapping[str, Any]) -> dict[str, Any]:
    def words(value: Any) -> tuple[str, ...]:
        return (value,) if isinstance(value, str) else tuple(value or ())

    return {"env": tuple(config.get("Env") or ()), "cmd": words(config.get("Cmd")),
            "entrypoint": words(config.get("Entrypoint")), "working_dir": config.get("WorkingDir") or "",
            "user": config.get("User") or "", "exposed_ports": tuple(sorted(config.get("ExposedPorts") or {}))}


def network_info(attrs: Mapping[str, Any]) -> NetworkInfo:
    ipam = (attrs.get("IPAM") or {}).get("Config") or []
    members = (attrs.get("Containers") or {}).values()
    return NetworkInfo(
        id=attrs.get("Id", ""),
        name=attrs.get("Name", ""),
        driver=attrs.get("Driver", ""),
        scope=attrs.get("Scope", "local"),
        subnets=tuple(c["Subnet"] for c in ipam if c.get("Subnet")),
        gateways=tuple(c["Gateway"] for c in ipam if c.get("Gateway")),
        containers=tuple(sorted(m.get("Name", "") for m in members)),
        labels=dict(attrs.get("Labels") or {}),
        internal=bool(attrs.get("Internal")),
    )


_EXITED = re.compile(r"Exited \((-?\d+)\)")


def container_summary(entry: Mapping[str, Any]) -> ContainerSummary:
    """One entry of `GET /containers/json` → ContainerSummary."""
    nets = ((entry.get("NetworkSettings") or {}).get("Networks") or {}).items()
    ports = entry.get("Ports") or ()
    exited = _EXITED.search(entry.get("Status") or "")
    return ContainerSummary(
        id=entry.get("Id", ""),
        name=(entry.get("Names") or ["/"])[0].lstrip("/"),
        image_id=entry.get("ImageID") or "",
        state=entry.get("State") or "",
        created=float(entry.get("Created") or 0),
        labels=dict(entry.get("Labels") or {}),
        networks={name: (n or {}).get("NetworkID", "") for name, n in nets},
        published=frozenset(f"{p['PublicPort']}/{p.get('Type') or 'tcp'}" for p in ports if p.get("PublicPort")),
        exposed=frozenset(f"{p['PrivatePort']}/{p.get('Type') or 'tcp'}" for p in ports if p.get("PrivatePort")),
        image=entry.get("Image") or "",
        exit_code=int(exited.group(1)) if exited else 0,
    )


def summary_of_inspect(attrs: Mapping[str, Any]) -> ContainerSummary:
    """`GET /containers/{id}/json` → the same ContainerSummary a list entry would give."""
    config, state = attrs.get("Config") or {}, attrs.get("State") or {}
    settings = attrs.get("NetworkSettings") or {}
    live = settings.get("Ports") or {}
    created = parse_time(attrs.get("Created"))
    return ContainerSummary(
        id=attrs.get("Id", ""),
        name=(attrs.get("Name") or "").lstrip("/"),
        image_id=attrs.get("Image") or "",
        state=state.get("Status") or "",
        created=created.timestamp() if created else 0.0,
        labels=dict(config.get("Labels") or {}),
        networks={name: (n or {}).get("NetworkID", "") for name, n in (settings.get("Networks") or {}).items()},
        published=frozenset(f"{b['HostPort']}/{port.partition('/')[2] or 'tcp'}"
                            for port, binds in live.items() for b in binds or () if b.get("HostPort")),
        exposed=frozenset(set(config.get("ExposedPorts") or {}) | set(live)),
        image=config.get("Image") or "",
        exit_code=int(state.get("ExitCode") or 0),
    )


def container_stats(s: Mapping[str, Any]) -> ContainerStats:
    """One `GET /containers/{id}/stats?stream=false` answer, as `docker stats` shows it."""
    return ContainerStats(
        name=(s.get("name") or "").lstrip("/"),
        id=s.get("id", ""),
        cpu_percent=_cpu_percent(s),
        mem_usage=_mem_usage(s.get("memory_stats") or {}),
        mem_limit=int((s.get("memory_stats") or {}).get("limit") or 0),
        pids=int((s.get("pids_stats") or {}).get("current") or 0),
    )


def _cpu_percent(s: Mapping[str, Any]) -> float:
    """The docker CLI's formula: container CPU delta / system delta × online CPUs × 100."""
    cpu, pre = s.get("cpu_stats") or {}, s.get("precpu_stats") or {}
    c_delta = (cpu.get("cpu_usage") or {}).get("total_usage", 0) - (pre.get("cpu_usage") or {}).get("total_usage", 0)
    s_delta = (cpu.get("system_cpu_usage") or 0) - (pre.get("system_cpu_usage") or 0)
    online = cpu.get("online_cpus") or len((cpu.get("cpu_usage") or {}).get("percpu_usage") or []) or 1
    if c_delta > 0 and s_delta > 0:
        return round(c_delta / s_delta * online * 100.0, 2)
    return 0.0


def _mem_usage(m: Mapping[str, Any]) -> int:
    """Usage minus page cache, as `docker stats` shows it (cgroup v1 and v2 field names)."""
    stats = m.get("stats") or {}
    usage = int(m.get("usage") or 0)
    for key in ("total_inactive_file", "inactive_file"):
        if key in stats and stats[key] < usage:
            return usage - int(stats[key])
    return usage - int(stats.get("cache") or 0) if stats.get("cache", 0) < usage else usage
