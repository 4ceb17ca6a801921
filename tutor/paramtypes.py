"""The value types of the closed vocabularies: what a parameter of a check kind, an answer
source or a `prepare` block may hold, with the Korean label lint shows when it does not.

A leaf module (it imports nothing of the tutor): the check kinds' table rows
(`tutor/checks/*.py`, assembled in `tutor/checks/kinds.py`) and the lesson schema
(`tutor/lessonfile/schema.py`) both describe their parameters with these.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class T:
    """A value type: `check(value)` is True when the value fits; `label` is shown in errors."""

    label: str
    check: Callable[[Any], bool]


def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


STR = T("문자열", lambda v: isinstance(v, str))
INT = T("정수", is_int)
BOOL = T("true 또는 false 값", lambda v: isinstance(v, bool))
STR_LIST = T("문자열 목록", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v))


def enum(*values: str) -> T:
    return T(", ".join(f'"{v}"' for v in values) + " 중 하나", lambda v: isinstance(v, str) and v in values)


def list_of(item: T) -> T:
    return T(f"[{item.label}, ...] 목록", lambda v: isinstance(v, list) and all(item.check(x) for x in v))


def matching(pattern: str, label: str) -> T:
    """A string of a given shape (e.g. a memory size "1g", an extra host "name:address")."""
    rx = re.compile(pattern, re.IGNORECASE)
    return T(label, lambda v: isinstance(v, str) and bool(rx.fullmatch(v)))


def either(*types: T) -> T:
    return T(" 또는 ".join(t.label for t in types), lambda v: any(t.check(v) for t in types))


def map_of(value: T, key_re: str = r".+", key_label: str = "") -> T:
    rx = re.compile(key_re)
    label = f"{{ {key_label or '이름'} = {value.label} }} 형식의 표"
    return T(label, lambda v: isinstance(v, dict) and all(rx.fullmatch(k) and value.check(x) for k, x in v.items()))


@dataclass(frozen=True)
class Param:
    type: T
    required: bool = False


@dataclass(frozen=True)
class TableList:
    """An array of tables (`[[choices]]`, `mounts = [{...}]`): each entry follows `fields`."""

    fields: Mapping[str, Any]  # key -> Param | TableList
    required: bool = False
    label: str = "표의 목록"


def req(t: T) -> Param:
    return Param(t, required=True)


def opt(t: T) -> Param:
    return Param(t)


def required_keys(fields: Mapping[str, Any]) -> set[str]:
    return {k for k, spec in fields.items() if getattr(spec, "required", False)}


# Shared by the `container` check and `prepare`.
HOST_PORT = T("1–65535 사이의 포트 번호", lambda v: is_int(v) and 1 <= v <= 65535)
PORTS = map_of(either(HOST_PORT, STR), r"[0-9]{1,5}(/(tcp|udp|sctp))?", '"80/tcp"')
FILTERS = map_of(either(STR, STR_LIST, INT, BOOL), r"[a-z_-]+", "필터")
