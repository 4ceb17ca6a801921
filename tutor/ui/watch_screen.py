"""The Live screen of `docker-tutor watch`: draws `WatchState`s that `WatchLoop` reports.

Order matters on short terminals: the verdict comes before the step text, so rich's vertical
ellipsis cuts the body, never the answer the learner is waiting for.
"""

from __future__ import annotations

import time
from typing import Any

from rich.console import Group
from rich.markdown import Markdown
from rich.rule import Rule
from rich.text import Text

from tutor import progress
from tutor.contexts import step_began
from tutor.ui.feedback import verdict_renderable
from tutor.ui.safe_text import lesson_markdown, safe, safe_text
from tutor.ui.watch import WatchLoop, WatchState


def _trigger_text(verdict) -> str:
    if verdict is None or verdict.trigger is None:
        return ""
    ev = verdict.trigger
    return f" · 계기: {ev.get('type', '')} {ev.get('action', '')} {ev.get('name') or str(ev.get('id', ''))[:12]}"


def watch_renderable(state: WatchState, total: int, lesson_title: str = ""):
    parts: list = []
    if state.just_passed is not None:
        parts.append(Text("✓ ", style="tutor.ok") + safe_text(state.just_passed.title, "tutor.ok")
                      + Text(" 통과했어요!", style="tutor.ok"))
        if state.just_passed.explain:
            parts.append(Markdown(lesson_markdown(state.just_passed.explain)))
    step = state.step
    if step is None:
        parts.append(Text(f"지켜보던 단계를 모두 통과했어요! ({len(state.passed)}단계)", style="tutor.ok"))
        return Group(*parts)
    head = f"watch · {lesson_title} · {state.index + 1}/{total} · {step.id}"
    parts.append(Rule(safe_text(head, single_line=True), style="tutor.dim"))
    parts.append(safe_text(step.title, "tutor.title"))
    if not state.connected:
        parts.append(Text("⚠ ", style="tutor.warn") + safe_text(state.message or "Docker 데몬에 연결할 수 없어요.", "tutor.warn"))
        parts.append(Text("진행 상황은 그대로예요. 데몬이 돌아오면 다시 연결해서 이어서 확인할게요.", style="tutor.dim"))
    elif state.verdict is not None:
        parts.append(verdict_renderable(state.verdict.result, step, show_explain=False))
        stamp = time.strftime("%H:%M:%S")
        parts.append(Text(f"마지막 확인 {stamp}{safe(_trigger_text(state.verdict), single_line=True)}",
                          style="tutor.dim"))
    else:
        parts.append(Text("확인하는 중…", style="tutor.dim"))
    parts.append(Text("다른 터미널에서 docker 명령을 입력하면 바로 다시 확인해요. Ctrl-C로 끝내요.", style="tutor.hint"))
    if step.body.strip():
        parts.append(Markdown(lesson_markdown(step.body)))
    return Group(*parts)


def run_watch(steps, console, services, *, lesson=None, interval: float | None = None):
    """Run the Live view until every step passed or Ctrl-C; returns the WatchOutcome.

    `steps` are the task steps to watch; `lesson` (optional) decides where "이어서 하기" points
    after a pass: the lesson's next step, even when that one is an answer or quiz step.
    """
    from rich.live import Live

    from tutor.daemon.events import stream

    total = len(steps)
    lesson_title = f"{lesson.id} {lesson.title}" if lesson is not None else ""
    order = [s.id for s in (lesson.steps if lesson is not None else steps)]

    def on_pass(step) -> None:
        progress.record_check(step.id, True)
        idx = order.index(step.id)
        if idx + 1 < len(order):
            progress.set_current(order[idx + 1])
            step_began(order[idx + 1])

    kwargs: dict[str, Any] = {} if interval is None else {"interval": interval}
    with Live(console=console, auto_refresh=False, transient=False) as live:
        loop = WatchLoop(
            steps,
            check=services.check,
            open_events=lambda: stream(),
            on_change=lambda s: live.update(watch_renderable(s, total, lesson_title), refresh=True),
            on_pass=on_pass,
            **kwargs,
        )
        if steps:
            step_began(steps[0].id)
            progress.set_current(steps[0].id)
        previous = _on_ctrl_c(loop.interrupt)
        try:
            return loop.run()
        finally:
            _restore(previous)


def _on_ctrl_c(handler):
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGINT, lambda signum, frame: handler())


def _restore(previous) -> None:
    import signal

    if previous is not None:
        signal.signal(signal.SIGINT, previous)
