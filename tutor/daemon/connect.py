"""Reaching the Docker daemon exactly the way the docker CLI would.

Order (same as the CLI): DOCKER_HOST (+ DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH);
else the context named by DOCKER_CONTEXT; else `currentContext` in $DOCKER_CONFIG/config.json
(default ~/.docker), read from the CLI's context store; else the platform's default socket.
The SDK's from_env() ignores contexts, which breaks Docker Desktop, Colima, OrbStack and
Rancher Desktop users, so we read the store ourselves.

When nothing is configured and the default socket is missing, the usual sockets of Docker Desktop,
Colima, OrbStack, rootless Docker and Podman are tried (`sockets.py`). DOCKER_API_VERSION pins the
API version like it does for the CLI: a version the daemon refuses is explained (every docker
command fails the same way), see `_choose_version`.

Every way of failing becomes `DaemonUnreachable` with a short Korean explanation and the next
step (see `explain`). The docker SDK is imported inside `connect` only: resolving an endpoint
stays cheap and testable without a daemon.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.daemon import diagnose, sockets
from tutor.daemon.cli_config import config_dir
from tutor.errors import DaemonUnreachable

# Oldest Engine API we support: 1.41 is Docker 20.10 (Debian's docker.io, Podman's compat API).
MIN_API_VERSION = "1.40"
DEFAULT_UNIX_SOCKET = "unix:///var/run/docker.sock"
DEFAULT_NPIPE = "npipe:////./pipe/docker_engine"


@dataclass(frozen=True)
class TLSSettings:
    verify: bool
    ca_cert: str | None = None
    client_cert: str | None = None
    client_key: str | None = None


@dataclass(frozen=True)
class Endpoint:
    url: str
    source: str  # "env" | "context" | "default" | "discovered"
    context: str | None = None
    tls: TLSSettings | None = None
    product: str | None = None  # discovered: what usually listens there ("Colima", ...)

    def describe(self) -> str:
        """How this endpoint was chosen, in Korean (for doctor and error messages)."""
        if self.source == "env":
            return "DOCKER_HOST 환경 변수"
        if self.source == "context":
            return f"Docker 컨텍스트 '{self.context}'"
        if self.source == "discovered":
            return f"{self.product} 소켓 (기본 소켓이 없어서 찾았어요)"
        return "기본 소켓"

    def to_dict(self) -> dict:
        return {
            "endpoint": self.url,
            "source": self.source,
            "context": self.context,
            "product": self.product,
            "tls": None if self.tls is None else {"verify": self.tls.verify, "ca_cert": self.tls.ca_cert,
                                                  "client_cert": self.tls.client_cert},
        }


@dataclass(frozen=True)
class Connection:
    api: Any  # docker.APIClient with the negotiated API version
    endpoint: Endpoint
    api_version: str
    server: Mapping[str, Any] | None = None  # GET /version as the daemon sent it
    pinned: str | None = None  # DOCKER_API_VERSION, when set

    def close(self) -> None:
        try:
            self.api.close()
        except Exception:  # noqa: BLE001 - closing is best effort
            pass


def default_url(env: Mapping[str, str] | None = None) -> str:
    return DEFAULT_NPIPE if sys.platform == "win32" else f"unix://{sockets.default_socket(env)}"


def context_id(name: str) -> str:
    """The CLI stores each context under the sha256 of its name."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()


def list_contexts(env: Mapping[str, str] | None = None) -> list[str]:
    names = ["default"]
    meta_root = config_dir(env) / "contexts" / "meta"
    for meta in sorted(meta_root.glob("*/meta.json")) if meta_root.is_dir() else []:
        try:
            names.append(json.loads(meta.read_text(encoding="utf-8"))["Name"])
        except (OSError, ValueError, KeyError):
            continue
    return names


def resolve_endpoint(env: Mapping[str, str] | None = None) -> Endpoint:
    env = os.environ if env is None else env
    host = env.get("DOCKER_HOST", "").strip()
    if host:
        return Endpoint(url=host, source="env", tls=_env_tls(env, host))
    name = env.get("DOCKER_CONTEXT", "").strip() or _current_context(env)
    if name and name != "default":
        return _context_endpoint(name, env)
    found = sockets.discover(env)
    if found is not None:
        return Endpoint(url=found.url, source="discovered", product=found.product)
    return Endpoint(url=default_url(env), source="default", context="default" if name else None)


def _env_tls(env: Mapping[str, str], host: str) -> TLSSettings | None:
    verify = bool(env.get("DOCKER_TLS_VERIFY"))
    if not (verify or env.get("DOCKER_TLS")) or not host.startswith(("tcp://", "https://")):
        return None
    cert_dir = Path(env.get("DOCKER_CERT_PATH") or config_dir(env))
    return _tls_from_dir(cert_dir, verify)


def _tls_from_dir(cert_dir: Path, verify: bool) -> TLSSettings:
    def existing(name: str) -> str | None:
        path = cert_dir / name
        return str(path) if path.is_file() else None

    return TLSSettings(verify=verify, ca_cert=existing("ca.pem"), client_cert=existing("cert.pem"),
                       client_key=existing("key.pem"))


def _current_context(env: Mapping[str, str]) -> str | None:
    path = config_dir(env) / "config.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # no or unreadable config: the CLI falls back to the default context too
    value = data.get("currentContext") if isinstance(data, dict) else None
    return value or None


def _context_endpoint(name: str, env: Mapping[str, str]) -> Endpoint:
    cid = context_id(name)
    meta_path = config_dir(env) / "contexts" / "meta" / cid / "meta.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        docker_ep = (meta.get("Endpoints") or {}).get("docker") or {}
    except (OSError, ValueError, AttributeError):
        raise diagnose.context_missing(name, str(meta_path), list_contexts(env)) from None
    url = docker_ep.get("Host") or default_url(env)
    tls = None
    tls_dir = config_dir(env) / "contexts" / "tls" / cid / "docker"
    if tls_dir.is_dir() and url.startswith(("tcp://", "https://")):
        tls = _tls_from_dir(tls_dir, verify=not docker_ep.get("SkipTLSVerify", False))
    elif docker_ep.get("SkipTLSVerify") and url.startswith(("tcp://", "https://")):
        tls = TLSSettings(verify=False)
    return Endpoint(url=url, source="context", context=name, tls=tls)


def _tls_config(settings: TLSSettings | None):
    if settings is None:
        return False
    from docker.tls import TLSConfig

    client_cert = None
    if settings.client_cert and settings.client_key:
        client_cert = (settings.client_cert, settings.client_key)
    return TLSConfig(client_cert=client_cert, ca_cert=settings.ca_cert, verify=settings.verify)


def pinned_version(env: Mapping[str, str] | None = None) -> str | None:
    """DOCKER_API_VERSION as the CLI reads it (None when unset or empty)."""
    env = os.environ if env is None else env
    return env.get("DOCKER_API_VERSION", "").strip() or None


def connect(timeout: float = 10.0, env: Mapping[str, str] | None = None) -> Connection:
    """Open a low-level API client on the resolved endpoint with a negotiated API version."""
    endpoint = resolve_endpoint(env)
    pinned = pinned_version(env)
    if pinned is not None and not re.fullmatch(r"\d+\.\d+", pinned):
        raise diagnose.api_pinned_invalid(pinned, endpoint)
    import docker  # heavy: only when a daemon is really needed

    try:
        tls = _tls_config(endpoint.tls)
        # A placeholder version (no request); the one GET /version below decides, as "auto" would.
        api = docker.APIClient(base_url=endpoint.url, version=MIN_API_VERSION, timeout=timeout, tls=tls,
                               use_ssh_client=endpoint.url.startswith("ssh://"))
        server = api.version(api_version=False)
    except Exception as exc:
        raise diagnose.explain(exc, endpoint) from exc
    try:
        version = _choose_version(server, pinned, endpoint)
    except DaemonUnreachable:
        api.close()
        raise
    api._version = version  # the SDK reads its version from here on every versioned URL
    return Connection(api=api, endpoint=endpoint, api_version=version, server=server, pinned=pinned)


def _choose_version(server: Mapping[str, Any], pinned: str | None, endpoint: Endpoint) -> str:
    """The daemon's own API version, or the pinned one when the daemon accepts it.

    A pinned version outside the daemon's [MinAPIVersion, ApiVersion] fails every docker
    command too (Engine 29 accepts 1.44 and newer only): we explain it instead of reading with
    another version. A pinned version the daemon accepts but older than ours (1.40) is not used
    to read: the CLI works with it, and we read with the daemon's version."""
    highest = str(server.get("ApiVersion") or "")
    lowest = str(server.get("MinAPIVersion") or "1.12")
    if pinned is not None:
        if _version_tuple(pinned) < _version_tuple(lowest):
            raise diagnose.api_pinned_too_old(pinned, lowest, str(server.get("Version") or ""), endpoint)
        if highest and _version_tuple(pinned) > _version_tuple(highest):
            raise diagnose.api_pinned_too_new(pinned, highest, endpoint)
        if _version_tuple(pinned) >= _version_tuple(MIN_API_VERSION):
            return pinned
    if _version_tuple(highest) < _version_tuple(MIN_API_VERSION):
        raise diagnose.api_too_old(highest or "?", MIN_API_VERSION, endpoint)
    return highest


def _version_tuple(v: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in v.split("."))
    except ValueError:
        return (0,)


__all__ = [
    "MIN_API_VERSION",
    "Connection",
    "DaemonUnreachable",
    "Endpoint",
    "TLSSettings",
    "config_dir",
    "connect",
    "context_id",
    "default_url",
    "list_contexts",
    "pinned_version",
    "resolve_endpoint",
]
