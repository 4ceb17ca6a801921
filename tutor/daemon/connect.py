"""Reaching the Docker daemon exactly the way the docker CLI would.

Order (same as the CLI): DOCKER_HOST (+ DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH);
else the context named by DOCKER_CONTEXT; else `currentContext` in $DOCKER_CONFIG/config.json
(default ~/.docker), read from the CLI's context store; else the platform's default socket.
The SDK's from_env() ignores contexts, which breaks Docker Desktop, Colima, OrbStack and
Rancher Desktop users, so we read the store ourselves.

Every way of failing becomes `DaemonUnreachable` with a short Korean explanation and the next
step (see `explain`). The docker SDK is imported inside `connect` only: resolving an endpoint
stays cheap and testable without a daemon.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.daemon import diagnose
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
    source: str  # "env" | "context" | "default"
    context: str | None = None
    tls: TLSSettings | None = None

    def describe(self) -> str:
        """How this endpoint was chosen, in Korean (for doctor and error messages)."""
        if self.source == "env":
            return "DOCKER_HOST 환경 변수"
        if self.source == "context":
            return f"Docker 컨텍스트 '{self.context}'"
        return "기본 소켓"

    def to_dict(self) -> dict:
        return {
            "endpoint": self.url,
            "source": self.source,
            "context": self.context,
            "tls": None if self.tls is None else {"verify": self.tls.verify, "ca_cert": self.tls.ca_cert,
                                                  "client_cert": self.tls.client_cert},
        }


@dataclass(frozen=True)
class Connection:
    api: Any  # docker.APIClient with the negotiated API version
    endpoint: Endpoint
    api_version: str

    def close(self) -> None:
        try:
            self.api.close()
        except Exception:  # noqa: BLE001 - closing is best effort
            pass


def default_url() -> str:
    return DEFAULT_NPIPE if sys.platform == "win32" else DEFAULT_UNIX_SOCKET


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
    return Endpoint(url=default_url(), source="default", context="default" if name else None)


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
    url = docker_ep.get("Host") or default_url()
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


def connect(timeout: float = 10.0, env: Mapping[str, str] | None = None) -> Connection:
    """Open a low-level API client on the resolved endpoint with a negotiated API version."""
    endpoint = resolve_endpoint(env)
    import docker  # heavy: only when a daemon is really needed

    try:
        tls = _tls_config(endpoint.tls)
        api = docker.APIClient(base_url=endpoint.url, version="auto", timeout=timeout, tls=tls,
                               use_ssh_client=endpoint.url.startswith("ssh://"))
    except Exception as exc:
        raise diagnose.explain(exc, endpoint) from exc
    version = str(api.api_version)
    if _version_tuple(version) < _version_tuple(MIN_API_VERSION):
        api.close()
        raise diagnose.api_too_old(version, MIN_API_VERSION, endpoint)
    return Connection(api=api, endpoint=endpoint, api_version=version)


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
    "resolve_endpoint",
]
