"""Property tests: whatever the text, the parser returns a Lesson or raises LessonError.

Free text finds crashes in the Markdown/front-matter plumbing; structured fuzz builds
near-valid lessons (real block names, shuffled and mutated TOML) to reach the schema code.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.lessonfile.parser import lesson_errors, parse_lesson
from tutor.model import Lesson, LessonError

HEAD = '---\nid: "fz"\ntitle: "퍼즈"\nchapter: 1\nformat_version: 1\n---\n'


def outcome(text: str):
    try:
        lesson = parse_lesson(text, "fuzz.md")
    except LessonError as exc:
        assert exc.source is not None and exc.source.path == "fuzz.md"
        # The line points into the file (CRLF/CR count as one line break, as in the parser).
        n_lines = len(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        assert 1 <= exc.source.line <= n_lines, (exc.source.line, n_lines)
        return exc
    assert isinstance(lesson, Lesson)
    return lesson


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text(text):
    outcome(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_after_front_matter(text):
    outcome(HEAD + text)


INFOS = ["step", "check", "answer", "quiz", "solution", "prepare", "hint", "explain", "wrong", "toml", ""]
TOML_LINES = [
    'id = "a"', 'id = "b-2"', 'id = "Bad Id"', 'kind = "task"', 'kind = "answer"', 'kind = "quiz"',
    'kind = "container"', 'kind = "image"', 'kind = "nope"', 'ref = "nginx"', 'ref = 3', 'image = "nginx"',
    'ports = { "80/tcp" = 8080 }', 'ports = [1]', 'state = ["running", "exited"]', 'state = "flying"',
    'mounts = [{ type = "bind", target = "/x" }]', 'mounts = [{ kind = "bind" }]', 'env = { foo = "bar" }',
    'source = "server.version"', 'source = "image.field"', 'field = "Os"', 'compare = "size"',
    'question = "q?"', 'accept = ["a"]', "[[choices]]", 'text = "t"', "correct = true", "correct = false",
    'why = "w"', "[[variant]]", 'commands = ["docker ps"]', 'commands = ["ls"]', 'code = "x.y"',
    "[[containers]]", 'name = "{user}"', 'name = "{nope}"', "dangling_images = 1", "= broken", "[[",
    "$ docker ps", "docker image ls \\", "# comment", "rm -rf /", "x = {a = {b = {c = 1}}}",
]


# Valid steps as (info, lines) blocks; mutations then break them in small ways.
TEMPLATES = {
    "task": [
        ("step", ['id = "{slug}"', 'kind = "task"']),
        ("check", ['kind = "container"', 'image = "nginx"', 'ports = { "80/tcp" = 8080 }']),
        ("solution", ["$ docker container run -d -p 8080:80 nginx"]),
        ("hint", ["`-p`를 써요."]),
        ("hint", ["`docker container run -d -p 8080:80 nginx`"]),
        ("wrong", ["[[variant]]", 'commands = ["docker container run -d nginx"]', 'code = "port.not_published"']),
    ],
    "answer": [
        ("step", ['id = "{slug}"', 'kind = "answer"']),
        ("answer", ['source = "image.id"', 'ref = "nginx"', 'compare = "id_prefix"']),
        ("solution", ["docker image ls"]),
    ],
    "quiz": [
        ("step", ['id = "{slug}"', 'kind = "quiz"']),
        ("quiz", ['question = "q?"', "[[choices]]", 'text = "a"', "correct = true", 'why = "w"',
                  "[[choices]]", 'text = "b"', "correct = false", 'why = "w"']),
        ("explain", ["설명"]),
    ],
}


@st.composite
def mutated_block(draw, info, lines):
    lines = list(lines)
    mutation = draw(st.sampled_from(["none"] * 12 + ["drop_line", "add_line", "info", "indent", "drop", "twice"]))
    if mutation == "drop_line" and lines:
        del lines[draw(st.integers(0, len(lines) - 1))]
    elif mutation == "add_line":
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(TOML_LINES)))
    elif mutation == "info":
        info = draw(st.sampled_from(INFOS))
    elif mutation == "drop":
        return ""
    block = "```" + info + "\n" + "\n".join(lines) + "\n```\n"
    if mutation == "indent":
        block = "".join(draw(st.sampled_from(["  ", "> ", "- "])) + line + "\n" for line in block.splitlines())
    return "\n" + block + ("\n" + block if mutation == "twice" else "")


@st.composite
def near_valid(draw):
    parts = [HEAD]
    for n in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(sorted(TEMPLATES)))
        slug = draw(st.sampled_from([f"s{n}", "dup", "Bad_Slug"] if draw(st.integers(0, 9)) == 0 else [f"s{n}"]))
        parts.append("\n## " + draw(st.sampled_from(["단계", "둘 `x`", "Step"])) + "\n")
        for info, lines in TEMPLATES[kind]:
            parts.append(draw(mutated_block(info, [line.replace("{slug}", slug) for line in lines])))
            if draw(st.integers(0, 5)) == 0:
                parts.append("\n" + draw(st.text(max_size=30)) + "\n")
    return "".join(parts)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(near_valid())
def test_near_valid_lessons(text):
    result = outcome(text)
    errors = lesson_errors(text, "fuzz.md")
    # parse_lesson and lint agree: an error iff lint finds one, and it is the first lint error.
    if isinstance(result, LessonError):
        assert errors and str(errors[0]) == str(result)
    else:
        assert errors == []
        for step in result.steps:
            assert step.id.startswith("fz/")
            if step.kind == "task":
                assert step.check is not None and step.solution and len(step.hints) >= 2
            if step.kind == "answer":
                assert step.answer is not None
            if step.kind == "quiz":
                assert step.quiz is not None and step.check is None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_bytes_decoded_leniently(data):
    outcome(data.decode("utf-8", errors="replace"))


def _seed_lessons() -> list[str]:
    """The doc's example and every course lesson that exists yet: real text to mutate."""
    from pathlib import Path

    from markdown_it import MarkdownIt

    from tutor.content import lessons_dir

    doc = (Path(__file__).resolve().parents[2] / "docs" / "lesson-format.md").read_text(encoding="utf-8")
    seeds = [t.content for t in MarkdownIt("commonmark").parse(doc) if t.type == "fence" and t.info.strip() == "markdown"]
    folder = lessons_dir()
    if folder.is_dir():
        seeds += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))]
    return seeds


SEEDS = _seed_lessons()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_real_lessons(seed, data):
    lines = seed.split("\n")
    for _ in range(data.draw(st.integers(1, 3))):
        op = data.draw(st.sampled_from(["delete", "duplicate", "swap", "truncate", "insert"]))
        i = data.draw(st.integers(0, max(len(lines) - 1, 0)))
        if op == "delete" and lines:
            del lines[i]
        elif op == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif op == "swap" and len(lines) > 1:
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "truncate" and lines:
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        elif op == "insert":
            lines.insert(i, data.draw(st.sampled_from(TOML_LINES + ["```", "```hint", "## 새 단계", "---"])))
    outcome("\n".join(lines))
