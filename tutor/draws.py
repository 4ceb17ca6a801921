"""Drawing exercise values per learner, keeping them, and filling them into the course.

A draw is seeded by the learner (a random id made once, in `variables.json`), the lesson id,
the variable and the round (bumped by "다시 연습"), so it is the same after a restart and
differs between learners. A `port` also has to be free on this machine when it is drawn; once
drawn, a value is kept (the learner's own container holding the port later must not move it).
`apply(course)` returns the course with every declared `{name}` replaced, so checks, prepare,
solutions, text and the self-test all see this learner's values and nothing else changes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import secrets
import socket
import tempfile
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from tutor.lessonfile import variables as declared
from tutor.lessonfile.placeholders import substitute

SUFFIX_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no l/1, o/0: read aloud, typed by hand


def _rng_int(seed: str, n: int) -> int:
    return int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big") % n


def port_free(port: int) -> bool:
    """Nothing listens on this TCP port (any address) on this machine."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


def draw_one(var, seed: str, is_free: Callable[[int], bool] = port_free) -> str:
    if var.kind == "pick":
        return var.choices[_rng_int(seed, len(var.choices))]
    if var.kind == "name":
        return var.prefix + "-" + "".join(SUFFIX_ALPHABET[_rng_int(f"{seed}:{i}", len(SUFFIX_ALPHABET))]
                                          for i in range(4))
    span = var.high - var.low + 1
    start = _rng_int(seed, span)
    # From the seeded start, the next port that is free (wrapping around the range).
    for k in range(span):
        port = var.low + (start + k) % span
        if is_free(port):
            return str(port)
    return str(var.low + start)  # the whole range is busy: the check will say the port is taken


def draw(lesson, learner: str, round_: int, is_free: Callable[[int], bool] = port_free) -> dict[str, str]:
    taken: set[str] = set()
    values = {}
    for var in lesson.variables:
        seed = f"{learner}:{lesson.id}:{var.name}:{round_}"
        value = draw_one(var, seed, lambda p: str(p) not in taken and is_free(p))
        taken.add(value)
        values[var.name] = value
    return values


# --- the learner's file -----------------------------------------------------------------------


def _save(data: dict[str, Any]) -> None:
    path = declared.values_file()
    fd, tmp = tempfile.mkstemp(prefix=".variables-", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
    os.replace(tmp, path)


def values_for(lesson) -> dict[str, str]:
    """This learner's values for the lesson: stored ones, or a fresh draw that is then stored."""
    data = declared.load_values()
    entry = (data.get("lessons") or {}).get(lesson.id) or {}
    values = entry.get("values") or {}
    by_name = {v.name: v for v in lesson.variables}
    if set(values) == set(by_name) and all(declared.validate_value(by_name[k], str(v)) for k, v in values.items()):
        return {k: str(v) for k, v in values.items()}
    learner = data.get("learner") or secrets.token_hex(8)
    round_ = int(entry.get("round", 0))
    values = draw(lesson, learner, round_)
    data["learner"] = learner
    data.setdefault("lessons", {})[lesson.id] = {"round": round_, "values": values}
    with contextlib.suppress(OSError):  # unwritable: the same seeds give the same draw next time
        _save(data)
    return values


def redraw(lesson) -> dict[str, str]:
    """"다시 연습": the next round's values for this lesson (stored)."""
    data = declared.load_values()
    learner = data.get("learner") or secrets.token_hex(8)
    entry = (data.get("lessons") or {}).get(lesson.id) or {}
    round_ = int(entry.get("round", 0)) + 1
    values = draw(lesson, learner, round_)
    data["learner"] = learner
    data.setdefault("lessons", {})[lesson.id] = {"round": round_, "values": values}
    _save(data)
    return values


# --- filling the course ---------------------------------------------------------------------


def fill(obj: Any, mapping: Mapping[str, str]) -> Any:
    """A copy of a model object (frozen dataclasses, tuples, mappings, strings) with values in."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.replace(obj, **{f.name: fill(getattr(obj, f.name), mapping)
                                           for f in dataclasses.fields(obj) if f.init})
    if isinstance(obj, MappingProxyType):
        return MappingProxyType({fill(k, mapping): fill(v, mapping) for k, v in obj.items()})
    if isinstance(obj, (str, list, tuple, dict)):
        if isinstance(obj, tuple):
            return tuple(fill(v, mapping) for v in obj)
        if isinstance(obj, list):
            return [fill(v, mapping) for v in obj]
        if isinstance(obj, dict):
            return {fill(k, mapping): fill(v, mapping) for k, v in obj.items()}
        return substitute(obj, dict(mapping))
    return obj


def with_values(lesson, values: Mapping[str, str]):
    variables = lesson.variables
    filled = fill(dataclasses.replace(lesson, variables=()), values)
    return dataclasses.replace(filled, variables=variables)


def apply(course, values_of: Callable[[Any], Mapping[str, str]] = values_for):
    """The course with each lesson's variables filled in (the same object when none has any)."""
    if not any(lesson.variables for lesson in course.lessons):
        return course
    lessons = tuple(with_values(lesson, values_of(lesson)) if lesson.variables else lesson
                    for lesson in course.lessons)
    return dataclasses.replace(course, lessons=lessons)


def selftest_rounds(course) -> list[Callable[[Any], Mapping[str, str]]]:
    """Value sources for the self-test: one draw, plus a second, different one when the course
    has variables (a fixed self-test "learner", so runs are reproducible; nothing is stored)."""
    first = {lesson.id: draw(lesson, "selftest", 0) for lesson in course.lessons if lesson.variables}
    if not first:
        return [values_for]
    second = {}
    for lesson in course.lessons:
        if lesson.variables:
            # The next round whose values all differ from the first draw's.
            for round_ in range(1, 50):
                values = draw(lesson, "selftest", round_)
                if all(values[k] != first[lesson.id][k] for k in values):
                    break
            second[lesson.id] = values
    return [lambda lesson: first[lesson.id], lambda lesson: second[lesson.id]]
