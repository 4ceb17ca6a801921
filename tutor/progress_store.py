"""The progress file on disk: read whatever is there, write atomically, never take a command down.

A progress file is the learner's, and anything can be in it (a crash mid-write on another
tool, an editor's encoding, a newer tutor's format, a hand edit like `"attempts": "3"`). Rules:
- bytes that are not UTF-8 JSON of a known format → the file is moved aside to
  `progress.json.broken-<time>` and a fresh progress starts;
- a known format with some wrongly typed values → the valid values are kept, the wrong ones
  fall back to their defaults, and the original is copied aside first;
- either way one Korean notice says so (`take_notices()`), and `recovered_from` names the copy;
- a write that fails (read-only or full disk) never raises into a command: the learner's
  result is still shown, with the Korean warning "기록을 저장하지 못했어요: …".
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

BACKUP_INFIX = ".broken-"

# Korean notices waiting to be shown once by whichever command or screen runs next.
_notices: list[str] = []
_last_backup: Path | None = None


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def backup_path(path: Path) -> Path:
    target = path.with_name(f"{path.name}{BACKUP_INFIX}{_stamp()}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}{BACKUP_INFIX}{_stamp()}-{n}")
    return target


def keep_aside(path: Path, *, move: bool) -> Path | None:
    """Move (unreadable file) or copy (partly valid file) it next to itself; None if impossible."""
    global _last_backup
    target = backup_path(path)
    try:
        if move:
            os.replace(path, target)
        else:
            shutil.copy2(path, target)
    except OSError:
        return None
    _last_backup = target
    return target


def read_json(path: Path) -> tuple[Any, str]:
    """(decoded JSON or None, why it could not be read: "" when fine or missing)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, ""
    except OSError as exc:
        return None, f"파일을 읽을 수 없어요 ({exc.strerror or exc})"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "UTF-8 글자가 아닌 내용이 들어 있어요"
    try:
        return json.loads(text), ""
    except (ValueError, RecursionError):
        return None, "JSON 형식이 아니에요"


def recovered(path: Path, backup: Path | None, why: str, *, partial: bool) -> None:
    where = f"원래 파일은 {backup}에 남겨 두었어요." if backup else "원래 파일을 옮길 수 없어서 그대로 두었어요."
    if partial:
        note(f"진행 기록 파일({path.name})의 일부 값이 잘못돼 있어서({why}) 그 값만 빼고 읽었어요. {where}")
    else:
        note(f"진행 기록 파일({path.name})을 읽을 수 없어서({why}) 새로 시작했어요. {where}")


def note(message: str) -> None:
    if message not in _notices:
        _notices.append(message)


def take_notices() -> list[str]:
    """The Korean lines to show once (recoveries, failed saves); empties the list."""
    out = list(_notices)
    _notices.clear()
    return out


def take_last_backup() -> Path | None:
    global _last_backup
    backup, _last_backup = _last_backup, None
    return backup


def save_problem(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        reason = "디스크에 남은 공간이 없어요"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "데이터 폴더에 쓸 권한이 없어요"
    else:
        reason = exc.strerror or str(exc)
    return f"기록을 저장하지 못했어요: {reason} ({exc.filename or ''}). 확인 결과는 그대로예요.".replace(" ()", "")


def write_atomic(path: Path, text: str) -> None:
    """A temp file in the same directory, fsync, then os.replace: the old file stays whole on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def locked(lock_path: Path):
    """An advisory lock around load→save so two tutor processes don't drop each other's
    updates. A folder where even the lock file cannot be made still lets the command run."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, still atomic
        yield
        return
    try:
        fh = open(lock_path, "a+")  # noqa: SIM115 - closed by the `with fh` below
    except OSError:
        yield
        return
    with fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
