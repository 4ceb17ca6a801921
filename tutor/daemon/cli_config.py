"""What the docker CLI remembers about registries, and reading tags from a registry (v2 API).

`docker login` writes `$DOCKER_CONFIG/config.json` (default `~/.docker`): an `auths` entry per
server (with a base64 `auth` when no credential helper is used, an empty `{}` when `credsStore`
keeps the secret), or a `credHelpers` entry per server. We only report *whether* something is
stored and the user name; the secret never leaves this module (it is used only as the Basic
auth header of a registry GET).
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tutor.state import Credentials

HUB = "docker.io"
_HUB_ALIASES = {"", "docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"}


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    """The docker CLI's config folder: $DOCKER_CONFIG, else ~/.docker (the one definition)."""
    env = os.environ if env is None else env
    if env.get("DOCKER_CONFIG"):
        return Path(env["DOCKER_CONFIG"])
    return Path(env.get("HOME") or Path.home()) / ".docker"


def config_path(env: Mapping[str, str] | None = None) -> Path:
    return config_dir(env) / "config.json"


def registry_key(server: str) -> str:
    """`https://index.docker.io/v1/` → `docker.io`; `http://127.0.0.1:5101/` → `127.0.0.1:5101`."""
    s = server.strip().lower()
    for scheme in ("https://", "http://"):
        if s.startswith(scheme):
            s = s[len(scheme) :]
    s = s.split("/", 1)[0]
    return HUB if s in _HUB_ALIASES else s


def load_config(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    try:
        data = json.loads(config_path(env).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def config_problem(env: Mapping[str, str] | None = None) -> str:
    """Why config.json cannot be used ("" when it is fine or absent). The CLI then warns
    "Error loading config file" and works with an empty config: logins are not really gone."""
    path = config_path(env)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return f"{path}: 읽을 수 없어요 ({exc.strerror or exc})"
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return f"{path}: UTF-8 텍스트가 아니에요"
    except ValueError as exc:
        where = f" ({exc.lineno}번째 줄)" if hasattr(exc, "lineno") else ""
        return f"{path}: JSON 형식이 깨졌어요{where}"
    if not isinstance(data, dict):
        return f"{path}: JSON 객체({{...}})가 아니에요"
    return ""


def _entry(mapping: Any, server: str) -> tuple[str, Any] | None:
    key = registry_key(server)
    for name, value in (mapping or {}).items() if isinstance(mapping, dict) else ():
        if registry_key(name) == key:
            return name, value
    return None


def _decode_auth(entry: Mapping[str, Any]) -> tuple[str, str]:
    raw = entry.get("auth") or ""
    try:
        user, _, secret = base64.b64decode(raw).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        return entry.get("username") or "", ""
    return user or entry.get("username") or "", secret


def credentials(server: str, env: Mapping[str, str] | None = None) -> Credentials:
    problem = config_problem(env)
    if problem:
        return Credentials(server=server, stored=False, config_error=problem)
    config = load_config(env)
    helper = _entry(config.get("credHelpers"), server)
    if helper:
        return Credentials(server=server, stored=True, where=f"credHelpers:{helper[1]}")
    found = _entry(config.get("auths"), server)
    if found:
        entry = found[1] if isinstance(found[1], dict) else {}
        if entry.get("auth") or entry.get("identitytoken") or entry.get("username"):
            return Credentials(server=server, stored=True, where="auths", username=_decode_auth(entry)[0])
        if config.get("credsStore"):
            # The CLI leaves an empty `auths` entry when the store helper holds the secret.
            return Credentials(server=server, stored=True, where=f"credsStore:{config['credsStore']}")
    return Credentials(server=server, stored=False)


def basic_auth(server: str, env: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """User and password stored in `auths` (None when a helper holds them or nothing is stored)."""
    found = _entry(load_config(env).get("auths"), server)
    if not found or not isinstance(found[1], dict) or not found[1].get("auth"):
        return None
    user, secret = _decode_auth(found[1])
    return (user, secret) if user else None


def registry_tags(registry: str, repository: str, env: Mapping[str, str] | None = None,
                  timeout: float = 5.0) -> list[str] | None:
    """GET /v2/<repo>/tags/list. [] when the repository is unknown, None when unreachable or
    the stored credentials (if any) are refused. Only GET requests, never a write."""
    import requests

    host = registry_key(registry)
    base = "https://registry-1.docker.io" if host == HUB else None
    if host == HUB and "/" not in repository:
        repository = f"library/{repository}"
    schemes = [base] if base else [f"http://{host}", f"https://{host}"] if _loopback(host) else [f"https://{host}"]
    auth = basic_auth(registry, env)
    for root in schemes:
        url = f"{root}/v2/{repository}/tags/list"
        try:
            resp = requests.get(url, timeout=timeout)
            if resp.status_code == 401:
                resp = _authorised_get(url, resp, auth, timeout)
        except requests.RequestException:
            continue
        if resp is None:
            return None
        if resp.status_code == 404:
            return []
        if resp.ok:
            try:
                return list(resp.json().get("tags") or [])
            except ValueError:
                return None
        return None
    return None


def _authorised_get(url: str, challenge, auth: tuple[str, str] | None, timeout: float):
    import requests

    header = challenge.headers.get("WWW-Authenticate", "")
    if header.lower().startswith("basic"):
        return requests.get(url, auth=auth, timeout=timeout) if auth else None
    if header.lower().startswith("bearer"):
        params = dict(part.split("=", 1) for part in _split_challenge(header[len("bearer"):]))
        realm = params.pop("realm", "")
        if not realm:
            return None
        token = requests.get(realm, params=params, auth=auth, timeout=timeout)
        if not token.ok:
            return None
        value = token.json().get("token") or token.json().get("access_token")
        return requests.get(url, headers={"Authorization": f"Bearer {value}"}, timeout=timeout)
    return None


def _split_challenge(text: str) -> list[str]:
    parts, out = [p.strip() for p in text.split(",")], []
    for p in parts:
        if "=" in p:
            k, v = p.split("=", 1)
            out.append(f"{k.strip()}={v.strip().strip(chr(34))}")
        elif out:  # a comma inside a quoted scope value
            out[-1] += "," + p.strip(chr(34))
    return out


def _loopback(host: str) -> bool:
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 or host.startswith("[") else host
    return name.strip("[]") in ("localhost", "127.0.0.1", "::1") or name.startswith("127.")
