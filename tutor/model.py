"""The course as data: frozen dataclasses for lessons, steps and check results.

Fixed content (this module) and runtime progress (`tutor.progress`) are separate types, as in
rustlings. Nothing here imports docker, rich or questionary: every layer may import the model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

StepKind = Literal["task", "answer", "quiz"]
# The step kinds and what the learner calls them (list, grade, the guided UI all show these).
STEP_KIND_LABELS: Mapping[str, str] = {"task": "실습", "answer": "답 쓰기", "quiz": "퀴즈"}
STEP_KINDS: tuple[str, ...] = tuple(STEP_KIND_LABELS)
# The kinds of daemon resource the tutor prepares, reports and resets, and their Korean names.
RESOURCE_KINDS: Mapping[str, str] = {"container": "컨테이너", "network": "네트워크", "image": "이미지",
                                     "tag": "이미지 태그"}

# The lesson format this code understands; a lesson declaring a newer one is refused.
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Source:
    """Where a piece of a lesson came from, for `LessonError` messages (1-based line)."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Hint:
    text: str  # Markdown


@dataclass(frozen=True)
class WrongVariant:
    """A known mistake for the self-test: these commands must make the check fail with `code`."""

    commands: tuple[str, ...]
    code: str
    source: Source | None = None


@dataclass(frozen=True)
class CheckSpec:
    """A validated check block: `kind` names a function of the closed vocabulary (tutor.checks)."""

    kind: str
    params: Mapping[str, Any]
    source: Source | None = None


@dataclass(frozen=True)
class AnswerSpec:
    """How an answer step reads the right value live and compares the learner's text."""

    source: str  # a name from the closed answer vocabulary (tutor.checks.answers)
    params: Mapping[str, Any]
    compare: str = "text"  # text | number | id_prefix | size | one_of
    location: Source | None = None


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool
    why: str  # explanation shown after answering, for every choice


@dataclass(frozen=True)
class Quiz:
    question: str
    choices: tuple[Choice, ...] = ()
    # Short-answer quizzes: accepted answers (compared case- and space-insensitively).
    accept: tuple[str, ...] = ()
    explain: str = ""

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)


@dataclass(frozen=True)
class Preparation:
    """Declarative description of the state a step starts from (never code).

    Each entry is a plain mapping validated by the schema; `tutor.daemon.actions` turns it into
    labelled resources.
    """

    containers: tuple[Mapping[str, Any], ...] = ()
    networks: tuple[Mapping[str, Any], ...] = ()
    images: tuple[Mapping[str, Any], ...] = ()
    files: tuple[Mapping[str, Any], ...] = ()
    absent_containers: tuple[str, ...] = ()
    absent_images: tuple[str, ...] = ()
    absent_networks: tuple[str, ...] = ()
    dangling_images: int = 0
    login: tuple[str, ...] = ()  # registries to log in to (practice registry only)
    logout: tuple[str, ...] = ()  # registries to log out of

    @property
    def empty(self) -> bool:
        return self == Preparation()


@dataclass(frozen=True)
class Step:
    id: str  # full id "<lesson id>/<slug>", e.g. "4.2/run-port"
    slug: str
    kind: StepKind
    title: str
    body: str  # the step's Markdown, without the machine-readable blocks
    check: CheckSpec | None = None  # task steps
    answer: AnswerSpec | None = None  # answer steps
    quiz: Quiz | None = None  # quiz steps
    solution: tuple[str, ...] = ()  # docker CLI commands, placeholders like {user} allowed
    prepare: Preparation = field(default_factory=Preparation)
    hints: tuple[Hint, ...] = ()  # graded: nudge -> the flag -> the full command
    explain: str = ""  # "what just happened", shown after success
    wrong: tuple[WrongVariant, ...] = ()
    source: Source | None = None
    # Markdown shown only when `begin` made or changed something of the start state
    # (the ```prepared block): lesson text never claims a state the tutor did not make.
    prepared_note: str = ""

    @property
    def lesson_id(self) -> str:
        return self.id.rsplit("/", 1)[0]


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    chapter: int
    format_version: int
    intro: str  # Markdown before the first step
    steps: tuple[Step, ...]
    path: str = ""
    # How `grade` counts a step passed earlier: "recorded" keeps the pass recorded at that moment
    # (with its evidence); "live" requires the state now (an exercise asking for a final state).
    grade: str = "recorded"
    # Per-learner exercise values declared in the front matter (tutor.lessonfile.variables.Variable).
    variables: tuple[Any, ...] = ()

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id or s.slug == step_id), None)


class LessonError(Exception):
    """A lesson file is malformed. Always carries the file and line of the problem."""

    def __init__(self, message: str, source: Source | None = None):
        self.message = message
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One difference between what the step asks and what the daemon shows.

    `code` is stable (tests, wrong variants and reports rely on it); `message` is Korean and
    names both values and the next thing to do. `expected`/`found` are plain strings (or None)
    taken from the daemon: data, never markup.
    """

    code: str
    message: str
    expected: str | None = None
    found: str | None = None
    # Commands the message suggests, in order, when a retry alone would fail the same way
    # (`docker container rm -f webp`, then the run line): typed by the journey self-test.
    fix: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "expected": self.expected, "found": self.found,
                "fix": list(self.fix)}


@dataclass(frozen=True)
class CheckResult:
    step: str
    kind: StepKind
    passed: bool
    problems: tuple[Problem, ...] = ()
    # "checked": a real verdict; "not_checked": answer/quiz step in --lesson mode;
    # "internal_error": the check itself crashed: never the learner's fault.
    status: Literal["checked", "not_checked", "internal_error"] = "checked"
    detail: str = ""  # internal error text or why it was not checked

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "kind": self.kind,
            "passed": self.passed,
            "status": self.status,
            "problems": [p.to_dict() for p in self.problems],
            **({"detail": self.detail} if self.detail else {}),
        }
