"""Korean feedback for image, network, registry and answer problems (one function per code).

Every message names what the step expects and what the daemon shows, then says what to do next.
Values from the daemon are data: they are pasted in as plain text (the renderer prints them with
`rich.text.Text`). Same look as `tutor/messages.py`: names in '…', commands in backticks. A Korean
noun always follows a pasted value ('nginx:latest' 이미지가, `docker …` 명령으로) so the particle
never depends on how the value happens to end.
"""

from __future__ import annotations

from collections.abc import Iterable

NONE_FOUND = "없음"


def listing(items: Iterable[str], limit: int = 6) -> str:
    """`a, b, c 외 2개`: a short list of data values for a message."""
    items = list(items)
    if not items:
        return NONE_FOUND
    shown = ", ".join(items[:limit])
    return shown if len(items) <= limit else f"{shown} 외 {len(items) - limit}개"


# --- images ----------------------------------------------------------------------------------


def image_missing(ref: str) -> str:
    return f"'{ref}' 이미지가 없어요. `docker image pull {ref}` 명령으로 이미지를 받아 봐요."


def image_other_tag(ref: str, others: list[str]) -> str:
    return (
        f"'{ref}' 이미지는 없고, 같은 저장소의 다른 태그만 있어요 (있는 태그: {listing(others)}). "
        f"태그까지 맞춰서 `docker image pull {ref}` 명령으로 받아 봐요."
    )


# What each `image_config` parameter is called and which Dockerfile / commit option sets it.
IMAGE_CONFIG_FIELDS = {
    "env": ("환경 변수", "ENV"),
    "cmd": ("기본 명령(CMD)", "CMD"),
    "entrypoint": ("ENTRYPOINT", "ENTRYPOINT"),
    "workdir": ("작업 디렉터리", "WORKDIR"),
    "user": ("실행 사용자", "USER"),
    "exposed_ports": ("EXPOSE한 포트", "EXPOSE"),
    "labels": ("라벨", "LABEL"),
}


def image_config_differs(ref: str, field: str, expected: str, found: str) -> str:
    what, option = IMAGE_CONFIG_FIELDS[field]
    return (f"'{ref}' 이미지의 {what} 설정이 달라요 (지금: {found}, 필요: {expected}). "
            f"`docker image inspect {ref}`의 Config에서 확인하고, 이미지를 만들 때 `{option}`으로 정해 봐요 "
            f"(예: `docker container commit --change '{option} ...'`).")


def image_still_present(pattern: str, found: list[str]) -> str:
    first = found[0] if found else pattern
    return (
        f"'{pattern}' 모양의 태그가 아직 남아 있어요 (남은 태그: {listing(found)}). "
        f"`docker image rm {first}` 명령으로 지워 봐요."
    )


def image_keep_missing(ref: str) -> str:
    return (
        f"'{ref}' 이미지까지 지워졌어요. 이번 단계에서는 태그 하나만 지우고 '{ref}' 이미지는 남겨 둬야 해요. "
        f"`docker image pull {ref}` 명령으로 다시 받아 둬요. 같은 이미지에 붙은 태그 하나만 지울 때는 "
        "`docker image rm`에 지울 태그 이름만 적으면 돼요."
    )


def image_dangling(ids: list[str]) -> str:
    return (
        f"dangling 이미지(<none>:<none>)가 {len(ids)}개 남아 있어요 (이미지 ID: {listing(ids)}). "
        "`docker image prune` 명령으로 정리해 봐요."
    )


def image_dangling_in_use(image_id: str, containers: list[str]) -> str:
    return (
        f"dangling 이미지({image_id})를 컨테이너가 쓰고 있어서 `docker image prune` 명령으로는 "
        f"지워지지 않아요 (쓰는 컨테이너: {listing(containers)}). `docker container rm` 명령으로 그 컨테이너를 "
        "먼저 지운 뒤 `docker image prune` 명령을 다시 실행해 봐요."
    )


# --- tags ------------------------------------------------------------------------------------


def tag_missing(pattern: str, same_as: str, near: list[str]) -> str:
    seen = f" 비슷한 태그는 있어요: {listing(near)}." if near else ""
    return (
        f"'{pattern}' 모양의 태그가 없어요.{seen} `docker image tag {same_as} <사용자명>/<이름>:<태그>`처럼 "
        "원본 이미지와 새 이름을 둘 다 적어서 태그를 붙여 봐요."
    )


def tag_other_image(tag: str, found_id: str, same_as: str, expected_id: str) -> str:
    return (
        f"'{tag}' 태그는 있지만 '{same_as}' 이미지(ID {expected_id})가 아니라 다른 이미지(ID {found_id})를 "
        f"가리켜요. 원본 이미지를 다르게 적은 것 같아요. `docker image tag {same_as} {tag}` 명령으로 다시 "
        f"붙이면 태그가 '{same_as}' 이미지를 가리키게 돼요."
    )


def tag_no_tag_part(found: str, pattern: str, tag: str) -> str:
    return (
        f"'{found}' 태그가 있지만 '{pattern}' 모양이 아니에요. 태그 부분(:{tag})을 빠뜨려서 기본 태그인 "
        f"latest 태그가 붙었어요. 새 이름 뒤에 :{tag} 부분까지 적어서 다시 태그를 붙여 봐요."
    )


def tag_no_user_part(found: str, pattern: str) -> str:
    return (
        f"'{found}' 태그에는 사용자명 부분이 없어요 ('{pattern}' 모양이어야 해요). "
        "`<사용자명>/이름:태그`처럼 앞에 사용자명을 붙여야 레지스트리에 올릴 수 있어요. "
        "사용자명을 넣어서 다시 태그를 붙여 봐요."
    )


# --- networks --------------------------------------------------------------------------------


def network_missing(name: str, driver: str | None, existing: list[str]) -> str:
    flag = f"--driver={driver} " if driver else ""
    return (
        f"'{name}' 네트워크가 없어요 (직접 만든 네트워크: {listing(existing)}). "
        f"`docker network create {flag}{name}` 명령으로 만들어 봐요."
    )


def network_similar_name(name: str, found: str) -> str:
    return (
        f"'{name}' 네트워크는 없고, 이름이 비슷한 '{found}' 네트워크가 있어요. 이름이 한 글자라도 다르면 "
        f"다른 네트워크예요(-와 _도 달라요). `docker network rm {found}` 명령으로 지우고 "
        f"`docker network create {name}` 명령처럼 정확한 이름으로 다시 만들어 봐요."
    )


def network_driver(name: str, expected: str, found: str) -> str:
    return (
        f"'{name}' 네트워크의 드라이버가 달라요 (지금: {found}, 필요한 드라이버: {expected}). 드라이버는 "
        "만든 뒤에 바꿀 수 없어요. "
        f"`docker network rm {name}` 명령으로 지우고 `docker network create --driver={expected} {name}` "
        "명령으로 다시 만들어 봐요."
    )


def network_container_missing(name: str, container: str, attached_to: list[str] | None) -> str:
    if attached_to is None:
        return (
            f"'{container}' 컨테이너가 없어서 '{name}' 네트워크에 연결되어 있지 않아요. 먼저 '{container}' "
            f"컨테이너를 만든 뒤 `docker network connect {name} {container}` 명령으로 연결해 봐요."
        )
    return (
        f"'{container}' 컨테이너가 '{name}' 네트워크에 연결되어 있지 않아요 "
        f"(지금 연결된 네트워크: {listing(attached_to)}). "
        f"`docker network connect {name} {container}` 명령으로 연결해 봐요."
    )


def network_ipam(name: str, what: str, expected: str, found: list[str]) -> str:
    label = "서브넷" if what == "subnet" else "게이트웨이"
    return (
        f"'{name}' 네트워크의 {label} 값이 달라요 (지금: {listing(found)}, 필요한 값: {expected}). "
        f"`docker network rm {name}` 명령으로 지우고 --{what}={expected} 옵션을 붙여서 다시 만들어 봐요."
    )


def network_still_there(name: str) -> str:
    return f"'{name}' 네트워크가 아직 있어요. `docker network rm {name}` 명령으로 지워 봐요."


def network_in_use(name: str, containers: list[str]) -> str:
    first = containers[0] if containers else "<컨테이너>"
    return (
        f"'{name}' 네트워크에 아직 컨테이너가 연결되어 있어서 지울 수 없어요 "
        f"(연결된 컨테이너: {listing(containers)}). 먼저 `docker network disconnect {name} {first}` 명령으로 "
        f"연결을 끊고(또는 그 컨테이너를 지우고) 나서 `docker network rm {name}` 명령을 실행해 봐요."
    )


# --- registries ------------------------------------------------------------------------------


def login_missing(server: str) -> str:
    return (
        f"'{server}' 레지스트리의 자격 증명이 docker 설정에 없어요 (로그인하지 않은 상태예요). "
        f"`docker login {server}` 명령으로 로그인해 봐요."
    )


def docker_config_broken(problem: str) -> str:
    return (
        f"docker 설정 파일을 읽을 수 없어서 로그인 상태를 알 수 없어요 ({problem}). docker 명령도 이 파일을 "
        "못 읽고 'Error parsing config file'(버전에 따라 'Error loading config file') 경고를 내요. 파일을 고치거나, 내용이 필요 없으면 지운 뒤 다시 해 봐요."
    )


def logout_still_logged_in(server: str, where: str) -> str:
    place = f" (저장된 곳: {where})" if where else ""
    return (
        f"'{server}' 레지스트리의 자격 증명이 아직 저장되어 있어요{place}. "
        f"`docker logout {server}` 명령으로 로그아웃해 봐요."
    )


def push_missing(registry: str, repository: str, tag: str) -> str:
    return (
        f"'{registry}' 레지스트리에 '{repository}:{tag}' 태그가 없어요 (아직 push하지 않았어요). "
        f"`docker image push {registry}/{repository}:{tag}` 명령으로 올려 봐요."
    )


def push_other_tag(registry: str, repository: str, tag: str, others: list[str]) -> str:
    return (
        f"'{registry}' 레지스트리의 '{repository}' 저장소에 '{tag}' 태그는 없고 다른 태그만 올라가 있어요 "
        f"(올라간 태그: {listing(others)}). 태그 이름을 확인하고 "
        f"`docker image push {registry}/{repository}:{tag}` 명령으로 다시 올려 봐요."
    )


def push_not_logged_in(registry: str) -> str:
    return (
        f"'{registry}' 레지스트리에 로그인되어 있지 않아서 push가 거절돼요. "
        f"`docker login {registry}` 명령으로 먼저 로그인한 뒤 다시 push해 봐요."
    )


def push_registry_unreachable(registry: str) -> str:
    return (
        f"'{registry}' 레지스트리에 로그인 정보는 있지만 레지스트리가 태그 목록을 알려 주지 않아요 "
        "(꺼져 있거나 저장된 비밀번호를 거절했어요). 연습용 레지스트리라면 `docker-tutor lab registry up` "
        f"명령으로 켜고, `docker login {registry}` 명령으로 다시 로그인해 봐요."
    )


def push_local_tag_missing(local_ref: str) -> str:
    return (
        f"로컬에 '{local_ref}' 이미지가 없어서 push할 것이 없어요. push할 이미지 이름에는 레지스트리 주소가 "
        f"들어가야 해요. `docker image tag <원본 이미지> {local_ref}` 명령으로 먼저 태그를 붙인 뒤 push해 봐요."
    )


# --- answers ---------------------------------------------------------------------------------


def answer_empty(where: str) -> str:
    return f"답이 비어 있어요. {where} 부분에서 값을 찾아서 적어 봐요."


def answer_wrong(given: str, where: str, how: str = "") -> str:
    extra = f" {how}" if how else ""
    return f"적은 답('{given}')이 정답과 달라요. {where} 부분을 다시 보고 그 값을 그대로 적어 봐요.{extra}"


def answer_unavailable(where: str, reason: str) -> str:
    return (
        f"정답을 데몬에서 읽을 수 없어요 ({reason}). 여러분 잘못이 아니라, 이 단계에 필요한 자원이 없는 거예요. "
        f"튜터 메뉴의 '준비해 주기'나 `docker-tutor begin <단계 id>` 명령으로 이 단계를 시작한 뒤, "
        f"{where} 부분에서 값을 찾아 봐요."
    )
