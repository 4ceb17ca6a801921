"""The lesson parser on the format doc's own example, field by field, plus body/line details."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tutor.lessonfile.parser import parse_lesson
from tutor.model import FORMAT_VERSION, LessonError

DOC = Path(__file__).resolve().parents[2] / "docs" / "lesson-format.md"


def doc_example() -> str:
    """The ````markdown block of docs/lesson-format.md, found by token (not by regex)."""
    tokens = MarkdownIt("commonmark").parse(DOC.read_text(encoding="utf-8"))
    blocks = [t.content for t in tokens if t.type == "fence" and t.info.strip() == "markdown"]
    assert len(blocks) == 1, "the format doc must hold exactly one complete example lesson"
    return blocks[0]


@pytest.fixture(scope="module")
def lesson():
    return parse_lesson(doc_example(), "ex.md")


def line_of(text: str, needle: str, nth: int = 0) -> int:
    hits = [n + 1 for n, line in enumerate(text.split("\n")) if needle in line]
    return hits[nth]


def test_front_matter(lesson):
    assert (lesson.id, lesson.title, lesson.chapter, lesson.format_version) == ("ex", "예제: 포트를 연결한 웹 서버", 9, 1)
    assert lesson.format_version <= FORMAT_VERSION
    assert lesson.path == "ex.md"
    assert lesson.intro == "웹 서버 컨테이너를 띄우고 포트를 연결해 봐요."  # no "# 예제 레슨" heading


def test_steps_ids_kinds_titles(lesson):
    assert [(s.id, s.slug, s.kind, s.title) for s in lesson.steps] == [
        ("ex/run-port", "run-port", "task", "포트를 연결해서 nginx 실행하기"),
        ("ex/engine", "engine", "answer", "엔진 버전 읽기"),
        ("ex/what", "what", "quiz", "컨테이너란?"),
    ]
    assert all(s.lesson_id == "ex" for s in lesson.steps)
    assert lesson.step("run-port") is lesson.steps[0] and lesson.step("ex/what") is lesson.steps[2]


def test_task_step(lesson):
    text = doc_example()
    task = lesson.steps[0]
    assert task.source.line == line_of(text, "## 포트를 연결해서")
    assert task.body == "호스트의 8080 포트를 컨테이너의 80 포트에 연결해서 nginx를 백그라운드로 실행해 보세요."
    assert task.check.kind == "container"
    assert dict(task.check.params) == {"image": "nginx", "state": "running", "ports": {"80/tcp": 8080}}
    assert task.check.source.line == line_of(text, "```check")
    assert task.solution == ("docker container run -d -p 8080:80 nginx",)
    assert [h.text for h in task.hints] == [
        "`-p` 옵션으로 포트를 연결해요.",
        "`-p 호스트포트:컨테이너포트` 순서예요.",
        "`docker container run -d -p 8080:80 nginx`",
    ]
    assert task.explain.startswith("`-p 8080:80`은 호스트의 8080 포트로")
    assert [(w.commands, w.code) for w in task.wrong] == [
        (("docker container run -d -p 80:8080 nginx",), "port.reversed"),
        (("docker container run -d -p 8081:80 nginx",), "port.other_host_port"),
    ]
    assert [w.source.line for w in task.wrong] == [line_of(text, "[[variant]]", 0), line_of(text, "[[variant]]", 1)]
    assert task.prepare.empty
    assert task.answer is None and task.quiz is None


def test_answer_step(lesson):
    step = lesson.steps[1]
    assert step.answer.source == "server.version"
    assert step.answer.compare == "text"
    assert dict(step.answer.params) == {}
    assert step.answer.location.line == line_of(doc_example(), "```answer")
    assert step.solution == ("docker version",)
    assert step.body == "`docker version`을 실행하고 Server 아래 Engine의 Version을 적어 보세요."
    assert step.check is None and step.hints == () and step.wrong == ()


def test_quiz_step(lesson):
    quiz = lesson.steps[2].quiz
    assert quiz.question == "컨테이너와 가상 머신의 가장 큰 차이는 무엇일까요?"
    assert quiz.is_choice and quiz.accept == ()
    assert [(c.text, c.correct) for c in quiz.choices] == [
        ("컨테이너는 호스트 OS의 커널을 함께 써요.", True),
        ("컨테이너마다 자기 커널을 따로 부팅해요.", False),
    ]
    assert quiz.choices[0].why == "맞아요. 그래서 가볍고 빨리 시작해요."
    assert quiz.choices[1].why.startswith("그건 가상 머신이에요.")
    assert lesson.steps[2].body == ""


HEAD = '---\nid: "t"\ntitle: "테스트"\nchapter: 1\nformat_version: 1\n---\n'
TASK_BLOCKS = (
    '```check\nkind = "image"\nref = "nginx"\n```\n\n'
    "```solution\n$ docker image pull nginx\n```\n\n```hint\n하나\n```\n\n```hint\n둘\n```\n"
)


def test_body_keeps_markdown_and_other_code_blocks():
    text = HEAD + (
        "\n# 제목\n\n소개 *글*.\n\n## 이미지 받기\n\n```step\nid = \"pull\"\nkind = \"task\"\n```\n\n"
        "첫 문단.\n\n- 목록 하나\n- 목록 둘\n\n```bash\ndocker image ls\n```\n\n"
        + TASK_BLOCKS
        + "\n> 인용문\n\n[링크][ref]\n\n[ref]: https://docs.docker.com/\n"
    )
    step = parse_lesson(text, "t.md").steps[0]
    assert step.body == (
        "첫 문단.\n\n- 목록 하나\n- 목록 둘\n\n```bash\ndocker image ls\n```\n\n"
        "> 인용문\n\n[링크][ref]\n\n[ref]: https://docs.docker.com/"
    )
    assert parse_lesson(text, "t.md").intro == "소개 *글*."


def test_solution_comments_prefix_and_continuation():
    text = HEAD + (
        '\n## 받기\n\n```step\nid = "pull"\nkind = "task"\n```\n\n'
        '```check\nkind = "image"\nref = "{user}/web:1.0"\n```\n\n'
        "```solution\n# 먼저 받아요\n$ docker image pull nginx\n\ndocker image tag nginx \\\n  {user}/web:1.0\n```\n\n"
        "```hint\n하나\n```\n\n```hint\n둘\n```\n"
    )
    step = parse_lesson(text, "t.md").steps[0]
    assert step.solution == ("docker image pull nginx", "docker image tag nginx {user}/web:1.0")
    assert step.check.params == {"ref": "{user}/web:1.0"}


def test_crlf_and_bom_keep_line_numbers():
    text = "\ufeff" + (HEAD + '\n## 받기\n\n```step\nid = "Bad"\nkind = "task"\n```\n').replace("\n", "\r\n")
    with pytest.raises(LessonError) as err:
        parse_lesson(text, "crlf.md")
    assert err.value.source.line == 11  # the `id = "Bad"` line
    assert str(err.value).startswith("crlf.md:11: ")


def test_prepare_and_short_answer_quiz():
    text = HEAD + (
        '\n## 지우기\n\n```step\nid = "rm"\nkind = "task"\n```\n\n'
        '```prepare\nabsent_containers = ["test1"]\ndangling_images = 1\n\n[[containers]]\nname = "web"\n'
        'image = "nginx"\nstate = "running"\nports = { "80/tcp" = 8080 }\n\n[[files]]\npath = "{workdir}/env_list"\n'
        'content = "foo=bar\\n"\n```\n\n'
        '```check\nkind = "container_absent"\nname = "web"\n```\n\n'
        "```solution\ndocker container rm -f web\n```\n\n```hint\n하나\n```\n\n```hint\n둘\n```\n\n"
        '## 명령 이름\n\n```step\nid = "name"\nkind = "quiz"\n```\n\n'
        '```quiz\nquestion = "컨테이너를 지우는 명령은?"\naccept = ["docker container rm", "docker rm"]\n```\n\n'
        "```explain\n`rm`은 remove예요.\n```\n"
    )
    lesson = parse_lesson(text, "t.md")
    prep = lesson.steps[0].prepare
    assert prep.absent_containers == ("test1",) and prep.dangling_images == 1
    assert prep.containers == ({"name": "web", "image": "nginx", "state": "running", "ports": {"80/tcp": 8080}},)
    assert prep.files == ({"path": "{workdir}/env_list", "content": "foo=bar\n"},)
    quiz = lesson.steps[1].quiz
    assert quiz.accept == ("docker container rm", "docker rm") and not quiz.is_choice
    assert quiz.explain == lesson.steps[1].explain == "`rm`은 remove예요."


def test_body_keeps_blank_lines_inside_code_blocks():
    text = HEAD + (
        '\n## 받기\n\n```step\nid = "pull"\nkind = "task"\n```\n설명\n```bash\na\n\n\n\nb\n```\n'
        + TASK_BLOCKS
        + "끝.\n"
    )
    assert parse_lesson(text, "t.md").steps[0].body == "설명\n```bash\na\n\n\n\nb\n```\n\n끝."
