"""The exit codes of every command (documented in README and `--help`), as one enum."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1  # some check failed, or prepare/reset refused (a conflict)
    BAD_INPUT = 2  # unknown id, lesson error, missing --answer, bad arguments, no terminal to ask on
    NO_DAEMON = 3  # the Docker daemon cannot be reached
    INTERNAL = 4  # a bug in the tutor itself, never the learner's mistake
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it)
