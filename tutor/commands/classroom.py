"""`docker-tutor class serve|join|leave|status`: a live classroom over the LAN (or loopback).

Self-contained: each subcommand returns a result that renders itself (`render(console)`).
`serve` blocks until Ctrl-C; the rest are one request each with a short timeout.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text

from tutor.errors import BadInput

CODE_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "0O1IL")


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="class_command", metavar="동작", title="동작", required=True)
    serve = sub.add_parser("serve", help="강사: 수업 서버를 켜요", description="강사: 수업 서버를 켜요")
    serve.add_argument("--host", default="127.0.0.1", help="들을 주소 (기본 127.0.0.1, 교실에서는 0.0.0.0)")
    serve.add_argument("--port", type=int, default=8765, help="포트 (기본 8765)")
    serve.add_argument("--code", help="학생이 참여할 때 쓰는 수업 코드 (기본: 무작위)")
    serve.add_argument("--token", help="강사 페이지를 여는 토큰 (기본: 무작위)")
    serve.add_argument("--title", default="도커 수업", help="반 이름")
    serve.add_argument("--db", metavar="FILE", help="수업 기록 파일 (기본: 데이터 폴더의 classroom/class.sqlite3)")
    join = sub.add_parser("join", help="학생: 수업에 참여해요", description="학생: 수업에 참여해요")
    join.add_argument("url", metavar="URL", help="강사가 알려 준 주소 (예: http://192.168.0.10:8765)")
    join.add_argument("--code", required=True, help="수업 코드")
    join.add_argument("--name", required=True, help="내 이름 (강사 화면에 보여요)")
    join.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")
    for name, text in (("leave", "학생: 수업에서 나가요"), ("status", "학생: 수업 연결 상태를 보여 줘요")):
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("--json", action="store_true", help="결과를 JSON으로 출력해요")


@dataclass(frozen=True)
class ClassResult:
    lines: tuple[tuple[str, str], ...] = ()  # (text, style)
    data: dict[str, Any] = field(default_factory=dict)
    exit_code: int = 0

    def to_dict(self) -> dict[str, Any]:
        return self.data

    def render(self, console) -> None:
        for text, style in self.lines:
            console.print(Text(text, style=style))


def run(args) -> ClassResult:
    return {"serve": _serve, "join": _join, "leave": _leave, "status": _status}[args.class_command](args)


def _random(n: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(n))


def _serve(args) -> ClassResult:
    import uvicorn

    from tutor import paths
    from tutor.classroom import network
    from tutor.classroom.app import Classroom, create_app
    from tutor.classroom.board import Board
    from tutor.classroom.storage import Store
    from tutor.classroom.validate import Invalid
    from tutor.classroom.validate import code as check_code
    from tutor.lessonfile.catalog import load_course

    db = args.db or (paths.data_dir() / "classroom" / "class.sqlite3")
    store = Store(db)
    # An explicit value wins; else the class in this file keeps its code and token after a restart.
    code = args.code or store.meta("code") or _random(6)
    token = args.token or store.meta("token") or secrets.token_urlsafe(18)
    try:
        check_code(code)
    except Invalid as exc:
        raise BadInput(f"{exc} (영문 대문자와 숫자 4~32자)") from None
    store.set_meta("code", code)
    store.set_meta("token", token)
    course = load_course(getattr(args, "file", None))
    steps = [{"id": s.id, "lesson": lesson.id, "title": s.title, "kind": s.kind, "lesson_title": lesson.title}
             for lesson in course.lessons for s in lesson.steps]
    urls = network.urls(args.host, args.port)
    join = f"docker-tutor class join {urls[0]} --code {code} --name 이름"
    room = Classroom(store, Board(args.title, steps), code, token, join_hint=join)
    lines = [f"수업 서버를 켰어요: {args.title}", f"기록 파일: {db}", "",
             "학생은 자기 컴퓨터에서 이렇게 참여해요:", f"  {join}", "",
             f"수업 코드: {code}", f"강사 토큰: {token}  (남에게 보여 주지 마세요)", "", "강사 페이지:"]
    lines += [f"  {u}/?token={token}" for u in urls]
    if args.host in ("0.0.0.0", "::"):
        lines.append("모든 네트워크 주소에서 들어요. 같은 교실(LAN)의 컴퓨터만 쓰도록 해 주세요.")
    lines.append("끝내려면 Ctrl-C를 눌러요. 기록은 파일에 남아서 다시 켜면 이어져요.")
    print("\n".join(lines), flush=True)
    config = uvicorn.Config(create_app(room), host=args.host, port=args.port, log_level="warning",
                            access_log=False, lifespan="off")
    uvicorn.Server(config).run()
    store.close()
    return ClassResult((("수업 서버를 껐어요.", "tutor.dim"),), {"stopped": True, "events": store_count(db)})


def store_count(db) -> int:
    from tutor.classroom.storage import Store

    store = Store(db)
    try:
        return store.count()
    finally:
        store.close()


def _join(args) -> ClassResult:
    import urllib.error

    from tutor.classroom import client, membership
    from tutor.classroom.validate import Invalid
    from tutor.classroom.validate import code as check_code
    from tutor.classroom.validate import name as check_name

    url = args.url.rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise BadInput("주소는 http:// 로 시작해야 해요 (예: http://192.168.0.10:8765).")
    try:
        name, code = check_name(args.name), check_code(args.code)
    except Invalid as exc:
        raise BadInput(str(exc)) from None
    try:
        answer = client.post(url + "/api/join", {"code": code, "name": name}, timeout=5.0)
    except urllib.error.HTTPError as exc:
        raise BadInput(_server_error(exc)) from None
    except (OSError, ValueError) as exc:
        raise BadInput(f"수업 서버({url})에 연결하지 못했어요: {getattr(exc, 'reason', exc)}",
                       hint="주소와 포트를 강사에게 다시 확인해 주세요. 같은 네트워크(와이파이)에 있어야 해요.") from None
    replaced = membership.load()
    membership.save({"url": url, "code": code, "name": answer["name"], "token": answer["token"],
                     "learner": answer["learner"], "title": answer.get("title", "")})
    membership.queue_file().write_text("", encoding="utf-8")  # an old class's events never go here
    client.flush()
    lines = [(f"'{answer.get('title', '')}' 수업에 '{answer['name']}' 이름으로 참여했어요.", "tutor.ok"),
             (client.CONNECTED, "tutor.dim"),
             ("이제 확인·퀴즈·답 기록이 강사 화면에 바로 보여요. 나가려면: docker-tutor class leave", "tutor.dim")]
    if replaced:
        lines.insert(1, (f"전에 참여한 수업({replaced.get('url')})에서는 나왔어요.", "tutor.dim"))
    return ClassResult(tuple(lines), {"joined": True, "url": url, "name": answer["name"],
                                      "learner": answer["learner"]})


def _server_error(exc) -> str:
    import json

    try:
        return json.loads(exc.read().decode("utf-8"))["error"]
    except Exception:  # noqa: BLE001 - whatever the server said, the status is enough
        return f"수업 서버가 요청을 받지 않았어요 (HTTP {exc.code})."


def _leave(args) -> ClassResult:
    from tutor.classroom import client, membership

    member = membership.load()
    if member is None:
        return ClassResult((("참여한 수업이 없어요.", "tutor.dim"),), {"left": False})
    left = client.flush()
    membership.remove()
    membership.queue_file().unlink(missing_ok=True)
    lines = [(f"수업({member['url']})에서 나왔어요. 이제 기록을 보내지 않아요.", "tutor.ok")]
    if left:
        lines.append((f"보내지 못한 기록 {left}개는 지웠어요.", "tutor.warn"))
    return ClassResult(tuple(lines), {"left": True, "unsent_dropped": left})


def _status(args) -> ClassResult:
    from tutor.classroom import client, membership

    member = membership.load()
    if member is None:
        return ClassResult((("참여한 수업이 없어요. 참여: docker-tutor class join 주소 --code 코드 --name 이름",
                             "tutor.dim"),), {"joined": False})
    left = client.flush()
    line = client.status_line()
    lines = [(f"수업: {member.get('title', '')} ({member['url']}) · 이름: {member['name']}", "tutor.title"),
             (line or "", "tutor.ok" if line == client.CONNECTED else "tutor.warn")]
    if left:
        lines.append((f"아직 보내지 못한 기록: {left}개 (서버가 다시 켜지면 보내요)", "tutor.dim"))
    return ClassResult(tuple(lines), {"joined": True, "url": member["url"], "name": member["name"],
                                      "connected": line == client.CONNECTED, "queued": left})
