"""What `doctor` looks at beyond "does the daemon answer": the engine (Podman and what differs
there), a pinned DOCKER_API_VERSION, a broken docker config file, the sockets it looked at."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Todo:
    code: str
    message: str
    hint: str

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "hint": self.hint}


def sockets(endpoint) -> tuple[dict, ...]:
    """What we looked at when nothing said where the daemon is (doctor names every place)."""
    from tutor.daemon import sockets as places

    if endpoint.source not in ("default", "discovered"):
        return ()
    default = places.default_socket()
    return ({"product": "기본 소켓", "path": default, "found": places.is_socket(default)},
            *(c.to_dict() for c in places.survey()))


def config_todo() -> list[Todo]:
    from tutor.daemon import cli_config

    problem = cli_config.config_problem()
    if not problem:
        return []
    return [Todo("docker_config.broken", f"docker 설정 파일을 읽을 수 없어요: {problem}. docker 명령도 "
                 "'Error parsing config file'(버전에 따라 'Error loading config file') 경고를 내고, 로그인 정보가 없는 것처럼 동작해요.",
                 "JSON 문법을 고치거나(예: 빠진 `}`), 필요 없으면 그 파일을 지워요. 지우면 저장된 로그인도 없어져요.")]


def pinned_todo(conn) -> list[Todo]:
    """A pinned version the daemon accepts but older than the course needs (refused ones never
    get here: connect explains them)."""
    from tutor.daemon import diagnose
    from tutor.daemon.connect import MIN_API_VERSION, _version_tuple

    if not conn.pinned or _version_tuple(conn.pinned) >= _version_tuple(MIN_API_VERSION):
        return []
    return [Todo("daemon.api_pinned_old",
                 f"API 버전이 DOCKER_API_VERSION 값({conn.pinned})으로 고정되어 있어요. 이 엔진은 받아 주지만 오래된 "
                 f"버전이라 레슨의 몇몇 명령(네트워크, 필터 등)이 실패하거나 다르게 나와요. "
                 f"튜터는 엔진의 API 버전({conn.api_version})으로 읽어요.", diagnose.UNPIN_HINT)]


def engine(version: dict) -> tuple[str, tuple[str, ...]]:
    """(product, what does not work there)."""
    from tutor.daemon import compat

    if not compat.is_podman(version):
        return "Docker Engine", ()
    return "Podman", PODMAN_LIMITS


# Checked against Podman 4.3's Docker-compatible API (tests/daemon/test_podman_real.py).
PODMAN_LIMITS = (
    "`docker login`/`push`로 연습용 레지스트리(127.0.0.1:5101, HTTP)에 연결하지 못해요: Podman은 루프백도 "
    "HTTPS로 물어봐요. /etc/containers/registries.conf에 `[[registry]]` location = \"127.0.0.1:5101\", "
    "insecure = true를 넣으면 돼요.",
    "`--registry-mirror`가 없어요: 오프라인 미러는 registries.conf의 `[[registry.mirror]]`로 설정해요.",
    "기본 네트워크 이름이 `podman`이에요 (튜터는 `bridge`로 읽어요). `docker network ls`에는 `bridge`로 나와요.",
    "컨테이너 목록의 `publish`, `expose` 필터와 `dead` 상태를 모르고, `ancestor` 필터는 전체 이름만 알아요: "
    "튜터는 목록을 받아서 직접 걸러요.",
)
