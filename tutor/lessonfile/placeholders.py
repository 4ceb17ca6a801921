"""`{user}`, `{registry}`, ... in lesson strings: the closed set, their values, substitution.

Lessons stay the same on every machine; what differs (the practice registry's address and
account, the learner's practice folder) comes in through these few names. Only single-brace
identifiers are placeholders, so Go templates such as `{{.Server.Version}}` pass untouched.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Iterator
from typing import Any

from tutor import settings

PLACEHOLDERS: tuple[str, ...] = ("user", "registry", "registry_user", "registry_password", "workdir")

DEFAULT_REGISTRY = "127.0.0.1:5101"
DEFAULT_REGISTRY_USER = "student"

# `{name}` but not `{{name}}` (Go templates) nor `${name}` (shell): a single-brace identifier.
_PLACEHOLDER_RE = re.compile(r"(?<![{$])\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})")


def names_in(text: str) -> Iterator[str]:
    for m in _PLACEHOLDER_RE.finditer(text):
        yield m.group(1)


# The exercise variables of the lesson being parsed (front matter `var.NAME`): also known names.
_declared: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar("declared", default=())


@contextlib.contextmanager
def declared(names: tuple[str, ...]) -> Iterator[None]:
    token = _declared.set(tuple(names))
    try:
        yield
    finally:
        _declared.reset(token)


def known() -> tuple[str, ...]:
    return PLACEHOLDERS + _declared.get()


def unknown_in(obj: Any) -> list[str]:
    """Placeholder names in strings anywhere inside obj that are neither in PLACEHOLDERS nor
    declared by the lesson being parsed."""
    allowed = known()
    found: list[str] = []
    for text in _strings(obj):
        found.extend(n for n in names_in(text) if n not in allowed and n not in found)
    return found


def _strings(obj: Any) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _strings(v)


def _practice_registry() -> tuple[str, str, str]:
    """(address, user, password) of the lab's practice registry, with safe defaults when the
    lab module is not there or cannot say (it belongs to another part of the tutor)."""
    try:
        # Only where it is and how to log in: no "is it running?" probe, because every check
        # fills in placeholders and a loopback HTTP round trip per check doubled its cost.
        from tutor.lab import registry

        return (registry.address() or DEFAULT_REGISTRY, registry.USER or DEFAULT_REGISTRY_USER,
                registry.password() or "")
    except Exception:  # noqa: BLE001 - no lab yet / unreadable lab state: use the defaults
        return DEFAULT_REGISTRY, DEFAULT_REGISTRY_USER, ""


def current() -> dict[str, str]:
    """The values for this learner and machine."""
    from tutor.paths import practice_dir

    address, reg_user, reg_password = _practice_registry()
    config = settings.current()
    return {
        "user": config.user,
        "registry": config.registry or address,
        "registry_user": reg_user,
        "registry_password": reg_password,
        "workdir": str(practice_dir()),
    }


def substitute(obj: Any, mapping: dict[str, str]) -> Any:
    """A copy of obj with known placeholders replaced in every string (keys included);
    lists stay lists, tuples stay tuples, other values are returned as they are."""
    if isinstance(obj, str):
        return _PLACEHOLDER_RE.sub(lambda m: mapping.get(m.group(1), m.group(0)), obj)
    if isinstance(obj, dict):
        return {substitute(k, mapping): substitute(v, mapping) for k, v in obj.items()}
    if isinstance(obj, list):
        return [substitute(v, mapping) for v in obj]
    if isinstance(obj, tuple):
        return tuple(substitute(v, mapping) for v in obj)
    return obj
