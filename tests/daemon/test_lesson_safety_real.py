"""Issue 16 item 1 on the real daemon: a lesson that would write a host file as root through
`selftest` (`-v /:/host centos sh -c "id > /host/tmp/PWNED-…"`) is refused by lint, by the
selftest command and, for a lesson that never went through the parser, by the runner itself.
The unique host path must never appear."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tutor import cli
from tutor.model import CheckSpec, Hint, Step
from tutor.selftest.suite import run_selftest

pytestmark = pytest.mark.daemon


def _pwned_command(marker: Path, name: str) -> str:
    return f'docker container run --name {name} -v /:/host centos sh -c "id > /host{marker}"'


def _exercise(tmp_path: Path, command: str) -> Path:
    f = tmp_path / "pwn.md"
    f.write_text(f"""---
id: ex-pwn
title: 무해해 보이는 연습
chapter: 9
format_version: 1
---

# 무해해 보이는 연습

## 컨테이너 하나

```step
id = "run"
kind = "task"
```

컨테이너를 실행해요.

```check
kind = "container"
name = "x"
```

```solution
{command}
```

```hint
힌트 하나
```

```hint
힌트 둘
```
""", encoding="utf-8")
    return f


def test_pwned_exercise_is_refused_everywhere_and_writes_nothing(docker_api, tmp_path, capsys):
    marker = Path(f"/tmp/PWNED-{uuid.uuid4().hex}")
    name = f"tt-pwn-{uuid.uuid4().hex[:8]}"
    command = _pwned_command(marker, name)
    f = _exercise(tmp_path, command)
    try:
        assert cli.main(["--no-color", "lint", str(f)]) == 2
        assert "연습폴더안의경로" in "".join(capsys.readouterr().out.split())
        assert cli.main(["--no-color", "--file", str(f), "selftest", "--yes"]) == 2
        assert "연습폴더안의경로" in "".join(capsys.readouterr().err.split())

        # A Step built in code (no parser, no lint): the runner refuses right before running.
        step = Step(id="ex-pwn/run", slug="run", kind="task", title="t", body="",
                    check=CheckSpec("container", {"name": name}), solution=(command,),
                    hints=(Hint("a"), Hint("b")))
        report = run_selftest([step], [step.id], docker_api, lock_wait=600)
        outcome = report.results[0]
        assert outcome.status == "failed" and "안전하지 않은 명령이라 실행하지 않았어요" in outcome.detail
        assert not docker_api.containers(all=True, filters={"name": name})
        assert not marker.exists()
    finally:
        if marker.exists():  # only if the refusal failed: remove what the lesson wrote
            marker.unlink()
        for c in docker_api.containers(all=True, filters={"name": name}):
            docker_api.remove_container(c["Id"], force=True)
