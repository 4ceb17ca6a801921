"""Fixtures for the UI tests: a small hand-made course, fake services, a pipe-driven prompter."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest

from tutor import progress
from tutor.model import (
    CheckResult,
    CheckSpec,
    Choice,
    Hint,
    Lesson,
    Problem,
    Quiz,
    Step,
)


def make_course():
    task = Step(
        id="9.1/run-port", slug="run-port", kind="task", title="포트를 연결해서 nginx 실행하기",
        body="호스트의 **8080** 포트를 컨테이너의 80 포트에 연결해요.\n\n```bash\ndocker container run -d -p 8080:80 nginx\n```\n",
        check=CheckSpec("container", {"image": "nginx", "ports": {"80/tcp": 8080}}),
        solution=("$ docker container run -d -p 8080:80 nginx",),
        hints=(Hint("`-p` 옵션을 써요."), Hint("`-p 호스트:컨테이너` 순서예요."), Hint("`docker container run -d -p 8080:80 nginx`")),
        explain="`-p 8080:80`은 호스트의 8080을 컨테이너의 80으로 보내요.",
    )
    answer = Step(id="9.1/engine", slug="engine", kind="answer", title="엔진 버전 읽기",
                  body="`docker version`의 Server 버전을 적어요.", solution=("docker version",),
                  hints=(Hint("Server: 아래를 봐요."),))
    quiz = Step(
        id="9.1/what", slug="what", kind="quiz", title="컨테이너란?", body="",
        # As the parser builds it: the step's `explain` block is also the quiz's explanation.
        explain="컨테이너 안에는 커널이 없어요.",
        quiz=Quiz(question="컨테이너와 `가상 머신`의 가장 큰 차이는?", choices=(
            Choice("커널을 함께 써요.", True, "맞아요. 그래서 가벼워요."),
            Choice("커널을 따로 부팅해요.", False, "그건 가상 머신이에요."),
        ), explain="컨테이너 안에는 커널이 없어요."),
    )
    l1 = Lesson(id="9.1", title="예제 레슨", chapter=9, format_version=1, intro="", steps=(task, answer, quiz))
    other = Step(id="9.2/ok", slug="ok", kind="quiz", title="다음 레슨", body="",
                 quiz=Quiz(question="q", accept=("네",)))
    l2 = Lesson(id="9.2", title="두 번째", chapter=9, format_version=1, intro="", steps=(other,))
    return SimpleNamespace(lessons=(l1, l2), lesson=lambda i: next(les for les in (l1, l2) if les.id == i))


class FakeStream:
    """A daemon event stream the test pushes into (`push`); `close()` ends the iteration."""

    def __init__(self):
        import queue

        self.q = queue.Queue()

    def __iter__(self):
        while True:
            item = self.q.get()
            if item is None:
                return
            yield item

    def close(self):
        self.q.put(None)


class FakeServices:
    """Verdicts come from a script: each check pops the next (passed, problems) entry."""

    def __init__(self, verdicts=(), answer="20.10.24"):
        import threading

        self.verdicts = list(verdicts)
        self.expected_answer = answer
        self.checked = 0
        self.prepared = []
        self.streams = []
        self.stream_open = threading.Event()
        self.evidence: dict = {}
        self.entered_lines: list[str] = []  # what a fake `begin` says it made / what is in the way
        self.leftover_items: list = []
        self.removed: list = []

    def events(self):
        stream = FakeStream()
        self.streams.append(stream)
        self.stream_open.set()
        return stream

    def push(self, event=None):
        self.streams[-1].q.put(event or {"type": "container", "action": "start", "id": "abc", "name": "x"})

    def check(self, step):
        self.checked += 1
        if self.verdicts and isinstance(self.verdicts[0], Exception):
            raise self.verdicts.pop(0)
        passed = self.verdicts.pop(0) if self.verdicts else False
        problems = () if passed else (Problem("port.reversed", "포트 순서가 반대예요.", "8080->80/tcp", "80->8080/tcp"),)
        return CheckResult(step.id, "task", passed, problems)

    def answer(self, step, text):
        ok = text == self.expected_answer
        return CheckResult(step.id, "answer", ok, () if ok else (Problem("answer.wrong", "달라요.", None, text),))

    def solution_lines(self, step):
        return [s.removeprefix("$ ") for s in step.solution]

    def enter(self, step, course):
        """As `begin` does on a daemon where nothing is missing: record the start and resume point."""
        from tutor.contexts import step_began

        progress.set_current(step.id)
        step_began(step.id)
        return list(self.entered_lines)

    def leftovers(self, lesson):
        return list(self.leftover_items)

    def clean_up(self, items):
        items = list(items)
        self.removed.extend(items)
        return [f"'{i.name}' 컨테이너를 지웠어요." for i in items]

    def prepare(self, step, console):
        self.prepared.append(step.id)

    def daemon_status(self):
        return True, "Docker 데몬에 연결했어요 (Engine 20.10.24, API 1.41).", ""


@pytest.fixture
def course():
    return make_course()


@pytest.fixture
def console():
    from tutor.render import make_console

    return make_console(file=io.StringIO(), width=80, force_terminal=True)


@pytest.fixture
def pipe():
    """(prompter, send): keys sent before a prompt are read as type-ahead."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from tutor.ui.prompts import Prompter

    with create_pipe_input() as inp:
        yield Prompter(input=inp, output=DummyOutput()), inp.send_text


class Driver:
    """Runs a LessonScreen in the test's thread while a side thread waits for states and types.

    `script` is a list of (condition, keys): wait until condition(screen) holds (10 s at most),
    then send keys. A condition that never holds is recorded and the screen is quit with Ctrl-C.
    """

    def __init__(self, screen, send):
        self.screen, self.send = screen, send
        self.failed = None
        self.seen = []  # the screen text (80×24, no colour) at every condition that held

    def text(self, width=80, height=24):
        return "\n".join(self.screen.compose(width, height).lines)

    def run(self, script):
        import re
        import threading
        import time

        def drive():
            for cond, keys in script:
                deadline = time.monotonic() + 10
                while not cond(self.screen):
                    if time.monotonic() > deadline:
                        self.failed = getattr(cond, "__name__", repr(cond))
                        self.send("\x03")
                        return
                    time.sleep(0.01)
                self.seen.append(re.sub(r"\x1b\[[0-9;]*m", "", self.text()))
                if keys:
                    self.send(keys)

        thread = threading.Thread(target=drive, daemon=True)
        thread.start()
        result = self.screen.run()
        thread.join(5)
        assert self.failed is None, f"the screen never reached: {self.failed}\n" + (self.seen[-1] if self.seen else "")
        return result


@pytest.fixture
def screen_pipe():
    """(make_screen, send): a LessonScreen on a pipe input and a dummy 80×24 output."""
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from tutor.ui.live_screen import LessonScreen

    class Output(DummyOutput):
        def get_size(self):
            return Size(rows=24, columns=80)

    with create_pipe_input() as inp:
        def make(lesson, index, services, **kw):
            kw.setdefault("interval", 30.0)
            return LessonScreen(lesson, index, services, input=inp, output=Output(), **kw)

        yield make, inp.send_text


# Keys for questionary prompts.
DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
CTRL_C = "\x03"
