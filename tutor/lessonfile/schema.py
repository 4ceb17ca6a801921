"""What every machine-readable block may contain: keys, value types, closed vocabularies.

This is docs/lesson-format.md as data. A lesson can only name check kinds and answer sources
of the closed tables (`tutor/checks/kinds.py`, `tutor/checks/answers.py`: a lesson file never
runs code), and every key and value type is checked, so a typo is a `LessonError` at lint time
instead of a silent wrong check. `tests/unit/test_schema_doc.py` compares them with the doc.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tutor.checks.answers import ANSWER_SOURCES
from tutor.checks.compare import COMPARE_KINDS
from tutor.checks.kinds import CHECK_KINDS
from tutor.model import STEP_KINDS, LessonError, Source
from tutor.paramtypes import (
    BOOL,
    INT,
    PORTS,
    STR,
    STR_LIST,
    Param,
    TableList,
    either,
    enum,
    opt,
    req,
)

__all__ = ["ANSWER_PARAMS", "CHECK_PARAMS", "COMPARES", "PREPARE", "QUIZ", "STEP", "WRONG", "Param", "TableList",
           "command_lines", "kind_fields", "validate"]

# --- the vocabularies ------------------------------------------------------------------------

STEP = {"id": req(STR), "kind": req(enum(*STEP_KINDS))}
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# The check kinds, answer sources and compare kinds are tables of tutor/checks (one place each);
# the schema reads their parameters from there.
CHECK_PARAMS: Mapping[str, Mapping[str, Any]] = {name: k.params for name, k in CHECK_KINDS.items()}
ANSWER_PARAMS: Mapping[str, Mapping[str, Any]] = {name: a.params for name, a in ANSWER_SOURCES.items()}
COMPARES: tuple[str, ...] = tuple(COMPARE_KINDS)

CHOICE = {"text": req(STR), "correct": req(BOOL), "why": req(STR)}
QUIZ = {
    "question": req(STR),
    "choices": TableList(CHOICE, label="[[choices]] 표의 목록"),
    "accept": opt(STR_LIST),
    "explain": opt(STR),
}

PREPARE = {
    "absent_containers": opt(STR_LIST),
    "absent_networks": opt(STR_LIST),
    "absent_images": opt(STR_LIST),
    "dangling_images": opt(INT),
    "login": opt(STR_LIST),
    "logout": opt(STR_LIST),
    "containers": TableList(
        {
            "name": req(STR),
            "image": req(STR),
            "state": opt(enum("created", "running", "paused", "exited")),
            "ports": opt(PORTS),
            "networks": opt(STR_LIST),
            "command": opt(either(STR_LIST, STR)),
        },
        label="[[containers]] 표의 목록",
    ),
    "networks": TableList({"name": req(STR), "driver": opt(STR)}, label="[[networks]] 표의 목록"),
    "images": TableList({"tag": req(STR), "source": req(STR)}, label="[[images]] 표의 목록"),
    "files": TableList({"path": req(STR), "content": req(STR)}, label="[[files]] 표의 목록"),
}

WRONG = {
    "variant": TableList({"commands": req(STR_LIST), "code": req(STR)}, required=True, label="[[variant]] 표의 목록"),
}

# --- validation ------------------------------------------------------------------------------

# locate(key, table=None, nth=0) -> 1-based file line of `key` (inside the nth `[[table]]`
# entry when given; "" means the entry or block itself). Best effort: TOML keeps no positions.
Locate = Callable[..., int]


def suggest(name: str, known: Any) -> str:
    close = difflib.get_close_matches(name, list(known), n=2, cutoff=0.6)
    return f" 혹시 `{close[0]}`인가요?" if close else ""


def validate(data: Mapping[str, Any], fields: Mapping[str, Any], block: str, path: str, locate: Locate) -> None:
    """Raise LessonError for the first unknown key, missing required key or wrongly typed value."""
    for key, value in data.items():
        spec = fields.get(key)
        src = _LazySource(path, locate, key)
        if spec is None:
            allowed = ", ".join(fields) or "(없음)"
            raise LessonError(
                f"{where(block)}에 알 수 없는 키(`{key}`)가 있어요.{suggest(key, fields)} (쓸 수 있는 키: {allowed})", src.get()
            )
        if isinstance(spec, TableList):
            if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
                raise LessonError(f"{where(block)}의 `{key}` 값은 {copula(spec.label)} 해요", src.get())
            for n, entry in enumerate(value):
                validate(entry, spec.fields, f"{block}/{key}", path, _entry_locator(locate, key, n))
        elif not spec.type.check(value):
            raise LessonError(
                f"{where(block)}의 `{key}` 값 {_show(value)}의 형식이 맞지 않아요 ({copula(spec.type.label)} 해요)", src.get()
            )
    for key, spec in fields.items():
        if spec.required and key not in data:
            raise LessonError(f"{where(block)}에 필수 키(`{key}`)가 없어요", Source(path, locate("")))


@dataclass(frozen=True)
class _LazySource:
    """Where a key is, found only when there is an error to report (locating is a text search)."""

    path: str
    locate: Locate
    key: str

    def get(self) -> Source:
        return Source(self.path, self.locate(self.key))


def _entry_locator(locate: Locate, table: str, nth: int) -> Locate:
    def entry_locate(key: str) -> int:
        return locate(key, table=table, nth=nth)

    return entry_locate


def where(block: str) -> str:
    """How an error names its place: "check:container" -> "```check 블록(kind = "container")",
    "quiz/choices" -> "```quiz 블록의 `choices` 항목"."""
    name, _, entry = block.partition("/")
    name, _, kind = name.partition(":")
    detail = "" if not kind else f'(kind = "{kind}")' if name == "check" else f'(source = "{kind}")'
    return f"```{name} 블록{detail}" + (f"의 `{entry}` 항목" if entry else "")


def copula(label: str) -> str:
    """"정수여야" / "문자열이어야": the Korean copula depends on the last syllable's final consonant."""
    last = label.rstrip()[-1:] or "a"
    has_final = "가" <= last <= "힣" and (ord(last) - ord("가")) % 28 != 0
    return f"{label}{'이어야' if has_final else '여야'}"


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def kind_fields(table: Mapping[str, Mapping[str, Any]], name: Any, what: str, block: str, src: Source) -> Mapping[str, Any]:
    """The parameter table of a check kind / answer source, or a LessonError naming the closest."""
    if not isinstance(name, str):
        raise LessonError(f"```{block} 블록의 `{what}` 값은 문자열이어야 해요", src)
    if name not in table:
        raise LessonError(
            f"알 수 없는 {'확인 종류' if what == 'kind' else '답 출처'}예요: `{name}`.{suggest(name, table)} "
            f"(쓸 수 있는 것: {', '.join(table)})",
            src,
        )
    return table[name]


_DOCKER_RE = re.compile(r"^docker(\s|$)")


def command_lines(text: str, start_line: int, path: str, block: str = "solution") -> tuple[str, ...]:
    """Commands of a `solution` block: one per line, `$ ` prefix and `#` comments allowed,
    a trailing `\\` continues the command on the next line. Each must start with `docker`."""
    commands: list[str] = []
    pending = ""
    pending_line = start_line
    for offset, raw in enumerate(text.splitlines()):
        lineno = start_line + offset
        line = raw.strip()
        if not pending:
            if not line or line.startswith("#"):
                continue
            if line.startswith("$"):
                line = line[1:].strip()
            pending_line = lineno
        if line.endswith("\\"):
            pending += line[:-1].strip() + " "
            continue
        command = (pending + line).strip()
        pending = ""
        check_command(command, block, Source(path, pending_line))
        commands.append(command)
    if pending:
        check_command(pending.strip(), block, Source(path, pending_line))
        commands.append(pending.strip())
    return tuple(commands)


def check_command(command: str, block: str, src: Source) -> None:
    """A lesson command must be one docker command from the safe vocabulary (command_policy):
    selftest runs it for real, and learners paste it into their shell."""
    if not _DOCKER_RE.match(command):
        raise LessonError(f"```{block} 블록의 명령은 `docker`로 시작해야 해요: {command}", src)
    from tutor.lessonfile.command_policy import Refused, check_line

    try:
        check_line(command, allow_typo=block == "wrong")
    except Refused as exc:
        raise LessonError(f"```{block} 블록의 명령을 쓸 수 없어요 ({exc}): {command}", src) from None
