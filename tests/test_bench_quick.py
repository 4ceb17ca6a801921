"""CI runs the benchmark once with tiny counts, only to prove it still works (no timing asserts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.daemon
@pytest.mark.slow
def test_bench_quick_runs_and_reports_every_figure(docker_api, tmp_path):
    def tags():
        return sorted(t for img in docker_api.images() for t in (img.get("RepoTags") or []))

    before = tags()
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, "-m", "bench", "--quick", "--output", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    by_size = figures["check_latency"]["by_fleet_size"]
    for sid in ("4.2/run-port", "4.2/stop", "4.3/connect", "4.1/tag"):
        row = by_size["0"][sid]
        assert row["passed"] is True, sid  # the bench measured checks of really solved steps
        assert row["requests_per_check"] >= 1 and row["median_ms"] > 0
    assert all(v["shell_processes"] >= 1 for v in by_size["shell_vs_tutor_at_0"].values())
    assert figures["watch_latency"]["command_return_to_verdict"]["runs"] >= 1
    assert figures["live_screen_latency"]["command_return_to_green_screen"]["runs"] >= 1
    assert figures["startup"]["docker-tutor --version"]["median_ms"] > 0
    assert figures["grade_lesson_4_2"]["task_steps"] >= 1
    lesson = figures["check_lesson_4_2_process"]
    assert lesson["alone"]["median_ms"] > 0 and lesson["crowded"]["median_ms"] > 0 and lesson["ratio"] > 0
    assert lesson["container_lists_per_run"] == 1  # one round, one listing
    assert tags() == before  # the bench leaves no image tag behind (4.1/tag's solution makes one)
