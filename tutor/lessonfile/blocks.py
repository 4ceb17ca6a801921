"""Reading one machine block: TOML through `tomllib`, then the schema, then the model type.

Each reader takes the file path and a `Block` (its fence line, its content) and returns the
model value or raises `LessonError` pointing at the line of the problem inside the block.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tutor.lessonfile import schema
from tutor.lessonfile.placeholders import known, unknown_in
from tutor.model import (
    AnswerSpec,
    CheckSpec,
    Choice,
    LessonError,
    Preparation,
    Quiz,
    Source,
    WrongVariant,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# The block kinds of the format (info strings of fences) and which step kind may hold which.
MACHINE_BLOCKS = ("step", "check", "answer", "quiz", "solution", "prepare", "prepared", "hint", "explain", "wrong")
# Blocks each step kind may hold (besides `step`).
ALLOWED: dict[str, tuple[str, ...]] = {
    "task": ("check", "solution", "prepare", "prepared", "hint", "explain", "wrong"),
    "answer": ("answer", "solution", "prepare", "prepared", "hint", "explain"),
    "quiz": ("quiz", "explain"),
}
# Blocks that may appear at most once in a step (hint may repeat).
SINGLE = ("step", "check", "answer", "quiz", "solution", "prepare", "prepared", "explain", "wrong")
MIN_TASK_HINTS = 2


@dataclass
class Block:
    info: str
    content: str
    line: int  # 1-based line of the opening fence

    @property
    def first_line(self) -> int:  # 1-based line of the first content line
        return self.line + 1


def read_toml(path: str, block: Block) -> dict[str, Any]:
    try:
        data: dict[str, Any] = tomllib.loads(block.content)
        return data
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = block.first_line + int(m.group(1)) - 1 if m else block.line
        reason = re.sub(r"\s*\(at .*\)$", "", str(exc))
        raise LessonError(f"```{block.info} 블록의 TOML을 읽을 수 없어요: {reason}", Source(path, line)) from None
    except RecursionError:
        raise LessonError(f"```{block.info} 블록이 너무 깊게 중첩되어 있어요", Source(path, block.line)) from None


def locator(block: Block) -> Callable[..., int]:
    """Best-effort file line of a key inside a TOML block (tomllib gives no positions).

    `table`/`nth` narrow the search to the nth `[[table]]` entry; an empty key asks for the
    line of that entry (or of the block's opening fence)."""
    lines = block.content.split("\n")

    def locate(key: str, table: str | None = None, nth: int = 0) -> int:
        start = 0
        if table:
            header = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
            heads = [n for n, t in enumerate(lines) if header.match(t)]
            if nth < len(heads):
                start = heads[nth]
                if not key:
                    return block.first_line + start
        if key:
            rx = re.compile(r"^\s*(\[\[?\s*)?[\"']?" + re.escape(key) + r"[\"']?\s*(=|\]|\.)")
            inline = re.compile(r"[{,]\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
            for n in range(start, len(lines)):
                if rx.search(lines[n]) or inline.search(lines[n]):
                    return block.first_line + n
        return block.line

    return locate


def _line_with(block: Block, needle: str, default: int) -> int:
    for n, text in enumerate(block.content.split("\n")):
        if needle in text:
            return block.first_line + n
    return default


def _no_unknown_placeholders(path: str, block: Block, value: Any) -> None:
    names = unknown_in(value)
    if names:
        locate = locator(block)
        line = _line_with(block, "{" + names[0] + "}", 0)
        raise LessonError(
            f"```{block.info} 블록에 알 수 없는 자리표시자(`{{{names[0]}}}`)가 있어요."
            f"{schema.suggest(names[0], known())} (쓸 수 있는 것: "
            + ", ".join("{" + p + "}" for p in known())
            + ")",
            Source(path, line or locate("")),
        )


def read_check(path: str, block: Block) -> CheckSpec:
    data = read_toml(path, block)
    locate = locator(block)
    if "kind" not in data:
        raise LessonError("```check 블록에 `kind`가 없어요", Source(path, block.line))
    kind = data.pop("kind")
    fields = schema.kind_fields(schema.CHECK_PARAMS, kind, "kind", "check", Source(path, locate("kind")))
    schema.validate(data, fields, f"check:{kind}", path, locate)
    if kind == "container" and not data:
        raise LessonError(
            "container 확인에는 찾을 컨테이너를 정하는 매개변수(`name`, `image`, `ports` ...)가 하나 이상 있어야 해요",
            Source(path, block.line),
        )
    _no_unknown_placeholders(path, block, data)
    if isinstance(data.get("env_file"), str):
        from tutor.lessonfile.path_policy import template_problem

        problem = template_problem(data["env_file"], "env 파일")
        if problem:
            raise LessonError(f"```check 블록: {problem}", Source(path, locate("env_file")))
    return CheckSpec(kind=kind, params=data, source=Source(path, block.line))


def read_answer(path: str, block: Block) -> AnswerSpec:
    data = read_toml(path, block)
    locate = locator(block)
    if "source" not in data:
        raise LessonError("```answer 블록에 `source`가 없어요", Source(path, block.line))
    source = data.pop("source")
    fields = schema.kind_fields(schema.ANSWER_PARAMS, source, "source", "answer", Source(path, locate("source")))
    compare = data.pop("compare", "text")
    if compare not in schema.COMPARES:
        raise LessonError(
            f"`compare` 값({compare!r})은 쓸 수 없어요 (쓸 수 있는 것: {', '.join(schema.COMPARES)})",
            Source(path, locate("compare")),
        )
    schema.validate(data, fields, f"answer:{source}", path, locate)
    _no_unknown_placeholders(path, block, data)
    return AnswerSpec(source=source, params=data, compare=compare, location=Source(path, block.line))


def read_quiz(path: str, block: Block) -> Quiz:
    data = read_toml(path, block)
    locate = locator(block)
    schema.validate(data, schema.QUIZ, "quiz", path, locate)
    choices = tuple(Choice(c["text"], c["correct"], c["why"]) for c in data.get("choices", []))
    accept = tuple(data.get("accept", ()))
    src = Source(path, block.line)
    if bool(choices) == bool(accept):
        raise LessonError("```quiz 블록에는 `[[choices]]`나 `accept` 중 하나만 있어야 해요", src)
    if choices and len(choices) < 2:
        raise LessonError("객관식 퀴즈에는 보기가 두 개 이상 있어야 해요", src)
    if choices and not any(c.correct for c in choices):
        raise LessonError("객관식 퀴즈에 정답(`correct = true`)인 보기가 하나도 없어요", Source(path, locate("choices")))
    for c in choices:
        if not c.text.strip() or not c.why.strip():
            raise LessonError("퀴즈 보기의 `text`와 `why`는 비어 있으면 안 돼요", Source(path, locate("choices")))
    if not data["question"].strip():
        raise LessonError("퀴즈 `question`이 비어 있어요", Source(path, locate("question")))
    return Quiz(question=data["question"], choices=choices, accept=accept, explain=data.get("explain", ""))


def read_prepare(path: str, block: Block) -> Preparation:
    data = read_toml(path, block)
    locate = locator(block)
    schema.validate(data, schema.PREPARE, "prepare", path, locate)
    _no_unknown_placeholders(path, block, data)
    from tutor.lessonfile.prepare_policy import preparation_problem

    key, problem = preparation_problem(data)
    if problem:
        raise LessonError(f"```prepare 블록: {problem}", Source(path, locate(key)))
    fields: dict[str, Any] = {k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items()}
    return Preparation(**fields)


def read_wrong(path: str, block: Block) -> tuple[WrongVariant, ...]:
    data = read_toml(path, block)
    locate = locator(block)
    schema.validate(data, schema.WRONG, "wrong", path, locate)
    _no_unknown_placeholders(path, block, data)
    variant_lines = [block.first_line + n for n, t in enumerate(block.content.split("\n")) if t.strip().startswith("[[")]
    out = []
    for n, v in enumerate(data["variant"]):
        line = variant_lines[n] if n < len(variant_lines) else block.line
        if not v["commands"]:
            raise LessonError("오답 예시의 `commands`가 비어 있어요", Source(path, line))
        for command in v["commands"]:
            schema.check_command(command.strip(), "wrong", Source(path, _line_with(block, command, line)))
        out.append(WrongVariant(tuple(c.strip() for c in v["commands"]), v["code"], Source(path, line)))
    return tuple(out)


def read_solution(path: str, block: Block) -> tuple[str, ...]:
    commands = schema.command_lines(block.content, block.first_line, path)
    _no_unknown_placeholders(path, block, list(commands))
    return commands


# info string -> reader, for the blocks that carry data (hint/explain are plain Markdown).
READERS: dict[str, Callable[[str, Block], Any]] = {
    "check": read_check,
    "answer": read_answer,
    "quiz": read_quiz,
    "prepare": read_prepare,
    "wrong": read_wrong,
    "solution": read_solution,
}
