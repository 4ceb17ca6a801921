"""Issue 16 items 1 and 2: what a lesson may make the tutor run, and which paths it may name.

A lesson file is untrusted and Docker access is root: lint refuses (file:line, Korean) and the
self-test / prepare / check refuse again right before acting (defence in depth)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor import cli
from tutor.lessonfile import command_policy as cp
from tutor.lessonfile.parser import parse_lesson, read_text
from tutor.lessonfile.path_policy import inside, template_problem

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(ROOT.glob("lessons/*.md")) + sorted(ROOT.glob("assets/exercises/*.md"))


def shipped_commands():
    for f in SHIPPED:
        for step in parse_lesson(read_text(f), str(f)).steps:
            yield from ((c, False) for c in step.solution)
            yield from ((c, True) for v in step.wrong for c in v.commands)


def test_every_shipped_command_is_in_the_vocabulary():
    commands = list(shipped_commands())
    assert len(commands) > 100
    for command, wrong in commands:
        cp.check_line(command, allow_typo=wrong)


def test_the_allow_list_is_what_the_course_uses():
    """ALLOWED is computed from the course: every (group, verb) in it is used by a shipped line."""
    used = set()
    for command, _wrong in shipped_commands():
        argv = command.split()
        if argv[1] in cp.ALLOWED and len(argv) > 2 and argv[2] in cp.ALLOWED[argv[1]]:
            used.add((argv[1], cp.ALLOWED[argv[1]][argv[2]]))
    allowed = {(g, v) for g, verbs in cp.ALLOWED.items() for v in set(verbs.values())}
    assert allowed == used
    assert {w.split()[1] for w, _ in shipped_commands() if w.split()[1] in cp.TOP_LEVEL} == set(cp.TOP_LEVEL)


PWNED = 'docker container run --name x -v /:/host centos sh -c "id > /host/tmp/PWNED"'


@pytest.mark.parametrize("command, reason", [
    (PWNED, "연습 폴더 안의 경로"),
    ("docker container run -v /var/run/docker.sock:/s centos", "연습 폴더 안의 경로"),
    ("docker run -v {workdir}/../secret:/s centos", "`..`"),
    ("docker run --mount type=bind,source=/etc,target=/e centos", "연습 폴더 안의 경로"),
    ("docker run --mount type=volume,target=/e,volume-opt=device=/,volume-opt=o=bind centos", "volume-opt"),
    ("docker run --privileged centos", "모든 권한"),
    ("docker run --cap-add=SYS_ADMIN centos", "capability"),
    ("docker run --device /dev/sda centos", "장치"),
    ("docker run --pid=host centos", "프로세스"),
    ("docker run --ipc host centos", "IPC"),
    ("docker run --uts=host centos", "UTS"),
    ("docker run --userns=host centos", "사용자 네임스페이스"),
    ("docker run --network host centos", "호스트"),
    ("docker run --net=host centos", "호스트"),
    ("docker run -it --security-opt seccomp=unconfined centos", "보안"),
    ("docker run --volumes-from other centos", "마운트"),
    ("docker run --cidfile /etc/x centos", "파일을 써요"),
    ("docker run --env-file /etc/shadow centos", "env 파일"),
    ("docker run --env-file={workdir}/../../etc/shadow centos", "`..`"),
    ("docker run -itv /:/h centos", "연습 폴더"),
    ("docker exec webserver sh", "쓰지 않는 명령"),
    ("docker cp webserver:/etc/passwd .", "쓰지 않는 명령"),
    ("docker build -t x .", "쓰지 않는 명령"),
    ("docker volume create --opt device=/ x", "쓰지 않는 명령"),
    ("docker container exec webserver sh", "쓰지 않는 명령"),
    ("docker plugin install x", "쓰지 않는 명령"),
    ("docker -H tcp://10.0.0.1:2375 ps", "전체 옵션"),
    ("docker --config /tmp/x login", "전체 옵션"),
    ("docker network create -d macvlan -o parent=eth0 n", "쓸 수 없어요"),
    ("docker network create --driver=host n", "드라이버"),
    ("docker version; rm -rf ~", "셸 기호"),
    ("docker version && curl x", "셸 기호"),
    ("docker image ls | sh", "셸 기호"),
    ("docker version > /etc/motd", "셸 기호"),
    ("docker run centos echo $(id)", "셸 기호"),
    ('docker run centos echo "$(id)"', "큰따옴표"),
    ("docker run centos echo `id`", "셸 기호"),
    ("docker version\nrm -rf /", "줄바꿈"),
    ("docker version\x1b]0;x\x07", "제어 문자"),
])
def test_refused(command, reason):
    with pytest.raises(cp.Refused) as err:
        cp.check_line(command)
    assert reason in str(err.value)


@pytest.mark.parametrize("command", [
    "docker container run -d -v {workdir}/html:/usr/share/nginx/html nginx",
    "docker run -v html:/usr/share/nginx/html nginx",  # a named volume, not a host path
    "docker run -v /data centos",  # an anonymous volume
    "docker container run -it --env-file={workdir}/env_list centos /bin/bash",
    "docker run --mount type=tmpfs,target=/t centos",
    "docker run --mount type=bind,source={workdir}/site,target=/s nginx",
    "docker container run --name hello centos sh -c 'exit 3; echo $HOME > /tmp/x'",  # single quotes: the container's
    'docker container run --name hello centos sh -c "exit 3 > /dev/null"',  # no $ or ` inside: the container's
    "docker container inspect -f '{{.State.Status}}' web",
    "docker run -itd --name=webp --net=web-network -p8080:80 -w=/app nginx",
    "docker --version",
])
def test_allowed(command):
    cp.check_line(command)


def test_a_wrong_variant_may_misspell_but_not_reach_further():
    cp.check_line("docker netowrk create web", allow_typo=True)
    cp.check_line("docker container run --restart-always centos", allow_typo=True)
    for bad in ("docker exec web sh", "docker container run --privileged centos", "docker volumes create x",
                "docker container run --restart-always -v /:/h centos"):
        if bad.endswith("-v /:/h centos"):
            cp.check_line(bad, allow_typo=True)  # the CLI stops at the misspelt flag: nothing runs
            continue
        with pytest.raises(cp.Refused):
            cp.check_line(bad, allow_typo=True)


def test_runtime_paths_resolve_links(tmp_path):
    work = tmp_path / "practice"
    (work / "html").mkdir(parents=True)
    (work / "out").symlink_to("/etc")
    assert inside(work / "html" / "index.html", work)
    assert not inside(work / "out" / "shadow", work)
    assert not inside(work / ".." / "secret", work)
    assert not inside("/etc/shadow", work)
    with pytest.raises(cp.Refused, match="연습 폴더 밖"):
        cp.check_argv(["docker", "run", "-v", f"{work}/out:/x", "centos"], workdir=str(work))
    cp.check_argv(["docker", "run", "-v", f"{work}/html:/x", "centos"], workdir=str(work))
    assert template_problem("{workdir}/a/../../b", "경로") and not template_problem("{workdir}/a/b", "경로")


def write_exercise(tmp_path, solution: str, prepare: str = "", check: str = 'kind = "container"\nname = "x"') -> Path:
    text = f"""---
id: ex-bad
title: 나쁜 연습
chapter: 9
format_version: 1
---

# 나쁜 연습

## 한 단계

```step
id = "one"
kind = "task"
```

아무 설명.
{("```prepare" + chr(10) + prepare + chr(10) + "```") if prepare else ""}

```check
{check}
```

```solution
{solution}
```

```hint
힌트 하나
```

```hint
힌트 둘
```
"""
    f = tmp_path / "bad.md"
    f.write_text(text, encoding="utf-8")
    return f


def test_lint_reports_the_pwned_solution_with_file_and_line(tmp_path, capsys):
    f = write_exercise(tmp_path, PWNED)
    assert cli.main(["--no-color", "lint", str(f)]) == 2
    out = capsys.readouterr().out
    line = next(n for n, t in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if t.startswith("docker"))
    assert f"{f}:{line}:" in out and "연습 폴더 안의 경로" in out


@pytest.mark.parametrize("prepare, key", [
    ('[[containers]]\nname = "a"\nimage = "centos"\nnetworks = ["host"]', "networks"),
    ('[[networks]]\nname = "n"\ndriver = "macvlan"', "driver"),
    ('[[files]]\npath = "/etc/cron.d/x"\ncontent = "x"', "path"),
    ('[[files]]\npath = "{workdir}/../x"\ncontent = "x"', "path"),
    ('[[files]]\npath = "{workdir}"\ncontent = "x"', "path"),
    ('[[containers]]\nname = "a"\nimage = "centos"\nprivileged = true', "privileged"),
])
def test_lint_refuses_unsafe_prepare_blocks(tmp_path, capsys, prepare, key):
    f = write_exercise(tmp_path, "docker version", prepare=prepare)
    assert cli.main(["--no-color", "lint", str(f)]) == 2
    out = capsys.readouterr().out
    line = next(n for n, t in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if t.startswith(key))
    assert f"{f}:{line}:" in out


def test_lint_refuses_a_check_env_file_outside_the_practice_folder(tmp_path, capsys):
    f = write_exercise(tmp_path, "docker version", check='kind = "container"\nname = "x"\nenv_file = "/etc/shadow"')
    assert cli.main(["--no-color", "lint", str(f)]) == 2
    assert "연습 폴더 안의 경로" in capsys.readouterr().out


def test_prepare_refuses_before_touching_the_daemon():
    """An unlinted Preparation (built in code) asking for the host network: nothing is made."""
    from tutor.daemon.actions import prepare
    from tutor.errors import BadInput
    from tutor.model import Preparation, Step

    class NoDaemon:
        def __getattr__(self, name):
            raise AssertionError(f"the daemon was called: {name}")

    prep = Preparation(containers=({"name": "a", "image": "centos", "networks": ["host"]},))
    step = Step(id="9/x", slug="x", kind="task", title="t", body="", prepare=prep)
    with pytest.raises(BadInput, match="호스트 네트워크"):
        prepare(step, NoDaemon(), {"workdir": "/tmp/nowhere", "user": "u"})
    prep = Preparation(files=({"path": "/tmp/nowhere/../../etc/x", "content": "x"},))
    with pytest.raises(BadInput, match="연습 폴더 밖"):
        prepare(Step(id="9/y", slug="y", kind="task", title="t", body="", prepare=prep), NoDaemon(),
                {"workdir": "/tmp/nowhere", "user": "u"})


def test_selftest_plan_refuses_at_run_time(tmp_path):
    from tutor.selftest.plan import CommandError, plan_command

    with pytest.raises(CommandError, match="안전하지 않은"):
        plan_command(PWNED, {"workdir": str(tmp_path)}, "r1")
    # Filled in, a host path is resolved: a link inside the practice folder pointing out fails.
    (tmp_path / "html").symlink_to("/etc")
    with pytest.raises(CommandError, match="연습 폴더 밖"):
        plan_command("docker run -v {workdir}/html:/h centos", {"workdir": str(tmp_path)}, "r1")
    (tmp_path / "site").mkdir()
    assert plan_command("docker run -v {workdir}/site:/h centos", {"workdir": str(tmp_path)}, "r1").argv


def test_env_file_check_never_reads_outside_the_practice_folder(tmp_path):
    from tutor.checks.base import CheckContext
    from tutor.checks.container_config import check_env_file
    from tutor.paths import practice_dir

    secret = tmp_path / "secret"
    secret.write_text("TOKEN=hunter2-unique\nroot:x:0:0\n", encoding="utf-8")
    link = practice_dir() / "env_link"
    link.symlink_to(secret)
    for path in (str(secret), str(link), f"{practice_dir()}/../secret"):
        problems = check_env_file(path, None, {}, None, CheckContext(step_id="9/x"))
        assert [p.code for p in problems] == ["env_file.outside"]
        assert "hunter2" not in problems[0].message and "root:x" not in problems[0].message


def test_env_file_feedback_quotes_only_variables():
    from tutor.checks.container_config import read_env_file
    from tutor.paths import practice_dir

    f = practice_dir() / "env_list"
    f.write_text("foo=bar\nroot:x:0:0:root:/root:/bin/bash\n  # c\nBARE\n", encoding="utf-8")
    assert read_env_file(str(f)) == {"foo": "bar", "BARE": None}


def test_selftest_asks_before_running_a_file_from_outside(tmp_path, capsys, monkeypatch):
    """Non-interactive and no --yes: the commands are shown, nothing runs, exit 2."""
    f = write_exercise(tmp_path, "docker version")
    monkeypatch.setattr("tutor.daemon.connect.connect", lambda **k: pytest.fail("connected to the daemon"))
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    assert cli.main(["--no-color", "--file", str(f), "selftest"]) == 2
    err = capsys.readouterr().err
    assert "docker version" in err and "--yes" in err and "코스 밖의 레슨 파일" in err


def test_consent_for_installed_course_is_not_asked():
    from tutor.selftest.consent import confirm, installed

    assert installed(ROOT / "lessons" / "4.2.md") and installed(ROOT / "assets" / "exercises" / "env-and-limits.md")
    confirm(str(ROOT / "lessons" / "4.2.md"), [], yes=False, interactive=False)  # no question, no error


def test_execute_refuses_an_unsafe_planned_argv(tmp_path):
    from tutor.selftest.execute import run_planned
    from tutor.selftest.plan import Planned

    marker = tmp_path / "ran"
    planned = Planned(argv=("docker", "run", "--privileged", "-v", "/:/h", "centos", "touch", f"/h{marker}"),
                      pty=False, attached_shell=False, login_prompt=False)
    ran = run_planned(planned, {"workdir": str(tmp_path / "practice")})
    assert ran.exit_code == 126 and "안전하지 않은" in ran.output and not marker.exists()
