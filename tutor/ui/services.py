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
        self.evidence: dict[str, dict] = {}  # step id -> what a passing check saw (for grade)

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

        def judge(view):
            model = self._model
            source = model if model is not None and model.live else view
            ctx = context_for(step.id)
            result = run_check(step, source, ctx)
            if result.passed:  # the facts checked now, kept with the pass (grade: "recorded then")
                from tutor.journey.evidence import evidence

                self.evidence[step.id] = evidence(step, result, source, ctx)
            return result

        return self._with_view(judge)

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

    # --- entering a step and leaving a lesson: the journey (tutor/journey) ---------------------
    def enter(self, step, course) -> list[str]:
        """`begin`: record the start, make what is missing; Korean lines about what it did."""
        from tutor.ui.journey_seam import enter_step

        return enter_step(step, course)

    def leftovers(self, lesson):
        from tutor.ui.journey_seam import leftovers

        return leftovers(lesson)

    def clean_up(self, items) -> list[str]:
        from tutor.ui.journey_seam import clean_up

        return clean_up(items)

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

