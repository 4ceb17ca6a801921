"""One Korean line per problem code for the instructor's histogram ("N명이 …").

The learner's own message names their values ("호스트 80 포트가 …"); the histogram needs the
mistake itself, the same for everyone. Codes missing here fall back to the first sentence of the
message the learner saw (sent with the event, escaped like all learner-sent text).
"""

from __future__ import annotations

MEANINGS: dict[str, str] = {
    "container.missing": "컨테이너를 만들지 않았거나 찾지 못했어요",
    "container.similar_name": "컨테이너 이름을 비슷하게 잘못 적었어요",
    "container.unnamed": "`--name`을 빠뜨렸어요",
    "container.not_running": "컨테이너가 실행 중이 아니에요",
    "container.state": "컨테이너 상태가 달라요",
    "container.never_created": "만들기만 하고 시작하지 않았어요",
    "container.started": "`create` 대신 `run`으로 바로 시작했어요",
    "container.image": "다른 이미지로 컨테이너를 만들었어요",
    "container.command": "실행 명령이 달라요",
    "container.attached": "`-d` 없이 터미널에 붙은 채로 실행했어요",
    "container.still_there": "지워야 할 컨테이너가 남아 있어요",
    "container.still_running": "실행 중인 컨테이너를 지우려 했어요",
    "port.reversed": "`-p 80:8080`처럼 포트 순서를 거꾸로 적었어요",
    "port.other_host_port": "다른 호스트 포트에 연결했어요",
    "port.not_published": "`-p`로 포트를 공개하지 않았어요",
    "port.taken": "호스트 포트를 다른 컨테이너가 이미 쓰고 있어요",
    "restart.policy": "재시작 정책이 달라요",
    "mount.missing": "필요한 마운트가 없어요",
    "mount.typo_target": "마운트 대상 경로의 철자가 틀렸어요",
    "mount.volume_not_bind": "호스트 폴더 대신 볼륨 이름을 적었어요",
    "mount.other_source": "다른 호스트 폴더를 연결했어요",
    "env.missing": "필요한 환경 변수가 없어요",
    "env.other_value": "환경 변수 값이 달라요",
    "env.name_case": "환경 변수 이름의 대소문자가 달라요",
    "network.missing": "네트워크를 만들지 않았어요",
    "network.similar_name": "네트워크 이름을 비슷하게 잘못 적었어요",
    "network.driver": "네트워크 드라이버가 달라요",
    "network.not_attached": "컨테이너를 네트워크에 연결하지 않았어요",
    "network.default_only": "`--net` 없이 기본 bridge 네트워크에만 연결했어요",
    "image.missing": "이미지가 없어요",
    "tag.missing": "태그를 만들지 않았어요",
    "answer.wrong": "답이 달라요",
    "answer.empty": "답을 비워 두었어요",
    "quiz.wrong": "퀴즈에서 다른 답을 골랐어요",
    "daemon.unreachable": "Docker 데몬에 연결하지 못했어요",
}


def meaning(code: str, learner_message: str = "") -> str:
    if code in MEANINGS:
        return MEANINGS[code]
    first = learner_message.split(". ")[0].strip()
    return (first[:80] + "…") if len(first) > 80 else (first or code)
