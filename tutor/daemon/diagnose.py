"""Turning "could not reach the daemon" into one Korean sentence and the next step to take.

`explain(exc, endpoint)` walks the exception chain the SDK/requests/urllib3 build (causes,
contexts, `args`, `.reason`) and looks for the underlying OS or SSL error, because the outer
exception types say little: a missing socket, a refused connection, EACCES on the socket,
a certificate problem or an API version the SDK rejects all arrive as DockerException.
"""

from __future__ import annotations

import errno
import ssl
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tutor.errors import DaemonUnreachable

if TYPE_CHECKING:  # pragma: no cover
    from tutor.daemon.connect import Endpoint

START_HINT = (
    "데몬을 켜고 다시 해 봐요. Linux: `sudo systemctl start docker` (systemd가 없으면 `sudo dockerd &`) · "
    "Docker Desktop: 앱을 실행하고 고래 아이콘이 멈출 때까지 기다려요 · Colima: `colima start`. "
    "그다음 `docker-tutor doctor`로 확인해요."
)


def _where(endpoint: Endpoint | None) -> str:
    if endpoint is None:
        return ""
    return f" (주소 {endpoint.url}, 출처: {endpoint.describe()})"


def _data(endpoint: Endpoint | None, detail: str = "") -> dict:
    data = {} if endpoint is None else {"endpoint": endpoint.url, "source": endpoint.source,
                                         "context": endpoint.context}
    if detail:
        data["detail"] = detail
    return data


def not_running(endpoint: Endpoint | None, detail: str = "", timed_out: bool = False) -> DaemonUnreachable:
    what = "Docker 데몬이 응답하지 않아요" if timed_out else "Docker 데몬에 연결할 수 없어요. 데몬이 켜져 있지 않은 것 같아요"
    return DaemonUnreachable(f"{what}{_where(endpoint)}.", hint=START_HINT, code="daemon.not_running",
                             data=_data(endpoint, detail))


def permission(endpoint: Endpoint | None, detail: str = "") -> DaemonUnreachable:
    return DaemonUnreachable(
        f"Docker 소켓에 접근할 권한이 없어요{_where(endpoint)}.",
        hint="`sudo usermod -aG docker $USER`로 docker 그룹에 들어간 뒤 다시 로그인하거나(`newgrp docker`도 돼요), "
        "잠깐은 `sudo docker-tutor ...`처럼 sudo로 실행해요.",
        code="daemon.permission", data=_data(endpoint, detail))


def context_missing(name: str, where: str, available: list[str]) -> DaemonUnreachable:
    return DaemonUnreachable(
        f"Docker 컨텍스트('{name}')를 찾을 수 없어서 데몬에 연결할 수 없어요 ({where}).",
        hint="`docker context ls`로 있는 컨텍스트를 보고 `docker context use default`처럼 바꾸거나, "
        f"DOCKER_CONTEXT 환경 변수를 고쳐요. 지금 있는 컨텍스트: {', '.join(available)}",
        code="daemon.context_missing", data={"context": name, "source": "context", "endpoint": None})


def tls(endpoint: Endpoint | None, detail: str = "") -> DaemonUnreachable:
    return DaemonUnreachable(
        f"TLS 연결에 실패했어요{_where(endpoint)}. 인증서가 맞지 않거나 없어요.",
        hint="DOCKER_CERT_PATH(또는 컨텍스트의 TLS 폴더)에 ca.pem, cert.pem, key.pem이 있는지, "
        "DOCKER_TLS_VERIFY 설정이 서버와 맞는지 확인해요. `docker version`이 되는지 먼저 봐요.",
        code="daemon.tls", data=_data(endpoint, detail))


def api_too_old(version: str, minimum: str, endpoint: Endpoint | None) -> DaemonUnreachable:
    return DaemonUnreachable(
        f"Docker 엔진의 API 버전({version})이 너무 오래됐어요{_where(endpoint)}. 도커 튜터는 {minimum} 이상이 필요해요.",
        hint="Docker Engine을 20.10 이상으로 업데이트해요 (Docker Desktop·Colima는 앱/`colima` 업데이트).",
        code="daemon.api_too_old", data=_data(endpoint, f"api {version}"))


UNPIN_HINT = ("`unset DOCKER_API_VERSION`으로 고정을 풀면 docker 명령과 튜터가 엔진과 버전을 알아서 맞춰요 "
              "(셸 설정 파일 ~/.bashrc 등에 적혀 있으면 그 줄도 지워요).")


def api_pinned_invalid(pinned: str, endpoint: Endpoint | None) -> DaemonUnreachable:
    return DaemonUnreachable(
        f"DOCKER_API_VERSION 환경 변수의 값('{pinned}')이 API 버전 모양(예: 1.47)이 아니에요. "
        "docker 명령도 이 값 때문에 실패해요.",
        hint=UNPIN_HINT, code="daemon.api_pinned_invalid", data=_data(endpoint, f"DOCKER_API_VERSION={pinned}"))


def api_pinned_too_old(pinned: str, lowest: str, server_version: str,
                       endpoint: Endpoint | None) -> DaemonUnreachable:
    engine = f"이 Docker 엔진(버전 {server_version})" if server_version else "이 Docker 엔진"
    return DaemonUnreachable(
        f"API 버전이 DOCKER_API_VERSION 값({pinned})으로 고정되어 있는데 {engine}은 API {lowest} 이상만 받아요"
        f"{_where(endpoint)}. "
        "그래서 docker 명령도 모두 'client version is too old' 오류로 실패해요 "
        "(Docker Engine 29부터는 1.44 이상만 받아요).",
        hint=UNPIN_HINT, code="daemon.api_pinned_too_old",
        data={**_data(endpoint, f"DOCKER_API_VERSION={pinned}"), "pinned": pinned, "min_api_version": lowest})


def api_pinned_too_new(pinned: str, highest: str, endpoint: Endpoint | None) -> DaemonUnreachable:
    return DaemonUnreachable(
        f"API 버전이 DOCKER_API_VERSION 값({pinned})으로 고정되어 있는데 이 Docker 엔진은 API {highest}까지만 알아요"
        f"{_where(endpoint)}. 그래서 docker 명령도 모두 'client version is too new' 오류로 실패해요.",
        hint=UNPIN_HINT + " 아니면 Docker 엔진을 새 버전으로 업데이트해요.", code="daemon.api_pinned_too_new",
        data={**_data(endpoint, f"DOCKER_API_VERSION={pinned}"), "pinned": pinned, "api_version": highest})


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        cur = todo.pop()
        if id(cur) in seen:
            continue
        seen.add(id(cur))
        yield cur
        for nxt in (cur.__cause__, cur.__context__, getattr(cur, "reason", None), *getattr(cur, "args", ())):
            if isinstance(nxt, BaseException):
                todo.append(nxt)


def explain(exc: BaseException, endpoint: Endpoint | None) -> DaemonUnreachable:
    """The one translation from SDK/requests/OS errors to a DaemonUnreachable the learner can act on."""
    if isinstance(exc, DaemonUnreachable):
        return exc
    detail = f"{type(exc).__name__}: {exc}"
    chain = list(_chain(exc))
    text = " ".join(str(e) for e in chain).lower()
    names = {type(e).__name__ for e in chain}
    if any(isinstance(e, ssl.SSLError) for e in chain) or names & {"SSLError", "TLSParameterError"} \
            or "certificate" in text:
        return tls(endpoint, detail)
    if any(isinstance(e, PermissionError) or getattr(e, "errno", None) == errno.EACCES for e in chain) \
            or "permission denied" in text:
        return permission(endpoint, detail)
    if "InvalidVersion" in names or "client version" in text or "too old" in text:
        return api_too_old("?", "1.40", endpoint)
    timed_out = any(isinstance(e, TimeoutError) for e in chain) or bool(names & {"ReadTimeout", "ConnectTimeout",
                                                                                 "ReadTimeoutError"})
    return not_running(endpoint, detail, timed_out=timed_out)
