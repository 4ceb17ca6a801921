"""Only the subcommand being run declares its options: --version imports no command module."""

from __future__ import annotations

import subprocess
import sys

from tutor.cli import COMMANDS, _command_in, main


def test_command_is_found_past_global_options():
    assert _command_in(["--file", "list", "check", "4.2/run"]) == "check"  # a file named "list"
    assert _command_in(["--no-color", "grade", "--format", "csv"]) == "grade"
    assert _command_in(["--version"]) == ""
    assert _command_in([]) == ""
    assert _command_in(["nonsense"]) == ""


def test_version_imports_no_command_module():
    probe = ("import sys\nfrom tutor.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.startswith('tutor.commands.')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_every_subcommand_still_parses_its_own_options(capsys):
    for name in COMMANDS:
        try:
            main([name, "--help"])
        except SystemExit as exc:
            assert exc.code == 0
        out = capsys.readouterr().out
        assert out.startswith("사용법: docker-tutor " + name), name
