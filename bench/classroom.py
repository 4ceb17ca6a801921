"""`python -m bench.classroom [--quick] [--output FILE]`: the class server under a full room.

A real `class serve` process on a loopback port, 100 simulated learners × 60 steps of events
(began, a failed check on some steps, a passed check) sent by 10 sender threads over fresh HTTP
connections (as the learners' tutors do), one instructor page listening on SSE. Figures:
event → page update latency (POST start until an SSE update that contains the event arrives;
the update carries the rendered HTML fragment), throughput, and the server's RSS. A second,
paced phase (20 events/s, a busy class) measures latency when the server is not saturated.
No daemon is needed; nothing leaves loopback.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

CODE, TOKEN = "BENCHCODE", "bench-token"


def _post(port: int, path: str, payload: dict, token: str | None = None) -> dict:
    data = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, headers=headers, method="POST")
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def _rss_kb(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class SseListener(threading.Thread):
    """The instructor page's stream: (arrival time, board version) of every update."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port, self.arrivals, self.sizes, self.ready = port, [], [], threading.Event()

    def run(self) -> None:
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/events",
                                     headers={"Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(req, timeout=600) as stream:
            for raw in stream:
                if raw.startswith(b"data: "):
                    version = json.loads(raw[6:])["version"]
                    self.arrivals.append((time.monotonic(), version))
                    self.sizes.append(len(raw))
                    self.ready.set()

    def first_after(self, version: int) -> float | None:
        versions = [v for _, v in self.arrivals]
        # versions only grow; the first update at or past the event's version shows it.
        i = bisect.bisect_left(versions, version)
        return self.arrivals[i][0] if i < len(self.arrivals) else None


def _events_for(steps: list[str], rng: random.Random) -> list[dict]:
    out = []
    for step in steps:
        out.append({"type": "began", "step": step})
        for _ in range(rng.choice((0, 0, 1, 2))):
            out.append({"type": "check", "step": step, "passed": False,
                        "problems": [{"code": rng.choice(("port.reversed", "container.missing", "network.default_only")),
                                      "message": "벤치 실패"}]})
        out.append({"type": "check", "step": step, "passed": True})
    return out


def _send_all(port, plan, sent, threads: int, pace: float | None = None) -> float:
    """Send each learner's events in order; `pace` = total events/s (None = as fast as possible)."""
    lock = threading.Lock()
    start = time.monotonic()
    work = list(plan)  # (token, event) in round-robin order over learners
    index = [0]

    def worker():
        while True:
            with lock:
                i = index[0]
                if i >= len(work):
                    return
                index[0] += 1
            if pace:
                delay = start + i / pace - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            token, ev = work[i]
            ev = {**ev, "id": uuid.uuid4().hex, "at": time.time()}
            t0 = time.monotonic()
            answer = _post(port, "/api/events", {"events": [ev]}, token)
            sent.append((t0, answer["version"], time.monotonic() - t0))

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return time.monotonic() - start


def _latencies(listener: SseListener, sent) -> dict:
    time.sleep(1.0)  # the last updates
    lat = []
    for t0, version, _ in sent:
        seen = listener.first_after(version)
        if seen is not None:
            lat.append((seen - t0) * 1000)
    lat.sort()
    return {"events": len(sent), "measured": len(lat),
            "p50_ms": round(statistics.median(lat), 1),
            "p95_ms": round(lat[int(len(lat) * 0.95) - 1], 1), "max_ms": round(lat[-1], 1),
            "post_p95_ms": round(sorted(s[2] for s in sent)[int(len(sent) * 0.95) - 1] * 1000, 1)}


def run(learners: int, steps_per: int, threads: int = 10) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.classroom.class_helpers import free_port
    from tutor.lessonfile.catalog import load_course

    course_steps = [s.id for s in load_course().steps()][:steps_per]
    port = free_port()
    tmp = Path(tempfile.mkdtemp(prefix="class-bench-"))
    env = {**os.environ, "DOCKER_TUTOR_HOME": str(tmp / "home")}
    server = subprocess.Popen([sys.executable, "-m", "tutor", "class", "serve", "--port", str(port), "--code", CODE,
                               "--token", TOKEN, "--db", str(tmp / "class.sqlite3")],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        rss_idle = _rss_kb(server.pid)
        tokens = [_post(port, "/api/join", {"code": CODE, "name": f"학생{i:03d}"})["token"] for i in range(learners)]
        listener = SseListener(port)
        listener.start()
        listener.ready.wait(10)
        rng = random.Random(14)
        per_learner = [[(tok, ev) for ev in _events_for(course_steps, rng)] for tok in tokens]
        plan = [pair for group in zip(*[iter_pad(p) for p in per_learner]) for pair in group if pair]
        sent: list = []
        seconds = _send_all(port, plan, sent, threads)
        full = _latencies(listener, sent)
        full["seconds"] = round(seconds, 1)
        full["events_per_s"] = round(len(sent) / seconds, 1)
        paced_plan = [(tokens[i % learners], {"type": "hint", "step": course_steps[i % len(course_steps)]})
                      for i in range(200 if learners >= 50 else 40)]
        paced: list = []
        _send_all(port, paced_plan, paced, threads=4, pace=20.0)
        busy = _latencies(listener, paced)
        return {"learners": learners, "steps": len(course_steps), "full_room": full, "paced_20_per_s": busy,
                "sse_update_kb_p50": round(statistics.median(listener.sizes) / 1024, 1),
                "server_rss_mb": {"idle": round(rss_idle / 1024, 1), "after": round(_rss_kb(server.pid) / 1024, 1),
                                  "peak": round(_rss_kb(server.pid, "VmHWM") / 1024, 1)},
                "sqlite_mb": round(sum(p.stat().st_size for p in tmp.glob("class.sqlite3*")) / 1e6, 2)}
    finally:
        server.kill()
        server.wait()


def iter_pad(events):
    """Each learner's events, padded so zip() walks all learners round-robin to the end."""
    return list(events) + [None] * (400 - len(events))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.classroom")
    parser.add_argument("--quick", action="store_true", help="10 learners × 6 steps (CI proves the bench runs)")
    parser.add_argument("--output")
    args = parser.parse_args(argv)
    figures = run(10, 6) if args.quick else run(100, 60)
    text = json.dumps({"classroom": figures, "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                       "cpus": os.cpu_count()}, ensure_ascii=False, indent=2)
    print(text)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
