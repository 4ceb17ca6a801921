"""What a lesson told the learner to create, by name, read from its own `solution` commands.

`begin` may adjust these (the learner made them because this lesson said so, e.g. `webp` in
4.3) and says exactly what it did; any other resource of the learner's is never touched.
Pure functions of the lesson: no daemon here.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tutor.model import Lesson, Step

_RUN = (("container", "run"), ("container", "create"), ("run",), ("create",))


@dataclass(frozen=True)
class LessonNames:
    containers: frozenset[str] = frozenset()
    networks: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()  # normalised refs ("student/webserver:1.0")


def filled(obj, ctx):
    """obj with the check context's placeholder values filled in (as the engine does)."""
    from tutor.lessonfile.placeholders import substitute

    return substitute(obj, dict(ctx.placeholders))


def _argv(line: str, mapping: Mapping[str, str]) -> list[str]:
    from tutor.lessonfile.placeholders import substitute

    text = line.strip()
    if text.startswith("$ "):
        text = text[2:]
    try:
        return shlex.split(substitute(text, dict(mapping)), comments=True)
    except ValueError:
        return []


def _option(words: list[str], names: tuple[str, ...]) -> str | None:
    for i, word in enumerate(words):
        for name in names:
            if word == name and i + 1 < len(words):
                return words[i + 1]
            if word.startswith(name + "="):
                return word.split("=", 1)[1]
    return None


def container_name(argv: list[str]) -> str | None:
    """`--name X` of a `run`/`create` command (None for other commands or unnamed ones)."""
    words = argv[1:]
    for path in _RUN:
        if tuple(words[: len(path)]) == path:
            return _option(words[len(path):], ("--name",))
    return None


def created_network(argv: list[str]) -> str | None:
    if argv[1:3] != ["network", "create"]:
        return None
    rest = list(argv[3:])
    positional = [w for i, w in enumerate(rest)
                  if not w.startswith("-") and not (i and rest[i - 1] in ("-d", "--driver", "--subnet", "--gateway"))]
    return positional[-1] if positional else None


def created_tag(argv: list[str]) -> str | None:
    words = argv[1:]
    if words[:2] == ["image", "tag"] and len(words) >= 4:
        return words[3]
    if words[:1] == ["tag"] and len(words) >= 3:
        return words[2]
    return None


def normalise(ref: str) -> str:
    last = ref.rsplit("/", 1)[-1]
    return ref if ":" in last or "@" in last else f"{ref}:latest"


def step_creates(step: Step, mapping: Mapping[str, str]) -> LessonNames:
    containers, networks, tags = set(), set(), set()
    for line in step.solution:
        argv = _argv(line, mapping)
        if not argv or argv[0] != "docker":
            continue
        if (name := container_name(argv)) is not None:
            containers.add(name)
        if (net := created_network(argv)) is not None:
            networks.add(net)
        if (tag := created_tag(argv)) is not None:
            tags.add(normalise(tag))
    return LessonNames(frozenset(containers), frozenset(networks), frozenset(tags))


def lesson_names(steps: Iterable[Step], mapping: Mapping[str, str]) -> LessonNames:
    out = LessonNames()
    for step in steps:
        got = step_creates(step, mapping)
        out = LessonNames(out.containers | got.containers, out.networks | got.networks, out.tags | got.tags)
    return out


def for_lesson(lesson: Lesson | None, mapping: Mapping[str, str]) -> LessonNames:
    return lesson_names(lesson.steps if lesson else (), mapping)
