"""Feedback that moves forward: what to do FIRST, then what to run, as commands (`Problem.fix`).

A check says what differs; this layer adds the way out when the obvious retry would fail the
same way again. Re-running `docker container run --name webp ...` while a `webp` exists ends in
`Conflict. The container name "/webp" is already in use`, and `docker container start` of a
container made without `-d` is attached again: both need `docker container rm -f webp` first.
Every command put in `fix` must lead to a pass or to a different problem (the journey
self-test types them and checks that). Pure: reads the view, never changes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from tutor.journey.names import _argv, container_name, created_network
from tutor.model import Problem, Step

# Problems a plain `docker container start NAME` really fixes (the configuration is right).
_START_FIXES = {"container.not_running", "container.never_created"}
_NETWORK_CODES = {"network.not_attached", "network.default_only", "network.still_attached"}
# Problems that are not about the container's configuration (another resource, the host).
_NOT_CONFIG = {"port.taken", "internal.error", "container.missing", "container.similar_name", "container.unnamed"}


def _creating_lines(step: Step, mapping: Mapping[str, str], name: str | None) -> tuple[str, ...]:
    """The solution's `run`/`create` line(s) that make the container (by name, or unnamed)."""
    from tutor.journey.begin import solution_lines

    out = []
    for line in solution_lines(step, mapping):
        argv = _argv(line, {})
        words = argv[1:3]
        creates = words[:1] in (["run"], ["create"]) or words in (["container", "run"], ["container", "create"])
        if argv[:1] == ["docker"] and creates and container_name(argv) == name:
            out.append(line)
    return tuple(out)


def _from_creating(step: Step, mapping: Mapping[str, str], first: str) -> tuple[str, ...]:
    """The solution from its creating line on (a `run` then `network connect` stays whole)."""
    from tutor.journey.begin import solution_lines

    lines = solution_lines(step, mapping)
    return tuple(lines[lines.index(first):]) if first in lines else (first,)


def _attached_note(name: str) -> str:
    return (f" 앞 터미널의 프롬프트가 돌아오지 않았다면 그 터미널이 '{name}' 컨테이너에 붙어 있는 거예요. "
            f"그 창에서 Ctrl-C를 누르면(컨테이너가 멈춰요) 프롬프트가 돌아와요.")


def _first_then(fix: tuple[str, ...]) -> str:
    if len(fix) == 1:
        return f" 이렇게 해 봐요: `{fix[0]}`"
    rest = ", 그다음 ".join(f"`{c}`" for c in fix[1:])
    return f" 먼저 `{fix[0]}` 명령으로 지우고, 그다음 {rest} 명령을 실행해요."


def _container_advice(step: Step, problems: list[Problem], view, ctx) -> list[Problem]:
    from tutor.journey.begin import solution_lines
    from tutor.journey.evidence import subject_container
    from tutor.journey.names import filled as substituted

    if step.check is None:  # advise() calls this only for a step with a check
        return problems
    params = substituted(dict(step.check.params), ctx)
    name = params.get("name")
    c = subject_container(params, view, ctx)
    if c is None:
        return problems
    codes = {p.code for p in problems}
    if codes <= _NOT_CONFIG:
        return problems
    creating = _creating_lines(step, ctx.placeholders, str(name) if name else None)
    if not creating:
        return _restart_then_solution(step, problems, c, codes, ctx)
    connect = [line for line in solution_lines(step, ctx.placeholders) if line.startswith("docker network connect ")]
    if codes <= _NETWORK_CODES and connect:
        fix: tuple[str, ...] = tuple(connect)  # the step's own way: connect the running container, no new one
        out = list(problems)
        out[-1] = replace(out[-1], fix=fix)
        return out
    if codes <= _START_FIXES:
        fix = (f"docker container start {c.name}",)
        extra = f" 설정은 맞아요. 시작만 하면 돼요:{_first_then(fix)}"
    else:
        fix = (f"docker container rm -f {c.name}", *_from_creating(step, ctx.placeholders, creating[0]))
        extra = ""
        if name:
            extra = (f" '{c.name}' 이름의 컨테이너가 이미 있어서, 같은 명령을 다시 실행하면 "
                     f"`Conflict. The container name \"/{c.name}\" is already in use` 오류가 나요. "
                     "`docker container start`로 다시 시작해도 만들 때의 설정은 그대로예요.")
        else:
            extra = f" 이 단계의 시도로 보이는 '{c.name}' 컨테이너는 설정을 바꿀 수 없어서 새로 만들어야 해요."
        extra += _first_then(fix)
        if "container.attached" in codes and c.state == "running":
            extra += _attached_note(c.name)
    out = list(problems)
    last = out[-1]
    out[-1] = replace(last, message=_sentence(last.message) + extra, fix=fix)
    return out


def _sentence(message: str) -> str:
    r"""A message that ends in a command (`…: \`-p 8080:80\``) gets its full stop before more."""
    message = message.rstrip()
    return message if message.endswith((".", "!", "?", "요")) else message + "."


_STATE_CODES = {"container.state", "container.exit_code", "container.not_running", "container.never_created"}


def _restart_then_solution(step: Step, problems: list[Problem], c, codes: set[str], ctx) -> list[Problem]:
    """A step that works ON a container (stop, kill, pause): when it already stopped the wrong
    way, running the step's command again fails ("is not running"): start it first."""
    from tutor.journey.begin import solution_lines

    if not codes <= _STATE_CODES or c.state not in ("exited", "created"):
        return problems
    lines = [line for line in solution_lines(step, ctx.placeholders) if not line.startswith("docker container start ")]
    fix = (f"docker container start {c.name}", *lines)
    out = list(problems)
    out[-1] = replace(out[-1], fix=fix)
    return out


def _network_advice(step: Step, problems: list[Problem], view, ctx) -> list[Problem]:
    from tutor.journey.begin import solution_lines

    codes = {p.code for p in problems}
    lines = [line for line in solution_lines(step, ctx.placeholders) if created_network(_argv(line, {}))]
    if not lines or not codes & {"network.driver", "network.subnet", "network.gateway"}:
        return problems
    name = created_network(_argv(lines[0], {}))
    fix = (f"docker network rm {name}", *lines)
    out = list(problems)
    out[-1] = replace(out[-1], message=out[-1].message.rstrip() + " 네트워크의 드라이버와 주소 범위는 만든 뒤에 바꿀 수 "
                      "없어요." + _first_then(fix), fix=fix)
    return out


def advise(step: Step, problems: list[Problem], view, ctx) -> list[Problem]:
    """`problems` with the way forward added (message text and `fix` commands) where needed."""
    if not problems or step.check is None:
        return problems
    if step.check.kind == "container":
        return _container_advice(step, problems, view, ctx)
    if step.check.kind == "network":
        return _network_advice(step, problems, view, ctx)
    if step.check.kind in ("image_absent", "container_absent"):
        return _keep_advice(problems)
    if step.check.kind == "registry_tag":
        return _login_advice(step, problems, ctx)
    return problems


def _login_advice(step: Step, problems: list[Problem], ctx) -> list[Problem]:
    """Not logged in: `docker login` first (it asks for the account), then the push again."""
    from tutor.journey.begin import solution_lines
    from tutor.journey.names import filled

    if step.check is None:  # advise() calls this only for a step with a check
        return problems
    registry = str(filled(step.check.params.get("registry", ""), ctx))
    pushes = tuple(line for line in solution_lines(step, ctx.placeholders) if " push " in f" {line} ")
    return [replace(p, fix=(f"docker login {registry}", *pushes)) if p.code == "push.not_logged_in" and registry
            else p for p in problems]


def _keep_advice(problems: list[Problem]) -> list[Problem]:
    """An image that had to stay was removed too: pulling it back (the lab mirror) is the way."""
    return [replace(p, fix=(f"docker image pull {p.expected}",)) if p.code == "image.keep_missing" and p.expected
            else p for p in problems]
