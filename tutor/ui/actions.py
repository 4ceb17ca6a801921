"""Everything a learner can do on a step screen, as ONE enum (like rustlings' InputEvent).

The menu (`menu_for`) only turns a step and its progress into a list of (label, Action);
`tutor.ui.screens.StepSession.handle` is the one place that decides what each action does.
"""

from __future__ import annotations

from enum import Enum

from tutor.ui.prompts import Option

# After this many failed checks in a row the tutor offers a hint by itself (githug does every 3rd).
HINT_OFFER_AFTER = 3


class Action(Enum):
    CHECK = "check"  # task: read the daemon and judge
    ANSWER = "answer"  # answer/quiz: type the value or pick a choice
    HINT = "hint"  # next graded hint
    SOLUTION = "solution"  # show the solution commands (recorded)
    PREPARE = "prepare"  # build the step's starting state
    SKIP = "skip"
    PREV = "prev"
    NEXT = "next"
    LIST = "list"  # back to the lesson picker
    QUIT = "quit"


LABELS: dict[Action, str] = {
    Action.CHECK: "확인: 지금 데몬 상태를 확인해요",
    Action.ANSWER: "답하기",
    Action.HINT: "힌트",
    Action.SOLUTION: "정답 보기 (기록에 남아요)",
    Action.PREPARE: "준비해 주기: 이 단계의 시작 상태를 만들어요",
    Action.SKIP: "건너뛰기",
    Action.PREV: "이전 단계",
    Action.NEXT: "다음 단계",
    Action.LIST: "목록으로",
    Action.QUIT: "종료",
}


def menu_for(step, *, first: bool, last: bool, passed: bool, hints_left: bool) -> list[Option]:
    """The actions that make sense for this step, in the order a learner needs them."""
    opts: list[Option] = []
    if passed:
        opts.append(Option("다음 단계로 ▶" if not last else "레슨 마치기 ▶", Action.NEXT))
    if step.kind == "task":
        opts.append(Option(LABELS[Action.CHECK], Action.CHECK))
    else:
        opts.append(Option("답하기: 답을 적어요" if step.kind == "answer" else "풀기: 보기를 골라요", Action.ANSWER))
    if step.kind != "quiz":
        opts.append(Option(LABELS[Action.HINT] if hints_left else "힌트 (마지막 힌트를 다시 봐요)", Action.HINT))
        if step.solution:
            opts.append(Option(LABELS[Action.SOLUTION], Action.SOLUTION))
        if not step.prepare.empty:
            opts.append(Option(LABELS[Action.PREPARE], Action.PREPARE))
    if not passed:
        opts.append(Option(LABELS[Action.SKIP], Action.SKIP))
    opts.append(Option(LABELS[Action.PREV], Action.PREV, disabled="처음 단계예요" if first else None))
    if not passed:
        opts.append(Option(LABELS[Action.NEXT] if not last else "레슨 마치기", Action.NEXT))
    opts.append(Option(LABELS[Action.LIST], Action.LIST))
    opts.append(Option(LABELS[Action.QUIT], Action.QUIT))
    return opts


def default_action(step, passed: bool) -> Action:
    if passed:
        return Action.NEXT
    return Action.CHECK if step.kind == "task" else Action.ANSWER


def should_offer_hint(failed_checks: int) -> bool:
    return failed_checks > 0 and failed_checks % HINT_OFFER_AFTER == 0
