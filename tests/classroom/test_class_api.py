"""The class server's HTTP API in-process (Starlette TestClient): joining, events, reading, limits."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from tests.classroom.class_helpers import CODE, TOKEN, event, make_room

INSTRUCTOR = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def room(tmp_path):
    room, app = make_room(tmp_path)
    with TestClient(app) as client:
        yield room, client


def _join(client, name="김하늘", code=CODE):
    return client.post("/api/join", json={"code": code, "name": name})


def _send(client, token, events):
    return client.post("/api/events", json={"events": events}, headers={"Authorization": f"Bearer {token}"})


def test_join_needs_the_class_code_and_a_valid_unique_name(room):
    _, client = room
    assert _join(client, code="WRONG1").status_code == 403
    assert _join(client, name="<script>").status_code == 400
    assert _join(client, name="").status_code == 400
    ok = _join(client)
    assert ok.status_code == 200 and ok.json()["name"] == "김하늘" and ok.json()["token"]
    again = _join(client)
    assert again.status_code == 409 and "이미" in again.json()["error"]


def test_events_need_a_learner_token_and_reading_needs_the_instructor_token(room):
    _, client = room
    learner = _join(client).json()["token"]
    assert _send(client, "nope", [event("4.2/run-port")]).status_code == 401
    assert _send(client, learner, [event("4.2/run-port", passed=False, codes=["port.reversed"])]).status_code == 200
    # A learner's own token reads nothing: not the class, not a timeline, not the page, not exports.
    as_learner = {"Authorization": f"Bearer {learner}"}
    for path in ("/api/class", "/api/learner/1", "/export.json", "/export.csv", "/events"):
        assert client.get(path, headers=as_learner).status_code == 401, path
    assert "강사 토큰" in client.get("/", headers=as_learner).text  # the login form, no data
    data = client.get("/api/class", headers=INSTRUCTOR).json()
    [row] = data["learners"]
    assert row["name"] == "김하늘" and row["steps"]["4.2/run-port"]["codes"] == ["port.reversed"]


def test_a_resent_batch_is_stored_once(room):
    r, client = room
    token = _join(client).json()["token"]
    batch = [event("4.2/run-port", passed=False, codes=["port.reversed"]), event("4.2/run-port", passed=True)]
    first = _send(client, token, batch).json()["acked"]
    second = _send(client, token, batch).json()["acked"]
    assert first == second == [e["id"] for e in batch]
    assert r.store.count() == 2
    cell = client.get("/api/class", headers=INSTRUCTOR).json()["learners"][0]["steps"]["4.2/run-port"]
    assert cell["attempts"] == 2 and cell["state"] == "passed"


def test_bad_events_sizes_and_rates_are_refused(room):
    r, client = room
    token = _join(client).json()["token"]
    assert _send(client, token, [{"id": "x", "step": "4.2/run-port", "type": "check", "at": 1}]).status_code == 400
    assert _send(client, token, [event("../../etc", passed=True)]).status_code == 400
    assert _send(client, token, [event("4.2/run-port", kind="delete-all")]).status_code == 400
    big = client.post("/api/events", content=b"{" + b" " * 300_000 + b"}",
                      headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert big.status_code == 400 and "너무 커요" in big.json()["error"]
    assert _send(client, token, [event("4.2/run-port")] * 501).status_code == 400
    codes = [_send(client, token, [event("4.2/run-name", passed=False)]).status_code for _ in range(80)]
    assert 429 in codes and codes[0] == 200
    assert r.store.count() < 80


def test_stuck_list_histogram_and_escaped_page(room):
    _, client = room
    kim = _join(client, "김하늘").json()["token"]
    lee = _join(client, "이바다").json()["token"]
    for _ in range(3):
        _send(client, kim, [event("4.2/run-port", passed=False, codes=["port.reversed"])])
    _send(client, lee, [event("4.2/run-port", passed=False, codes=["port.reversed"]),
                        event("4.2/run-name", passed=False, codes=["x.custom"],
                              problems=[{"code": "x.custom", "message": "<img src=x onerror=alert(1)>"}])])
    data = client.get("/api/class", headers=INSTRUCTOR).json()
    assert [(s["name"], s["step"]) for s in data["stuck"]] == [("김하늘", "4.2/run-port")]
    bars = data["histogram"]["4.2/run-port"]
    assert bars[0]["code"] == "port.reversed" and bars[0]["learners"] == 2
    assert "거꾸로" in bars[0]["meaning"]
    html = client.get("/", headers=INSTRUCTOR).text
    assert "김하늘" in html and "2명: <code>-p 80:8080</code>처럼" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_login_by_query_token_sets_a_cookie_and_a_wrong_one_is_refused(room):
    _, client = room
    assert client.get("/?token=wrong", follow_redirects=False).status_code == 401
    resp = client.get(f"/?token={TOKEN}", follow_redirects=False)
    assert resp.status_code == 303 and "httponly" in resp.headers["set-cookie"].lower()
    assert "진행 상황" in client.get("/").text  # the cookie now opens the page
    form = client.post("/login", content=f"token={TOKEN}", follow_redirects=False,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status_code == 303


def test_export_json_is_what_report_merge_reads(room, tmp_path):
    from tutor import classreport

    _, client = room
    kim = _join(client, "김하늘").json()["token"]
    _send(client, kim, [event("4.2/run-port", passed=True, vars={"web_port": "8123"}),
                        event("4.2/lifecycle", kind="quiz", passed=True)])
    _join(client, "이바다")
    bundle = client.get("/export.json", headers=INSTRUCTOR).json()
    path = tmp_path / "class.json"
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    table = classreport.merge(classreport.load_reports([str(path)]))
    assert table.lessons == ("4.2",)
    assert table.learners == (("김하늘", {"4.2": "2/3"}, "1/1"), ("이바다", {"4.2": "0/3"}, "0/0"))
    kim_report = bundle["reports"][0]
    assert kim_report["steps"]["4.2/run-port"]["vars"] == {"web_port": "8123"}
    csv_text = client.get("/export.csv", headers=INSTRUCTOR).text
    assert csv_text.splitlines() == ["name,4.2,quiz", "김하늘,2/3,1/1", "이바다,0/3,0/0"]


def test_a_restarted_server_rebuilds_the_board_from_sqlite(tmp_path):
    room, app = make_room(tmp_path)
    with TestClient(app) as client:
        token = _join(client).json()["token"]
        _send(client, token, [event("4.2/run-port", passed=False, codes=["port.reversed"]),
                              event("4.2/run-port", passed=True)])
    room.store.close()
    _, app2 = make_room(tmp_path)
    with TestClient(app2) as client:
        data = client.get("/api/class", headers=INSTRUCTOR).json()
        assert data["events"] == 2 and data["learners"][0]["steps"]["4.2/run-port"]["state"] == "passed"
        assert _send(client, token, [event("4.2/run-name", passed=True)]).status_code == 200


def test_a_learners_timeline_lists_their_events_with_values_and_is_instructor_only(room):
    _, client = room
    kim = _join(client, "김하늘").json()
    _send(client, kim["token"], [event("4.2/run-port", kind="began", vars={"web_port": "8123"}),
                                 event("4.2/run-port", passed=False, codes=["port.reversed"], text="<b>x</b>")])
    page = client.get(f"/learner/{kim['learner']}", headers=INSTRUCTOR).text
    assert "김하늘의 기록" in page and "port.reversed" in page and "web_port=8123" in page
    assert "<b>x</b>" not in page
    as_learner = client.get(f"/learner/{kim['learner']}", headers={"Authorization": f"Bearer {kim['token']}"},
                            follow_redirects=False)
    assert as_learner.status_code == 303
    data = client.get(f"/api/learner/{kim['learner']}", headers=INSTRUCTOR).json()
    assert [e["type"] for e in data["events"]] == ["began", "check"]
