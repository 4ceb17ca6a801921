"""`DaemonView`: the read-only `StateView` over a low-level `docker.APIClient`.

Promises (tested through a recording socket proxy in tests/daemon/test_readonly_proxy.py):
- only GET/HEAD requests reach the Engine API;
- filters are applied by the daemon, and `containers(filters, limit)` is one list call plus at
  most `limit` inspects, so a check costs the same however many unrelated containers exist
  (the SDK's high-level `containers.list()` would inspect every container unless sparse);
- every snapshot is a frozen dataclass of `tutor.state`: checks never see an SDK object.
`request_count` counts the HTTP requests this view's client sent, for tests and the bench.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from tutor.daemon import cli_config, compat, snapshots
from tutor.daemon.attach import was_attached as _was_attached
from tutor.errors import DaemonUnreachable
from tutor.state import (
    ContainerInfo,
    ContainerStats,
    ContainerSummary,
    Credentials,
    DiskUsage,
    ImageInfo,
    NetworkInfo,
    Process,
    ServerInfo,
    SystemInfo,
)

T = TypeVar("T")


class DaemonView:
    def __init__(self, api: Any, env: Mapping[str, str] | None = None, server: Mapping[str, Any] | None = None):
        self.api = api
        self.env = env  # None: os.environ (DOCKER_CONFIG for the CLI config)
        # GET /version from connect (None: assume Docker): Podman needs some filters done here.
        self.podman = compat.is_podman(server)
        self._local_filters: set[str] = set(compat.PODMAN_CLIENT_SIDE) if self.podman else set()
        self.request_count = 0
        self.requests: list[tuple[str, str]] = []  # (method, path) of recent requests, in order
        self._hook_session()
        base = str(getattr(api, "base_url", ""))
        # A local daemon shares our file system: a bind mount's source path can be looked at.
        self.local = base.startswith(("http+docker://localhost", "http+docker://localunixsocket")) or \
            "unix" in base or "npipe" in base
        if base.startswith("http+docker://"):
            # A socket or named pipe never goes through an HTTP proxy, yet requests re-reads every
            # proxy variable of the environment on each call (a quarter of a check's time).
            self.api.trust_env = False

    def _hook_session(self) -> None:
        # APIClient is a requests.Session: wrapping `send` sees every request it makes.
        import threading

        original = self.api.send
        lock = threading.Lock()  # a round inspects candidates side by side (tutor.daemon.rounds)

        def counting_send(request, **kwargs):
            path = request.path_url if hasattr(request, "path_url") else str(request.url)
            with lock:
                self.request_count += 1
                self.requests.append((request.method, path))
                if len(self.requests) > 4096:  # a long watch session: keep the recent ones only
                    del self.requests[:2048]
            return original(request, **kwargs)

        self.api.send = counting_send

    def _call(self, fn: Callable[..., T], *args, not_found: Any = ..., **kwargs) -> T:
        """Run one SDK call; a missing object → `not_found` (if given); no daemon → DaemonUnreachable."""
        import docker.errors
        import requests

        try:
            return fn(*args, **kwargs)
        except docker.errors.NotFound:
            if not_found is ...:
                raise
            return not_found
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            raise _unreachable(exc) from exc
        except docker.errors.DockerException as exc:
            if isinstance(exc, docker.errors.APIError):
                raise
            raise _unreachable(exc) from exc

    # --- server -----------------------------------------------------------------------------
    def server(self) -> ServerInfo:
        v = self._call(self.api.version, api_version=False)
        return ServerInfo(
            version=v.get("Version", ""),
            api_version=v.get("ApiVersion", ""),
            min_api_version=v.get("MinAPIVersion", ""),
            os=v.get("Os", ""),
            arch=v.get("Arch", ""),
            kernel=v.get("KernelVersion", ""),
        )

    def system_info(self) -> SystemInfo:
        i = self._call(self.api.info)
        return SystemInfo(
            storage_driver=i.get("Driver", ""),
            containers=int(i.get("Containers") or 0),
            containers_running=int(i.get("ContainersRunning") or 0),
            containers_paused=int(i.get("ContainersPaused") or 0),
            containers_stopped=int(i.get("ContainersStopped") or 0),
            images=int(i.get("Images") or 0),
            server_version=i.get("ServerVersion", ""),
            cgroup_driver=i.get("CgroupDriver", ""),
            registry_mirrors=tuple((i.get("RegistryConfig") or {}).get("Mirrors") or ()),
            name=i.get("Name", ""),
        )

    def disk_usage(self) -> DiskUsage:
        d = self._call(self.api.df)
        images = d.get("Images") or []
        containers = d.get("Containers") or []
        return DiskUsage(
            images_total=len(images),
            images_active=sum(1 for i in images if (i.get("Containers") or 0) > 0),
            images_size=int(d.get("LayersSize") or 0),
            containers_total=len(containers),
            containers_active=sum(1 for c in containers if c.get("State") == "running"),
            volumes_total=len(d.get("Volumes") or []),
            build_cache_total=len(d.get("BuildCache") or []),
        )

    # --- containers -------------------------------------------------------------------------
    def container(self, name_or_id: str) -> ContainerInfo | None:
        attrs = self._call(self.api.inspect_container, name_or_id, not_found=None)
        if not attrs:
            return None
        info = snapshots.container_info(attrs)
        if self.podman:
            info = compat.podman_container(info)
        return info

    def _summaries(self, filters: Mapping[str, Sequence[str]] | None) -> list[dict]:
        """One list call. Filters this daemon refuses or misreads are applied to the summaries
        here (compat.py); a refusal not known in advance costs one retry, then is remembered."""
        import docker.errors

        wanted = _filters(filters)
        wire, here = compat.split_filters(wanted, self._local_filters)
        try:
            summaries = self._call(self.api.containers, all=True, filters=wire)
        except docker.errors.APIError as exc:
            refused = compat.refused_filter_keys(exc, wire or {})
            if not refused or not compat.emulable(refused):
                raise
            self._local_filters |= refused
            return self._summaries(filters)
        return [s for s in summaries if compat.matches(s, here)] if here else summaries

    def containers(self, filters: Mapping[str, Sequence[str]] | None = None, limit: int = 20) -> list[ContainerInfo]:
        """One filtered list call (newest first), then inspect at most `limit` of them."""
        summaries = self._summaries(filters)
        out = []
        for summary in summaries[: max(limit, 0)]:
            info = self.container(summary["Id"])
            if info is not None:  # removed between the list and the inspect
                out.append(info)
        return out

    def container_names(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[str]:
        """Names only, from one list call (no inspect): for similar-name hints and counts."""
        return [(s.get("Names") or ["/"])[0].lstrip("/") for s in self._summaries(filters)]

    def container_list(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[ContainerSummary]:
        """The list entries themselves (one request, no inspect): what a round snapshots."""
        rows = [snapshots.container_summary(s) for s in self._summaries(filters)]
        return [compat.podman_summary(r) for r in rows] if self.podman else rows

    def image_parents(self) -> dict[str, str]:
        """image id -> parent id for every image, intermediate ones included (one request)."""
        return {i["Id"]: i.get("ParentId") or "" for i in self._call(self.api.images, all=True)}

    def stats(self, name_or_id: str) -> ContainerStats | None:
        s = self._call(self.api.stats, name_or_id, stream=False, not_found=None)
        return snapshots.container_stats(s) if s else None

    def was_attached(self, name_or_id: str) -> bool | None:  # tutor.daemon.attach: the event log
        return _was_attached(self, name_or_id)

    def top(self, name_or_id: str) -> list[Process]:
        import docker.errors

        try:
            t = self._call(self.api.top, name_or_id, not_found=None)
        except docker.errors.APIError:  # 409: not running
            return []
        if not t:
            return []
        titles = [x.upper() for x in t.get("Titles") or []]

        def col(row: list[str], *names: str) -> str:
            for name in names:
                if name in titles:
                    return row[titles.index(name)]
            return ""

        return [Process(pid=col(r, "PID"), user=col(r, "UID", "USER"), cmd=col(r, "CMD", "COMMAND"))
                for r in t.get("Processes") or []]

    # --- images -----------------------------------------------------------------------------
    def image(self, ref: str) -> ImageInfo | None:
        import docker.errors

        try:
            attrs = self._call(self.api.inspect_image, ref, not_found=None)
        except docker.errors.APIError as exc:
            if compat.invalid_reference(exc):  # 400 on Docker, 500 on Podman: no such image
                return None
            raise
        return snapshots.image_info(attrs) if attrs else None

    def images(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[ImageInfo]:
        return [snapshots.image_info(i) for i in self._call(self.api.images, filters=_filters(filters))]

    # --- networks ---------------------------------------------------------------------------
    def network(self, name_or_id: str) -> NetworkInfo | None:
        attrs = self._call(self.api.inspect_network, name_or_id, not_found=None)
        return snapshots.network_info(attrs) if attrs else None

    def networks(self, filters: Mapping[str, Sequence[str]] | None = None) -> list[NetworkInfo]:
        return [snapshots.network_info(n) for n in self._call(self.api.networks, filters=_filters(filters))]

    # --- the docker CLI's registry state (files + registry v2 GETs, not the Engine API) -------
    def credentials(self, server: str) -> Credentials:
        return cli_config.credentials(server, self.env)

    def registry_tags(self, registry: str, repository: str) -> list[str] | None:
        return cli_config.registry_tags(registry, repository, self.env)


def _filters(filters: Mapping[str, Sequence[str]] | None) -> dict[str, list[str]] | None:
    if not filters:
        return None
    return {k: [str(v) for v in vs] for k, vs in filters.items() if vs}


def _unreachable(exc: BaseException) -> DaemonUnreachable:
    try:
        from tutor.daemon import diagnose

        return diagnose.explain(exc, None)
    except Exception:  # noqa: BLE001 - the explanation is a nicety; the error must still be right
        return DaemonUnreachable("Docker 데몬에 연결할 수 없어요. `docker-tutor doctor`로 확인해 봐요.",
                                 code="daemon.not_running")


def view_of(api: Any) -> DaemonView:
    """The typed view over a client the gateway also writes through (one per client: the
    request hook is installed once)."""
    view = getattr(api, "_tutor_view", None)
    if view is None:
        view = DaemonView(api)
        api._tutor_view = view
    return view


def open_view(timeout: float = 10.0) -> DaemonView:
    """Connect the way the docker CLI would (DOCKER_HOST, contexts) and wrap the client."""
    from tutor.daemon.connect import connect

    conn = connect(timeout=timeout)
    return DaemonView(conn.api, server=conn.server)
