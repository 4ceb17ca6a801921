"""A lesson on screen: the live lesson screen (tutor/ui/live_screen.py) behind one call.

`run_lesson` is what the guided UI and `watch` both use, so a step has the same number, the
same keys and the same live verdict wherever it is shown. `input`/`output` are prompt_toolkit
objects (tests pass a pipe input and `DummyOutput()`).
"""

from __future__ import annotations


def run_lesson(lesson, index, services, *, course=None, prefs=None, input=None, output=None,
               show_intro: bool = True, interval: float | None = None, lesson_file: str | None = None,
               on_green=None, title_prefix: str = "") -> str:
    """Show `lesson` from step `index`; returns "quit", "list" or "next" (the learner finished it)."""
    from tutor.ui.live_screen import LessonScreen

    if not lesson.steps:
        return "list"
    kwargs = {} if interval is None else {"interval": interval}
    screen = LessonScreen(lesson, index, services, prefs=prefs, input=input, output=output,
                          show_intro=show_intro, course=course, lesson_file=lesson_file, on_green=on_green,
                          title_prefix=title_prefix, **kwargs)
    return screen.run()
