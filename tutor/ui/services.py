"""What the guided UI needs from the layers below, behind one object (tests pass a fake one).

The real implementation imports the engine, the daemon view and the prepare command lazily:
`tutor.ui` never imports docker itself; the daemon layer does that.

Task checks on the live screen read the event-fed model (`tutor.daemon.live_model.LiveModel`,
issue 15) while its event stream is open — `events()` taps the stream into it — so a verdict
costs no request when nothing changed and one per changed object; without an open stream (a
check before the stream is up, after the daemon went away) they read the daemon fresh.
"""

from __future__ import annotations


class Services:
    def __init__(self, lesson_file: str | None = None, *, live_model: bool = True):
        self.lesson_file = lesson_file
        self.live_model = live_model  # False: every check reads the daemon fresh (the bench compares)
        self._view = None
        self._model = None  # LiveModel over the view, made by the first events()

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
            self._view = self._model = None
            raise

    def check(self, step):
        from tutor.checks.engine import run_check
        from tutor.contexts import context_for

        model = self._model
        if model is not None and model.live:
            return self._with_view(lambda view: run_check(step, model, context_for(step.id)))
        return self._with_view(lambda view: run_check(step, view, context_for(step.id)))

    def answer(self, step, text: str):
        from tutor.checks.engine import check_answer
        from tutor.contexts import context_for

        return self._with_view(lambda view: check_answer(step, view, text, context_for(step.id)))

    def events(self):
        """The daemon's event stream (container/network/image), tapped into the live model."""
        from tutor.daemon.events import stream
        from tutor.daemon.live_model import LiveModel

        if not self.live_model:
            return stream()
        if self._model is None:
            self._model = LiveModel(self.view())
        return self._model.tap(stream())

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

