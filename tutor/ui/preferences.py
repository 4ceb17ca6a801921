"""The learner's UI preferences: how they practise, who they are (for quiz shuffling), first run seen.

Kept in `preferences.json` next to `progress.json` (not inside it: progress is the record of
what was done, preferences are choices the learner changes at any time; `tutor.chosen` is
something else: the DOCKER_TUTOR_* environment). A broken or missing file
means defaults; writing is atomic like progress.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from dataclasses import asdict, dataclass, replace

from tutor import paths

FOLLOW = "follow"  # 따라 하기: the step shows the commands
SELF = "self"  # 스스로 해 보기: the step says what to achieve; commands only via hints/정답
MODES = (FOLLOW, SELF)
MODE_LABEL = {FOLLOW: "따라 하기", SELF: "스스로 해 보기"}
MODE_HELP = {
    FOLLOW: "단계마다 입력할 명령을 보여 줘요. 처음 배우는 분께 좋아요.",
    SELF: "무엇을 해야 하는지와 중요한 옵션만 알려 줘요. 명령은 힌트(h)나 정답(s)으로 볼 수 있어요.",
}


@dataclass(frozen=True)
class Preferences:
    mode: str | None = None  # None until the learner picked one (first run)
    learner: str = ""  # a random id: seeds the per-learner quiz order
    welcomed: bool = False  # the first-run screen was shown

    @property
    def practice_mode(self) -> str:
        return self.mode if self.mode in MODES else FOLLOW


def _file():
    return paths.data_dir() / "preferences.json"


def load() -> Preferences:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    mode = data.get("mode") if data.get("mode") in MODES else None
    learner = str(data.get("learner") or "") if isinstance(data.get("learner"), str) else ""
    chosen = Preferences(mode=mode, learner=learner, welcomed=bool(data.get("welcomed")))
    if not chosen.learner:
        chosen = replace(chosen, learner=secrets.token_hex(8))
        save(chosen)
    return chosen


def save(chosen: Preferences) -> None:
    """Atomic; a data folder that refuses writes keeps the choice for this run only (never fatal)."""
    try:
        _write(chosen)
    except OSError:
        pass


def _write(chosen: Preferences) -> None:
    path = _file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".preferences-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(chosen), fh, ensure_ascii=False, indent=2)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def update(**changes) -> Preferences:
    new = replace(load(), **changes)
    save(new)
    return new  # the caller keeps using `new`, saved or not


def other_mode(mode: str) -> str:
    return SELF if mode == FOLLOW else FOLLOW
