"""Exercise variables: values that differ per learner (a neighbour's screen is no answer key).

Declared in the front matter, one `var.NAME: KIND ARGS` line each, from a small closed set:

    var.web_port: port 8000-8999          a host port from the range, free on this machine
    var.web: name class-web               the prefix plus a random suffix: class-web-k3f9
    var.color: pick red, green, blue      one of the listed words

and used like the other placeholders, `{web_port}`, in text, checks, prepare, solutions and
wrong variants. This module is the declaration side (pure: parse, validate, the table of
kinds); drawing, storing and substituting the values is `tutor.draws` (the side effects).
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor import paths
from tutor.model import Lesson, LessonError, Source

VAR_KEY_RE = re.compile(r"^var\.([a-z][a-z0-9_]{0,30})$")
_NAME_PREFIX_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,40}$")  # a docker name (the suffix adds -xxxx)
_WORD_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,60}$")
PORT_MIN, PORT_MAX = 1024, 65535
MIN_PORT_CHOICES = 10  # a range this wide still finds a free port on a busy machine

# kind -> (what its arguments look like, a Korean one-line description): lint and docs read it.
KINDS: dict[str, tuple[str, str]] = {
    "port": ("LOW-HIGH", "범위 안에서 학생 컴퓨터에 비어 있는 호스트 포트"),
    "name": ("PREFIX", "접두어 뒤에 무작위 4글자를 붙인 이름 (예: class-web-k3f9)"),
    "pick": ("A, B, C", "목록 중 하나"),
}


@dataclass(frozen=True)
class Variable:
    name: str
    kind: str  # a key of KINDS
    low: int = 0  # port
    high: int = 0  # port
    prefix: str = ""  # name
    choices: tuple[str, ...] = ()  # pick
    line: int = 0  # where the front matter declares it (lint points there)

    def describe(self) -> str:
        return {"port": f"port {self.low}-{self.high}", "name": f"name {self.prefix}",
                "pick": "pick " + ", ".join(self.choices)}[self.kind]


def parse(name: str, raw: str, src: Source, reserved: tuple[str, ...] = ()) -> Variable:
    """One `var.NAME: KIND ARGS` line → Variable, or a LessonError naming the line."""
    if name in reserved:
        raise LessonError(f"변수 이름(`{name}`)은 튜터가 이미 쓰는 자리표시자예요. 다른 이름을 골라 주세요", src)
    kind, _, args = raw.strip().partition(" ")
    args = args.strip()
    if kind not in KINDS:
        raise LessonError(f"변수 `{name}`의 종류(`{kind}`)를 모르겠어요 (쓸 수 있는 것: "
                          + ", ".join(f"{k} {v[0]}" for k, v in KINDS.items()) + ")", src)
    if kind == "port":
        m = re.fullmatch(r"(\d{1,5})\s*-\s*(\d{1,5})", args)
        if not m:
            raise LessonError(f"변수 `{name}`: port 뒤에는 `8000-8999`처럼 범위를 적어요 (지금: {args!r})", src)
        low, high = int(m.group(1)), int(m.group(2))
        if not (PORT_MIN <= low <= high <= PORT_MAX):
            raise LessonError(f"변수 `{name}`: 포트 범위는 {PORT_MIN}~{PORT_MAX} 안에서 작은 수가 먼저예요 (지금: {low}-{high})", src)
        if high - low + 1 < MIN_PORT_CHOICES:
            raise LessonError(f"변수 `{name}`: 포트 범위가 너무 좁아요. 비어 있는 포트를 찾을 수 있게 "
                              f"{MIN_PORT_CHOICES}개 이상으로 해 주세요", src)
        return Variable(name, kind, low=low, high=high)
    if kind == "name":
        if not _NAME_PREFIX_RE.match(args):
            raise LessonError(f"변수 `{name}`: name 뒤에는 컨테이너·네트워크 이름으로 쓸 수 있는 접두어를 적어요 "
                              f"(영문 소문자·숫자·`_.-`, 지금: {args!r})", src)
        return Variable(name, kind, prefix=args)
    choices = tuple(c.strip() for c in args.split(","))
    if len(choices) < 2 or not all(_WORD_RE.match(c) for c in choices) or len(set(choices)) != len(choices):
        raise LessonError(f"변수 `{name}`: pick 뒤에는 쉼표로 나눈 서로 다른 값을 두 개 이상 적어요 "
                          f"(공백 없는 단어, 지금: {args!r})", src)
    return Variable(name, kind, choices=choices)


def validate_value(var: Variable, value: str) -> bool:
    """Whether a stored value still fits its declaration (a lesson edited since the draw)."""
    if var.kind == "port":
        return value.isdigit() and var.low <= int(value) <= var.high
    if var.kind == "name":
        return value.startswith(var.prefix + "-") and len(value) == len(var.prefix) + 5
    return value in var.choices


# --- what was drawn (read side; tutor.draws writes) -----------------------------------------


def values_file() -> Path:
    return paths.data_dir() / "variables.json"


def load_values() -> dict[str, Any]:
    try:
        data = json.loads(values_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def stored(lesson_id: str) -> dict[str, str]:
    """The values drawn for this lesson (exercise), {} when it has no variables."""
    entry = (load_values().get("lessons") or {}).get(lesson_id) or {}
    values = entry.get("values") if isinstance(entry, dict) else None
    return {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else {}


def declare(raw: tuple[tuple[str, str, int], ...], path: str) -> tuple[tuple[Variable, ...], list[LessonError]]:
    """The front matter's `(name, value, line)` triples → Variables, and every error found."""
    from tutor.lessonfile.placeholders import PLACEHOLDERS

    out: list[Variable] = []
    errors: list[LessonError] = []
    for name, value, line in raw:
        src = Source(path, line)
        if not VAR_KEY_RE.match(f"var.{name}"):
            errors.append(LessonError(f"변수 이름(`{name}`)은 영문 소문자로 시작하고 소문자·숫자·`_`만 써요", src))
            continue
        try:
            out.append(dataclasses.replace(parse(name, value, src, reserved=PLACEHOLDERS), line=line))
        except LessonError as exc:
            errors.append(exc)
    return tuple(out), errors


def unused_variables(lesson: Lesson) -> list[LessonError]:
    """A declared variable no step uses is a mistake (a typo in `{name}` or a leftover)."""
    from tutor.lessonfile.placeholders import names_in

    if not lesson.variables:
        return []
    used: set[str] = set()

    def walk(obj: Any) -> None:
        if isinstance(obj, str):
            used.update(names_in(obj))
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            for f in dataclasses.fields(obj):
                walk(getattr(obj, f.name))
        elif isinstance(obj, dict) or hasattr(obj, "items"):
            for k, v in obj.items():
                walk(k)
                walk(v)
        elif isinstance(obj, (list, tuple)):
            for v in obj:
                walk(v)

    walk(lesson.intro)
    walk(lesson.steps)
    return [LessonError(f"`{v.name}` 변수를 선언했지만 어느 단계에서도 쓰지 않았어요 (쓰는 법: `{{{v.name}}}`)",
                        Source(lesson.path, v.line)) for v in lesson.variables if v.name not in used]
