"""What a lesson may make the tutor run: docker commands from a closed vocabulary that cannot
reach the host.

Docker access is root access, and a lesson file is untrusted (instructors share exercises,
learners download them). The commands a lesson carries — `solution` lines, `wrong` variants —
are run for real by `selftest` and pasted by learners into a shell. So every one must be:
- one docker command: no shell operators (`;`, `&&`, `|`, redirections, `$(...)`, backticks,
  `$VAR`) outside single quotes, no control characters, no global options (`-H`, `--config`);
- a subcommand the course uses (`ALLOWED`, computed from lessons/ and assets/exercises/,
  plus the classic short forms of the same operations such as `docker run`);
- for `run`/`create`: only options from `RUN_OPTIONS` (an allow-list), never one that hands
  the container the host (`--privileged`, `--cap-add`, `--device`, `--pid/--ipc/--uts/--userns`,
  `--network host`, `--security-opt`, `--volumes-from`, `--cidfile`, ...), and host paths
  (`-v`, `--mount type=bind`, `--env-file`) only inside the practice folder (`path_policy`);
- for `network create`: the bridge driver and plain addressing options only.
Checked by `lint` (as written, with `{workdir}`) and again right before running (filled in,
symlinks resolved): `check_line()` raises `Refused` with a Korean reason.
"""

from __future__ import annotations

import difflib
import re
import shlex

from tutor.lessonfile import path_policy
from tutor.lessonfile.command_vocabulary import (
    ALLOWED,
    DOCKER_COMMANDS,
    DOCKER_RUN_OPTIONS,
    HOST_OPTIONS,
    NETWORK_CREATE_OPTIONS,
    NETWORK_CREATE_SHORTS,
    NETWORK_DRIVERS,
    RUN_OPTIONS,
    RUN_SHORTS,
    SHORT_FORMS,
    TOP_LEVEL,
)


class Refused(ValueError):
    """A command a lesson may not run; `str()` is the Korean reason."""


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_SHELL_OUTSIDE = set(";&|<>()`$\n")
_SHELL_IN_DOUBLE = set("`$")


def shell_problem(command: str) -> str:
    """Does pasting this line into a shell do anything but run one docker command?"""
    if _CONTROL.search(command):
        return "명령에 줄바꿈이나 제어 문자가 있어요"
    quote = ""
    escaped = False
    for ch in command:
        if escaped:
            escaped = False
            continue
        if quote == "'":
            if ch == "'":
                quote = ""
            continue
        if ch == "\\":
            escaped = True
            continue
        if quote == '"':
            if ch == '"':
                quote = ""
            elif ch in _SHELL_IN_DOUBLE:
                return f"큰따옴표 안의 `{ch}`는 셸이 호스트에서 먼저 실행해요"
            continue
        if ch in "'\"":
            quote = ch
        elif ch in _SHELL_OUTSIDE:
            return f"셸 기호(`{ch}`)가 있어요. 레슨의 명령은 docker 명령 하나여야 해요"
    return ""


def check_line(command: str, *, workdir: str | None = None, allow_typo: bool = False) -> list[str]:
    """The argv of an allowed command line, or `Refused`. `workdir=None`: the line as the
    lesson wrote it (placeholders in it); otherwise filled in, host paths resolved against it."""
    problem = shell_problem(command)
    if problem:
        raise Refused(problem)
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise Refused(f"명령을 나눌 수 없어요 ({exc})") from None
    check_argv(argv, workdir=workdir, allow_typo=allow_typo)
    return argv


def check_argv(argv: list[str], *, workdir: str | None = None, allow_typo: bool = False) -> None:
    if not argv or argv[0] != "docker":
        raise Refused("docker 명령만 쓸 수 있어요")
    if len(argv) == 1:
        raise Refused("docker 뒤에 할 일을 적어 주세요")
    first = argv[1]
    if first.startswith("-"):
        if first in ("--version", "-v", "--help") and len(argv) == 2:
            return
        raise Refused(f"docker 전체 옵션(`{first}`)은 쓸 수 없어요 (다른 데몬이나 설정 폴더를 가리킬 수 있어요)")
    if first in TOP_LEVEL:
        return
    if first in SHORT_FORMS:
        group, verb = SHORT_FORMS[first]
        rest = argv[2:]
    elif first in ALLOWED:
        if len(argv) < 3 or argv[2] not in ALLOWED[first]:
            verb = argv[2] if len(argv) > 2 else ""
            raise Refused(f"`docker {first} {verb}`".rstrip() + "는 이 코스에서 쓰지 않는 명령이에요"
                          f" (쓸 수 있는 것: {', '.join(sorted(set(ALLOWED[first].values())))})")
        group, verb = first, ALLOWED[first][argv[2]]
        rest = argv[3:]
    elif allow_typo and first not in DOCKER_COMMANDS and re.fullmatch(r"[a-z]+", first) and _is_typo(first):
        return  # `docker netowrk ...`: the CLI answers "is not a docker command", nothing runs
    else:
        raise Refused(f"`docker {first}`는 이 코스에서 쓰지 않는 명령이에요")
    if (group, verb) in (("container", "run"), ("container", "create")):
        _check_run(rest, workdir, allow_typo)
    elif (group, verb) == ("network", "create"):
        _check_network_create(rest)


def _is_typo(word: str) -> bool:
    known = list(ALLOWED) + list(TOP_LEVEL) + list(SHORT_FORMS)
    return bool(difflib.get_close_matches(word, known, n=1, cutoff=0.75))


def scan_options(words: list[str], table: dict[str, bool], shorts: dict[str, str],
                 refused: dict[str, str], typo_ok: frozenset[str] = frozenset(),
                 ) -> tuple[list[tuple[str, str | None]], list[str]]:
    """(option, value) pairs before the first positional word, and the words from there on.
    Parsed as the CLI does (pflag): `-itd`, `-p8080:80`, `-w=/x`, `--name=x`, `--name x`.
    `typo_ok`: real option names; a long option close to an allowed one but not among them is a
    misspelling the CLI refuses before doing anything, so scanning stops there."""
    found: list[tuple[str, str | None]] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            return found, words[i + 1:]
        if not word.startswith("-") or word == "-":
            break
        if word.startswith("--"):
            name, eq, value = word[2:].partition("=")
            if typo_ok and name not in typo_ok and _misspelt(name, table):
                return found, []
            takes = _option(name, table, refused)
            if takes and not eq:
                i += 1
                if i >= len(words):
                    raise Refused(f"`--{name}` 옵션에 값이 없어요")
                value = words[i]
            found.append((name, value if (takes or eq) else None))
        else:
            letters = word[1:]
            short_value: str
            for j, letter in enumerate(letters):
                if letter not in shorts:
                    raise Refused(f"`-{letter}` 옵션은 쓸 수 없어요")
                name = shorts[letter]
                if not _option(name, table, refused):
                    found.append((name, None))
                    continue
                rest = letters[j + 1:]
                if rest:
                    short_value = rest[1:] if rest.startswith("=") else rest
                else:
                    i += 1
                    if i >= len(words):
                        raise Refused(f"`-{letter}` 옵션에 값이 없어요")
                    short_value = words[i]
                found.append((name, short_value))
                break
        i += 1
    return found, words[i:]


def _misspelt(name: str, table: dict[str, bool]) -> bool:
    return any(name.startswith(known + "-") for known in table) or bool(
        difflib.get_close_matches(name, list(table), n=1, cutoff=0.6))


def _option(name: str, table: dict[str, bool], refused: dict[str, str]) -> bool:
    if name in refused:
        raise Refused(f"`--{name}` 옵션은 쓸 수 없어요: {refused[name]}")
    if name not in table:
        raise Refused(f"`--{name}` 옵션은 이 코스에서 쓰지 않아요 (레슨이 쓸 수 있는 옵션이 정해져 있어요)")
    return table[name]


def _check_run(words: list[str], workdir: str | None, allow_typo: bool = False) -> None:
    options, _rest = scan_options(words, RUN_OPTIONS, RUN_SHORTS, HOST_OPTIONS,
                                  DOCKER_RUN_OPTIONS if allow_typo else frozenset())
    for name, value in options:
        value = value or ""
        if name in ("network", "net") and (value == "host" or value.startswith("container:")):
            raise Refused(f"`--{name}={value}`는 쓸 수 없어요: 호스트(또는 다른 컨테이너)의 네트워크를 그대로 써요")
        if name == "volume":
            source = value.split(":", 1)[0] if ":" in value else ""
            if source and path_policy.is_host_path(source):
                _host_path(source, "바인드 마운트 경로", workdir)
        elif name == "mount":
            _check_mount(value, workdir)
        elif name == "env-file":
            _host_path(value, "env 파일", workdir)


def _check_mount(value: str, workdir: str | None) -> None:
    fields = dict(part.partition("=")[::2] for part in value.split(",") if part)
    kind = fields.get("type", "volume")
    if kind not in ("bind", "volume", "tmpfs"):
        raise Refused(f"`--mount type={kind}`는 쓸 수 없어요")
    if any(key.startswith(("volume-opt", "volume-driver")) for key in fields):
        raise Refused("`--mount`의 volume-opt/volume-driver는 쓸 수 없어요: 호스트 경로를 연결할 수 있어요")
    if kind == "bind":
        source = fields.get("source") or fields.get("src") or ""
        _host_path(source, "바인드 마운트 경로", workdir)


def _host_path(path: str, what: str, workdir: str | None) -> None:
    problem = (path_policy.template_problem(path, what) if workdir is None
               else path_policy.runtime_problem(path, what, workdir))
    if problem:
        raise Refused(problem)


def _check_network_create(words: list[str]) -> None:
    options, _rest = scan_options(words, NETWORK_CREATE_OPTIONS, NETWORK_CREATE_SHORTS,
                                  {"opt": "드라이버 옵션으로 호스트의 네트워크 장치를 바꿀 수 있어요",
                                   "ipam-driver": "주소 관리 드라이버를 바꿔요", "ipam-opt": "주소 관리 드라이버를 바꿔요",
                                   "config-from": "다른 네트워크 설정을 가져와요", "ingress": "스웜 네트워크예요"})
    for name, value in options:
        if name == "driver" and value not in NETWORK_DRIVERS:
            raise Refused(f"네트워크 드라이버 `{value}`는 쓸 수 없어요 (쓸 수 있는 것: {', '.join(NETWORK_DRIVERS)})")

