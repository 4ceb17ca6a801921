"""`FakeView`: a `StateView` built from hand-made snapshots, for unit tests without a daemon.

It applies the same server-side filters the Engine API knows (the subset the checks use), keeps
containers newest first like the daemon, and counts every call in `calls` so tests can assert
how much a check asks. Use `container()` / `image()` / `network()` below to make snapshots with
sensible defaults.
"""

from __future__ import annotations

import fnmatch
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from tutor.errors import DaemonUnreachable
from tutor.state import (
    ContainerInfo,
    ContainerStats,
    Credentials,
    DiskUsage,
    ImageInfo,
    Mount,
    NetworkInfo,
    PortBinding,
    Process,
    ServerInfo,
    SystemInfo,
)

BASE_TIME = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
_counter = iter(range(1, 10**9))


def _norm_ref(ref: str) -> str:
    from tutor.refs import normalize_ref

    return normalize_ref(ref)


def container(name: str = "c1", image: str = "nginx", state: str = "running", **kw) -> ContainerInfo:
    """A container snapshot. `ports={"80/tcp": 8080}` is accepted as a shortcut for bindings;
    `mounts=[("bind", src, dst)]` tuples too; `env={"a": "b"}` becomes "a=b" strings."""
    n = next(_counter)
    created = kw.pop("created", BASE_TIME + timedelta(minutes=n))
    started = kw.pop("started_at", created + timedelta(seconds=1) if state != "created" else None)
    ports = kw.pop("ports", ())
    if isinstance(ports, Mapping):
        ports = tuple(PortBinding(_port_key(cp), "0.0.0.0", int(hp)) for cp, hp in ports.items())
    mounts = tuple(m if isinstance(m, Mount) else Mount(m[0], m[1], m[2], name=m[1] if m[0] == "volume" else "")
                   for m in kw.pop("mounts", ()))
    env = kw.pop("env", ())
    if isinstance(env, Mapping):
        env = tuple(f"{k}={v}" for k, v in env.items())
    defaults = dict(
        id=kw.pop("id", f"{n:064x}"),
        name=name,
        image=image,
        image_id=kw.pop("image_id", f"sha256:{abs(hash(_norm_ref(image))):064x}"[:71]),
        state=state,
        created=created,
        started_at=started,
        networks=kw.pop("networks", ("bridge",)),
        ports=tuple(ports),
        mounts=mounts,
        env=tuple(env),
    )
    defaults.update(kw)
    return ContainerInfo(**defaults)


def image(tag: str | None = "nginx:latest", id: str | None = None, **kw) -> ImageInfo:
    """Same id as `container(image=tag)` gets by default, so they belong together."""
    tags = (_norm_ref(tag),) if tag else ()
    seed = tags[0] if tags else f"dangling-{next(_counter)}"
    return ImageInfo(id=id or f"sha256:{abs(hash(seed)):064x}"[:71], tags=tags, dangling=not tags, **kw)


def network(name: str, driver: str = "bridge", **kw) -> NetworkInfo:
    return NetworkInfo(id=kw.pop("id", f"{abs(hash(name)):064x}"[:64]), name=name, driver=driver, **kw)


def _port_key(port) -> str:
    port = str(port)
    return port if "/" in port else f"{port}/tcp"


class FakeView:
    """Implements `tutor.state.StateView` over lists of snapshots."""

    def __init__(
        self,
        containers: Iterable[ContainerInfo] = (),
        images: Iterable[ImageInfo] = (),
        networks: Iterable[NetworkInfo] = (),
        server: ServerInfo | None = None,
        system_info: SystemInfo | None = None,
        disk_usage: DiskUsage | None = None,
        credentials: Mapping[str, Credentials] | None = None,
        registry: Mapping[tuple[str, str], list[str]] | None = None,
        stats: Mapping[str, ContainerStats] | None = None,
        top: Mapping[str, list[Process]] | None = None,
        local: bool = True,
        unreachable: bool = False,
        attached: Iterable[str] = (),
    ):
        # Newest first, like GET /containers/json.
        self._containers = sorted(containers, key=lambda c: c.created or BASE_TIME, reverse=True)
        self._images = list(images)
        self._networks = list(networks)
        self._server = server or ServerInfo(version="20.10.24+dfsg1", api_version="1.41")
        self._system_info = system_info or SystemInfo(storage_driver="overlay2")
        self._disk_usage = disk_usage
        self._credentials = dict(credentials or {})
        self._registry = dict(registry or {})
        self._stats = dict(stats or {})
        self._top = dict(top or {})
        self.local = local
        self.unreachable = unreachable
        self.attached = set(attached)  # names/ids a client attached to (`run` without -d)
        self.calls: Counter[str] = Counter()

    @property
    def request_count(self) -> int:
        return sum(self.calls.values())

    def _call(self, name: str) -> None:
        self.calls[name] += 1
        if self.unreachable:
            raise DaemonUnreachable("Docker 데몬에 연결할 수 없어요.", code="daemon.not_running")

    # --- server -----------------------------------------------------------------------------
    def server(self) -> ServerInfo:
        self._call("server")
        return self._server

    def system_info(self) -> SystemInfo:
        self._call("system_info")
        return self._system_info

    def disk_usage(self) -> DiskUsage:
        self._call("disk_usage")
        if self._disk_usage is not None:
            return self._disk_usage
        return DiskUsage(
            images_total=len(self._images),
            images_active=len({c.image_id for c in self._containers}),
            images_size=sum(i.size for i in self._images),
            containers_total=len(self._containers),
            containers_active=sum(c.state == "running" for c in self._containers),
            volumes_total=0,
        )

    # --- containers -------------------------------------------------------------------------
    def _find_container(self, name_or_id: str) -> ContainerInfo | None:
        key = name_or_id.lstrip("/")
        for c in self._containers:
            if c.name == key or c.id == key:
                return c
        for c in self._containers:
            if len(key) >= 1 and c.id.startswith(key):
                return c
        return None

    def container(self, name_or_id: str) -> ContainerInfo | None:
        self._call("container")
        return self._find_container(name_or_id)

    def containers(self, filters: Mapping[str, Sequence[str]] | None = None, limit: int = 20) -> list[ContainerInfo]:
        self._call("containers")
        return [c for c in self._containers if _container_matches(c, filters or {}, self)][:limit]

    def container_names(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[str]:
        self._call("container_names")
        return [c.name for c in self._containers if _container_matches(c, filters or {}, self)]

    def stats(self, name_or_id: str) -> ContainerStats | None:
        self._call("stats")
        c = self._find_container(name_or_id)
        return self._stats.get(c.name) if c else None

    def top(self, name_or_id: str) -> list[Process]:
        self._call("top")
        c = self._find_container(name_or_id)
        return list(self._top.get(c.name, [])) if c else []

    # --- images -----------------------------------------------------------------------------
    def was_attached(self, name_or_id: str) -> bool | None:
        self._call("was_attached")
        c = self._find_container(name_or_id)
        return c is not None and (c.name in self.attached or c.id in self.attached)

    def image(self, ref: str) -> ImageInfo | None:
        self._call("image")
        want = _norm_ref(ref)
        for img in self._images:
            if want in img.tags or img.id == ref or (len(ref) >= 12 and img.id.split(":")[-1].startswith(ref)):
                return img
        return None

    def images(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[ImageInfo]:
        self._call("images")
        return [i for i in self._images if _image_matches(i, filters or {})]

    # --- networks ---------------------------------------------------------------------------
    def network(self, name_or_id: str) -> NetworkInfo | None:
        self._call("network")
        for n in self._networks:
            if n.name == name_or_id or n.id == name_or_id or n.id.startswith(name_or_id):
                return n
        return None

    def networks(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[NetworkInfo]:
        self._call("networks")
        out = []
        for n in self._networks:
            f = filters or {}
            if "name" in f and not any(v in n.name for v in f["name"]):
                continue
            if "driver" in f and n.driver not in f["driver"]:
                continue
            if "id" in f and not any(n.id.startswith(v) for v in f["id"]):
                continue
            out.append(n)
        return out

    # --- registries -------------------------------------------------------------------------
    def credentials(self, server: str) -> Credentials:
        self._call("credentials")
        return self._credentials.get(server, Credentials(server=server, stored=False))

    def registry_tags(self, registry: str, repository: str) -> list[str] | None:
        self._call("registry_tags")
        if (registry, repository) in self._registry:
            return list(self._registry[(registry, repository)])
        return None if not any(r == registry for r, _ in self._registry) else []

    # --- test helpers -----------------------------------------------------------------------
    def with_containers(self, *extra: ContainerInfo) -> FakeView:
        view = FakeView(containers=[*self._containers, *extra], images=self._images, networks=self._networks)
        view.local = self.local
        return view


def _container_matches(c: ContainerInfo, filters: Mapping[str, Sequence[str]], view: FakeView) -> bool:
    for key, values in filters.items():
        values = list(values)
        if not values:
            continue
        if key == "name" and not any(v.lstrip("/") in c.name for v in values):
            return False
        if key == "id" and not any(c.id.startswith(v) for v in values):
            return False
        if key == "status" and c.state not in values:
            return False
        if key == "exited" and not (c.state == "exited" and str(c.exit_code) in values):
            return False
        if key == "ancestor" and not any(_norm_ref(v) == _norm_ref(c.image) or v == c.image_id for v in values):
            return False
        if key == "publish":
            # The daemon matches the host port of running containers' live bindings.
            held = {str(p.host_port) for p in c.ports if p.host_port} if c.state == "running" else set()
            held |= {f"{p}/tcp" for p in held}
            if not any(v in held for v in values):
                return False
        if key == "label":
            for v in values:
                k, eq, val = v.partition("=")
                if k not in c.labels or (eq and c.labels[k] != val):
                    return False
        if key == "network" and not any(v in c.networks for v in values):
            return False
    return True


def _image_matches(img: ImageInfo, filters: Mapping[str, Sequence[str]]) -> bool:
    for key, values in filters.items():
        values = list(values)
        if key == "dangling" and (str(img.dangling).lower() not in [v.lower() for v in values]):
            return False
        if key == "reference":
            ok = False
            for pattern in values:
                for tag in img.tags:
                    repo = tag.rsplit(":", 1)[0]
                    if fnmatch.fnmatchcase(tag, pattern) or fnmatch.fnmatchcase(repo, pattern):
                        ok = True
            if not ok:
                return False
        if key == "label":
            for v in values:
                k, eq, val = v.partition("=")
                if k not in img.labels or (eq and img.labels[k] != val):
                    return False
    return True


if TYPE_CHECKING:  # mypy (configured in pyproject.toml) checks the fake against the Protocol
    from tutor.state import StateView

    _IS_A_STATE_VIEW: StateView = FakeView()

__all__ = ["BASE_TIME", "FakeView", "container", "image", "network", "replace"]
