"""Errors a person can act on. Each carries Korean text and the exit code it maps to.

No docker import here: the daemon layer translates SDK/requests exceptions into these.
"""

from __future__ import annotations

from tutor.exitcodes import ExitCode


def error_envelope(code: str, message: str, hint: str = "", **data: object) -> dict[str, object]:
    """The one JSON shape of an error, whatever failed (pipx-style: same keys everywhere)."""
    return {"error": code, "message": message, "hint": hint, **data}


class TutorError(Exception):
    exit_code: int = ExitCode.BAD_INPUT
    code = "error"

    def __init__(self, message: str, *, hint: str = "", code: str | None = None, data: dict | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code:
            self.code = code
        self.data = data or {}

    def to_dict(self) -> dict:
        return error_envelope(self.code, self.message, self.hint, **self.data)


class BadInput(TutorError):
    """Unknown step id, missing --answer, unreadable file: exit 2."""

    exit_code = ExitCode.BAD_INPUT
    code = "bad_input"


class DaemonUnreachable(TutorError):
    """Any way of not reaching the daemon (not running, permission, context, TLS, API): exit 3."""

    exit_code = ExitCode.NO_DAEMON
    code = "daemon.unreachable"


class Conflict(TutorError):
    """prepare/reset would touch something the tutor did not make: refuse and name it."""

    exit_code = ExitCode.FAILED
    code = "conflict"
