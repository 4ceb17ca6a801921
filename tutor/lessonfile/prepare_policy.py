"""What a `prepare` block may make through the SDK: the same limits as lesson commands.

`prepare` creates containers, networks and practice files itself (no docker CLI), so the
rules of `command_policy` are restated for its keys: no host network for a container, bridge
networks only (not Docker's own `host`/`bridge`/`none`), and practice files inside {workdir}
(after links are resolved, and never through a link). Checked by lint and before preparing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from tutor.lessonfile import path_policy
from tutor.lessonfile.command_vocabulary import NETWORK_DRIVERS
from tutor.model import Preparation

_NAME_RE = re.compile(r"[A-Za-z0-9{][A-Za-z0-9_.{}-]*")


def preparation_problem(prep: Mapping[str, Any] | Preparation, workdir: str | None = None) -> tuple[str, str]:
    """("key", Korean reason) for the first thing a `prepare` block may not make, else ("", "").
    `prep` is the block's TOML table (lint) or a filled-in `Preparation` (before running)."""
    def get(key: str) -> Any:
        return prep.get(key, ()) if isinstance(prep, Mapping) else getattr(prep, key, ())

    for spec in get("containers") or ():
        for net in spec.get("networks") or ():
            if net in ("host", "none") or not _NAME_RE.fullmatch(str(net)) or ":" in str(net):
                return "networks", (f"준비할 컨테이너의 네트워크(`{net}`)는 쓸 수 없어요: 튜터가 만든 bridge "
                                    "네트워크 이름만 적을 수 있어요 (host는 컨테이너에 호스트 네트워크를 줘요)")
    for spec in get("networks") or ():
        driver = spec.get("driver", "bridge")
        if driver not in NETWORK_DRIVERS:
            return "driver", f"준비할 네트워크의 드라이버 `{driver}`는 쓸 수 없어요 (쓸 수 있는 것: {', '.join(NETWORK_DRIVERS)})"
        if str(spec.get("name", "")) in ("host", "bridge", "none"):
            return "name", f"`{spec.get('name')}`는 Docker가 만든 기본 네트워크라서 준비할 수 없어요"
    for spec in get("files") or ():
        path = str(spec.get("path", ""))
        if workdir is None:
            problem = path_policy.template_problem(path, "연습 파일 경로")
            if not problem and path.rstrip("/") == path_policy.WORKDIR:
                problem = "연습 파일 경로가 연습 폴더 자체예요. `{workdir}/파일이름`처럼 적어 주세요"
        else:
            problem = path_policy.writable_file_problem(path, workdir)
        if problem:
            return "path", problem
    return "", ""
