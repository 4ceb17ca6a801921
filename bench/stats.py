"""Small timing helpers: wall-clock samples in milliseconds, median and p95."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def sample(fn: Callable[[], object], runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000.0)
    return out


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))] if ordered else 0.0
    return {"median_ms": round(statistics.median(ordered), 3) if ordered else 0.0,
            "p95_ms": round(p95, 3), "runs": len(ordered)}
