"""Small edges of a verdict on the live screen: recording it, comparing two, the class line."""

from __future__ import annotations

from tutor import progress


def codes(result) -> tuple:
    return () if result is None else tuple((p.code, p.found) for p in getattr(result, "problems", ()))


def class_status() -> str | None:
    from tutor.classroom import client as classroom_client

    try:
        return classroom_client.status_line()
    except Exception:  # noqa: BLE001 - a class problem never breaks the lesson screen
        return None


def record_check(result, passed: bool, evidence: dict | None = None) -> None:
    """A verdict the learner saw, recorded (with its problem codes for a class, if any, and for a
    pass the evidence the check saw, which `grade` shows as "recorded then")."""
    from tutor.classroom import client as classroom_client

    classroom_client.attach_result(result)  # a no-op outside a class
    progress.record_check(result.step, passed, evidence=evidence if passed else None)
