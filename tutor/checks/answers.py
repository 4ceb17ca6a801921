"""Answer steps: where the right value is read live, and how the learner's text is compared.

`ANSWER_SOURCES` is the closed vocabulary of `docs/lesson-format.md` ("답 출처"): a lesson names
a source, never code. `read_answer` asks the view for the accepted values right now (an id, a
version, a count...), `compare` decides whether the learner's text means one of them, and
`judge_answer` turns a verdict into Korean problems that say WHERE to look, never the value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from tutor import messages_resources as msg
from tutor.checks.compare import COMPARE_KINDS, MIN_ID_PREFIX, compare, normalize_id
from tutor.model import Problem
from tutor.paramtypes import FILTERS, STR, Param, enum, opt, req
from tutor.refs import normalize_ref
from tutor.state import StateView

__all__ = ["ANSWER_SOURCES", "COMPARE_KINDS", "AnswerSource", "compare", "judge_answer", "read_answer", "where_to_look"]

# `image.field` may read only these inspect fields (lesson-facing name → ImageInfo attribute).
IMAGE_FIELDS = {"architecture": "architecture", "os": "os", "id": "id", "created": "created", "size": "size"}

@dataclass(frozen=True)
class AnswerSource:
    """One row of the answer-source table: its parameters, natural comparison, where to look."""

    params: Mapping[str, Param]  # besides `source` and `compare`
    compare: str  # the natural comparison for this value
    where: str  # Korean: where the learner finds it ({name}-style params filled in)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(k for k, p in self.params.items() if p.required)


_NONE: Mapping[str, Param] = {}
_REF = {"ref": req(STR)}
_NAME = {"name": req(STR)}
_FILTERS = {"filters": opt(FILTERS)}


ANSWER_SOURCES: dict[str, AnswerSource] = {
    "server.version": AnswerSource(_NONE, "text", "docker version 출력의 Server: Engine 아래 Version"),
    "server.api_version": AnswerSource(_NONE, "text", "docker version 출력의 Server 아래 API version"),
    "info.storage_driver": AnswerSource(_NONE, "text", "docker system info 출력의 Storage Driver"),
    "df.images_total": AnswerSource(_NONE, "number", "docker system df 출력에서 Images 줄의 TOTAL"),
    "image.id": AnswerSource(_REF, "id_prefix", "docker image ls 출력에서 {ref} 줄의 IMAGE ID"),
    "image.field": AnswerSource({**_REF, "field": req(enum("Architecture", "Os"))}, "text",
                                "docker image inspect {ref} 출력의 {field}"),
    "containers.count": AnswerSource(_FILTERS, "number", "docker container ls -a 에 필터를 붙인 결과의 줄 수"),
    "containers.names": AnswerSource(_FILTERS, "one_of", "docker container ls -a 에 필터를 붙인 결과의 NAMES"),
    "container.id": AnswerSource(_NAME, "id_prefix", "{name} 컨테이너의 CONTAINER ID (docker container ls)"),
    "container.pids": AnswerSource(_NAME, "number", "docker container stats --no-stream {name} 출력의 PIDS"),
    "container.top_cmd": AnswerSource(_NAME, "text", "docker container top {name} 출력의 CMD"),
    "network.ids": AnswerSource({"driver": opt(STR)}, "id_prefix",
                                "docker network ls -q --filter driver={driver} 출력의 ID"),
    "network.subnet": AnswerSource(_NAME, "text", "docker network inspect {name} 출력의 IPAM Subnet"),
    "network.gateway": AnswerSource(_NAME, "text", "docker network inspect {name} 출력의 IPAM Gateway"),
}


V = TypeVar("V")


class AnswerUnavailable(Exception):
    """The value cannot be read because what it belongs to is not there (a missing container...)."""


def where_to_look(source: str, params: Mapping[str, Any]) -> str:
    where = ANSWER_SOURCES[source].where
    for key in ("ref", "field", "name", "driver"):
        where = where.replace("{" + key + "}", str(params.get(key, "bridge" if key == "driver" else "")))
    return where


def _filters(params: Mapping[str, Any]) -> dict[str, list[str]]:
    """`filters = { name = "test1", exited = 0 }` → {"name": ["test1"], "exited": ["0"]}."""
    out: dict[str, list[str]] = {}
    for key, value in dict(params.get("filters") or {}).items():
        values = value if isinstance(value, (list, tuple)) else [value]
        out[str(key)] = [str(v).lower() if isinstance(v, bool) else str(v) for v in values]
    return out


def _need(value: V | None, what: str) -> V:
    if value is None:
        raise AnswerUnavailable(what)
    return value


def read_answer(source: str, params: Mapping[str, Any], view: StateView) -> list[str]:
    """The accepted values of `source`, read from the daemon now. Raises AnswerUnavailable when
    the resource the answer is about does not exist, KeyError for a source outside the vocabulary."""
    if source not in ANSWER_SOURCES:
        raise KeyError(f"unknown answer source {source!r}")
    if source == "server.version":
        version = view.server().version
        base = version.split("+", 1)[0].split("-", 1)[0]  # "20.10.24+dfsg1" also as "20.10.24"
        return [version] if base == version else [version, base]
    if source == "server.api_version":
        return [view.server().api_version]
    if source == "info.storage_driver":
        return [view.system_info().storage_driver]
    if source == "df.images_total":
        return [str(view.disk_usage().images_total)]
    if source in ("image.id", "image.field"):
        ref = normalize_ref(str(params["ref"]))
        img = _need(view.image(ref), f"{ref} 이미지 없음")
        if source == "image.id":
            return [img.id]
        field = str(params["field"]).lower()
        if field not in IMAGE_FIELDS:
            raise KeyError(f"image.field cannot read {params['field']!r}")
        if field == "size":
            # The containerd image store (Desktop, Engine 29) counts differently in `image ls`
            # (list Size) and `image inspect` (inspect Size); the graph drivers agree. Both count.
            listed = [i.size for i in view.images({"reference": [ref]}) if i.id == img.id]
            return list(dict.fromkeys(str(size) for size in [img.size, *listed]))
        return [str(getattr(img, IMAGE_FIELDS[field]))]
    if source == "containers.count":
        return [str(len(view.container_names(_filters(params))))]
    if source == "containers.names":
        return view.container_names(_filters(params))
    if source.startswith("container."):
        name = str(params["name"])
        missing = f"{name} 컨테이너 없음"
        if source == "container.id":
            return [_need(view.container(name), missing).id]
        if source == "container.pids":
            return [str(_need(view.stats(name), f"{name} 컨테이너의 stats 없음").pids)]
        procs = view.top(name)
        if not procs:
            raise AnswerUnavailable(f"{name} 컨테이너가 실행 중이 아님")
        return [procs[0].cmd]
    if source == "network.ids":
        return [n.id for n in view.networks({"driver": [str(params.get("driver") or "bridge")]})]
    name = str(params["name"])
    net = _need(view.network(name), f"{name} 네트워크 없음")
    return list(net.subnets if source == "network.subnet" else net.gateways)


# What to add to a wrong-answer message, per comparison: how the value is usually written.
_HOW = {
    "id_prefix": "ID는 앞에서부터 12자 이상 적어 주세요.",
    "size": "크기는 단위까지 적어 주세요 (예: 1.99MB).",
    "number": "숫자만 적어 주세요.",
}


def judge_answer(
    source: str, params: Mapping[str, Any], kind: str, given: str, view: StateView
) -> list[Problem]:
    """Problems for the learner's answer (empty list = correct). The expected value is never put
    in a problem: `expected` says where to look instead."""
    where = where_to_look(source, params)
    text = (given or "").strip()
    if not text:
        return [Problem("answer.empty", msg.answer_empty(where), where, "")]
    try:
        accepted = read_answer(source, params, view)
    except AnswerUnavailable as exc:
        return [Problem("answer.unavailable", msg.answer_unavailable(where, str(exc)), where, str(exc))]
    if not accepted:
        return [Problem("answer.unavailable", msg.answer_unavailable(where, "읽을 값이 없음"), where, msg.NONE_FOUND)]
    if compare(kind, text, accepted):
        return []
    how = _HOW.get(kind, "")
    if kind == "id_prefix" and len(normalize_id(text)) < MIN_ID_PREFIX:
        how = f"ID는 앞에서부터 {MIN_ID_PREFIX}자 이상 적어야 해요 (적은 답은 {len(normalize_id(text))}자예요)."
    return [Problem("answer.wrong", msg.answer_wrong(text, where, how), where, text)]
