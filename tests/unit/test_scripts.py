"""Pieces of scripts/test and scripts/provision-daemon, run in bash on their own (no daemon)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def bash(snippet: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", "set -euo pipefail\n" + snippet], capture_output=True, text=True, timeout=30)


def function(script: str, name: str) -> str:
    """The text of one shell function, cut out of a script."""
    lines = (ROOT / "scripts" / script).read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{name}()"))
    if lines[start].rstrip().endswith("}"):  # one-line function
        return lines[start]
    end = next(i for i in range(start, len(lines)) if lines[i] == "}")
    return "\n".join(lines[start:end + 1])


@pytest.mark.parametrize("script", ["test", "provision-daemon"])
def test_scripts_parse(script):
    assert subprocess.run(["bash", "-n", str(ROOT / "scripts" / script)]).returncode == 0


def test_ci_runs_exactly_the_test_script():
    text = (ROOT / ".ci" / "run").read_text()
    assert "./scripts/test" in text and "CI=" in text


@pytest.mark.parametrize("created, old", [
    ("2001-01-01T00:00:00.123456789Z", True),   # container/network/image format
    ("2001-01-01 00:00:00 +0000 UTC", True),     # docker CLI's other spelling
    ("NOW", False),                              # made just now (another checkout's running test)
    ("", False),                                 # unknown: keep it
    ("garbage", False),
])
def test_old_enough_keeps_young_and_unknown_resources(created, old):
    snippet = f"""
now=$(date +%s); STALE=600
{function("test", "old_enough")}
created="{created}"
[ "$created" = NOW ] && created=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
if old_enough "$created"; then echo old; else echo young; fi
"""
    out = bash(snippet)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ("old" if old else "young")


@pytest.mark.skipif(shutil.which("busybox") is None, reason="busybox not installed")
def test_static_busybox_check_under_pipefail():
    from tutor.lab.images import is_static_elf

    expected = is_static_elf(Path(shutil.which("busybox")))
    out = bash(function("provision-daemon", "static_busybox") + "\nif static_busybox; then echo yes; else echo no; fi")
    assert out.stdout.strip() == ("yes" if expected else "no"), out.stderr


def test_is_proc_checks_the_command_name():
    snippet = function("provision-daemon", "is_proc") + """
sleep 30 & pid=$!
is_proc "$pid" sleep && echo match
is_proc "$pid" dockerd || echo other
is_proc "" dockerd || echo empty
kill "$pid"
"""
    out = bash(snippet)
    assert out.stdout.split() == ["match", "other", "empty"], out.stderr


def test_test_script_names_its_engine_legs():
    out = subprocess.run(["bash", str(ROOT / "scripts" / "test"), "--engine", "bogus"], capture_output=True,
                         text=True, timeout=30)
    assert out.returncode == 2 and "host, current, containerd or podman" in out.stderr


def test_provision_engine_parses_and_knows_its_suites():
    assert subprocess.run(["bash", "-n", str(ROOT / "scripts" / "provision-engine")]).returncode == 0
    snippet = "die() { echo \"$*\" >&2; exit 1; }\n" + function("provision-engine", "suite_of") + """
suite_of current; suite_of 28; suite_of trixie; suite_of fallback
"""
    out = bash(snippet)
    assert out.stdout.split() == ["unstable", "unstable", "trixie", "trixie"], out.stderr
    assert bash(snippet.replace("suite_of current;", "suite_of 19;")).returncode != 0
