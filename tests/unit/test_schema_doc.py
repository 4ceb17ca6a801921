"""docs/lesson-format.md and tutor/lessonfile/schema.py say the same thing.

The doc is the contract other parts of the tutor are built to; the schema is what the parser
enforces. The doc's tables are read by markdown-it token (tables enabled), never by regex over
the raw Markdown, and compared with the schema's vocabularies both ways.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tutor.lessonfile import schema
from tutor.lessonfile.blocks import MACHINE_BLOCKS
from tutor.lessonfile.placeholders import PLACEHOLDERS
from tutor.model import LessonError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DOC = Path(__file__).resolve().parents[2] / "docs" / "lesson-format.md"
IDENT = re.compile(r"^[a-z_][a-z0-9_.]*")


def _tables():
    """Every table of the doc as a list of rows; a row is a list of cells; a cell is the list
    of its inline code spans (what the doc puts in backticks)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(DOC.read_text(encoding="utf-8"))
    tables, row, rows = [], None, None
    for tok in tokens:
        if tok.type == "table_open":
            rows = []
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "inline" and row is not None:
            row.append([c.content for c in tok.children or [] if c.type == "code_inline"])
        elif tok.type == "tr_close":
            rows.append(row)
            row = None
        elif tok.type == "table_close":
            tables.append(rows)
    return tables, tokens


TABLES, TOKENS = _tables()


def _table_by_text(first_cell_text: str):
    """Tables whose header row's first cell is plain text: find by reading the inline token."""
    seen, first = 0, True
    for i, tok in enumerate(TOKENS):
        if tok.type == "th_open" and first:
            first = False
            if TOKENS[i + 1].content == first_cell_text:
                return TABLES[seen]
        if tok.type == "table_close":
            seen, first = seen + 1, True
    raise AssertionError(f"no table with header {first_cell_text!r}")


def _idents(cell):
    return {m.group(0) for c in cell if (m := IDENT.match(c))}


def test_info_strings():
    rows = _table_by_text("info string")[1:]
    assert {c for row in rows for c in row[0]} == set(MACHINE_BLOCKS)


def test_placeholders():
    rows = _table_by_text("자리표시자")[1:]
    assert {c.strip("{}") for row in rows for c in row[0]} == set(PLACEHOLDERS)


def test_check_kinds_and_their_parameters():
    rows = _table_by_text("kind")[1:]
    doc_kinds = {row[0][0]: row for row in rows}
    assert set(doc_kinds) == set(schema.CHECK_PARAMS)
    for kind, row in doc_kinds.items():
        if kind == "container":
            continue  # its own table below
        named_in_row = {i for cell in row for i in _idents(cell)}
        assert _idents(row[1]) <= set(schema.CHECK_PARAMS[kind]), kind
        assert set(schema.CHECK_PARAMS[kind]) <= named_in_row, kind


def test_container_parameters():
    rows = _table_by_text("매개변수")[1:]
    doc_params = {p for row in rows for p in row[0]}
    assert doc_params == set(schema.CHECK_PARAMS["container"])


def test_answer_sources_and_compare():
    rows = _table_by_text("source")[1:]
    doc_sources = {s: row for row in rows for s in row[0]}
    assert set(doc_sources) == set(schema.ANSWER_PARAMS)
    for source, row in doc_sources.items():
        assert _idents(row[1]) <= set(schema.ANSWER_PARAMS[source]), source
        assert set(schema.ANSWER_PARAMS[source]) <= _idents(row[1]), source
    compare_line = next(t for t in TOKENS if t.type == "inline" and t.content.startswith("`compare`"))
    named = {c.content for c in compare_line.children if c.type == "code_inline" and IDENT.fullmatch(c.content)}
    assert named - {"compare"} == set(schema.COMPARES)


def test_prepare_example_matches_schema():
    block = next(
        t.content for i, t in enumerate(TOKENS)
        if t.type == "fence" and t.info.strip() == "toml" and "absent_containers" in t.content
    )
    data = tomllib.loads(block)
    assert set(data) == set(schema.PREPARE)
    for key, value in data.items():
        spec = schema.PREPARE[key]
        if isinstance(spec, schema.TableList):
            assert set().union(*(set(v) for v in value)) <= set(spec.fields), key
    # and the example passes the schema as it stands
    schema.validate(data, schema.PREPARE, "prepare", "doc", lambda *a, **k: 0)


@pytest.mark.parametrize("kind", sorted(schema.CHECK_PARAMS))
def test_every_check_kind_accepts_its_minimal_form(kind):
    """Only the required parameters, all strings in this vocabulary, pass; dropping one fails."""
    fields = schema.CHECK_PARAMS[kind]
    data = {k: "x" for k, spec in fields.items() if isinstance(spec, schema.Param) and spec.required}
    schema.validate(data, fields, "check", "t.md", lambda *a, **k: 1)
    for key in data:
        with pytest.raises(LessonError, match=re.escape(f"필수 키(`{key}`)")):
            schema.validate({k: v for k, v in data.items() if k != key}, fields, "check", "t.md", lambda *a, **k: 1)


def test_prepare_keys_are_model_fields():
    """Every prepare key the schema accepts has a field in tutor.model.Preparation to land in."""
    from dataclasses import fields

    from tutor.model import Preparation

    assert set(schema.PREPARE) <= {f.name for f in fields(Preparation)}
