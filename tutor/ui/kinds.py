"""Korean labels for step kinds, shared by the step screen, watch and lists."""

from __future__ import annotations

KIND_LABEL = {"task": "실습", "answer": "답 쓰기", "quiz": "퀴즈"}


def kind_label(kind: str) -> str:
    return KIND_LABEL.get(kind, kind)
