"""The class bench still runs (tiny counts); its real figures are in docs/performance.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_class_bench_quick_runs_and_every_event_reaches_the_page(tmp_path):
    out = tmp_path / "classroom.json"
    proc = subprocess.run([sys.executable, "-m", "bench.classroom", "--quick", "--output", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))["classroom"]
    full = figures["full_room"]
    assert full["events"] > 100 and full["measured"] == full["events"]  # every event seen on the page
    assert figures["paced_20_per_s"]["measured"] == figures["paced_20_per_s"]["events"]
    assert figures["server_rss_mb"]["peak"] > 0
