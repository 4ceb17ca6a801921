"""The practice files a preparation writes (`[[files]]`): never over the learner's own.

A file the tutor wrote is in its record with the hash of what it wrote. When the file at that
path is something else — the learner's own, or the tutor's one the learner has since edited —
it is moved aside to `<name>.mine-<time>` (a new name each time: a backup never replaces an
earlier backup) and the learner is told where, in Korean. The same content is left as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from tutor.daemon.ledger import file_hash


def write(spec: Mapping[str, Any], log: Any) -> None:
    """One `[[files]]` entry; `log` records what was made (the tutor's record) and says it."""
    path = Path(spec["path"]).expanduser()
    if spec["path"].endswith("/"):
        path.mkdir(parents=True, exist_ok=True)
        log.done.append(f"연습 폴더({path})를 준비했어요")
        return
    content = spec.get("content", "")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() or path.is_symlink():
        current = _read(path)
        if current == content:
            log.done.append(f"연습 파일({path})은 이미 준비한 내용 그대로라서 두었어요")
            return
        written = log.ledger.find("file", name=str(path))
        if written is None or current is None or file_hash(current) != written.id:
            # The learner's own file (or one they changed): moved aside, never overwritten.
            backup = _free_name(path.with_name(f"{path.name}.mine-{datetime.now():%Y%m%d-%H%M%S}"))
            path.replace(backup)
            log.done.append(f"직접 만든(또는 고친) '{path.name}' 파일은 지우지 않고 {backup.name}(으)로 옮겨 뒀어요. "
                            "레슨의 내용으로 새로 만들었어요")
    path.write_text(content, encoding="utf-8")
    log.record("file", file_hash(content), str(path), str(path))
    log.done.append(f"연습 파일({path})을 만들었어요")


def _free_name(path: Path) -> Path:
    """`path`, or `path-2`, `path-3`, ...: a backup never replaces an earlier backup."""
    candidate, n = path, 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
