"""The renderables of each page of the live lesson screen (intro, step, ending), then `compose`.

Split from the key handling so render tests can build a screen from a plain state object.
"""

from __future__ import annotations

from rich.console import Group
from rich.rule import Rule
from rich.text import Text

from tutor.ui import preferences as prefs
from tutor.ui import step_view as v
from tutor.ui.safe_text import safe_text

GAP = Text("")
WAITING = "● 지켜보는 중: 옆 터미널에서 명령을 실행하면 바로 확인해요"


def step_keys(screen) -> list[tuple[str, str]]:
    step, passed = screen.step, screen.passed()
    keys: list[tuple[str, str]] = []
    if passed:
        last = screen.index == len(screen.lesson.steps) - 1
        keys.append(("Enter", "레슨 마치기 ▶" if last else "다음 단계 ▶"))
    if step.kind == "quiz" and screen.choices and not passed:
        keys.append((f"1–{len(screen.choices)}", "보기 고르기"))
    typed = step.kind == "answer" or (step.kind == "quiz" and step.quiz is not None and not step.quiz.is_choice)
    if typed and not passed:
        keys.append(("a", "답 쓰기"))
    if step.kind != "quiz":
        keys += [("h", "힌트"), ("s", "정답")]
    if step.kind == "task" and not step.prepare.empty:
        keys.append(("p", "준비"))
    if not passed:
        keys.append(("n", "다음"))
    keys += [("b", "이전"), ("l", "목록"), ("m", "방식"), ("q", "종료")]
    if step.kind == "task" and not passed:
        keys.append(("Enter", "확인"))
    return keys


def live_line(screen):
    if screen.busy:
        return Text(screen.busy, style="tutor.dim")
    if screen.step.kind != "task" or screen.passed_now:
        return None
    if not screen.connected:
        return Text("⚠ ", style="tutor.warn") + safe_text(
            (screen.daemon_message or "Docker 데몬에 연결할 수 없어요.")
            + " 데몬이 돌아오면 다시 연결해서 이어서 확인할게요.", "tutor.warn")
    if screen.passed():
        return None
    return Text(WAITING, style="tutor.dim")


def step_page(screen):
    step = screen.step
    mode = prefs.MODE_LABEL[screen.prefs.practice_mode] if step.kind == "task" else ""
    if screen.class_note:
        mode = f"{mode} · {screen.class_note}" if mode else screen.class_note
    top_parts = [v.top_zone(screen.lesson, screen.index, step, commands=screen.commands(),
                            self_mode=screen.self_mode, passed=screen.passed(), mode_label=mode)]
    line = live_line(screen)
    if line is not None:
        top_parts.append(line)
    scroll: list = [safe_text("⚠ " + line, "tutor.warn") for line in getattr(screen, "notices", ())]
    verdict = screen.verdict_part()
    if verdict is not None:
        scroll.append(verdict)
    scroll.extend(screen.feedback)
    if scroll:
        scroll.append(GAP)
    if step.kind == "quiz" and step.quiz is not None:
        if step.body.strip():
            scroll.append(v.markdown(step.body))
        scroll.append(v.markdown(step.quiz.question))
        if screen.choices:
            scroll.append(v.choices_block(screen.choices, tried=screen.quiz_tried, chosen=screen.quiz_chosen))
    else:
        body = screen.body_markdown()
        if body.strip():
            scroll.append(v.markdown(body))
    return Group(*top_parts), Group(*scroll), step_keys(screen)


def intro_page(screen):
    lesson = screen.lesson
    top = Rule(safe_text(f"{screen.title_prefix}{lesson.id} {lesson.title}", single_line=True), style="tutor.title")
    scroll = Group(v.markdown(lesson.intro), GAP,
                   Text(f"단계 {len(lesson.steps)}개가 있어요. Enter를 누르면 첫 단계로 가요.", style="tutor.hint"))
    return top, scroll, [("Enter", "시작"), ("l", "목록"), ("m", "방식"), ("q", "종료")]


def done_page(screen):
    from tutor.ui.endings import ending

    top, scroll, keys = ending(screen)
    return top, scroll, keys


def compose_for(screen, width: int, height: int):
    page = {"intro": intro_page, "done": done_page}.get(screen.page, step_page)
    top, scroll, keys = page(screen)
    return v.compose(top, scroll, v.status_line(keys, note=screen.note), width, height, screen.offset)
