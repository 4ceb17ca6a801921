"""The docker command vocabulary a lesson may use, as data (see `command_policy` for the rules).

`ALLOWED` is what lessons/ and assets/exercises/ actually use (tests/unit/test_command_policy.py
computes it from the course and compares); `RUN_OPTIONS` is an allow-list, `HOST_OPTIONS` says
in Korean why the options that hand the host to a container are refused; `DOCKER_COMMANDS` and
`DOCKER_RUN_OPTIONS` are everything docker knows, so a misspelling can be told from a real word.
"""

from __future__ import annotations

# (group, verb) operations the course uses; each verb's aliases as the docker CLI spells them.
ALLOWED: dict[str, dict[str, str]] = {
    "container": {v: v for v in ("run", "create", "start", "stop", "kill", "restart", "pause", "unpause",
                                 "rm", "prune", "ls", "stats", "top", "inspect")}
    | {"list": "ls", "ps": "ls", "remove": "rm"},
    "image": {v: v for v in ("pull", "ls", "inspect", "tag", "rm", "prune", "push")}
    | {"list": "ls", "remove": "rm"},
    "network": {v: v for v in ("ls", "create", "connect", "disconnect", "inspect", "rm")}
    | {"list": "ls", "remove": "rm"},
    "system": {"info": "info", "df": "df"},
}
TOP_LEVEL = ("version", "login", "logout")
# `docker run` is `docker container run`, and so on (the CLI's own short forms).
SHORT_FORMS: dict[str, tuple[str, str]] = {
    **{v: ("container", v) for v in ("run", "create", "start", "stop", "kill", "restart", "pause", "unpause",
                                     "rm", "stats", "top")},
    "ps": ("container", "ls"), "inspect": ("container", "inspect"),
    "images": ("image", "ls"), "pull": ("image", "pull"), "push": ("image", "push"), "tag": ("image", "tag"),
    "rmi": ("image", "rm"), "info": ("system", "info"),
}
# Every docker top-level command: a wrong variant may misspell a word (`docker netowrk`), which
# the CLI refuses by itself, but it may never name one of these outside the vocabulary.
DOCKER_COMMANDS = frozenset(["attach", "build", "builder", "buildx", "checkpoint", "commit", "compose", "config", "container", "context", "cp", "create", "debug", "diff", "events", "exec", "export", "history", "image", "images", "import", "info", "init", "inspect", "kill", "load", "login", "logout", "logs", "manifest", "network", "node", "pause", "plugin", "port", "ps", "pull", "push", "rename", "restart", "rm", "rmi", "run", "save", "sbom", "scout", "search", "secret", "service", "stack", "start", "stats", "stop", "swarm", "system", "tag", "top", "trust", "unpause", "update", "version", "volume", "wait"])

# `run`/`create` options: long name -> takes a value. Anything not here is refused.
RUN_OPTIONS: dict[str, bool] = {
    **dict.fromkeys(("interactive", "tty", "detach", "rm", "init", "publish-all", "read-only", "no-healthcheck",
                     "quiet", "help"), False),
    **dict.fromkeys(("name", "env", "env-file", "workdir", "memory", "memory-swap", "memory-reservation",
                     "cpu-shares", "cpus", "cpuset-cpus", "pids-limit", "restart", "publish", "expose", "dns",
                     "dns-search", "dns-option", "add-host", "volume", "mount", "network", "net", "network-alias",
                     "ip", "label", "hostname", "domainname", "user", "entrypoint", "stop-signal", "stop-timeout",
                     "health-cmd", "health-interval", "health-retries", "health-timeout", "health-start-period",
                     "attach", "tmpfs", "ulimit", "shm-size", "platform", "pull", "link", "cap-drop",
                     "sig-proxy"), True),
}
RUN_SHORTS = {"i": "interactive", "t": "tty", "d": "detach", "P": "publish-all", "q": "quiet", "e": "env",
              "w": "workdir", "m": "memory", "c": "cpu-shares", "p": "publish", "v": "volume", "l": "label",
              "h": "hostname", "u": "user", "a": "attach"}
# Every real `docker run` option (Engine 20.10–28): a wrong variant may misspell an option
# (`--restart-always`, refused by the CLI itself), but never name a real one outside RUN_OPTIONS.
DOCKER_RUN_OPTIONS = frozenset(["add-host", "annotation", "attach", "blkio-weight", "blkio-weight-device", "cap-add", "cap-drop", "cgroup-parent", "cgroupns", "cidfile", "cpu-count", "cpu-percent", "cpu-period", "cpu-quota", "cpu-rt-period", "cpu-rt-runtime", "cpu-shares", "cpus", "cpuset-cpus", "cpuset-mems", "detach", "detach-keys", "device", "device-cgroup-rule", "device-read-bps", "device-read-iops", "device-write-bps", "device-write-iops", "disable-content-trust", "dns", "dns-opt", "dns-option", "dns-search", "domainname", "entrypoint", "env", "env-file", "expose", "gpus", "group-add", "health-cmd", "health-interval", "health-retries", "health-start-interval", "health-start-period", "health-timeout", "help", "hostname", "init", "interactive", "io-maxbandwidth", "io-maxiops", "ip", "ip6", "ipc", "isolation", "kernel-memory", "label", "label-file", "link", "link-local-ip", "log-driver", "log-opt", "mac-address", "memory", "memory-reservation", "memory-swap", "memory-swappiness", "mount", "name", "net", "net-alias", "network", "network-alias", "no-healthcheck", "oom-kill-disable", "oom-score-adj", "pid", "pids-limit", "platform", "privileged", "publish", "publish-all", "pull", "quiet", "read-only", "restart", "rm", "runtime", "security-opt", "shm-size", "sig-proxy", "stop-signal", "stop-timeout", "storage-opt", "sysctl", "tmpfs", "tty", "ulimit", "use-api-socket", "user", "userns", "uts", "volume", "volume-driver", "volumes-from", "workdir"])
NETWORK_CREATE_OPTIONS: dict[str, bool] = {
    **dict.fromkeys(("internal", "ipv6", "attachable", "help"), False),
    **dict.fromkeys(("driver", "subnet", "gateway", "ip-range", "label", "aux-address"), True),
}
NETWORK_CREATE_SHORTS = {"d": "driver"}
NETWORK_DRIVERS = ("bridge",)

# Why an option is refused, for the ones that hand the host to the container.
HOST_OPTIONS: dict[str, str] = {
    "privileged": "컨테이너에 호스트의 모든 권한을 줘요",
    "cap-add": "컨테이너에 호스트 권한(capability)을 더해요",
    "device": "호스트 장치를 컨테이너에 넘겨요",
    "device-cgroup-rule": "호스트 장치 접근을 열어요",
    "gpus": "호스트 장치를 컨테이너에 넘겨요",
    "pid": "호스트(또는 다른 컨테이너)의 프로세스 공간을 나눠 써요",
    "ipc": "호스트(또는 다른 컨테이너)의 IPC 공간을 나눠 써요",
    "uts": "호스트의 UTS 공간을 나눠 써요",
    "userns": "사용자 네임스페이스를 바꿔요",
    "cgroupns": "호스트의 cgroup 네임스페이스를 나눠 써요",
    "cgroup-parent": "호스트의 cgroup 위치를 정해요",
    "security-opt": "보안 설정(seccomp, AppArmor)을 끌 수 있어요",
    "volumes-from": "다른 컨테이너의 (호스트) 마운트를 그대로 가져와요",
    "volume-driver": "볼륨 드라이버로 호스트 경로를 연결할 수 있어요",
    "cidfile": "호스트에 파일을 써요",
    "label-file": "호스트의 파일을 읽어요",
    "runtime": "컨테이너 런타임을 바꿔요",
    "sysctl": "커널 설정을 바꿔요",
    "storage-opt": "저장소 설정을 바꿔요",
    "log-driver": "호스트의 로그 시스템에 써요",
    "log-opt": "호스트의 로그 시스템에 써요",
    "oom-kill-disable": "호스트 메모리를 보호하는 장치를 꺼요",
}
