"""Every command's result owns its output: exit code, JSON document and text rendering in one
object, found by the command module (no view looked up by name)."""

from __future__ import annotations

import dataclasses
import importlib
import io
import json

from tutor.cli import COMMANDS
from tutor.errors import BadInput, error_envelope
from tutor.exitcodes import ExitCode
from tutor.render import Renderer, make_console


def _result_classes():
    for module_name, _help in COMMANDS.values():
        module = importlib.import_module(f"tutor.commands.{module_name}")
        for obj in vars(module).values():
            if dataclasses.is_dataclass(obj) and isinstance(obj, type) and obj.__module__ == module.__name__ \
                    and obj.__name__.endswith(("Result", "Run")):
                yield module_name, obj


def test_every_result_renders_itself():
    found = list(_result_classes())
    assert len({m for m, _ in found}) == len(COMMANDS)  # one or more per command
    for module_name, cls in found:
        assert callable(getattr(cls, "render", None)), f"{module_name}.{cls.__name__}"


def test_no_view_modules_left():
    import pkgutil

    import tutor

    assert "views" not in {m.name for m in pkgutil.iter_modules(tutor.__path__)}


def test_one_error_envelope(capsys):
    err = BadInput("단계 id가 없어요.", hint="`docker-tutor list`", code="no_step", data={"step": "x"})
    assert err.to_dict() == error_envelope("no_step", "단계 id가 없어요.", "`docker-tutor list`", step="x")
    renderer = Renderer(json_mode=True)
    assert renderer.error(err) == ExitCode.BAD_INPUT
    bad = json.loads(capsys.readouterr().out)
    assert renderer.error(ZeroDivisionError("boom")) == ExitCode.INTERNAL
    internal = json.loads(capsys.readouterr().out)
    assert set(bad) - {"step"} == set(internal) == {"error", "message", "hint"}


def test_exit_codes_are_the_documented_ones():
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 4, 130]
    from tutor.cli import build_parser

    assert "0 통과, 1 확인 실패, 2 잘못된 입력, 3 데몬 연결 실패, 4 튜터 오류" in build_parser().epilog


def test_render_through_the_result(tmp_path):
    from tutor.commands.list_cmd import LessonRow, ListResult, StepRow

    out = io.StringIO()
    ListResult((LessonRow("9.1", "연습", (StepRow("9.1/a", "task", "하나"),)),)).render(make_console(file=out, width=80))
    assert "9.1/a" in out.getvalue() and "실습" in out.getvalue()
