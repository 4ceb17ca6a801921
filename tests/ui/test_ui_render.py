"""Rendering at 60 and 80 columns (Hangul is 2 cells wide) and untrusted text shown literally."""

from __future__ import annotations

import io
import re
import uuid

import pytest
from conftest import make_course
from rich.cells import cell_len

from tutor.commands.status import from_snapshots
from tutor.model import CheckResult, CheckSpec, Problem, Step
from tutor.render import make_console
from tutor.state import ContainerInfo, NetworkInfo, PortBinding
from tutor.ui.feedback import render_verdict
from tutor.ui.safe_text import ESC_SHOWN, safe

ANSI = re.compile(r"\x1b\[[0-9;]*m")
LONG_KO = ("컨테이너 안의 웹 서버는 그대로는 컨테이너 밖에서 접속할 수 없어요. 호스트의 포트를 컨테이너의 "
           "포트에 연결해야 브라우저나 다른 프로그램이 들어올 수 있어요. 한글은 한 글자가 두 칸을 차지해요.")
# Sequences rich itself never writes: clear screen, set the window title, and a C1 CSI.
EVIL = "[bold]boom[/bold] \x1b[2J\x1b]0;pwned\x07 \x9b31m"


def _console(width):
    return make_console(file=io.StringIO(), width=width, force_terminal=True)


def _lines(console):
    return ANSI.sub("", console.file.getvalue()).splitlines()


def _step(body=LONG_KO, title="포트 연결하기 (-p)"):
    return Step(id="9.1/run-port", slug="run-port", kind="task", title=title, body=body,
                check=CheckSpec("container", {}))


@pytest.mark.parametrize("width", [60, 80])
def test_failure_feedback_and_status_fit_the_width(width):
    console = _console(width)
    result = CheckResult("9.1/run-port", "task", False, (
        Problem("port.reversed", "포트 순서가 반대예요. `-p 호스트포트:컨테이너포트` 순서로 다시 실행해 보세요. " * 2,
                "0.0.0.0:8080->80/tcp", "0.0.0.0:80->8080/tcp"),))
    render_verdict(result, _step(), console)
    c = ContainerInfo(id="a" * 64, name="웹서버-아주-긴-이름-" * 3, image="nginx", image_id="sha256:x", state="running",
                      ports=(PortBinding("80/tcp", "0.0.0.0", 8080),))
    from_snapshots([c], [NetworkInfo("n1", "bridge", "bridge", containers=(c.name,))]).render(console)
    lines = _lines(console)
    assert max(cell_len(line) for line in lines) <= width
    out = "\n".join(lines)
    assert "기대한 것" in out and "0.0.0.0:8080->80/tcp" in out and "지금 상태" in out


def test_expected_found_block_is_left_out_when_the_message_already_says_it():
    console = _console(80)
    says = Problem("container.state", "'web' 컨테이너의 상태가 달라요 (지금: exited, 필요한 상태: running).", "running", "exited")
    same = Problem("network.other", "다른 네트워크에 연결됐어요.", "web-network", "web-network")
    render_verdict(CheckResult("9.1/x", "task", False, (says, same)), _step(), console)
    out = "\n".join(_lines(console))
    assert "기대한 것" not in out and "지금 상태" not in out
    assert "지금: exited" in out and "다른 네트워크에 연결됐어요." in out


def test_safe_removes_controls_and_shows_esc():
    # Each whole sequence (CSI, OSC up to its BEL, the C1 CSI 0x9b) becomes one visible ␛;
    # brackets stay as they are.
    assert safe(EVIL) == "[bold]boom[/bold] ␛␛ ␛"
    assert safe("줄\n바꿈\t탭", single_line=True) == "줄 바꿈 탭"
    assert ESC_SHOWN in safe("\x1b")


def test_lesson_text_is_not_rich_markup():
    from dataclasses import replace

    from conftest import FakeServices
    from prompt_toolkit.output import DummyOutput

    from tutor.ui.live_screen import LessonScreen

    base = make_course().lessons[0]
    step = replace(base.steps[0], body="본문 " + EVIL, title="제목 " + EVIL)
    lesson = replace(base, steps=(step,) + base.steps[1:])
    screen = LessonScreen(lesson, 0, FakeServices(), output=DummyOutput(), show_intro=False)
    raw = "\n".join(screen.compose(80, 24).lines)
    assert "[bold]boom[/bold]" in ANSI.sub("", raw)
    assert "\x1b[2J" not in raw and "\x1b]0;" not in raw and "\x9b" not in raw and "\x07" not in raw


@pytest.mark.daemon
def test_daemon_label_and_env_with_markup_and_escapes_are_printed_literally(docker_api, cleanup, test_labels):
    """A real container whose label and env value hold `[bold]` and ESC sequences."""
    from tutor.checks.engine import run_check
    from tutor.daemon.view import open_view

    name = f"tt-ui-{uuid.uuid4().hex[:8]}"
    labels = dict(test_labels, **{"org.docker-tutor.managed": "true", "org.docker-tutor.step": EVIL})
    made = docker_api.create_container("nginx", name=name, labels=labels, environment={"EVIL": EVIL})
    cleanup["containers"].append(made["Id"])

    view = open_view()
    step = Step(id="9.1/env", slug="env", kind="task", title="env",
                body="", check=CheckSpec("container", {"name": name, "env": {"EVIL": "nice"}}))
    result = run_check(step, view, None)
    assert not result.passed and any("[bold]boom[/bold]" in (p.found or "") for p in result.problems), result

    console = _console(80)
    render_verdict(result, step, console)
    containers = view.containers(filters={"label": [f"org.docker-tutor.test={test_labels['org.docker-tutor.test']}"],
                                          "name": [name]})
    from_snapshots(containers, []).render(console)
    raw = console.file.getvalue()
    plain = ANSI.sub("", raw)
    # The env value, literally, in the message (which says 지금/필요, so no repeated value block).
    assert plain.count("[bold]boom[/bold]") >= 1 and "지금 상태:" not in plain
    assert "␛␛ ␛" in plain  # each sequence shown as one visible ␛
    assert "\x1b[2J" not in raw and "\x1b]0;" not in raw and "\x9b" not in raw and "\x07" not in raw


def test_status_lists_attachments_from_the_containers_even_when_the_network_list_has_none():
    """`GET /networks` leaves Containers empty; status fills it from the containers' own networks."""
    from tests.fakes import container, network

    web = container("webfront", networks=("web-network",))
    other = container("db", networks=("bridge",))
    result = from_snapshots([web, other], [network("bridge"), network("web-network")])
    by_name = {n.name: n.containers for n in result.networks}
    assert by_name == {"bridge": ("db",), "web-network": ("webfront",)}
