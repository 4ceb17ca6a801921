"""The data of `begin`'s start-state plan: what was made (`Prepared`), what is in the way
(`Blocked`), the planned operations, and who owns a resource."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Prepared:
    """One change begin made; `message` is the Korean line shown to the learner."""

    kind: str  # container | network | image | file | login | logout
    name: str
    action: str  # made | removed | started | stopped | paused | unpaused | connected | tagged | built
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "name": self.name, "action": self.action, "message": self.message}


@dataclass(frozen=True)
class Blocked:
    """A learner's own resource in the way: what it is and the exact command that clears it."""

    kind: str
    name: str
    message: str
    commands: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "message": self.message, "commands": list(self.commands)}


@dataclass
class _Op:
    run: Callable[[], None]
    done: Prepared


@dataclass
class Plan:
    ops: list[_Op]
    blocked: list[Blocked]


def _owner(kind: str, rid: str, name: str, lesson_names: frozenset[str]) -> str:
    from tutor.journey.rawapi import tutors

    # By the tutor's own record only: a resource with a lesson's name that the learner made is
    # still the learner's. begin then names the exact command instead of changing it.
    return "tutor" if tutors(kind, rid) else "learner"


def _whose(owner: str, noun: str, name: str) -> str:
    return (f"튜터가 만들었던 '{name}' {noun}" if owner == "tutor"
            else f"이 레슨에서 만든 '{name}' {noun}")
