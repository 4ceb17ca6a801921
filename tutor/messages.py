"""Korean feedback for container/daemon problems: one template per stable problem code.

Every template names what was expected and what was found, and says what to do next. Values
filled in (`{found}`, `{name}` ...) come from the daemon or the lesson: they are data, and the
result is shown as `rich.text.Text`, never parsed as markup. Image, network and registry
messages live in `tutor/messages_images.py` (H3b); `problem()` looks in both.
"""

from __future__ import annotations

from typing import Any

from tutor.model import Problem

MESSAGES: dict[str, str] = {
    # Values are never followed directly by a particle (받침 differs per value): a noun such as
    # "컨테이너", "포트", "상태" follows them, or they sit in a "지금/필요" pair or after a colon.
    # --- finding the container ---
    "container.missing": "{what} 컨테이너를 찾지 못했어요. {extra}`docker container ls -a`로 지금 있는 컨테이너를 보고, 단계의 명령을 다시 실행해 봐요.",
    "container.similar_name": "이름이 '{expected}'인 컨테이너는 없고, 비슷한 이름의 '{found}' 컨테이너가 있어요. 이름을 잘못 쓴 것 같아요. 이름을 바꾸려면: `docker container rename {found} {expected}`",
    "container.unnamed": "'{expected}' 이름의 컨테이너는 없지만, 조건에 맞는 '{found}' 컨테이너가 있어요. `--name`을 빠뜨린 것 같아요. 이름을 붙이려면: `docker container rename {found} {expected}`",
    # --- state ---
    "container.not_running": "'{name}' 컨테이너가 실행 중이 아니에요 (지금 상태: {found}). {extra}",
    "container.state": "'{name}' 컨테이너의 상태가 달라요 (지금: {found}, 필요한 상태: {expected}). {extra}",
    "container.never_created": "'{name}' 컨테이너는 만들어지기만 하고 한 번도 실행되지 않았어요 (상태: created). 시작해 봐요: `docker container start {name}`",
    "container.started": "'{name}' 컨테이너는 만들기만 해야 하는데 이미 시작됐어요 (지금 상태: {found}). `docker container run`은 만들고 바로 시작해요. `docker container rm -f {name}` 명령으로 지우고 `docker container create`로 다시 만들어 봐요.",
    "container.exit_code": "'{name}' 컨테이너의 종료 코드가 달라요 (지금: {found}, 필요한 코드: {expected}). {extra}",
    "container.image": "'{name}' 컨테이너를 만든 이미지가 달라요 (지금: {found}, 필요한 이미지: {expected}). 지우고(`docker container rm -f {name}`) 필요한 이미지로 다시 만들어 봐요.",
    "container.command": "'{name}' 컨테이너의 실행 명령이 달라요 (지금: {found}, 필요한 명령: {expected}). 실행할 명령은 이미지 이름 뒤에 적어요.",
    "container.no_tty": "'{name}' 컨테이너의 터미널(-t) 설정이 달라요 (지금: {found}, 필요: {expected}). {extra}",
    "container.no_stdin": "'{name}' 컨테이너의 표준 입력(-i) 설정이 달라요 (지금: {found}, 필요: {expected}). {extra}",
    "container.attached": "'{name}' 컨테이너가 백그라운드(-d)가 아니라 터미널에 붙은 채로 실행됐어요. `docker container rm -f {name}` 명령으로 지우고 `-d` 옵션을 붙여 다시 실행해 봐요. 그러면 명령은 바로 끝나고 컨테이너는 뒤에서 계속 돌아요.",
    "container.not_restarted": "'{name}' 컨테이너가 이 단계를 시작한 뒤에 다시 시작되지 않았어요 (마지막 시작 시각: {found}, 필요: {expected}). 다시 시작해 봐요: `docker container restart {name}`",
    "container.still_there": "'{name}' 컨테이너가 아직 있어요 (상태: {found}). 지워 봐요: `docker container rm {name}`",
    "container.still_running": "'{name}' 컨테이너가 아직 실행 중이라 지워지지 않았어요. 먼저 `docker container stop {name}` 명령으로 멈추거나 `docker container rm -f {name}` 명령으로 강제로 지워요.",
    "container.stopped_remain": "멈춘 컨테이너가 아직 {count}개 남아 있어요: {found}. 한꺼번에 지우려면: `docker container prune`",
    "image.keep_missing": "남아 있어야 할 이미지가 없어졌어요: {expected}. 컨테이너만 지우고 이미지는 그대로 두어야 해요. 다시 받아 두려면: `docker image pull {expected}`",
    # --- ports ---
    "port.reversed": "포트 순서가 거꾸로예요. 호스트 {found_host} 포트가 컨테이너 {found_container} 포트에 매핑됐어요. `-p 호스트포트:컨테이너포트` 순서예요. 다시 실행해 봐요: `-p {expected}`",
    "port.other_host_port": "'{name}' 컨테이너의 {container_port} 포트가 다른 호스트 포트에 매핑됐어요 (지금: 호스트 {found} 포트, 필요: 호스트 {expected} 포트). 다시 실행해 봐요: `-p {expected}:{container_port_number}`",
    "port.not_published": "'{name}' 컨테이너의 {container_port} 포트가 호스트에 공개(publish)되지 않았어요 (공개된 포트: {found}). 이 옵션을 붙여서 다시 실행해 봐요: `-p {expected_pair}`",
    "port.taken": "호스트 {expected} 포트를 다른 컨테이너('{found}')가 이미 쓰고 있어요. 한 호스트 포트는 한 컨테이너만 쓸 수 있어요. `docker container stop {found}` 명령으로 멈추거나 다른 포트를 고른 뒤 다시 실행해 봐요.",
    # --- options ---
    "restart.policy": "재시작 정책이 달라요 (지금: {found}, 필요한 정책: {expected}). `--restart={expected}`처럼 `=`로 이어 써요. {extra}",
    "dns.missing": "'{name}' 컨테이너에 DNS 서버 설정이 없어요. 이 옵션을 붙여서 다시 실행해 봐요: `--dns {expected}`",
    "dns.other": "DNS 서버 주소가 달라요 (지금: {found}, 필요한 주소: {expected}). 다시 실행해 봐요: `--dns {expected}`",
    "hosts.swapped": "`--add-host`의 이름과 주소가 바뀌었어요 (지금: {found}). `--add-host 이름:주소` 순서라서 이렇게 적어요: `--add-host {expected}`",
    "hosts.other_address": "호스트 이름 {host}의 주소가 달라요 (지금: {found_address}, 필요한 주소: {expected_address}). 다시 실행해 봐요: `--add-host {expected}`",
    "hosts.missing": "'{name}' 컨테이너에 필요한 `--add-host` 항목이 없어요 (있는 항목: {found}). 이 옵션을 붙여서 다시 실행해 봐요: `--add-host {expected}`",
    "cpu.default": "CPU 비율(cpu-shares)이 기본값 1024 그대로예요 (필요한 값: {expected}). 이 옵션을 붙여서 다시 실행해 봐요: `--cpu-shares={expected}`",
    "cpu.shares": "CPU 비율(cpu-shares)이 달라요 (지금: {found}, 필요한 값: {expected}). 다시 실행해 봐요: `--cpu-shares={expected}`",
    "memory.missing": "'{name}' 컨테이너에 메모리 한도가 없어요. 이 옵션을 붙여서 다시 실행해 봐요: `--memory={expected}`",
    "memory.unit": "메모리 한도의 단위가 달라요 (지금: {found} = {found_bytes}, 필요: {expected} = {expected_bytes}). m은 MiB(1024×1024바이트), g는 GiB(1024 MiB)예요. {extra} 다시 실행해 봐요: `--memory={expected}`",
    "memory.other": "메모리 한도가 달라요 (지금: {found}, 필요한 한도: {expected}). 다시 실행해 봐요: `--memory={expected}`",
    # --- mounts ---
    "mount.missing": "'{name}' 컨테이너에 {target} 경로로 가는 마운트가 없어요 (있는 마운트: {found}). 다시 실행해 봐요: `-v 호스트폴더:{target}`",
    "mount.typo_target": "마운트 대상 경로의 철자가 달라요 (지금: {found}, 필요한 경로: {expected}). 리눅스 경로는 user가 아니라 usr이에요(노트의 /user/share는 오타예요). 고친 경로로 다시 실행해 봐요.",
    "mount.volume_not_bind": "{target} 경로에 호스트 폴더가 아니라 이름 있는 볼륨('{found}')이 마운트됐어요. `-v` 앞부분이 /나 ./로 시작하지 않으면 볼륨 이름으로 읽혀요. 절대 경로로 다시 실행해 봐요: `-v {expected}:{target}`",
    "mount.other_type": "{target} 경로의 마운트 종류가 달라요 (지금: {found}, 필요한 종류: {expected}). 단계의 명령과 `-v` 옵션의 앞부분(호스트 폴더인지 볼륨 이름인지)을 비교해 보고 다시 실행해 봐요.",
    "mount.other_source": "{target} 경로에 바인드 마운트된 호스트 폴더가 달라요 (지금: {found}, 필요한 폴더: {expected}). 경로를 확인하고 다시 실행해 봐요.",
    "mount.source_created_empty": "호스트 경로({found})가 없어서 Docker가 빈 폴더를 새로 만들어 마운트했어요. 그래서 컨테이너 안 {target} 폴더가 비어 있어요. 파일이 있는 폴더({expected})를 절대 경로로 적어서 다시 실행해 봐요.",
    # --- env, workdir ---
    "env.missing": "'{name}' 컨테이너에 필요한 환경 변수가 없어요: {expected}. 다시 실행해 봐요: `-e {expected}`",
    "env.other_value": "환경 변수 {var}의 값이 달라요 (지금: {found_value}, 필요한 값: {expected_value}). 다시 실행해 봐요: `-e {expected}`",
    "env.name_case": "환경 변수 이름의 대소문자가 달라요 (지금: {found}, 필요: {expected}). 환경 변수 이름은 대소문자를 구분해서 서로 다른 변수예요. 다시 실행해 봐요: `-e {expected}`",
    "env_file.missing_vars": "env 파일({file})의 변수 중 {count}개가 컨테이너에 없거나 값이 달라요: {expected}. 다시 실행해 봐요: `--env-file={file}`",
    "env_file.outside": "env 파일 경로({file})가 연습 폴더 밖을 가리켜서 읽지 않았어요. 레슨은 연습 폴더 안의 파일만 쓸 수 있어요. 강사에게 알려 주세요.",
    "env_file.missing_file": "env 파일({file})을 읽을 수 없어요. 이 단계의 준비가 만드는 파일이에요. 다시 만들려면: `docker-tutor begin {step}`",
    "workdir.other": "작업 디렉터리가 달라요 (지금: {found}, 필요한 경로: {expected}). 다시 실행해 봐요: `-w {expected}`",
    # --- networks ---
    "network.not_attached": "'{name}' 컨테이너가 {expected} 네트워크에 연결되어 있지 않아요 (연결된 네트워크: {found}). 연결해 봐요: `docker network connect {expected} {name}`",
    "network.default_only": "'{name}' 컨테이너가 기본 bridge 네트워크에만 연결되어 있어요 (필요한 네트워크: {expected}). `--net={expected}` 옵션으로 다시 만들거나, 지금 컨테이너를 연결해 봐요: `docker network connect {expected} {name}`",
    "network.still_attached": "'{name}' 컨테이너가 아직 {expected} 네트워크에 연결되어 있어요. 끊어 봐요: `docker network disconnect {expected} {name}`",
    # --- daemon ---
    "daemon.unreachable": "Docker 데몬에 연결할 수 없어요 ({found}). `docker-tutor doctor`로 원인을 보고, 데몬을 켠 뒤 `docker version`에 Server 부분이 나오는지 확인해 봐요.",
    "internal.error": "튜터 내부 오류예요 (학습자 잘못이 아니에요): {found}. 잠시 뒤 다시 확인해 보고, 계속되면 강사에게 알려 주세요.",
}


def text(code: str, **values: Any) -> str:
    template = MESSAGES.get(code)
    if template is None:
        return f"{code}: 기대한 값 {values.get('expected')}, 찾은 값 {values.get('found')}"
    from tutor.ui.safe_text import shorten

    # Values come from the daemon and lessons: a 20,000-character container command is cut
    # with a Korean note, so one message never fills the screen (the Problem keeps the full value).
    safe = {k: shorten(v) if isinstance(v, str) else v for k, v in values.items()}
    for key in ("expected", "found"):
        if safe.get(key) in (None, ""):
            safe[key] = "없음"
    safe.setdefault("extra", "")
    # An empty {extra} leaves a double space behind: tidy only that, data stays as it is.
    return template.format_map(_Missing(safe)).replace("  ", " ").strip()


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def problem(code: str, expected: Any = None, found: Any = None, **values: Any) -> Problem:
    """A Problem whose message names `expected` and `found` (kept as plain strings)."""
    exp = None if expected is None else str(expected)
    fnd = None if found is None else str(found)
    return Problem(code=code, message=text(code, expected=exp, found=fnd, **values), expected=exp, found=fnd)
