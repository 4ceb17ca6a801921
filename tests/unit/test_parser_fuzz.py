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
        assert exc.source.line >= 0
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


@st.composite
def near_valid(draw):
    parts = [HEAD]
    for _ in range(draw(st.integers(0, 4))):
        parts.append("\n## " + draw(st.sampled_from(["단계", "", "둘 `x`", "Step"])) + "\n")
        for _ in range(draw(st.integers(0, 6))):
            info = draw(st.sampled_from(INFOS))
            body = "\n".join(draw(st.lists(st.sampled_from(TOML_LINES), max_size=6)))
            indent = draw(st.sampled_from(["", "", "", "  ", "> ", "- "]))
            block = f"```{info}\n{body}\n```"
            parts.append("\n" + "\n".join(indent + line for line in block.split("\n")) + "\n")
            if draw(st.booleans()):
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
