"""A real interactive bash on a pseudo-terminal, typed into as a learner types.

The journey self-test runs every docker command here, one line at a time, and waits for the
prompt to come back. What a learner does when it does not come back is done too: an attached
`-it` shell is left with `exit`, a container attached in the foreground is stopped with Ctrl-C,
`docker login` without `-p` gets the practice account at its prompts.
"""

from __future__ import annotations

import os
import re
import shlex
import time
from dataclasses import dataclass

from tutor.selftest.plan import run_options

PROMPT = "__DOCKER_TUTOR_JOURNEY__$ "
# Built from two quoted halves so the echo of the line that sets it never looks like it.
_SET_PROMPT = "PS1='__DOCKER_TUTOR_''JOURNEY__$ '; PS2=''; unset PROMPT_COMMAND; " \
              "bind 'set enable-bracketed-paste off' 2>/dev/null; stty -echo"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")


@dataclass(frozen=True)
class Typed:
    line: str
    output: str
    returned: bool  # the prompt came back (after exit / Ctrl-C when needed)
    how: str = ""  # "exit" | "ctrl-c" | "login" when the shell needed a learner's key press


class Shell:
    def __init__(self, env: dict[str, str] | None = None, timeout: float = 60.0):
        import pexpect

        self.timeout = timeout
        self.child = pexpect.spawn("bash", ["--norc", "--noprofile", "-i"], env={**os.environ, **(env or {})},
                                   encoding="utf-8", codec_errors="replace", dimensions=(50, 200), timeout=timeout)
        self.child.sendline(_SET_PROMPT)
        self.child.expect_exact(PROMPT, timeout=20)
        self.transcript: list[str] = []

    def close(self) -> None:
        if self.child.isalive():
            self.child.sendline("exit")
            self.child.close(force=True)

    def _wait(self, seconds: float) -> bool:
        import pexpect

        i = self.child.expect_exact([PROMPT, pexpect.TIMEOUT], timeout=seconds)
        return i == 0

    def type(self, line: str, registry_user: str = "", registry_password: str = "") -> Typed:
        """Type one command line and wait for the prompt, acting as a learner would when stuck."""
        import pexpect

        argv = shlex.split(line)
        flags, detached = run_options(argv)
        is_run = argv[1:2] == ["run"] or argv[1:3] == ["container", "run"]
        self.child.sendline(line)
        chunks: list[str] = []
        how = ""
        if is_run and not detached and "i" in flags:
            returned = self._wait(2.5)
            for _ in range(3):
                if returned:
                    break
                chunks.append(self.child.before or "")
                self.child.sendline("exit")  # leave the container's shell: the prompt comes back
                how = "exit"
                returned = self._wait(10)
        elif is_run and not detached:
            returned = self._wait(3.0)
            for _ in range(3):
                if returned:
                    break
                chunks.append(self.child.before or "")
                self.child.sendintr()  # the pane is blocked: Ctrl-C, as the tutor says
                how = "ctrl-c"
                returned = self._wait(10)
        elif argv[1:2] == ["login"] and not any(w in ("-p", "--password", "--password-stdin") for w in argv):
            returned = False
            for _ in range(3):
                i = self.child.expect([r"[Uu]sername.*:", r"[Pp]assword:", re.escape(PROMPT)], timeout=20)
                chunks.append(self.child.before or "")
                if i == 2:
                    returned = True
                    break
                self.child.sendline(registry_user if i == 0 else registry_password)
                how = "login"
        else:
            try:
                returned = self._wait(self.timeout)
            except pexpect.EOF:
                returned = False
        chunks.append(self.child.before or "")
        output = _ANSI.sub("", "".join(chunks))
        self.transcript.append(f"$ {line}\n{output}")
        if not returned:
            self.child.sendintr()
            time.sleep(0.5)
            self._wait(5)
        return Typed(line, output, returned, how)
