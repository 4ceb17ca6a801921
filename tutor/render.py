"""The one renderer: every command returns data; this prints it as text (rich) or as JSON.

Results are objects with `exit_code`, `to_dict()` and a `view` name; the text view for a
result lives in `tutor.views.<view>` as `render(result, console)`. Strings that come from the
daemon or from lesson files are printed as `rich.text.Text`, never parsed as markup.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import traceback
from typing import Any

from tutor.errors import EXIT_INTERNAL, TutorError
from tutor.model import LessonError


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

    def show(self, result: Any) -> int:
        if self.json_mode:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            view = importlib.import_module(f"tutor.views.{result.view}")
            view.render(result, self.console)
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
            sys.stdout.write(json.dumps({"error": "internal", "message": msg}, ensure_ascii=False) + "\n")
        else:
            self.err_console.print(Text(msg, style="tutor.fail"))
            self.err_console.print(Text("`docker-tutor --debug <명령> ...`처럼 명령 앞에 --debug를 붙이면 자세한 내용을 볼 수 있어요.", style="tutor.hint"))
        if self.debug:
            traceback.print_exception(exc)
        return EXIT_INTERNAL
