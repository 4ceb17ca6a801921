"""`container` parameters from `docker run` options: dns, add-host, resources, env, networks.

Only the daemon's stored configuration is read (HostConfig/Config): nothing here makes the
container do anything, so `--dns 192.168.1.1` is checked without any DNS traffic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from tutor.checks.base import CheckContext
from tutor.messages import problem
from tutor.model import Problem
from tutor.state import ContainerInfo, StateView

_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


def _list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value]


def check_dns(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    want = _list(value)
    missing = [d for d in want if d not in c.dns]
    if not missing:
        return []
    if not c.dns:
        return [problem("dns.missing", ", ".join(missing), None, name=c.name)]
    return [problem("dns.other", ", ".join(missing), ", ".join(c.dns), name=c.name)]


def _host_pair(entry: str) -> tuple[str, str]:
    # "name:address" (docker also accepts "name=address"); IPv6 addresses contain ':' too.
    sep = "=" if "=" in entry else ":"
    name, _, addr = entry.partition(sep)
    return name.strip(), addr.strip()


def check_extra_hosts(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    have = [_host_pair(e) for e in c.extra_hosts]
    shown = ", ".join(c.extra_hosts) or None
    out: list[Problem] = []
    for entry in _list(value):
        name, addr = _host_pair(entry)
        if (name, addr) in have:
            continue
        if (addr, name) in have:
            out.append(problem("hosts.swapped", f"{name}:{addr}", f"{addr}:{name}", name=c.name))
        elif any(n == name for n, _ in have):
            other = next(a for n, a in have if n == name)
            out.append(problem("hosts.other_address", f"{name}:{addr}", f"{name}:{other}", name=c.name,
                               host=name, expected_address=addr, found_address=other))
        else:
            out.append(problem("hosts.missing", f"{name}:{addr}", shown, name=c.name))
    return out


def check_cpu_shares(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    want = int(value)
    have = c.cpu_shares or 1024  # 0 in the API means "not set", which is 1024
    if have == want:
        return []
    code = "cpu.default" if c.cpu_shares in (0, 1024) else "cpu.shares"
    return [problem(code, want, have, name=c.name)]


def parse_size(text: Any) -> int:
    """Docker's memory syntax: `1g`, `512m`, `1000000b`, plain bytes; binary units."""
    if isinstance(text, int):
        return text
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([bkmgt]?)i?b?\s*", str(text).lower())
    if not m:
        raise ValueError(f"memory size {text!r} is not understood")
    return int(float(m.group(1)) * _UNITS[m.group(2)])


def human_size(n: int) -> str:
    for unit, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= size:
            value = n / size
            return f"{value:g}{unit}" if value == int(value) else f"{value:.2f}{unit}"
    return f"{n}B"


def _unit_confusion(want: int, have: int) -> bool:
    """1000m for 1g, 1m for 1g, 1000000000 bytes for 1g: the same number in another unit."""
    if have <= 0:
        return False
    ratio = want / have
    return 0.9 <= ratio <= 1.1 or any(abs(ratio - f) / f < 0.1 or abs(1 / ratio - f) / f < 0.1
                                      for f in (1000, 1024, 1000**2, 1024**2))


def check_memory(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    want = parse_size(value)
    if c.memory == want:
        return []
    if c.memory == 0:
        return [problem("memory.missing", value, None, name=c.name)]
    code = "memory.unit" if _unit_confusion(want, c.memory) else "memory.other"
    more = "작아요" if c.memory < want else "커요"
    return [problem(code, value, human_size(c.memory), name=c.name, expected_bytes=f"{want:,}바이트",
                    found_bytes=f"{c.memory:,}바이트",
                    extra=f"그래서 지금 한도({human_size(c.memory)})는 필요한 한도({human_size(want)})보다 {more}.")]


def check_env(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    have = c.env_dict()
    out: list[Problem] = []
    for var, val in dict(value).items():
        val = str(val)
        if var in have:
            if have[var] != val:
                out.append(problem("env.other_value", f"{var}={val}", f"{var}={have[var]}", name=c.name,
                                   var=var, expected_value=val, found_value=have[var]))
            continue
        other = next((k for k in have if k.lower() == var.lower()), None)
        if other is not None:
            out.append(problem("env.name_case", f"{var}={val}", f"{other}={have[other]}", name=c.name, var=var))
        else:
            out.append(problem("env.missing", f"{var}={val}", None, name=c.name))
    return out


# An env file is a few variables; more than this is not one (and is never read into feedback).
ENV_FILE_MAX_BYTES = 64 * 1024
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def read_env_file(path: str) -> dict[str, str | None]:
    """The docker CLI's env-file rules: `NAME=value` lines; `#` comments and blank lines are
    skipped; a bare `NAME` takes the value from the CLI's environment (None: any value).
    Lines that are not a variable are dropped, so feedback can only ever quote variables."""
    out: dict[str, str | None] = {}
    with open(path, "rb") as fh:
        raw = fh.read(ENV_FILE_MAX_BYTES + 1)
    if len(raw) > ENV_FILE_MAX_BYTES:
        raise ValueError("too large for an env file")
    for line in raw.decode("utf-8").splitlines():
        line = line.lstrip()
        if not line or line.startswith("#"):
            continue
        name, eq, val = line.partition("=")
        if _ENV_NAME.fullmatch(name.strip()):
            out[name.strip()] = val if eq else None
    return out


def check_env_file(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    from tutor.lessonfile.path_policy import inside

    if not inside(str(value), (ctx.placeholders or {}).get("workdir")):
        # Never read a host file a lesson points at (`/etc/shadow`, `{workdir}/../secret`, a link).
        return [problem("env_file.outside", None, None, file=str(value))]
    try:
        wanted = read_env_file(str(value))
    except (OSError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
        # The step's preparation writes this file; without it `docker run --env-file` fails too.
        # Never an exception name in feedback: say what is wrong with the file in Korean.
        found = "파일 없음" if isinstance(exc, FileNotFoundError) else "읽을 수 없는 파일"
        return [problem("env_file.missing_file", str(value), found, file=str(value), step=ctx.step_id or "단계id")]
    have = c.env_dict()
    missing = [f"{k}={v}" if v is not None else k for k, v in wanted.items()
               if k not in have or (v is not None and have[k] != v)]
    if not missing:
        return []
    present = ", ".join(f"{k}={have[k]}" for k in wanted if k in have) or None
    return [problem("env_file.missing_vars", ", ".join(missing), present, name=c.name, file=str(value),
                    count=len(missing))]


def check_networks(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    out: list[Problem] = []
    shown = ", ".join(c.networks) or None
    for net in _list(value):
        if net in c.networks:
            continue
        code = "network.default_only" if tuple(c.networks) == ("bridge",) else "network.not_attached"
        out.append(problem(code, net, shown, name=c.name))
    return out


def check_not_networks(value: Any, c: ContainerInfo, params: Mapping[str, Any], view: StateView, ctx: CheckContext) -> list[Problem]:
    return [problem("network.still_attached", net, ", ".join(c.networks), name=c.name)
            for net in _list(value) if net in c.networks]
