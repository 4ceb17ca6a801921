"""The instructor's page: server-rendered HTML; the little JS only swaps in fresh fragments.

Every string a learner sent (names, step ids, codes, messages, variable values) goes through
`html.escape` here, the only place HTML is made, so the page cannot be scripted by a learner.
"""

from __future__ import annotations

import time
from datetime import datetime
from html import escape
from typing import Any

from tutor.classroom.board import STATE_LABELS, Board

CSS = """
body{font-family:'Noto Sans CJK KR','Noto Sans KR','Malgun Gothic',sans-serif;margin:1.2rem;
background:#fafafa;color:#222;font-size:20px}
h1{font-size:1.8rem;margin:.2rem 0}.meta{color:#555;margin-bottom:1rem}
table.grid{border-collapse:collapse;margin:.5rem 0 1.5rem}
.grid th,.grid td{border:1px solid #ccc;padding:.25rem .4rem;text-align:center}
.grid th.name{text-align:left;white-space:nowrap;font-size:1.3rem}
.grid thead th{font-size:.8rem;font-weight:normal;color:#444}
.grid thead th.lesson{font-size:1rem;font-weight:bold;background:#eee}
td.cell{min-width:1.6rem;height:1.6rem;font-size:1rem}
td.passed,.legend .passed{background:#2e9e44;color:#fff}td.trying,.legend .trying{background:#f3c623}
td.stuck,.legend .stuck{background:#d93025;color:#fff}td.none,.legend .none{background:#fff}
.legend span{display:inline-block;padding:.1rem .6rem;margin-right:.4rem;border:1px solid #ccc}
section{margin-bottom:1.4rem}h2{font-size:1.4rem;margin:.6rem 0}
ul.stuck li{font-size:1.3rem;margin:.2rem 0}
.bar{display:flex;align-items:center;margin:.15rem 0}
.bar .fill{background:#d93025;height:1rem;margin-right:.5rem}
code{background:#eee;padding:0 .2rem}a{color:#1a56db}
"""

JS = """
const src = new EventSource('events');
const put = (id, html) => { const el = document.getElementById(id); if (el) el.innerHTML = html; };
src.onmessage = (e) => {
  const data = JSON.parse(e.data);
  if (data.html !== undefined) {
    put('board', data.html);
  } else {
    for (const [id, html] of Object.entries(data.rows || {})) {
      const row = document.getElementById('lr-' + id);
      if (row) row.outerHTML = html;
    }
    for (const part of ['meta', 'stuck', 'hist']) if (data[part] !== undefined) put(part, data[part]);
  }
  document.body.dataset.version = data.version;
};
src.onerror = () => { document.getElementById('live').textContent = '다시 연결하는 중…'; };
src.onopen = () => { document.getElementById('live').textContent = '실시간'; };
"""

MARKS = {"passed": "✓", "trying": "…", "stuck": "!", "none": ""}


def _page(title: str, body: str, script: str = "") -> str:
    return (f'<!doctype html><html lang="ko"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>{body}"
            + (f"<script>{script}</script>" if script else "") + "</body></html>")


def _code_text(text: str) -> str:
    """Escaped text where `backticks` become <code> (escape first, so nothing else is HTML)."""
    parts = escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def _cell_title(step: str, cell, board: Board, state: str) -> str:
    bits = [f"{step}: {STATE_LABELS[state]}", f"확인 {cell.attempts}번"]
    if cell.codes:
        bits.append("문제: " + ", ".join(board.meaning(c) for c in cell.codes))
    if cell.vars:
        bits.append("값: " + ", ".join(f"{k}={v}" for k, v in sorted(cell.vars.items())))
    return " · ".join(bits)


def row_html(board: Board, lr, steps: list[dict[str, str]], now: float) -> str:
    """One learner's row; empty cells stay tiny (a 100 × 60 grid is sent often)."""
    passed = sum(c.passed_at is not None for c in lr.cells.values())
    out = [f"<tr id='lr-{lr.id}' data-learner='{escape(lr.name)}'><th class='name'>"
           f"<a href='learner/{lr.id}'>{escape(lr.name)}</a> <small>{passed}</small></th>"]
    for s in steps:
        cell = lr.cells.get(s["id"])
        if cell is None:
            out.append(f"<td class='cell none' data-step='{escape(s['id'])}' data-state='none'></td>")
            continue
        state = cell.state(now, s["id"] == lr.current)
        out.append(f"<td class='cell {state}' data-step='{escape(s['id'])}' data-state='{state}' "
                   f"title='{escape(_cell_title(s['id'], cell, board, state))}'>{MARKS[state]}</td>")
    out.append("</tr>")
    return "".join(out)


def meta_html(board: Board) -> str:
    return (f"학생 {len(board.learners)}명 · 기록 {board.events}개 · "
            f"{escape(datetime.now().strftime('%H:%M:%S'))} 기준")


def stuck_html(board: Board, now: float) -> str:
    rows = board.stuck(now)
    if not rows:
        return "<p>지금 막힌 학생은 없어요.</p>"
    out = ["<ul class='stuck'>"]
    for row in rows:
        what = ", ".join(row["meanings"])
        out.append(f"<li><a href='learner/{row['learner']}'>{escape(row['name'])}</a> · "
                   f"<code>{escape(row['step'])}</code> · {escape(row['reason'])}"
                   + (f" · {_code_text(what)}" if what else "") + "</li>")
    out.append("</ul>")
    return "".join(out)


def hist_html(board: Board) -> str:
    if not board.histogram:
        return "<p>아직 실패한 확인이 없어요.</p>"
    out = []
    for step in board.histogram:
        out.append(f"<h3><code>{escape(step)}</code></h3>")
        for bar in board.bars(step):
            out.append(f"<div class='bar' title='{escape(', '.join(bar['names']))}'>"
                       f"<span class='fill' style='width:{bar['learners'] * 1.2}rem'></span>"
                       f"<span>{bar['learners']}명: {_code_text(bar['meaning'])} "
                       f"<small>({escape(bar['code'])})</small></span></div>")
    return "".join(out)


def fragment(board: Board, now: float | None = None) -> str:
    now = time.time() if now is None else now
    steps = board.shown_steps()
    out = [f"<div class='meta' id='meta'>{meta_html(board)}</div>",
           f"<section><h2>막힌 학생</h2><div id='stuck'>{stuck_html(board, now)}</div></section>",
           "<section><h2>진행 상황</h2><div class='legend'>"]
    out += [f"<span class='{k}'>{MARKS[k] or '·'} {v}</span>" for k, v in STATE_LABELS.items()]
    out.append("</div><table class='grid' id='grid'><thead><tr><th></th>")
    lessons: list[tuple[str, int]] = []
    for s in steps:
        if lessons and lessons[-1][0] == s["lesson"]:
            lessons[-1] = (s["lesson"], lessons[-1][1] + 1)
        else:
            lessons.append((s["lesson"], 1))
    out += [f"<th class='lesson' colspan='{n}'>{escape(lesson)}</th>" for lesson, n in lessons]
    out.append("</tr><tr><th>이름</th>")
    out += [f"<th title='{escape(s['title'])}'>{escape(s['id'].split('/', 1)[-1])}</th>" for s in steps]
    out.append("</tr></thead><tbody>")
    out += [row_html(board, lr, steps, now) for lr in sorted(board.learners.values(), key=lambda x: x.name)]
    out.append("</tbody></table></section>")
    out.append(f"<section><h2>단계별로 많이 한 실수</h2><div id='hist'>{hist_html(board)}</div></section>")
    return "".join(out)


def update(board: Board, since: int, now: float | None = None) -> dict:
    """What a page at version `since` needs: the whole board, or only the parts that changed."""
    now = time.time() if now is None else now
    if since < 0 or board.layout_version > since:
        return {"version": board.version, "html": fragment(board, now)}
    steps = board.shown_steps()
    msg: dict = {"version": board.version, "meta": meta_html(board),
                 "rows": {str(lid): row_html(board, board.learners[lid], steps, now)
                          for lid, v in board.row_version.items() if v > since and lid in board.learners}}
    if board.stuck_version > since:
        msg["stuck"] = stuck_html(board, now)
    if board.hist_version > since:
        msg["hist"] = hist_html(board)
    return msg


def board_page(board: Board, join_hint: str) -> str:
    body = (f"<h1>{escape(board.title)} <small id='live'>연결하는 중…</small></h1>"
            f"<div class='meta'>학생 참여: <code>{escape(join_hint)}</code> · "
            f"내보내기: <a href='export.csv'>CSV</a> · <a href='export.json'>JSON</a></div>"
            f"<div id='board'>{fragment(board)}</div>")
    return _page(board.title, body, JS)


def login_page(title: str, failed: bool = False) -> str:
    msg = "<p style='color:#d93025'>토큰이 맞지 않아요.</p>" if failed else ""
    body = (f"<h1>{escape(title)}</h1><p>강사 토큰을 넣어 주세요 (`class serve`가 보여 준 값).</p>{msg}"
            "<form method='post' action='login'><input name='token' type='password' size='40' "
            "autofocus> <button>들어가기</button></form>")
    return _page(title, body)


def timeline_page(board: Board, learner_id: int, events: list[dict[str, Any]]) -> str:
    lr = board.learners.get(learner_id)
    name = lr.name if lr else "?"
    rows = []
    labels = {"began": "시작", "check": "확인", "answer": "답", "quiz": "퀴즈", "hint": "힌트",
              "solution": "정답 보기", "skip": "건너뛰기"}
    for ev in events:
        when = datetime.fromtimestamp(float(ev["at"])).strftime("%H:%M:%S")
        passed = ev.get("passed")
        verdict = ("✓ 통과" if passed else "✗ 실패") if isinstance(passed, bool) else ""
        detail = "; ".join(f"{p['code']}" for p in ev.get("problems") or ())
        extra = ", ".join(f"{k}={v}" for k, v in sorted((ev.get("vars") or {}).items()))
        text = ev.get("text") or ""
        rows.append(f"<tr><td>{escape(when)}</td><td><code>{escape(ev['step'])}</code></td>"
                    f"<td>{escape(labels.get(ev['type'], ev['type']))}</td><td>{escape(verdict)}</td>"
                    f"<td>{escape(detail)}</td><td>{escape(text)}</td><td>{escape(extra)}</td></tr>")
    body = (f"<p><a href='../'>← 반 전체</a></p><h1>{escape(name)}의 기록</h1>"
            "<table class='grid'><thead><tr><th>시각</th><th>단계</th><th>무엇</th><th>결과</th>"
            "<th>문제 코드</th><th>답</th><th>값</th></tr></thead><tbody>" + "".join(rows)
            + "</tbody></table>")
    return _page(f"{name} · {board.title}", body)
