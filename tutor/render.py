"""The one renderer: every command returns data; this prints it as text (rich) or as JSON.

Every command returns a result that follows `Result`: `exit_code`, `to_dict()` (the JSON
document) and `render(console)` (its own text view, next to the data in the command's module).
Errors have one JSON envelope everywhere: `{"error", "message", "hint", ...data}`. Strings that
come from the daemon or from lesson files are printed as `rich.text.Text`, never parsed as markup.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Any, Protocol

from tutor.errors import TutorError, error_envelope
from tutor.exitcodes import ExitCode
from tutor.model import LessonError
from tutor.ui.safe_text import json_dumps

DEBUG_HINT = "`docker-tutor --debug <명령> ...`처럼 명령 앞에 --debug를 붙이면 자세한 내용을 볼 수 있어요."


class Result(Protocol):
    """What every command's `run(args)` returns (see tutor/commands/*.py)."""

    @property
    def exit_code(self) -> int: ...

    def to_dict(self) -> dict[str, Any]: ...

    def render(self, console: Any) -> None: ...


def make_console(file=None, width: int | None = None, force_terminal: bool | None = None):
    from tutor.theme import THEME

    return _safe_console_class()(
        file=file,
        width=width,
        force_terminal=force_terminal,
        theme=THEME,
        no_color=bool(os.environ.get("NO_COLOR")),
        highlight=False,
        emoji=False,
        markup=True,  # only for our own constant strings; data goes through Text()
    )


_SAFE_CONSOLE = None


def _safe_console_class():
    """A rich Console that cleans every printed piece of text (tutor.ui.safe_text.safe) before
    it is styled: rich's own control segments (cursor, styles) pass, sequences hidden in data do
    not — whatever path printed it and whether or not that path called `safe()` itself."""
    global _SAFE_CONSOLE
    if _SAFE_CONSOLE is None:
        from rich.console import Console
        from rich.segment import Segment

        from tutor.ui.safe_text import safe

        class SafeConsole(Console):
            def _render_buffer(self, buffer):
                cleaned = (seg if seg.control else Segment(safe(seg.text, shown=""), seg.style, seg.control)
                           for seg in buffer)
                return super()._render_buffer(cleaned)

        _SAFE_CONSOLE = SafeConsole
    return _SAFE_CONSOLE


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
            sys.stdout.write(json_dumps(result.to_dict(), indent=2) + "\n")
        else:
            result.render(self.console)
        self.progress_notices()
        return int(result.exit_code)

    def progress_notices(self) -> None:
        """After any command: a progress file that was recovered or could not be saved is said
        in one Korean line on stderr (the result itself is shown as usual; JSON stays clean)."""
        progress = sys.modules.get("tutor.progress")  # never imported just for this
        if progress is None:
            return
        from tutor.ui.safe_text import safe_text

        for line in progress.take_notices():
            self.err_console.print(safe_text(line, "tutor.warn"))

    def note(self, message: str) -> None:
        from rich.text import Text

        self.err_console.print(Text(message))

    def error(self, exc: BaseException) -> int:
        from rich.text import Text

        if isinstance(exc, LessonError):
            exc = TutorError(f"레슨 파일에 문제가 있어요: {exc}", code="lesson_error")
        if isinstance(exc, TutorError):
            if self.json_mode:
                sys.stdout.write(json_dumps(exc.to_dict(), indent=2) + "\n")
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
            sys.stdout.write(json_dumps(error_envelope("internal", msg, DEBUG_HINT)) + "\n")
        else:
            self.err_console.print(Text(msg, style="tutor.fail"))
            self.err_console.print(Text(DEBUG_HINT, style="tutor.hint"))
        if self.debug:
            traceback.print_exception(exc)
        return ExitCode.INTERNAL  # (tracebacks only with --debug, for the guided UI too)
