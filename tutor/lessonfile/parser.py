"""Lesson Markdown → `tutor.model.Lesson`, by markdown-it token type (never regex over Markdown).

One pass over the top-level tokens, dispatched through `HANDLERS`: a level-2 heading opens a
step, a fence whose info string names a machine block (`step`, `check`, `hint`, ...) is taken
out of the step; everything else is the step's body, which is cut from the original text by the
tokens' line ranges (so Markdown the learner sees is exactly what the author wrote). Blocks are
read with `tomllib`, checked by `schema`, and every error carries file:line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tutor.lessonfile import frontmatter, placeholders, schema
from tutor.lessonfile import variables as lesson_variables
from tutor.lessonfile.blocks import ALLOWED, MACHINE_BLOCKS, MIN_TASK_HINTS, READERS, SINGLE, Block, locator, read_toml
from tutor.model import Hint, Lesson, LessonError, Preparation, Quiz, Source, Step

if TYPE_CHECKING:  # markdown-it is imported only when a file is really parsed
    from pathlib import Path

    from markdown_it import MarkdownIt
    from markdown_it.token import Token

@dataclass
class Section:
    """A step while it is being read: its heading and its machine blocks."""

    title: str
    line: int  # 1-based heading line
    start: int  # 0-based index of the first line after the heading
    end: int = -1  # 0-based index one past the last line
    blocks: list[Block] = field(default_factory=list)
    tokens_seen: int = 0


@dataclass
class _Reader:
    path: str
    lines: list[str]
    sections: list[Section] = field(default_factory=list)
    excluded: set[int] = field(default_factory=set)  # 0-based line indexes not in any body
    errors: list[LessonError] = field(default_factory=list)
    intro_end: int = -1

    def error(self, message: str, line: int) -> None:
        self.errors.append(LessonError(message, Source(self.path, line)))


def info_word(info: str) -> str:
    """The first word of a fence's info string (```` ```check ```` → "check")."""
    words = info.split()
    return words[0] if words else ""


# --- token handlers --------------------------------------------------------------------------


def _span(tok: Token) -> tuple[int, int]:
    """The token's [start, end) source lines (handlers only see tokens that have them)."""
    assert tok.map is not None
    return tok.map[0], tok.map[1]


def _on_heading(r: _Reader, tokens: list[Token], i: int) -> None:
    tok = tokens[i]
    start, end = _span(tok)
    if tok.tag == "h2":
        if r.sections:
            r.sections[-1].end = start
        elif r.intro_end < 0:
            r.intro_end = start
        title = tokens[i + 1].content.strip() if i + 1 < len(tokens) else ""
        if not title:
            r.error("단계 제목(`##`)이 비어 있어요", start + 1)
        r.sections.append(Section(title=title, line=start + 1, start=end))
        r.excluded.update(range(start, end))
        return
    _count_body(r, tok)
    if tok.tag == "h1" and not r.sections:  # the lesson's own title: not part of the intro text
        r.excluded.update(range(start, end))


def _on_fence(r: _Reader, tokens: list[Token], i: int) -> None:
    tok = tokens[i]
    info = info_word(tok.info)
    if info not in MACHINE_BLOCKS:
        _count_body(r, tok)
        return
    start, end = _span(tok)
    if not r.sections:
        r.error(f"```{info} 블록이 단계(`##` 제목) 밖에 있어요. 단계 제목 아래로 옮겨 주세요", start + 1)
        r.excluded.update(range(start, end))
        return
    section = r.sections[-1]
    if section.tokens_seen == 0 and info != "step":
        r.error(f"단계 제목 바로 뒤에는 ```step 블록이 와야 해요 (지금은 ```{info})", start + 1)
    section.tokens_seen += 1
    section.blocks.append(Block(info, tok.content, start + 1))
    r.excluded.update(range(start, end))


def _count_body(r: _Reader, tok: Token) -> None:
    if r.sections:
        section = r.sections[-1]
        if section.tokens_seen == 0:
            r.error("단계 제목 바로 뒤에는 ```step 블록이 와야 해요", _span(tok)[0] + 1)
        section.tokens_seen += 1


def _on_other(r: _Reader, tokens: list[Token], i: int) -> None:
    _count_body(r, tokens[i])


HANDLERS: dict[str, Callable[[_Reader, list[Token], int], None]] = {
    "heading_open": _on_heading,
    "fence": _on_fence,
}


# --- steps -----------------------------------------------------------------------------------


def _body(r: _Reader, start: int, end: int) -> str:
    """The author's Markdown between start and end, minus the machine blocks. Each run of
    kept lines is copied as written; where a block was cut out, one blank line joins them."""
    segments: list[list[str]] = [[]]
    for i in range(start, end):
        if i in r.excluded:
            if segments[-1]:
                segments.append([])
        else:
            segments[-1].append(r.lines[i])
    texts = ["\n".join(seg).strip("\n") for seg in segments]
    return "\n\n".join(t for t in texts if t.strip()).strip()


def _step(r: _Reader, lesson_id: str, section: Section) -> Step | None:
    by_info: dict[str, list[Block]] = {}
    for b in section.blocks:
        by_info.setdefault(b.info, []).append(b)
    step_blocks = by_info.get("step", [])
    if not step_blocks:
        r.error(f"단계 '{section.title}'에 ```step 블록(id, kind)이 없어요", section.line)
        return None
    head = read_toml(r.path, step_blocks[0])
    schema.validate(head, schema.STEP, "step", r.path, locator(step_blocks[0]))
    slug, kind = head["id"], head["kind"]
    if not schema.SLUG_RE.match(slug):
        raise LessonError(
            f"단계 id(`{slug}`)는 소문자, 숫자, '-'로만 써야 해요 (예: \"run-port\")",
            Source(r.path, locator(step_blocks[0])("id")),
        )
    for info, blocks in by_info.items():
        if info != "step" and info not in ALLOWED[kind]:
            r.error(f"{kind} 단계에는 ```{info} 블록을 쓸 수 없어요 (쓸 수 있는 것: {', '.join(ALLOWED[kind])})", blocks[0].line)
        if info in SINGLE and len(blocks) > 1:
            r.error(f"```{info} 블록은 단계마다 하나만 있어야 해요", blocks[1].line)

    values: dict[str, Any] = {}
    for info, read in READERS.items():
        if info in by_info and info in ALLOWED[kind]:
            try:
                values[info] = read(r.path, by_info[info][0])
            except LessonError as exc:
                r.errors.append(exc)
    hints = tuple(Hint(b.content.strip()) for b in by_info.get("hint", []))
    for b in by_info.get("hint", []):
        if not b.content.strip():
            r.error("```hint 블록이 비어 있어요", b.line)
    explain, prepared_note = (by_info[i][0].content.strip() if i in by_info else "" for i in ("explain", "prepared"))

    step_line = step_blocks[0].line
    if kind == "task":
        if "check" not in by_info:
            r.error("task 단계에 ```check 블록이 없어요", step_line)
        if not by_info.get("solution") or ("solution" in values and not values["solution"]):
            r.error("task 단계에 정답 명령(```solution 블록)이 없어요", step_line)
        if len(hints) < MIN_TASK_HINTS:
            r.error(f"task 단계에는 힌트(```hint 블록)가 {MIN_TASK_HINTS}개 이상 있어야 해요 (지금 {len(hints)}개)", step_line)
    elif kind == "answer" and "answer" not in by_info:
        r.error("answer 단계에 ```answer 블록이 없어요", step_line)
    elif kind == "quiz" and "quiz" not in by_info:
        r.error("quiz 단계에 ```quiz 블록이 없어요", step_line)

    quiz = values.get("quiz")
    if quiz is not None and not quiz.explain and explain:
        quiz = Quiz(quiz.question, quiz.choices, quiz.accept, explain)
    return Step(
        id=f"{lesson_id}/{slug}",
        slug=slug,
        kind=kind,
        title=section.title,
        body=_body(r, section.start, section.end),
        check=values.get("check"),
        answer=values.get("answer"),
        quiz=quiz,
        solution=values.get("solution", ()),
        prepare=values.get("prepare", Preparation()),
        hints=hints,
        explain=explain,
        wrong=values.get("wrong", ()),
        source=Source(r.path, section.line), prepared_note=prepared_note,
    )


_MD: MarkdownIt | None = None


def _markdown() -> MarkdownIt:
    """One CommonMark parser per process. Only block structure matters here, so inline parsing
    (emphasis, links...) is switched off: inline tokens still carry their raw `content`."""
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        _MD = MarkdownIt("commonmark").disable("inline")
    return _MD


# --- entry points ----------------------------------------------------------------------------


def read_lesson(text: str, path: str) -> tuple[Lesson | None, list[LessonError]]:
    text = re.sub(r"\r\n?", "\n", text.lstrip("\ufeff"))
    lines = text.split("\n")
    try:
        fm = frontmatter.parse(lines, path)
    except LessonError as exc:
        return None, [exc]
    # Blank the front matter (keeping its lines) so token line numbers are file line numbers.
    md_text = "\n" * fm.end_line + "\n".join(lines[fm.end_line:])
    r = _Reader(path=path, lines=lines)
    r.excluded.update(range(fm.end_line))
    tokens = _markdown().parse(md_text)
    for i, tok in enumerate(tokens):
        if tok.level == 0 and tok.map is not None:
            HANDLERS.get(tok.type, _on_other)(r, tokens, i)
        elif tok.type == "fence" and info_word(tok.info) in MACHINE_BLOCKS:
            r.error(f"```{tok.info.strip()} 블록은 목록이나 인용문 안이 아니라 맨 바깥에 있어야 해요", _span(tok)[0] + 1)
    if r.sections:
        r.sections[-1].end = len(lines)
    else:
        r.error("레슨에 단계(`##` 제목 + ```step 블록)가 하나도 없어요", fm.end_line)

    variables, var_errors = lesson_variables.declare(fm.variables, path)
    r.errors.extend(var_errors)
    steps: list[Step] = []
    seen: dict[str, int] = {}
    for section in r.sections:
        try:
            with placeholders.declared(tuple(v.name for v in variables)):
                step = _step(r, fm.id, section)
        except LessonError as exc:
            r.errors.append(exc)
            continue
        if step is None:
            continue
        if step.slug in seen:
            r.error(f"단계 id(`{step.slug}`)가 두 번 나와요 (처음: {seen[step.slug]}번째 줄)", section.line)
            continue
        seen[step.slug] = section.line
        steps.append(step)
    intro_end = r.intro_end if r.intro_end >= 0 else len(lines)
    lesson = Lesson(id=fm.id, title=fm.title, chapter=fm.chapter, format_version=fm.format_version,
                    intro=_body(r, fm.end_line, intro_end), steps=tuple(steps), path=path, variables=variables,
                    grade=fm.grade)
    errors = sorted(r.errors, key=lambda e: e.source.line if e.source else 0)
    return lesson, errors


def lesson_errors(text: str, path: str = "<lesson>") -> list[LessonError]:
    """Every problem found in a lesson text (lint shows them all), sorted by line."""
    return read_lesson(text, path)[1]


def parse_lesson(text: str, path: str = "<lesson>") -> Lesson:
    """The lesson in `text`; raises LessonError (with file:line) for the first problem."""
    lesson, errors = read_lesson(text, path)
    if errors:
        raise errors[0]
    assert lesson is not None
    return lesson


def read_text(p: Path) -> str:
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LessonError("파일을 찾을 수 없어요", Source(str(p))) from None
    except UnicodeDecodeError as exc:
        raise LessonError(f"UTF-8로 읽을 수 없는 파일이에요 ({exc.reason})", Source(str(p))) from None
    except OSError as exc:
        raise LessonError(f"파일을 읽을 수 없어요: {exc.strerror}", Source(str(p))) from None
