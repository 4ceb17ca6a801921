"""Korean wording for argparse's own messages ("usage:", errors, the help option).

argparse looks its strings up through module-level `_`/`ngettext` at call time, so replacing
them translates usage lines, section titles and error messages without forking argparse.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from gettext import gettext as _english
from gettext import ngettext as _english_n
from typing import NoReturn

KOREAN = {
    "usage: ": "사용법: ",
    "positional arguments": "위치 인자",
    "options": "옵션",
    "optional arguments": "옵션",
    "show this help message and exit": "이 도움말을 보여 주고 끝내요",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 오류: %(message)s\n",
    "unrecognized arguments: %s": "알 수 없는 인자예요: %s",
    "the following arguments are required: %s": "다음 인자가 필요해요: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "선택지에 없는 값이에요: %(value)r (가능한 값: %(choices)s)",
    "invalid %(type)s value: %(value)r": "올바른 %(type)s 값이 아니에요: %(value)r",
    "expected one argument": "값이 하나 필요해요",
    "expected at least one argument": "값이 하나 이상 필요해요",
    "expected at most one argument": "값은 하나까지만 줄 수 있어요",
    "argument %(argument_name)s: %(message)s": "인자 %(argument_name)s: %(message)s",
    "not allowed with argument %s": "%s 인자와 함께 쓸 수 없어요",
    "one of the arguments %s is required": "%s 중 하나가 필요해요",
    "ambiguous option: %(option)s could match %(matches)s": "옵션 %(option)s: 여러 옵션(%(matches)s)과 헷갈려요",
    "ignored explicit argument %r": "%r 값은 무시했어요",
}


def _ko(message: str) -> str:
    return KOREAN.get(message, _english(message))


def _ko_n(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "값이 %s개 필요해요"
    return _english_n(singular, plural, n)


def install() -> None:
    argparse._ = _ko  # type: ignore[attr-defined]
    argparse.ngettext = _ko_n  # type: ignore[attr-defined]


def _cells(text: str) -> int:
    # Terminal cells: Hangul and other wide characters take two (stdlib only: --help stays light).
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class CellWidthFormatter(argparse.RawDescriptionHelpFormatter):
    """Wraps option help by terminal cells, not characters, so Korean help fits the terminal."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        lines: list[str] = []
        current = ""
        for word in text.split():
            candidate = f"{current} {word}" if current else word
            if current and _cells(candidate) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        return lines + [current] if current else lines or [""]

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        # Keep the hand-made line breaks of descriptions, but still wrap a line too wide for a
        # narrow terminal.
        out: list[str] = []
        for line in text.splitlines():
            out.extend(indent + part for part in (self._split_lines(line, width) if line.strip() else [""]))
        return "\n".join(out)

    def _format_usage(self, usage, actions, groups, prefix):
        # "사용법: " counts 5 characters for argparse but takes 8 cells: wrap 3 cells earlier.
        self._width -= 3
        try:
            return super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width += 3


class KoreanParser(argparse.ArgumentParser):
    """ArgumentParser whose errors exit with our "bad input" code (2) in Korean."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", CellWidthFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 오류: {message}\n`{self.prog.split()[0]} --help` 명령으로 사용법을 볼 수 있어요.\n")
