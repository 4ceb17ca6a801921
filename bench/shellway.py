"""The same verification done the way shell-script tutors do it: one docker CLI process per fact.

For each check parameter we spawn `docker inspect -f '{{...}}'` (or `docker ps`/`docker image
ls`/`docker network inspect` with format strings and grep), exactly like a bash checker would.
The facts are the same ones our check reads, so the comparison is like for like.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping

DOCKER = "docker"

# container check parameter -> the Go template a script would ask for
CONTAINER_FACTS = {
    "state": "{{.State.Status}}",
    "exit_code": "{{.State.ExitCode}}",
    "image": "{{.Config.Image}}",
    "command": "{{json .Config.Cmd}}",
    "tty": "{{.Config.Tty}}",
    "stdin_open": "{{.Config.OpenStdin}}",
    "detached": "{{.Config.AttachStdout}}",
    "ports": "{{json .HostConfig.PortBindings}}",
    "restart": "{{.HostConfig.RestartPolicy.Name}}",
    "dns": "{{json .HostConfig.Dns}}",
    "extra_hosts": "{{json .HostConfig.ExtraHosts}}",
    "cpu_shares": "{{.HostConfig.CpuShares}}",
    "memory": "{{.HostConfig.Memory}}",
    "mounts": "{{json .Mounts}}",
    "env": "{{json .Config.Env}}",
    "env_file": "{{json .Config.Env}}",
    "workdir": "{{.Config.WorkingDir}}",
    "started_after_step": "{{.State.StartedAt}}",
    "networks": "{{json .NetworkSettings.Networks}}",
    "not_networks": "{{json .NetworkSettings.Networks}}",
}


def _docker(*args: str) -> str:
    return subprocess.run([DOCKER, *args], capture_output=True, text=True, timeout=60).stdout


def check_like_a_script(kind: str, params: Mapping) -> int:
    """Run the script-style verification of one check; returns the number of processes spawned."""
    spawned = 0
    if kind == "container":
        if params.get("name"):
            ids = [params["name"]] if _docker("ps", "-a", "-q", "-f", f"name=^{params['name']}$").strip() else []
        else:
            ids = _docker("ps", "-a", "-q", "--filter", f"ancestor={params.get('image', 'nginx')}").split()
        spawned += 1
        for cid in ids[:5]:
            for key in params:
                if key in CONTAINER_FACTS:
                    _docker("inspect", "-f", CONTAINER_FACTS[key], cid)
                    spawned += 1
    elif kind in ("container_absent", "no_stopped"):
        _docker("ps", "-a", "--format", "{{.Names}} {{.Status}}")
        spawned += 1
    elif kind.startswith("image") or kind == "no_dangling":
        _docker("image", "ls", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}")
        spawned += 1
        for key in ("ref", "same_as", "pattern"):
            if key in params:
                _docker("image", "inspect", "-f", "{{.Id}}", str(params[key]).replace("*/", ""))
                spawned += 1
    elif kind.startswith("network"):
        name = params.get("name", "")
        _docker("network", "ls", "--format", "{{.Name}}")
        spawned += 1
        for template in ("{{.Driver}}", "{{json .Containers}}", "{{json .IPAM.Config}}"):
            _docker("network", "inspect", "-f", template, name)
            spawned += 1
    else:
        _docker("info", "--format", "{{.ServerVersion}}")
        spawned += 1
    return spawned
