"""What the guided UI needs from the layers below, behind one object (tests pass a fake one).

The real implementation imports the engine, the daemon view and the prepare command lazily:
`tutor.ui` never imports docker itself; the daemon layer does that.
"""

from __future__ import annotations


class Services:
    def __init__(self, lesson_file: str | None = None):
        self.lesson_file = lesson_file
        self._view = None

    # The daemon view is opened on first use and reopened after a connection problem.
    def view(self):
        if self._view is None:
            from tutor.daemon.view import open_view

            self._view = open_view()
        return self._view

    def _with_view(self, fn):
        from tutor.errors import DaemonUnreachable

        try:
            return fn(self.view())
        except DaemonUnreachable:
            self._view = None
            raise

    def check(self, step):
        from tutor.checks.engine import run_check
        from tutor.contexts import context_for

        return self._with_view(lambda view: run_check(step, view, context_for(step.id)))

    def answer(self, step, text: str):
        from tutor.checks.engine import check_answer
        from tutor.contexts import context_for

        return self._with_view(lambda view: check_answer(step, view, text, context_for(step.id)))

    def solution_lines(self, step) -> list[str]:
        lines = list(step.solution)
        try:
            from tutor.lessonfile.placeholders import current, substitute

            lines = list(substitute(lines, current()))
        except Exception:  # noqa: BLE001 - showing the raw {user} beats showing nothing
            pass
        return [line[2:] if line.startswith("$ ") else line for line in lines]

    def prepare(self, step, console) -> None:
        """Run `prepare` for this step and show its result the way the command does; the command
        records the step's start (tutor.contexts.step_began)."""
        from tutor.commands.prepare import prepare_step

        result = prepare_step(step.id, self.lesson_file)
        result.render(console)

    def daemon_status(self):
        """(ok, text, hint): one line about the daemon for the top of the guided screen."""
        from tutor.errors import DaemonUnreachable

        try:
            server = self.view().server()
        except DaemonUnreachable as err:
            self._view = None
            return False, err.message, err.hint
        return True, f"Docker 데몬에 연결했어요 (Engine {server.version}, API {server.api_version}).", ""

