"""The lesson-complete and course-complete pages: what was learned, time taken, what next.

The cleanup offer comes from the journey work (`tutor.ui.journey_seam.leftovers`): when it is
available the page offers `c` (list what the lesson left running) and then `y` (remove those,
named one by one); nothing is removed without that second key.
"""

from __future__ import annotations

from datetime import datetime, timezone

from rich.console import Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from tutor import progress
from tutor.ui.safe_text import safe_text

GAP = Text("")


def duration_text(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 1:
        return "1분이 채 안 걸렸어요"
    hours, minutes = divmod(minutes, 60)
    return (f"{hours}시간 {minutes}분" if hours else f"{minutes}분") + " 걸렸어요"


def _time_taken(lesson, state) -> str | None:
    began = [t for s in lesson.steps if (t := progress._parse(state.step(s.id).began_at)) is not None]
    ended = [t for s in lesson.steps if (t := progress._parse(state.step(s.id).passed_at)) is not None]
    if not began:
        return None
    end = max(ended) if ended else datetime.now(timezone.utc)
    return duration_text(max(0.0, (end - min(began)).total_seconds()))


def _bullets(rows) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for mark, text, style in rows:
        grid.add_row(Text(mark, style=style), text)
    return grid


def _next_lesson(screen):
    course = screen.course
    if course is None:
        return None
    lessons = list(course.lessons)
    i = next((i for i, les in enumerate(lessons) if les.id == screen.lesson.id), None)
    if i is None:
        return None
    return next((les for les in lessons[i + 1:] if les.steps), None)


def course_done(course, state) -> bool:
    return course is not None and all(state.passed(s.id) for les in course.lessons for s in les.steps)


def ending(screen):
    lesson, state = screen.lesson, progress.load()
    passed = [s for s in lesson.steps if state.passed(s.id)]
    all_done = len(passed) == len(lesson.steps)
    whole = course_done(screen.course, state)
    title = "코스를 모두 마쳤어요! 수고했어요." if whole else f"레슨 {lesson.id} 끝!"
    top = Group(Rule(safe_text(f"{lesson.id} {lesson.title}", single_line=True), style="tutor.dim"),
                Text(title, style="tutor.ok" if all_done else "tutor.title"))
    parts: list = [Text(f"{len(lesson.steps)}단계 중 {len(passed)}단계를 통과했어요."
                        + (f" {taken}." if (taken := _time_taken(lesson, state)) else ""),
                        style="tutor.ok" if all_done else "")]
    parts += [GAP, Text("이번 레슨에서 해 본 것", style="tutor.title"),
              _bullets([("✓" if state.passed(s.id) else "·", safe_text(s.title),
                         "tutor.ok" if state.passed(s.id) else "tutor.dim") for s in lesson.steps])]
    missed = [s for s in lesson.steps if not state.passed(s.id)]
    if missed:
        parts.append(Text(f"아직 {len(missed)}단계가 남았어요. b로 돌아가거나 목록(l)에서 다시 열 수 있어요.",
                          style="tutor.hint"))
    nxt = None if whole else _next_lesson(screen)
    parts += [GAP, Text("다음에 할 것", style="tutor.title"), _bullets(_next_rows(lesson, nxt, whole))]
    if screen.cleanup_items:
        parts += [GAP, Text("이 레슨이 남긴 것 (y를 누르면 아래 항목만 지워요)", style="tutor.title"),
                  _bullets([("•", safe_text(i.message), "tutor.warn") for i in screen.cleanup_items])]
    keys = [("Enter", f"다음 레슨 {nxt.id}" if nxt else "목록으로")]
    keys.append(("c", "남은 것 정리"))
    if screen.cleanup_items:
        keys.append(("y", "지우기"))
    keys += [("b", "이전"), ("l", "목록"), ("q", "종료")]
    return top, Group(*parts), keys


def _next_rows(lesson, nxt, whole):
    rows = [("•", Text("퀴즈로 복습하기: ") + safe_text(f"docker-tutor quiz --lesson {lesson.id}", "tutor.cmd"), "")]
    rows.append(("•", Text("연습: m으로 '스스로 해 보기'로 바꾸고 명령을 보지 않고 다시 해 보기"), ""))
    rows.append(("•", Text("채점해 보기: ") + safe_text(f"docker-tutor grade --lesson {lesson.id}", "tutor.cmd"), ""))
    if getattr(lesson, "variables", None) and lesson.steps:  # an exercise with values drawn per learner
        rows.append(("•", Text("다시 연습(새 값으로): ")
                     + safe_text(f"docker-tutor --file 연습파일.md begin {lesson.steps[0].id} --redraw", "tutor.cmd"), ""))
    if whole:
        rows.append(("•", Text("코스 전체 퀴즈: ") + safe_text("docker-tutor quiz", "tutor.cmd"), ""))
    elif nxt is not None:
        rows.append(("•", Text("다음 레슨: ") + safe_text(f"{nxt.id} {nxt.title}"), ""))
    return rows
