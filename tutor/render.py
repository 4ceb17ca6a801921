"""The one renderer: every command returns data; this prints it as text (rich) or as JSON.

Every command returns a result that follows `Result`: `exit_code`, `to_dict()` (the JSON
document) and `render(console)` (its own text view, next to the data in the command's module).
Errors have one JSON envelope everywhere: `{"error", "message", "hint", ...data}`. Strings that
come from the daemon or from lesson files are printed as `rich.text.Text`, never parsed as markup.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from typing import Any, Protocol

from tutor.errors import TutorError, error_envelope
from tutor.exitcodes import ExitCode
from tutor.model import LessonError

DEBUG_HINT = "`docker-tutor --debug <명령> ...`처럼 명령 앞에 --debug를 붙이면 자세한 내용을 볼 수 있어요."


class Result(Protocol):
    """What every command's `run(args)` returns (see tutor/commands/*.py)."""

    @property
    def exit_code(self) -> int: ...

    def to_dict(self) -> dict[str, Any]: ...

    def render(self, console: Any) -> None: ...


def make_console(file=None, width: int | None = None, force_terminal: bool | None = None):
    from rich.console import Console

    from tutor.theme import THEME

    return Console(
        file=file,
        width=width,
        force_terminal=force_terminal,
        theme=THEME,
        no_color=bool(os.environ.get("NO_COLOR")),
        highlight=False,
        emoji=False,
        markup=True,  # only for our own constant strings; data goes through Text()
    )


class Renderer:
    def __init__(self, json_mode: bool = False, debug: bool = False, console=None, err_console=None):
        self.json_mode = json_mode
        self.debug = debug
        self._console = console
        self._err_console = err_console

    @property
    def console(self):
        if self._console is None:
            self._console = make_console()
        return self._console

    @property
    def err_console(self):
        if self._err_console is None:
            self._err_console = make_console(file=sys.stderr)
        return self._err_console

    def show(self, result: Result) -> int:
        if self.json_mode:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            result.render(self.console)
        return int(result.exit_code)

    def note(self, message: str) -> None:
        from rich.text import Text

        self.err_console.print(Text(message))

    def error(self, exc: BaseException) -> int:
        from rich.text import Text

        if isinstance(exc, LessonError):
            exc = TutorError(f"레슨 파일에 문제가 있어요: {exc}", code="lesson_error")
        if isinstance(exc, TutorError):
            if self.json_mode:
                sys.stdout.write(json.dumps(exc.to_dict(), ensure_ascii=False, indent=2) + "\n")
            else:
                self.err_console.print(Text(exc.message, style="tutor.fail"))
                if exc.hint:
                    self.err_console.print(Text(exc.hint, style="tutor.hint"))
            if self.debug:
                traceback.print_exception(exc)
            return exc.exit_code
        # Anything else is our bug: say so plainly, never blame the learner.
        msg = f"도커 튜터 내부 오류예요 (학습자 잘못이 아니에요): {type(exc).__name__}: {exc}"
        if self.json_mode:
            sys.stdout.write(json.dumps(error_envelope("internal", msg, DEBUG_HINT), ensure_ascii=False) + "\n")
        else:
            self.err_console.print(Text(msg, style="tutor.fail"))
            self.err_console.print(Text(DEBUG_HINT, style="tutor.hint"))
        if self.debug:
            traceback.print_exception(exc)
        return ExitCode.INTERNAL  # (tracebacks only with --debug, for the guided UI too)
