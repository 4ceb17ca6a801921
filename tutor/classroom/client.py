"""The learner's side of a class: `emit()` queues an event on disk and sends it in the background.

The rest of the tutor calls only `emit()` (through progress: every recorded attempt becomes an
event) and `attach_result()` (the problem codes of the check about to be recorded). Nothing here
may slow down or break learning: when the learner has not joined a class `emit()` is one
`os.path.exists`; sending runs in a daemon thread with short timeouts; a failure is written to a
status file (one quiet line in `class status` and the UI), never raised. Events stay in the
queue until the server acknowledges them, so a server that was down gets them when it is back.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tutor.classroom import membership

CONNECT_TIMEOUT = 1.5  # seconds per request: a LAN answers in milliseconds or not at all
EXIT_WAIT = 1.0  # a one-shot command waits at most this long at exit for its send
BATCH = 200
CONNECTED = "수업에 연결됨"
DISCONNECTED = "연결 끊김: 기록은 모아 뒀다가 보내요"

_pending: dict[str, list[dict[str, str]]] = {}  # step id -> problems of the result being recorded
_sender: threading.Thread | None = None
_wake = threading.Event()
_lock = threading.Lock()
# Kicks asked / the newest kick a finished flush had seen: at exit, wait for a flush that
# started after the last kick (so the last event goes), never for retries of a dead server.
_kicks = 0
_flushed_for = 0


@contextlib.contextmanager
def _queue_locked(folder: Path | None = None) -> Iterator[None]:
    lock_path = (folder or membership.class_dir()) / ".queue.lock"
    import fcntl

    with open(lock_path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def attach_result(result) -> None:
    """Remember a check result's problems for the event its recording is about to emit."""
    if membership.joined():
        _pending[result.step] = [{"code": p.code, "message": p.message[:300]} for p in result.problems]


def emit(event: dict[str, Any]) -> None:
    """Queue one event (type, step, …) and start sending; a no-op when not in a class."""
    if not membership.joined():
        return
    try:
        ev = {"id": uuid.uuid4().hex, "at": time.time(), **event}
        line = json.dumps(ev, ensure_ascii=False) + "\n"
        with _queue_locked(), open(membership.queue_file(), "a", encoding="utf-8") as fh:
            fh.write(line)
        kick()
    except Exception:  # noqa: BLE001 - a class is extra: it must never break learning
        pass


def progress_changed(step_id: str, before, after) -> None:
    """Progress recorded something for a step: turn the change into class events."""
    if not membership.joined():
        return
    try:
        for event in _events_from(step_id, before, after):
            emit(event)
    except Exception:  # noqa: BLE001 - see emit()
        pass


def _events_from(step_id: str, before, after) -> list[dict[str, Any]]:
    from tutor.lessonfile import variables

    # The values this learner drew for the exercise: the instructor sees who had which port.
    base: dict[str, Any] = {"step": step_id, "vars": variables.stored(step_id.split("/")[0])}
    # The journey's recorded evidence (time, verdict, ids and facts checked), when it is new.
    evidence = getattr(after, "evidence", None)
    if isinstance(evidence, dict) and evidence != getattr(before, "evidence", None):
        base["facts"] = dict(list(evidence.items())[:20])
    out = []
    if after.began_at and after.began_at != before.began_at:
        out.append({**base, "type": "began"})
    if after.attempts > before.attempts:
        if len(after.answers) > len(before.answers) or (after.answers and after.answers != before.answers):
            last = after.answers[-1]
            out.append({**base, "type": "answer", "passed": bool(last.get("correct")),
                        "text": last.get("text", ""), "problems": _pending.pop(step_id, [])})
        elif len(after.quiz) > len(before.quiz) or (after.quiz and after.quiz != before.quiz):
            last = after.quiz[-1]
            out.append({**base, "type": "quiz", "passed": bool(last.get("correct")),
                        "text": last.get("choice", "")})
        else:
            passed = after.failed_checks == 0 and after.passed_at is not None
            out.append({**base, "type": "check", "passed": passed,
                        "problems": [] if passed else _pending.pop(step_id, [])})
            _pending.pop(step_id, None)
    if after.hints_used > before.hints_used:
        out.append({**base, "type": "hint"})
    if after.solution_viewed and not before.solution_viewed:
        out.append({**base, "type": "solution"})
    if after.skipped and not before.skipped:
        out.append({**base, "type": "skip"})
    return out


# --- sending ---------------------------------------------------------------------------------


def kick() -> None:
    """Make sure a sender thread runs (one per process) and wake it."""
    global _sender, _kicks
    with _lock:
        _kicks += 1
        if _sender is None or not _sender.is_alive():
            _sender = threading.Thread(target=_send_loop, name="class-sender", daemon=True)
            _sender.start()
    _wake.set()


def _send_loop() -> None:
    global _flushed_for
    delay = 1.0
    while True:
        _wake.clear()
        seen = _kicks
        left = flush()
        _flushed_for = seen
        if left == 0:
            if not _wake.wait(timeout=30.0):
                return  # idle: the next emit starts a new thread
            delay = 1.0
            continue
        _wake.wait(timeout=delay)  # server unreachable: try again, slower each time
        delay = min(delay * 2, 30.0)


def _read_queue(folder: Path | None = None) -> list[dict[str, Any]]:
    try:
        lines = ((folder / "queue.jsonl") if folder else membership.queue_file()).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    out = []
    for line in lines:
        with contextlib.suppress(ValueError):
            out.append(json.loads(line))
    return out


def _drop(acked: set[str], folder: Path) -> int:
    with _queue_locked(folder):
        rest = [ev for ev in _read_queue(folder) if ev.get("id") not in acked]
        path = folder / "queue.jsonl"
        tmp = path.with_suffix(".tmp")
        tmp.write_text("".join(json.dumps(ev, ensure_ascii=False) + "\n" for ev in rest), encoding="utf-8")
        tmp.replace(path)
    return len(rest)


def post(url: str, payload: dict[str, Any], token: str | None = None, timeout: float = CONNECT_TIMEOUT):
    """POST JSON with the standard library (no extra dependency on a learner's machine)."""
    import urllib.request  # here, not at the top: progress imports this module on every command

    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def flush() -> int:
    """Send what is queued; return how many events are still waiting (never raises)."""
    member = membership.load()
    if member is None:
        return 0
    # One folder for the whole flush, fixed now: the files it reads and writes belong together.
    folder = membership.membership_file().parent
    try:
        queued = _read_queue(folder)
        while queued:
            batch = queued[:BATCH]
            answer = post(member["url"].rstrip("/") + "/api/events", {"events": batch}, member["token"])
            left = _drop(set(answer.get("acked") or ()), folder)
            _status(True, "", folder)
            if left >= len(queued):
                return left  # nothing was accepted: do not spin
            queued = _read_queue(folder)
        return 0  # an empty queue asked nothing of the server: the status line stays as it was
    except (OSError, ValueError) as exc:  # URLError and socket timeouts are OSErrors
        _status(False, str(getattr(exc, "reason", exc))[:200], folder)
        return len(_read_queue(folder))
    except Exception as exc:  # noqa: BLE001 - never into the learner's screen
        _status(False, type(exc).__name__, folder)
        return len(_read_queue(folder))


def _status(connected: bool, error: str, folder: Path) -> None:
    # Atomic (temp file + rename): the sender thread and `class status` may write at once.
    with contextlib.suppress(OSError):
        path = folder / "status.json"
        tmp = path.with_name(f".status-{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps({"connected": connected, "at": time.time(), "error": error}), encoding="utf-8")
        tmp.replace(path)


def status_line() -> str | None:
    """One quiet line for the learner: None when not in a class."""
    if not membership.joined():
        return None
    try:
        data = json.loads(membership.status_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {"connected": True}
    return CONNECTED if data.get("connected") else DISCONNECTED


@atexit.register
def _wait_at_exit() -> None:
    # A one-shot `check` should still deliver its event; a dead server costs at most EXIT_WAIT.
    sender = _sender
    deadline = time.monotonic() + EXIT_WAIT
    while sender is not None and sender.is_alive() and _flushed_for < _kicks and time.monotonic() < deadline:
        time.sleep(0.01)
