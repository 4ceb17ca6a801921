"""The self-test's pure command rules: split, refuse non-docker, label injection, pty decision."""

from __future__ import annotations

import pytest

from tutor.selftest.plan import (
    SELFTEST_LABEL,
    CommandError,
    appears_in,
    inject_label,
    plan_command,
    run_options,
    split,
)

MAP = {"user": "kim", "registry": "127.0.0.1:5101", "registry_user": "student", "registry_password": "pw",
       "workdir": "/home/kim/practice"}


def test_split_strips_prompt_and_fills_placeholders():
    assert split("$ docker image tag nginx {user}/webserver:1.0", MAP) == [
        "docker", "image", "tag", "nginx", "kim/webserver:1.0"]


def test_split_keeps_quotes_and_go_templates():
    argv = split("docker container run -d -e 'foo=bar baz' nginx", MAP)
    assert argv[-2] == "foo=bar baz"
    assert split("docker version --format '{{.Server.Version}}'", MAP)[-1] == "{{.Server.Version}}"


@pytest.mark.parametrize("bad", ["ls -la", "rm -rf /", "sh -c 'docker ps'", "", "docker 'unbalanced"])
def test_refuses_anything_but_docker(bad):
    with pytest.raises(CommandError):
        split(bad, MAP)


@pytest.mark.parametrize("command, at", [
    ("docker container run -d nginx", 3),
    ("docker run -d nginx", 2),
    ("docker container create --name test1 centos", 3),
    ("docker create centos", 2),
    ("docker network create --driver=bridge web-network", 3),
])
def test_label_goes_right_after_the_subcommand(command, at):
    argv = inject_label(split(command, MAP), "r1")
    assert argv[at:at + 2] == ["--label", f"{SELFTEST_LABEL}=r1"]
    assert len(argv) == len(command.split()) + 2


@pytest.mark.parametrize("command", [
    "docker container start test1", "docker network connect web-network webfront",
    "docker image tag nginx kim/webserver:1.0", "docker container ls -a", "docker network ls",
])
def test_no_label_for_commands_that_create_nothing_labellable(command):
    argv = split(command, MAP)
    assert inject_label(argv, "r1") == argv


@pytest.mark.parametrize("command, pty, shell", [
    ("docker container run -it --name mycentos centos /bin/bash", True, True),
    ("docker container run -i -t centos", True, True),
    ("docker container run --interactive --tty centos", True, True),
    ("docker container run -itd --name=webp --net=web-network nginx", True, False),
    ("docker run -it -d centos", True, False),
    ("docker container run -d -p 8080:80 nginx", False, False),
    # A foreground run (no -d, no -it) is attached to its output: a pty, ended with Ctrl-C.
    ("docker container run --cpu-shares=512 --memory=1g centos", True, False),
    ("docker container run -it --restart=always centos /bin/bash", True, True),
    ("docker container run -e it=1 nginx", True, False),  # a value, not the -i/-t flags: foreground
    ("docker container run -w=/tensorflow -d nginx", False, False),
    ("docker image ls", False, False),
    ("docker network create -d bridge net", False, False),
])
def test_pty_decision(command, pty, shell):
    planned = plan_command(command, MAP, "r1")
    assert (planned.pty, planned.attached_shell) == (pty, shell)
    is_run = " run " in f" {command} "
    assert planned.foreground == (is_run and pty and not shell and "-d" not in command and "-itd" not in command)


def test_login_without_password_option_answers_the_prompt():
    assert plan_command("docker login {registry}", MAP, "r").login_prompt
    planned = plan_command("docker login {registry} -u {registry_user} --password-stdin", MAP, "r")
    assert not planned.login_prompt and not planned.pty
    assert planned.argv[2] == "127.0.0.1:5101"


@pytest.mark.parametrize("command, flags, detached", [
    ("docker run centos sh -c 'ls -it'", set(), False),  # -it belongs to the container's command
    ("docker run --name -it centos", set(), False),  # odd, but `-it` is the value of --name here
    ("docker run --name x -d -p 8080:80 nginx top -d 1", set(), True),
    ("docker run -e FOO=1 -it centos", {"i", "t"}, False),
    ("docker run -p8080:80 -t nginx", {"t"}, False),
])
def test_run_options_stop_at_the_image(command, flags, detached):
    assert run_options(split(command, MAP)) == (flags, detached)


@pytest.mark.parametrize("expected, output, ok", [
    ("20.10.24+dfsg1", "Server:\n Engine:\n  Version:          20.10.24+dfsg1\n", True),
    ("overlay2", "Storage Driver: overlay2", True),
    ("Overlay2", "storage driver:  OVERLAY2", True),
    ("sha256:46e72d183cbddd9028f1b58a301e3f5f9239b0e80eb4c21bca44ae26dab6026d",
     "nginx   latest    46e72d183cbd   7 minutes ago   1.99MB", True),
    ("46e72d183cbddd9028f1b58a301e3f5f", "IMAGE ID 46e72d18", False),
    ("1.41", "API version: 1.40", False),
    ("1.41", "  API version:      1.41 (minimum version 1.12)", True),
    ("2", "Images   2   1   3.98MB   1.99MB (50%)", True),
    ("2", "Images   3   1   3.98MB   1.99MB (50%)\nBuilt 2023", False),  # a digit inside other values
    ("2", "Images 12 1", False),
    ("amd64", '"Architecture": "amd64",', True),
    ("1.99MB", "SIZE 1.99 MB", True),
    ("", "anything", False),
])
def test_expected_value_appears_in_output(expected, output, ok):
    assert appears_in(expected, output) is ok


def test_named_volumes_are_told_apart_from_host_paths():
    from tutor.selftest.plan import named_volumes

    argv = ["docker", "container", "run", "-d", "-v", "html:/usr/share/nginx/html", "-v", "/srv/x:/x",
            "--volume=data:/data", "-v./rel:/r", "-v", "~/h:/h", "nginx"]
    assert named_volumes(argv) == ["html", "data"]
