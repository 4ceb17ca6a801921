"""Pure decisions of the self-test: how a lesson's command line becomes an argv to run.

No docker, no subprocess here, so the rules are unit-tested on their own:
- a command is shlex-split, placeholders filled, and must start with `docker` (no shell, ever);
- `run`/`create`/`network create` get `--label org.docker-tutor.selftest=<run id>` so cleanup
  finds exactly what the self-test made;
- `-i`/`-t` (and combined short flags like `-it`, `-itd`) mean a pseudo-terminal: attached
  interactive shells are ended by typing `exit`, detached ones (`-d`) just return.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tutor import labels

SELFTEST_LABEL = labels.SELFTEST

# Subcommand paths (after `docker`) that create a labelled resource, and where options start.
_CREATORS: tuple[tuple[str, ...], ...] = (
    ("container", "run"), ("container", "create"), ("run",), ("create",), ("network", "create"),
)
# Short flags of `run`/`create` that take a value: a letter after them is not a flag.
_VALUE_SHORTS = set("aewpvhlmuc")
# Long options of `run`/`create` that take no value (the rest take one).
_BOOL_LONGS = {"interactive", "tty", "detach", "rm", "privileged", "init", "publish-all", "read-only",
               "no-healthcheck", "oom-kill-disable", "sig-proxy", "help", "quiet"}


class CommandError(ValueError):
    """A lesson command the self-test refuses to run (not docker, unbalanced quotes, ...)."""


@dataclass(frozen=True)
class Planned:
    argv: tuple[str, ...]
    pty: bool  # run in a pseudo-terminal
    attached_shell: bool  # interactive and attached: type `exit` to end it
    login_prompt: bool  # `docker login` without a password option: answer its prompts
    foreground: bool = False  # `run` without -d/-it: attached to its output; ended with Ctrl-C

    @property
    def text(self) -> str:
        return shlex.join(self.argv)


def fill(text: str, mapping: Mapping[str, str]) -> str:
    try:
        from tutor.lessonfile.placeholders import substitute
    except ImportError:  # pragma: no cover
        return text.format_map(dict(mapping))
    return substitute(text, dict(mapping))


def split(command: str, mapping: Mapping[str, str]) -> list[str]:
    line = command.strip()
    if line.startswith("$ "):
        line = line[2:]
    try:
        argv = shlex.split(fill(line, mapping), comments=True)
    except ValueError as exc:
        raise CommandError(f"명령을 나눌 수 없어요 ({exc}): {command}") from exc
    if not argv:
        raise CommandError("빈 명령이에요")
    if argv[0] != "docker":
        raise CommandError(f"셀프 테스트는 docker 명령만 실행해요: {command}")
    refuse_unsafe(line, argv, mapping)
    return argv


def refuse_unsafe(line: str, argv: list[str], mapping: Mapping[str, str]) -> None:
    """Defence in depth: lint refused these already, but a lesson may never have been linted.
    The line as written (shell operators, vocabulary) and as it will run (host paths after
    {workdir} is filled in and links resolved) must both pass `command_policy`."""
    from tutor.lessonfile.command_policy import Refused, check_argv, check_line

    try:
        check_line(line, allow_typo=True)
        check_argv(argv, workdir=mapping.get("workdir") or _practice_dir(), allow_typo=True)
    except Refused as exc:
        raise CommandError(f"안전하지 않은 명령이라 실행하지 않았어요 ({exc}): {line}") from None


def _practice_dir() -> str:
    from tutor.paths import practice_dir

    return str(practice_dir())


def creator_prefix(argv: list[str]) -> int:
    """Length of the `docker <subcommand...>` prefix when argv creates a resource, else 0."""
    words = argv[1:]
    for path in _CREATORS:
        if tuple(words[: len(path)]) == path:
            return 1 + len(path)
    return 0


def inject_label(argv: list[str], run_id: str) -> list[str]:
    n = creator_prefix(argv)
    if not n:
        return list(argv)
    return [*argv[:n], "--label", f"{SELFTEST_LABEL}={run_id}", *argv[n:]]


def run_options(argv: list[str]) -> tuple[set[str], bool]:
    """(-i/-t flags seen, detached?) among the options before the image name.

    Scanning stops at the image: `docker run centos sh -c 'ls -it'` has no -it of its own.
    """
    n = creator_prefix(argv)
    if not n or argv[n - 2:n] == ["network", "create"]:
        return set(), False
    flags: set[str] = set()
    detached = False
    words = argv[n:]
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--" or not word.startswith("-") or word == "-":
            break  # the image: what follows is the container's command
        if word.startswith("--"):
            name, has_value = word[2:].split("=", 1)[0], "=" in word
            if name in ("interactive", "tty"):
                flags.add(name[0])
            elif name == "detach":
                detached = True
            elif not has_value and name not in _BOOL_LONGS:
                i += 1  # `--name mycentos`: skip the value
        else:
            for pos, letter in enumerate(word[1:], start=1):
                if letter in "it":
                    flags.add(letter)
                elif letter == "d":
                    detached = True
                if letter in _VALUE_SHORTS:
                    if pos == len(word) - 1:
                        i += 1  # `-p 8080:80`: the value is the next word
                    break  # `-w=/x`, `-p8080:80`: the rest of the word is the value
        i += 1
    return flags, detached


def needs_password_prompt(argv: list[str]) -> bool:
    if argv[1:2] != ["login"]:
        return False
    return not any(w in ("-p", "--password", "--password-stdin") or w.startswith("--password=") for w in argv)


def plan_command(command: str, mapping: Mapping[str, str], run_id: str) -> Planned:
    argv = inject_label(split(command, mapping), run_id)
    flags, detached = run_options(argv)
    is_run = argv[1:2] == ["run"] or argv[1:3] == ["container", "run"]
    interactive = bool(flags)
    login = needs_password_prompt(argv)
    foreground = is_run and not detached and not interactive
    return Planned(
        argv=tuple(argv),
        pty=interactive or login or foreground,
        foreground=foreground,
        attached_shell=is_run and interactive and not detached and "i" in flags,
        login_prompt=login,
    )


def normalise_output(text: str) -> str:
    """Case- and space-insensitive form used to find an expected answer in a command's output."""
    return "".join(text.lower().split())


def appears_in(expected: str, output: str) -> bool:
    """Is the value the tutor expects visible in the output? Case/space-insensitive.

    Short values ("2", "1.41", "amd64") must stand as a whole token: "2" inside "2023" or an id
    proves nothing. Ids count when their 12-character prefix is shown (docker image ls).
    """
    want = normalise_output(expected)
    if not want:
        return False
    if len(want) <= 6:
        token = r"\s*".join(re.escape(c) for c in want)  # "1.99MB" also matches "1.99 MB"
        return re.search(rf"(?<![0-9a-z.]){token}(?![0-9a-z])", output.lower()) is not None
    have = normalise_output(output)
    if want in have:
        return True
    bare = want.split(":", 1)[-1] if want.startswith("sha256:") else want
    return len(bare) >= 12 and all(c in "0123456789abcdef" for c in bare) and bare[:12] in have


def named_volumes(argv: Sequence[str]) -> list[str]:
    """Named volumes a `run`/`create` command would create implicitly (`-v html:/usr/...`).

    Host paths (`/x`, `./x`, `~/x`) are bind mounts, not volumes. The self-test removes the
    named ones it caused, so a wrong variant such as `-v html:` leaves nothing behind.
    """
    names: list[str] = []
    args = list(argv)
    for i, arg in enumerate(args):
        value = None
        if arg in ("-v", "--volume") and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--volume="):
            value = arg.split("=", 1)[1]
        elif arg.startswith("-v") and len(arg) > 2 and not arg.startswith("--"):
            value = arg[2:]
        if value and ":" in value:
            source = value.split(":", 1)[0]
            if source and not source.startswith(("/", ".", "~")):
                names.append(source)
    return names
