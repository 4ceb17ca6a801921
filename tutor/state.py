"""What the daemon view hands to the checks: plain frozen snapshots, no SDK objects.

`tutor.daemon.view.DaemonView` fills these from the Engine API (GET/HEAD only); unit tests fill
them by hand through `tests/fakes.py`. Checks are pure functions of a `StateView`, so they never
see a `docker` object and can be tested without a daemon.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class ServerInfo:
    version: str  # Engine version, e.g. "20.10.24+dfsg1"
    api_version: str  # e.g. "1.41"
    min_api_version: str = ""
    os: str = ""
    arch: str = ""
    kernel: str = ""


@dataclass(frozen=True)
class SystemInfo:
    storage_driver: str
    containers: int = 0
    containers_running: int = 0
    containers_paused: int = 0
    containers_stopped: int = 0
    images: int = 0
    server_version: str = ""
    cgroup_driver: str = ""
    registry_mirrors: tuple[str, ...] = ()
    name: str = ""


@dataclass(frozen=True)
class ImageInfo:
    id: str  # full "sha256:..." id
    tags: tuple[str, ...]  # normalised "repo:tag" (no docker.io/library/ prefix)
    labels: Mapping[str, str] = field(default_factory=dict)
    created: str = ""
    size: int = 0
    architecture: str = ""
    os: str = ""
    dangling: bool = False
    # The image's run configuration (`Config` of an inspect; empty from the list endpoint).
    env: tuple[str, ...] = ()  # "NAME=value"
    cmd: tuple[str, ...] = ()
    entrypoint: tuple[str, ...] = ()
    working_dir: str = ""
    user: str = ""
    exposed_ports: tuple[str, ...] = ()  # "80/tcp"

    @property
    def short_id(self) -> str:
        return self.id.split(":", 1)[-1][:12]


@dataclass(frozen=True)
class PortBinding:
    container_port: str  # "80/tcp"
    host_ip: str  # "0.0.0.0" or "" when not published
    host_port: int | None  # None when exposed but not published


@dataclass(frozen=True)
class Mount:
    type: str  # "bind" | "volume" | "tmpfs"
    source: str  # host path for bind, volume name for volume
    target: str  # path inside the container
    name: str = ""  # volume name
    rw: bool = True


@dataclass(frozen=True)
class ContainerInfo:
    """A container as `docker container inspect` shows it (only the fields checks use)."""

    id: str
    name: str  # without the leading "/"
    image: str  # as the learner wrote it (Config.Image), e.g. "nginx"
    image_id: str  # "sha256:..."
    state: str  # created | running | paused | restarting | exited | dead | removing
    exit_code: int = 0
    command: tuple[str, ...] = ()  # Path + Args, what actually runs
    cmd: tuple[str, ...] = ()  # Config.Cmd as given
    entrypoint: tuple[str, ...] = ()
    tty: bool = False
    stdin_open: bool = False
    attached: bool = False  # Config.AttachStdout: run without -d (the CLI stayed attached)
    ports: tuple[PortBinding, ...] = ()  # published bindings (HostConfig.PortBindings / NetworkSettings.Ports)
    restart_policy: str = "no"  # "no" | "always" | "unless-stopped" | "on-failure"
    restart_max: int = 0
    dns: tuple[str, ...] = ()
    extra_hosts: tuple[str, ...] = ()  # as stored by the daemon: "test.com:192.168.1.1"
    cpu_shares: int = 0  # 0 means the default (1024)
    memory: int = 0  # bytes, 0 means no limit
    mounts: tuple[Mount, ...] = ()
    env: tuple[str, ...] = ()  # "NAME=value" strings, image env included
    working_dir: str = ""
    created: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    networks: tuple[str, ...] = ()  # names of attached networks
    labels: Mapping[str, str] = field(default_factory=dict)
    oom_killed: bool = False

    @property
    def short_id(self) -> str:
        return self.id[:12]

    def env_dict(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for item in self.env:
            name, _, value = item.partition("=")
            out[name] = value
        return out


@dataclass(frozen=True)
class ContainerSummary:
    """One container as the list filters see it: from `GET /containers/json` (one request for
    all) or from an inspect. What a round, the live model and the Podman path filter on."""

    id: str
    name: str  # without "/"
    image_id: str
    state: str
    created: float = 0.0  # unix seconds (whole seconds from a list entry), for newest-first order
    labels: Mapping[str, str] = field(default_factory=dict)
    networks: Mapping[str, str] = field(default_factory=dict)  # name -> network id
    published: frozenset[str] = frozenset()  # live host bindings, "8080/tcp"
    exposed: frozenset[str] = frozenset()  # container ports, "80/tcp"
    image: str = ""  # as given (list: Image; inspect: Config.Image)
    exit_code: int = 0


@dataclass(frozen=True)
class NetworkInfo:
    id: str
    name: str
    driver: str
    scope: str = "local"
    subnets: tuple[str, ...] = ()
    gateways: tuple[str, ...] = ()
    containers: tuple[str, ...] = ()  # names of attached containers
    labels: Mapping[str, str] = field(default_factory=dict)
    internal: bool = False


@dataclass(frozen=True)
class Credentials:
    """What the docker CLI's config says about one registry (never the secret itself)."""

    server: str
    stored: bool
    where: str = ""  # "auths" | "credsStore:<helper>" | "credHelpers:<helper>" | ""
    username: str = ""
    config_error: str = ""  # config.json exists but cannot be read as the CLI's JSON (then stored is False)


@dataclass(frozen=True)
class DiskUsage:
    images_total: int
    images_active: int
    images_size: int
    containers_total: int
    containers_active: int
    volumes_total: int
    build_cache_total: int = 0


@dataclass(frozen=True)
class ContainerStats:
    name: str
    id: str
    cpu_percent: float
    mem_usage: int
    mem_limit: int
    pids: int


@dataclass(frozen=True)
class Process:
    pid: str
    user: str
    cmd: str


class StateView(Protocol):
    """The read-only view of one daemon that every check receives.

    Implementations promise: GET/HEAD requests only, server-side filters, and a bounded number
    of requests per call whatever the number of unrelated containers.
    Filters use the Engine API's names: {"name": [...], "ancestor": [...], "publish": [...],
    "status": [...], "label": [...], "network": [...], "id": [...]} for containers,
    {"reference": [...], "dangling": ["true"], "label": [...]} for images,
    {"name": [...], "driver": [...], "id": [...]} for networks.
    """

    def server(self) -> ServerInfo: ...

    def system_info(self) -> SystemInfo: ...

    def disk_usage(self) -> DiskUsage: ...

    def image(self, ref: str) -> ImageInfo | None: ...

    def images(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[ImageInfo]: ...

    def container(self, name_or_id: str) -> ContainerInfo | None: ...

    def containers(
        self, filters: Mapping[str, Sequence[str]] | None = None, limit: int = 20
    ) -> list[ContainerInfo]: ...

    def container_names(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[str]:
        """Names of the matching containers from ONE list call (no inspect), newest first."""
        ...

    def network(self, name_or_id: str) -> NetworkInfo | None: ...

    def networks(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[NetworkInfo]: ...

    def credentials(self, server: str) -> Credentials: ...

    def registry_tags(self, registry: str, repository: str) -> list[str] | None: ...

    def stats(self, name_or_id: str) -> ContainerStats | None: ...

    def top(self, name_or_id: str) -> list[Process]: ...

    def was_attached(self, name_or_id: str) -> bool | None:
        """Whether a CLI client attached to the container (an `attach` event since it was created:
        `run` without -d does, `create` + `start` does not); None when the daemon cannot say."""
        ...
