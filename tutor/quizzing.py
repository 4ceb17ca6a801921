"""Self-check quizzes drawn from the course: quiz steps plus answer steps read from the daemon.

Pure logic: build the question list (shuffled reproducibly with a seed), judge one answer, and
summarise. Choice order is per learner and per attempt (`choice_seed`): the right answer is
first only by chance, and the guided UI and `quiz` shuffle the same way. Prompts live in
`tutor.ui.quiz_flow`; the command in `tutor.commands.quiz`.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tutor.model import Choice, Step

# A leading verdict word in an explanation that the screen already shows as ✓/✗.
_VERDICT_WORD = re.compile(r"^\s*(맞아요|정답이에요|틀렸어요|아쉬워요)\s*[!.。,]*\s*")


def strip_verdict_word(text: str) -> str:
    """"맞아요. 그래서…" → "그래서…": the screen already said ✓ 맞아요 / ✗ 아쉬워요."""
    if not text:
        return text
    stripped = _VERDICT_WORD.sub("", text, count=1)
    return stripped if stripped.strip() else text


@dataclass(frozen=True)
class Question:
    step: Step
    choices: tuple[Choice, ...]  # shuffled display order; empty for short-answer/answer steps

    @property
    def id(self) -> str:
        return self.step.id

    @property
    def prompt(self) -> str:
        if self.step.kind == "quiz" and self.step.quiz is not None:
            return self.step.quiz.question
        return self.step.title


@dataclass(frozen=True)
class Outcome:
    question: str  # step id
    lesson: str
    given: str
    correct: bool
    explanation: str  # why (choice) or where to look (answer step)
    right_answer: str = ""  # shown in the review (never a live value for answer steps)

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.question, "lesson": self.lesson, "given": self.given,
                "correct": self.correct, "explanation": self.explanation, "right_answer": self.right_answer}


def choice_seed(learner: str, step_id: str, attempt: int) -> int:
    """A stable seed from who answers, which question and which attempt (not Python's hash())."""
    digest = hashlib.sha256(f"{learner}|{step_id}|{attempt}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def shuffled_choices(choices: Sequence[Choice], seed: int) -> tuple[Choice, ...]:
    out = list(choices)
    random.Random(seed).shuffle(out)
    return tuple(out)


def build_questions(steps: Iterable[Step], count: int | None = None, seed: int | None = None,
                    with_answer_steps: bool = True, *, learner: str = "",
                    attempts: dict[str, int] | None = None) -> list[Question]:
    """Questions in a shuffled order. `seed` fixes everything (same seed, same quiz); without it
    the choices are shuffled per `learner` and per attempt number (`attempts[step id]`)."""
    rng = random.Random(seed)
    attempts = attempts or {}
    pool = [s for s in steps if s.kind == "quiz" or (with_answer_steps and s.kind == "answer")]
    rng.shuffle(pool)
    if count is not None:
        pool = pool[: max(count, 0)]
    out = []
    for step in pool:
        choices: tuple[Choice, ...] = ()
        if step.kind == "quiz" and step.quiz is not None and step.quiz.choices:
            key = (f"seed:{seed}", 0) if seed is not None else (learner, attempts.get(step.id, 0))
            choices = shuffled_choices(step.quiz.choices, choice_seed(key[0], step.id, key[1]))
        out.append(Question(step, choices))
    return out


def _norm(text: str) -> str:
    """NFC (a composed and a decomposed 한글 are the same), case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def short_answer_ok(given: str, accept: Sequence[str]) -> bool:
    """The one judge of a short-answer quiz (guided UI and `quiz` alike)."""
    return _norm(given) in {_norm(a) for a in accept}


def pick_choice(question: Question, given: Any) -> Choice | None:
    """A choice by its 1-based display number or by its text (case/space-insensitive)."""
    if isinstance(given, bool):
        return None
    if isinstance(given, int) or (isinstance(given, str) and given.strip().isdigit()):
        index = int(given) - 1
        return question.choices[index] if 0 <= index < len(question.choices) else None
    wanted = _norm(str(given))
    return next((c for c in question.choices if _norm(c.text) == wanted), None)


def judge(question: Question, given: Any, view=None) -> Outcome:
    step = question.step
    if question.choices:
        choice = pick_choice(question, given)
        right = next((c for c in question.choices if c.correct), None)
        if choice is None:
            return Outcome(step.id, step.lesson_id, str(given), False, "선택지에 없는 답이에요.",
                           right.text if right else "")
        return Outcome(step.id, step.lesson_id, choice.text, choice.correct, strip_verdict_word(choice.why),
                       right.text if right else "")
    if step.kind == "quiz" and step.quiz is not None:  # short answer
        ok = short_answer_ok(str(given), step.quiz.accept)
        return Outcome(step.id, step.lesson_id, str(given), ok, strip_verdict_word(step.quiz.explain),
                       step.quiz.accept[0] if step.quiz.accept else "")
    # An answer step: compared with the value read live from this learner's daemon.
    from tutor.checks import engine
    from tutor.contexts import context_for

    result = engine.check_answer(step, view, str(given), context_for(step.id))
    where = "\n".join(p.message for p in result.problems) if not result.passed else (step.explain or "")
    return Outcome(step.id, step.lesson_id, str(given), result.passed, where)


def breakdown(outcomes: Sequence[Outcome]) -> dict[str, dict[str, int]]:
    per: dict[str, dict[str, int]] = {}
    for o in outcomes:
        row = per.setdefault(o.lesson, {"correct": 0, "total": 0})
        row["total"] += 1
        row["correct"] += int(o.correct)
    return per
