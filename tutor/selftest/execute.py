"""Running one planned docker CLI command for real: plain subprocess, or a pseudo-terminal.

Never a shell: argv goes straight to exec. Every run has a timeout. Interactive attached shells
(`run -it centos /bin/bash`) get `exit` typed into them; `docker login` without a password
option gets the practice account typed at its prompts.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass

from tutor.selftest.plan import Planned

TIMEOUT = 60.0


@dataclass(frozen=True)
class Ran:
    command: str
    exit_code: int  # -1: timed out
    output: str

    def to_dict(self) -> dict:
        return {"command": self.command, "exit_code": self.exit_code, "output": self.output[-2000:]}


def run_planned(planned: Planned, mapping: Mapping[str, str], timeout: float = TIMEOUT,
                env: Mapping[str, str] | None = None) -> Ran:
    """`env`: the environment of the docker CLI (the self-test's own DOCKER_CONFIG); None: ours."""
    # The last gate before exec: the argv itself must still be in the safe vocabulary
    # (plan_command checked the lesson's line; this holds for any Planned, however it was made).
    from tutor.lessonfile.command_policy import Refused, check_argv
    from tutor.paths import practice_dir

    try:
        check_argv(list(planned.argv), workdir=mapping.get("workdir") or str(practice_dir()), allow_typo=True)
    except Refused as exc:
        return Ran(planned.text, 126, f"안전하지 않은 명령이라 실행하지 않았어요 ({exc})")
    if planned.pty:
        return _run_pty(planned, mapping, timeout, env)
    try:
        proc = subprocess.run(list(planned.argv), stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=timeout, env=dict(env) if env is not None else None)
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"").decode(errors="replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return Ran(planned.text, -1, out + "\n[시간 초과]")
    return Ran(planned.text, proc.returncode, proc.stdout + proc.stderr)


def _run_pty(planned: Planned, mapping: Mapping[str, str], timeout: float, env: Mapping[str, str] | None) -> Ran:
    import pexpect

    child = pexpect.spawn(planned.argv[0], list(planned.argv[1:]), timeout=timeout, encoding="utf-8",
                          codec_errors="replace", dimensions=(40, 120),
                          env=dict(env) if env is not None else None)
    chunks: list[str] = []
    try:
        if planned.login_prompt:
            _answer_login(child, mapping, chunks)
        elif planned.foreground:
            # Attached to a server's output, the pane is blocked: a learner presses Ctrl-C
            # (the CLI forwards it to the container, which stops).
            _read_for(child, 3.0, chunks)
            for _ in range(3):
                if not child.isalive():
                    break
                child.sendintr()
                _read_for(child, 3.0, chunks)
        elif planned.attached_shell:
            # Give the container a moment to start its shell, then end it like a learner would.
            _read_for(child, 1.5, chunks)
            for _ in range(3):
                if not child.isalive():
                    break
                child.sendline("exit")
                _read_for(child, 2.0, chunks)
        child.expect(pexpect.EOF, timeout=timeout)
        chunks.append(child.before or "")
    except pexpect.TIMEOUT:
        chunks.append(child.before or "")
        child.terminate(force=True)
        child.close()
        return Ran(planned.text, -1, "".join(chunks) + "\n[시간 초과]")
    child.close()
    code = child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0)
    return Ran(planned.text, code, "".join(chunks))


def _read_for(child, seconds: float, chunks: list[str]) -> None:
    import pexpect

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            chunks.append(child.read_nonblocking(4096, timeout=0.2))
        except pexpect.TIMEOUT:
            continue
        except pexpect.EOF:
            return


def _answer_login(child, mapping: Mapping[str, str], chunks: list[str]) -> None:
    import pexpect

    for _ in range(3):
        i = child.expect([r"[Uu]sername.*:", r"[Pp]assword:", pexpect.EOF], timeout=20)
        chunks.append((child.before or "") + (child.after if isinstance(child.after, str) else ""))
        if i == 0:
            child.sendline(mapping.get("registry_user", ""))
        elif i == 1:
            child.sendline(mapping.get("registry_password", ""))
        else:
            return
