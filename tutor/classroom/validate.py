"""What the class server accepts from the network: names, codes, events. Everything else is 400.

The server never trusts a learner's machine: sizes are capped, every field has a type and a
pattern, unknown fields are dropped. What passes is still escaped when it is shown (page.py).
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

MAX_BODY = 256 * 1024  # bytes per request
MAX_BATCH = 500  # events per request
EVENT_TYPES = ("began", "check", "answer", "quiz", "hint", "solution", "skip")

# Hangul, Latin letters, digits, spaces and . _ - (a class roster, not an identifier).
_NAME_RE = re.compile(r"^[0-9A-Za-z\u3131-\u318e\uac00-\ud7a3 ._-]{1,20}$")
_CODE_RE = re.compile(r"^[A-Za-z0-9-]{4,32}$")
_ID_RE = re.compile(r"^[A-Za-z0-9-]{8,64}$")
_STEP_RE = re.compile(r"^[A-Za-z0-9._-]{1,40}/[A-Za-z0-9._-]{1,60}$")
_PROBLEM_RE = re.compile(r"^[a-z0-9_]{1,30}(\.[a-z0-9_]{1,40}){0,3}$")
_VAR_RE = re.compile(r"^[a-z][a-z0-9_]{0,30}$")


class Invalid(ValueError):
    """Bad input from the network; the message is Korean and safe to return."""


def name(value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid("이름이 없어요.")
    text = " ".join(unicodedata.normalize("NFC", value).split())
    if not _NAME_RE.match(text):
        raise Invalid("이름은 한글, 영문, 숫자, 공백, . _ - 로 1~20자여야 해요.")
    return text


def code(value: Any) -> str:
    if not isinstance(value, str) or not _CODE_RE.match(value):
        raise Invalid("수업 코드 형식이 아니에요.")
    return value


def _text(value: Any, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid("글자가 와야 할 곳에 다른 값이 왔어요.")
    # Control characters (terminal escapes, NUL) never reach the store.
    return "".join(ch for ch in value if ch == " " or unicodedata.category(ch)[0] != "C")[:limit]


def event(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise Invalid("기록 형식이 아니에요.")
    ev_id, step, kind, at = raw.get("id"), raw.get("step"), raw.get("type"), raw.get("at")
    if not isinstance(ev_id, str) or not _ID_RE.match(ev_id):
        raise Invalid("기록 id가 이상해요.")
    if not isinstance(step, str) or not _STEP_RE.match(step):
        raise Invalid("단계 id가 이상해요.")
    if kind not in EVENT_TYPES:
        raise Invalid("기록 종류가 이상해요.")
    if isinstance(at, bool) or not isinstance(at, (int, float)) or not math.isfinite(at) or at <= 0:
        raise Invalid("기록 시각이 이상해요.")
    out: dict[str, Any] = {"id": ev_id, "step": step, "type": kind, "at": float(at)}
    if raw.get("passed") is not None:
        if not isinstance(raw["passed"], bool):
            raise Invalid("결과는 참/거짓이어야 해요.")
        out["passed"] = raw["passed"]
    problems = raw.get("problems") or []
    if not isinstance(problems, list) or len(problems) > 10:
        raise Invalid("문제 목록이 이상해요.")
    out["problems"] = []
    for p in problems:
        if not isinstance(p, dict) or not isinstance(p.get("code"), str) or not _PROBLEM_RE.match(p["code"]):
            raise Invalid("문제 코드가 이상해요.")
        out["problems"].append({"code": p["code"], "message": _text(p.get("message"), 300)})
    if raw.get("text") is not None:
        out["text"] = _text(raw["text"], 200)
    variables = raw.get("vars") or {}
    if not isinstance(variables, dict) or len(variables) > 12:
        raise Invalid("값 목록이 이상해요.")
    out["vars"] = {}
    for k, v in variables.items():
        if not isinstance(k, str) or not _VAR_RE.match(k):
            raise Invalid("값 이름이 이상해요.")
        out["vars"][k] = _text(str(v), 60)
    facts = raw.get("facts") or {}
    if not isinstance(facts, dict) or len(facts) > 20:
        raise Invalid("근거 형식이 이상해요.")
    # Evidence (ids and facts checked): kept as short strings, only for the timeline.
    out["facts"] = {_text(str(k), 40): _text(str(v), 120) for k, v in facts.items()}
    return out
