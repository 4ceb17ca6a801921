"""The two practice modes: what "스스로 해 보기" hides from a step, and the saved choice."""

from __future__ import annotations

import json

from tutor import paths
from tutor.ui import preferences as prefs
from tutor.ui.lesson_text import HIDDEN_BLOCK, HIDDEN_INLINE, hide_commands

BODY = """포트를 연결해서 nginx를 실행해요.

```bash
docker container run -d -p 8080:80 nginx
```

- `-p 8080:80`: 호스트 포트:컨테이너 포트 순서예요.

다 되면 `docker container run -d -p 8080:80 nginx` 결과가 `docker container ls`에 보여요.

```text
0.0.0.0:8080->80/tcp
```

```bash keep
mkdir -p ~/site
```
"""


def test_shell_blocks_and_full_solution_commands_are_hidden_options_stay():
    out = hide_commands(BODY, ["$ docker container run -d -p 8080:80 nginx"])
    assert "docker container run -d -p 8080:80 nginx" not in out
    assert out.count(HIDDEN_BLOCK) == 1 and HIDDEN_INLINE in out
    assert "`-p 8080:80`: 호스트 포트:컨테이너 포트 순서예요." in out  # the option that matters
    assert "`docker container ls`" in out  # not a solution line: stays
    assert "0.0.0.0:8080->80/tcp" in out  # output blocks stay
    assert "mkdir -p ~/site" in out  # `keep` blocks stay


def test_follow_mode_text_is_untouched_by_a_body_without_shell_blocks():
    plain = "할 일: `webserver` 컨테이너를 멈춰요.\n"
    assert hide_commands(plain, ["docker container stop webserver"]) == plain


def test_the_choice_is_saved_and_a_broken_file_means_defaults():
    assert prefs.load().mode is None and prefs.load().practice_mode == prefs.FOLLOW
    learner = prefs.load().learner
    assert learner and prefs.load().learner == learner  # a stable random id
    prefs.update(mode=prefs.SELF, welcomed=True)
    data = json.loads((paths.data_dir() / "preferences.json").read_text(encoding="utf-8"))
    assert data["mode"] == "self" and data["welcomed"] is True and data["learner"] == learner
    (paths.data_dir() / "preferences.json").write_text("{broken", encoding="utf-8")
    assert prefs.load().practice_mode == prefs.FOLLOW
