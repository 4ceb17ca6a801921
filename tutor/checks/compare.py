"""Does the learner's text mean one of the accepted values? Lenient about how, strict about what.

- `text` / `one_of`: case, surrounding quotes and all whitespace ignored.
- `number`: `3`, `3.0`, `1,024`, `3개` are numbers; compared by value.
- `id_prefix`: a prefix of >= 12 hex characters (a `sha256:` in front is fine).
- `size`: `1.99MB` = `1.99 MB` = `1.99mb`; `kB`/`KB`/`MB` may be decimal (Docker's way) or
  binary, `KiB`/`MiB` are binary. The learner's value counts when it is the accepted size
  rounded to the digits the learner wrote (Docker prints three significant digits).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

COMPARE_KINDS = ("text", "number", "id_prefix", "size", "one_of")

MIN_ID_PREFIX = 12

_QUOTES = "\"'`“”‘’"
_NUMBER = re.compile(r"([+-]?\d+(?:\.\d+)?)\s*(?:개)?\Z")
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]*)\Z")
_HEX = re.compile(r"[0-9a-f]+\Z")

_K, _KI = Decimal(1000), Decimal(1024)
# unit (lower case) → the multipliers it may mean
_UNITS: dict[str, tuple[Decimal, ...]] = {"": (Decimal(1),), "b": (Decimal(1),)}
for _power, _letter in enumerate("kmgtp", start=1):
    _UNITS[_letter] = _UNITS[_letter + "b"] = (_K**_power, _KI**_power)
    _UNITS[_letter + "ib"] = (_KI**_power,)


def normalize_text(value: str) -> str:
    value = value.strip().strip(_QUOTES)
    return "".join(value.split()).casefold()


def parse_number(value: str) -> Decimal | None:
    m = _NUMBER.match(value.strip().replace(",", ""))
    if not m:
        return None
    try:
        return Decimal(m.group(1))
    except InvalidOperation:
        return None


def normalize_id(value: str) -> str:
    value = normalize_text(value)
    return value[len("sha256:") :] if value.startswith("sha256:") else value


def parse_size(value: str) -> list[tuple[Decimal, Decimal]]:
    """Every (bytes, half of the last written digit in bytes) the text may mean; [] if not a size."""
    m = _SIZE.match(normalize_text(value).replace(",", ""))
    if not m or m.group(2) not in _UNITS:
        return []
    number = Decimal(m.group(1))
    exponent = number.as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0) / 2
    return [(number * mult, step * mult) for mult in _UNITS[m.group(2)]]


def _same_size(given: str, expected: str) -> bool:
    for g, g_tol in parse_size(given):
        for e, e_tol in parse_size(expected):
            # Only the unit-less side is exact; a written size is as exact as its digits.
            if abs(g - e) <= g_tol + (e_tol if not _plain_bytes(expected) else 0):
                return True
    return False


def _plain_bytes(value: str) -> bool:
    return bool(re.fullmatch(r"\s*\d+\s*[bB]?\s*", value))


def _one(kind: str, given: str, expected: str) -> bool:
    if kind in ("text", "one_of"):
        return normalize_text(given) == normalize_text(expected) != ""
    if kind == "number":
        g, e = parse_number(given), parse_number(expected)
        return g is not None and e is not None and g == e
    if kind == "id_prefix":
        gid, eid = normalize_id(given), normalize_id(expected)
        return len(gid) >= MIN_ID_PREFIX and bool(_HEX.match(gid)) and eid.startswith(gid)
    if kind == "size":
        return _same_size(given, expected)
    raise ValueError(f"unknown compare kind {kind!r}")


def compare(kind: str, given: str, expected_values: Iterable[str]) -> bool:
    """True when `given` means one of `expected_values` under `kind` (see the module doc)."""
    if kind not in COMPARE_KINDS:
        raise ValueError(f"unknown compare kind {kind!r}")
    return any(_one(kind, given, str(e)) for e in expected_values)
