"""The lesson's front matter: `key: value` lines between two `---` lines at the very top.

The format is deliberately tiny (not YAML, not TOML): four required keys, values optionally
quoted. Every error names the line it is on. The parser hands markdown-it the text with the
front matter blanked out (same number of lines), so token line numbers stay file line numbers;
without that, `id: x` followed by `---` would read as a setext heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tutor.model import FORMAT_VERSION, LessonError, Source

# key -> type of its value; all are required.
FIELDS: dict[str, type] = {"id": str, "title": str, "chapter": int, "format_version": int}
# Optional keys -> allowed values (the first is the default).
OPTIONAL: dict[str, tuple[str, ...]] = {"grade": ("recorded", "live")}

# A lesson id: "4.2", "3", "ex" (used in step ids "<lesson id>/<slug>" and in file names).
LESSON_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_KEY_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)\s*:\s*(.*?)\s*$")
# `var.NAME: KIND ARGS` lines declare exercise variables (tutor.lessonfile.variables).
VAR_PREFIX = "var."


@dataclass(frozen=True)
class FrontMatter:
    id: str
    title: str
    chapter: int
    format_version: int
    end_line: int  # 1-based line of the closing `---` (0 when the file has none)
    lines: dict[str, int]  # key -> 1-based line where it was set
    grade: str = "recorded"  # optional `grade: live`: grade needs the state now, not a recorded pass
    variables: tuple[tuple[str, str, int], ...] = ()  # (name after `var.`, raw value, line) in file order


def _unquote(raw: str, src: Source) -> str:
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        return raw[1:-1]
    if raw[:1] in "\"'":
        raise LessonError(f"따옴표가 닫히지 않았어요: {raw}", src)
    return raw


def split(lines: list[str], path: str) -> tuple[dict[str, tuple[str, int]], int]:
    """Raw `key -> (value, line)` and the 1-based line of the closing `---`."""
    if not lines or lines[0].strip() != "---":
        raise LessonError(
            "파일이 front matter(`---`로 시작하는 id, title, chapter, format_version)로 시작해야 해요",
            Source(path, 1),
        )
    values: dict[str, tuple[str, int]] = {}
    for index in range(1, len(lines)):
        lineno = index + 1
        text = lines[index].strip()
        src = Source(path, lineno)
        if text == "---":
            return values, lineno
        if not text or text.startswith("#"):
            continue
        m = _KEY_RE.match(text)
        if not m:
            raise LessonError(f"front matter 줄은 `키: 값` 형식이어야 해요: {text}", src)
        key, raw = m.group(1), m.group(2)
        if key not in FIELDS and key not in OPTIONAL and not key.startswith(VAR_PREFIX):
            raise LessonError(
                f"front matter에 알 수 없는 키(`{key}`)가 있어요 (쓸 수 있는 키: {', '.join([*FIELDS, *OPTIONAL])})", src
            )
        if key in values:
            raise LessonError(f"front matter 키(`{key}`)가 두 번 나와요 (처음: {values[key][1]}번째 줄)", src)
        values[key] = (_unquote(raw, src), lineno)
    raise LessonError("front matter를 닫는 `---` 줄이 없어요", Source(path, 1))


def parse(lines: list[str], path: str) -> FrontMatter:
    values, end = split(lines, path)
    out: dict[str, object] = {}
    for key, kind in FIELDS.items():
        if key not in values:
            raise LessonError(f"front matter에 필수 키(`{key}`)가 없어요", Source(path, end))
        raw, lineno = values[key]
        src = Source(path, lineno)
        if kind is int:
            if not re.fullmatch(r"[0-9]{1,6}", raw):
                raise LessonError(f"front matter의 `{key}` 값은 정수여야 해요: {raw!r}", src)
            out[key] = int(raw)
        else:
            if not raw.strip():
                raise LessonError(f"front matter의 `{key}` 값이 비어 있어요", src)
            out[key] = raw
    lesson_id = str(out["id"])
    if not LESSON_ID_RE.match(lesson_id):
        raise LessonError(
            f"레슨 id(`{lesson_id}`)는 영문자·숫자·'.'·'-'·'_'로만 써야 해요 (예: \"4.2\")", Source(path, values["id"][1])
        )
    for key, allowed in OPTIONAL.items():
        if key in values and values[key][0] not in allowed:
            raise LessonError(f"front matter의 `{key}` 값은 {' 또는 '.join(allowed)}이어야 해요: {values[key][0]!r}",
                              Source(path, values[key][1]))
    version = int(str(out["format_version"]))
    if version > FORMAT_VERSION:
        raise LessonError(
            f"이 레슨의 형식 버전은 {version}인데, 이 도커 튜터는 버전 {FORMAT_VERSION}까지만 읽을 수 있어요. "
            "도커 튜터를 업데이트해 주세요",
            Source(path, values["format_version"][1]),
        )
    if version < 1:
        raise LessonError(f"format_version은 1 이상이어야 해요: {version}", Source(path, values["format_version"][1]))
    return FrontMatter(
        id=lesson_id,
        title=str(out["title"]),
        chapter=int(str(out["chapter"])),
        format_version=version,
        end_line=end,
        lines={k: v[1] for k, v in values.items()},
        grade=values["grade"][0] if "grade" in values else OPTIONAL["grade"][0],
        variables=tuple((k[len(VAR_PREFIX):], raw, line) for k, (raw, line) in values.items()
                        if k.startswith(VAR_PREFIX)),
    )
