"""The class server: a Starlette app (routes + server-sent events) over `Store` and `Board`.

Learners: `POST /api/join` (class code → their own token), `POST /api/events` (their token;
batches, idempotent by event id). Instructor (token as `Authorization: Bearer`, or the cookie
the login sets): `/` page, `/events` (SSE), `/learner/{id}`, `/api/class`, `/export.csv|json`.
A learner token opens nothing of the instructor's, and no route returns another learner's data
to a learner.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from tutor.classroom import export, page, validate
from tutor.classroom.board import Board
from tutor.classroom.storage import Store

COOKIE = "docker_tutor_class"
PING_SECONDS = 10.0  # SSE keep-alive; also refreshes "no progress for 5 minutes"


class Bucket:
    """Token buckets per key (learner token or client address): `burst` at once, `rate`/s after."""

    def __init__(self, rate: float, burst: int):
        self.rate, self.burst = rate, burst
        self._state: dict[str, tuple[float, float]] = {}

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        tokens, last = self._state.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens < 1:
            self._state[key] = (tokens, now)
            return False
        self._state[key] = (tokens - 1, now)
        return True


class Classroom:
    def __init__(self, store: Store, board: Board, code: str, token: str, join_hint: str = ""):
        self.store, self.board, self.code, self.token = store, board, code, token
        self.join_hint = join_hint
        self.changed = asyncio.Event()
        self.join_limit = Bucket(rate=1.0, burst=120)
        self.event_limit = Bucket(rate=20.0, burst=60)
        for lr in store.learners():
            board.add_learner(lr["id"], lr["name"], lr["joined_at"])
        for ev in store.events():
            board.apply(ev["learner"], ev)

    def notify(self) -> None:
        # Wake every SSE stream waiting on the current Event, then arm a fresh one.
        old, self.changed = self.changed, asyncio.Event()
        old.set()

    def is_instructor(self, request: Request) -> bool:
        given = request.cookies.get(COOKIE, "")
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        return bool(given) and secrets.compare_digest(given.encode(), self.token.encode())


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _read_json(request: Request):
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > validate.MAX_BODY):
        raise validate.Invalid("요청이 너무 커요.")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > validate.MAX_BODY:
            raise validate.Invalid("요청이 너무 커요.")
    try:
        return json.loads(body.decode("utf-8")) if body else {}
    except (UnicodeDecodeError, ValueError):
        raise validate.Invalid("JSON 형식이 아니에요.") from None


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def create_app(room: Classroom) -> Starlette:
    async def join(request: Request) -> Response:
        if not room.join_limit.allow(_client(request)):
            return _error("요청이 너무 잦아요. 잠시 뒤 다시 해 주세요.", 429)
        try:
            data = await _read_json(request)
            name = validate.name(data.get("name") if isinstance(data, dict) else None)
            given = validate.code(data.get("code"))
        except validate.Invalid as exc:
            return _error(str(exc), 400)
        if not secrets.compare_digest(given.encode(), room.code.encode()):
            return _error("수업 코드가 맞지 않아요.", 403)
        joined = room.store.join(name)
        if joined is None:
            return _error("이 이름은 이미 수업에 있어요. 다른 이름(예: 이름 뒤에 숫자)으로 참여해 주세요.", 409)
        learner_id, token = joined
        room.board.add_learner(learner_id, name, time.time())
        room.notify()
        return JSONResponse({"learner": learner_id, "name": name, "token": token,
                             "title": room.board.title})

    async def events(request: Request) -> Response:
        auth = request.headers.get("authorization", "")
        learner = room.store.learner_by_token(auth[7:].strip()) if auth.lower().startswith("bearer ") else None
        if learner is None:
            return _error("수업에 참여한 학생만 기록을 보낼 수 있어요.", 401)
        if not room.event_limit.allow(f"learner:{learner[0]}"):
            return _error("요청이 너무 잦아요.", 429)
        try:
            data = await _read_json(request)
            raw = data.get("events") if isinstance(data, dict) else None
            if not isinstance(raw, list) or len(raw) > validate.MAX_BATCH:
                raise validate.Invalid("기록 목록이 이상해요.")
            batch = [validate.event(ev) for ev in raw]
        except validate.Invalid as exc:
            return _error(str(exc), 400)
        acked, new = room.store.add_events(learner[0], batch)
        if new:
            for ev in batch:
                if ev["id"] in new:
                    new.discard(ev["id"])  # an id twice in one batch is applied once
                    room.board.apply(learner[0], ev)
            room.notify()
        # The board version that holds these events: a page showing it (or newer) shows them.
        return JSONResponse({"acked": acked, "version": room.board.version})

    async def class_json(request: Request) -> Response:
        if not room.is_instructor(request):
            return _error("강사 토큰이 필요해요.", 401)
        return JSONResponse(room.board.to_dict())

    async def timeline_json(request: Request) -> Response:
        if not room.is_instructor(request):
            return _error("강사 토큰이 필요해요.", 401)
        learner = int(request.path_params["learner"])
        return JSONResponse({"learner": learner, "events": room.store.events(learner)})

    async def home(request: Request) -> Response:
        given = request.query_params.get("token")
        if given is not None:
            if not secrets.compare_digest(given.encode(), room.token.encode()):
                return HTMLResponse(page.login_page(room.board.title, failed=True), status_code=401)
            return _login_redirect(room.token)
        if not room.is_instructor(request):
            return HTMLResponse(page.login_page(room.board.title))
        return HTMLResponse(page.board_page(room.board, room.join_hint))

    async def login(request: Request) -> Response:
        try:
            body = (await _read_json_text(request))
        except validate.Invalid as exc:
            return _error(str(exc), 400)
        given = (parse_qs(body).get("token") or [""])[0]
        if not secrets.compare_digest(given.encode(), room.token.encode()):
            return HTMLResponse(page.login_page(room.board.title, failed=True), status_code=401)
        return _login_redirect(room.token)

    async def timeline(request: Request) -> Response:
        if not room.is_instructor(request):
            return RedirectResponse("../", status_code=303)
        learner = int(request.path_params["learner"])
        return HTMLResponse(page.timeline_page(room.board, learner, room.store.events(learner)))

    async def stream(request: Request) -> Response:
        if not room.is_instructor(request):
            return _error("강사 토큰이 필요해요.", 401)

        async def updates():
            sent = -1
            while True:
                if room.board.version != sent:
                    message = page.update(room.board, sent)
                    sent = message["version"]
                    yield f"data: {json.dumps(message, ensure_ascii=False)}\n\n"
                waiting = room.changed
                try:
                    await asyncio.wait_for(waiting.wait(), timeout=PING_SECONDS)
                except asyncio.TimeoutError:
                    # Time alone can make someone stuck: send the whole board now and then.
                    message = page.update(room.board, -1)
                    sent = message["version"]
                    yield f"data: {json.dumps(message, ensure_ascii=False)}\n\n"

        return StreamingResponse(updates(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    async def export_json(request: Request) -> Response:
        if not room.is_instructor(request):
            return _error("강사 토큰이 필요해요.", 401)
        return JSONResponse(export.bundle(room.board),
                            headers={"Content-Disposition": "attachment; filename=class.json"})

    async def export_csv(request: Request) -> Response:
        if not room.is_instructor(request):
            return _error("강사 토큰이 필요해요.", 401)
        return PlainTextResponse(export.csv_text(room.board), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": "attachment; filename=class.csv"})

    async def health(request: Request) -> Response:
        return JSONResponse({"ok": True, "title": room.board.title})

    routes = [
        Route("/", home), Route("/login", login, methods=["POST"]),
        Route("/learner/{learner:int}", timeline), Route("/events", stream),
        Route("/api/join", join, methods=["POST"]), Route("/api/events", events, methods=["POST"]),
        Route("/api/class", class_json), Route("/api/learner/{learner:int}", timeline_json),
        Route("/api/health", health),
        Route("/export.json", export_json), Route("/export.csv", export_csv),
    ]
    return Starlette(routes=routes)


async def _read_json_text(request: Request) -> str:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > 4096:
            raise validate.Invalid("요청이 너무 커요.")
    return body.decode("utf-8", errors="replace")


def _login_redirect(token: str) -> Response:
    response = RedirectResponse("./", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
    return response
