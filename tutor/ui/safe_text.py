"""The one sanitiser for untrusted text (lesson files, daemon data) on every output path.

A lesson title, a TOML value, a container's env or a network name can carry terminal control
sequences (`ESC ] 52 ; c ; …` writes the clipboard, `ESC ] 0 ; …` the window title, `ESC [ 2J`
clears the screen). Each output gets the form it needs:
- terminal: `safe()` replaces each whole ESC/CSI/OSC sequence (7-bit or C1) with a visible `␛`
  and drops the other C0/C1 controls (keeping newline and tab); rich `Text` keeps `[bold]`
  literal. Every console of the tutor also cleans what it prints (`SafeConsole`), so a path that
  forgot `safe()` still cannot reach the terminal with a sequence;
- JSON: `json_dumps()` keeps every string exact; C1 controls, which `json.dumps` leaves raw with
  `ensure_ascii=False`, are written as `\\u009b` too, so a terminal showing the JSON sees none;
- XML (junit): `xml_safe()` also removes characters XML 1.0 cannot hold (ElementTree escapes the
  rest); CSV: `csv_safe()` strips controls and defuses spreadsheet formulas (`=`, `+`, `@`);
- long values in feedback: `shorten()` keeps the start and says in Korean how much was left out.
"""

from __future__ import annotations

import json
import re
from typing import Any

# A whole control sequence: CSI (ESC [ or C1 0x9b) params + final byte; OSC/DCS/APC/PM/SOS
# (ESC ] P _ ^ X or their C1 forms) with their payload up to BEL or ST (without a terminator,
# e.g. after rich dropped the BEL, only the introducer: the rest is then plain text); any other
# two-byte ESC sequence.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P_^X]|[\x9d\x90\x9f\x9e\x98])(?:[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c))?"
    r"|\x1b[ -/]*[0-~]?"
)
# C0 controls except \t and \n, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C1 = re.compile(r"[\x80-\x9f]")
# Not allowed anywhere in an XML 1.0 document (even escaped).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
ESC_SHOWN = "␛"


def safe(value: object, *, single_line: bool = False, shown: str = ESC_SHOWN) -> str:
    """Terminal-safe text: sequences become `shown` (default `␛`), other controls vanish."""
    text = "" if value is None else str(value)
    if single_line:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    text = _SEQUENCE.sub(shown, text)
    return _CONTROL.sub("", text.replace("\r", ""))


def json_dumps(data: Any, **kwargs: Any) -> str:
    """`json.dumps(ensure_ascii=False)` whose output holds no raw control character; the
    strings decode back exactly as they were."""
    text = json.dumps(data, ensure_ascii=False, **kwargs)
    return _C1.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def xml_safe(value: object) -> str:
    """For an XML attribute or text node: terminal sequences and XML-invalid characters removed."""
    return _XML_INVALID.sub("", safe(value, shown=""))


def csv_safe(value: object) -> str:
    """For a CSV cell: no control sequences, and a leading `=`/`+`/`@` cannot start a formula."""
    text = safe(value, shown="")
    return "'" + text if text[:1] in ("=", "+", "@") else text


SHORT_LIMIT = 300  # characters of an untrusted value shown in feedback before it is cut


def shorten(value: object, limit: int = SHORT_LIMIT) -> str:
    """A long untrusted value (a 20,000-character container command) cut with a Korean note
    of how much was left out, so one value never fills the learner's screen."""
    text = "" if value is None else str(value)
    if len(text) <= limit:
        return text
    return text[:limit] + f" … ({korean_count(len(text) - limit)} 자 생략)"


def korean_count(n: int) -> str:
    """19700 → "1만 9천 7백", 250 → "250": how a Korean reader says a large count."""
    if n < 1000:
        return str(n)
    parts = []
    man, rest = divmod(n, 10000)
    if man:
        parts.append(f"{man}만")
    for unit, name in ((1000, "천"), (100, "백")):
        digit, rest = divmod(rest, unit)
        if digit:
            parts.append(f"{digit}{name}")
    if rest:
        parts.append(str(rest))
    return " ".join(parts)


def safe_text(value: object, style: str = "", *, single_line: bool = False):
    from rich.text import Text

    return Text(safe(value, single_line=single_line), style=style)


def lesson_markdown(markdown: str) -> str:
    """Lesson Markdown as this learner should read it: `{user}`, `{registry}`, `{workdir}` …
    filled in with their real values (the commands in a step must be copy-pastable), then made
    safe. When the values cannot be read, the placeholders stay visible rather than vanish."""
    try:
        from tutor.lessonfile.placeholders import current, substitute

        markdown = substitute(markdown, current())
    except Exception:  # noqa: BLE001 - a missing lab state must not hide the lesson text
        pass
    return safe(markdown)


def prompt_text(markdown: str) -> str:
    """Lesson text for a prompt line (a quiz question or choice), which cannot show Markdown:
    placeholders filled in, inline-code backticks dropped, one line, safe."""
    return safe(lesson_markdown(markdown).replace("`", ""), single_line=True)
