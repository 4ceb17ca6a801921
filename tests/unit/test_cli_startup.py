"""Startup stays light and Korean: --version/--help import neither the SDK nor the prompt libraries."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("docker", "questionary", "prompt_toolkit", "requests")

PROBE = """
import json, sys
from tutor.cli import main
try:
    main({argv!r})
except SystemExit as exc:
    code = exc.code
else:
    code = None
heavy = sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r})
sys.stderr.write(json.dumps({{"code": code, "heavy": heavy}}) + "\\n")
"""


def _run(argv):
    out = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv, heavy=HEAVY)],
                         capture_output=True, text=True, timeout=60)
    report = json.loads(out.stderr.strip().splitlines()[-1])
    return out.stdout, report


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["doctor", "--help"], ["lab", "--help"],
                                  ["lab", "mirror", "--help"]])
def test_no_heavy_imports(argv):
    _, report = _run(argv)
    assert report["code"] == 0
    assert report["heavy"] == []


def test_version_output():
    out, _ = _run(["--version"])
    from tutor import __version__

    assert out.strip() == f"docker-tutor {__version__}"


def test_help_is_korean():
    out, _ = _run(["--help"])
    assert "사용법:" in out and "옵션" in out and "도커 튜터" in out
    assert "usage:" not in out and "show this help message" not in out
    for command in ("doctor", "lab", "check"):
        assert command in out  # command names stay English
    hangul = sum(1 for ch in out if "\uac00" <= ch <= "\ud7a3")
    assert hangul > 100


def test_console_script_runs_in_a_subprocess():
    out = subprocess.run([sys.executable, "-m", "tutor", "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("docker-tutor ")
