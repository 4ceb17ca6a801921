"""`python -m bench [--quick] [--output FILE]`: docker-tutor's figures on the real daemon, as JSON.

It holds the self-test lock (the lessons use fixed names such as `webserver` and port 8080),
builds the practice images if needed, and removes everything it made (label
`org.docker-tutor.bench`). `--quick` uses tiny counts (CI runs it to prove the bench works).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="docker-tutor benchmarks (real daemon)")
    parser.add_argument("--quick", action="store_true", help="tiny counts, to prove the bench still runs")
    parser.add_argument("--output", help="also write the JSON figures here")
    parser.add_argument("--sections", default="check,watch,live,screen,startup,grade,lesson")
    parser.add_argument("--fleet", help="unrelated container counts, e.g. 0,1000 (default 0,200,1000)")
    parser.add_argument("--runs", type=int, help="samples per figure (default 100, --quick 5)")
    args = parser.parse_args(argv)

    from bench import sections, world
    from tutor.daemon.connect import connect
    from tutor.daemon.view import DaemonView
    from tutor.lessonfile.catalog import load_course
    from tutor.lessonfile.placeholders import current
    from tutor.selftest.workspace import Lock

    quick = args.quick
    runs = args.runs or (5 if quick else 100)
    fleet = tuple(int(n) for n in args.fleet.split(",")) if args.fleet else ((0, 20) if quick else (0, 200, 1000))
    wanted = set(args.sections.split(","))
    conn = connect()
    api, view = conn.api, DaemonView(conn.api)
    course = load_course()
    mapping = dict(current())
    figures: dict = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "quick": quick,
                     "python": platform.python_version(), "server": view.server().version,
                     "api": view.server().api_version, "cpus": __import__("os").cpu_count()}
    with Lock():
        try:
            if "check" in wanted:
                figures["check_latency"] = sections.check_latency(course, view, api, mapping, fleet, runs)
            if "watch" in wanted:
                figures["watch_latency"] = sections.watch_latency(course, view, api, mapping, 4 if quick else 20)
            if "live" in wanted:
                from bench import live

                figures["live_model"] = {
                    "checks": live.model_checks(course, view, api, mapping, fleet, runs),
                    "watch": [live.model_watch(course, view, api, mapping, 4 if quick else 20, fleet=n)
                              for n in (fleet[0], fleet[-1])],
                    "memory": live.model_memory(view, api, fleet[-1]),
                }
            if "screen" in wanted:
                from bench.live_screen import screen_latency

                figures["live_screen_latency"] = screen_latency(course, api, 4 if quick else 20)
            if "startup" in wanted:
                figures["startup"] = sections.startup(3 if quick else 20)
            if "grade" in wanted:
                figures["grade_lesson_4_2"] = sections.grade_lesson(course, view, api, mapping, 2 if quick else 10,
                                                                    fleets=(fleet[0], fleet[-1]))
            if "lesson" in wanted:
                figures["check_lesson_4_2_process"] = sections.lesson_check_process(
                    api, 20 if quick else 200, 3 if quick else 15)
        finally:
            figures["removed_resources"] = world.remove_all(api)
            _reset_lessons(api)
    text = json.dumps(figures, ensure_ascii=False, indent=2)
    print(text)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    return 0


def _reset_lessons(api) -> None:
    """Remove what the lessons' preparations made during the bench (tutor-labelled only)."""
    for c in api.containers(all=True, filters={"label": "org.docker-tutor.managed=true"}):
        try:
            api.remove_container(c["Id"], force=True)
        except Exception:  # noqa: BLE001
            pass
    for n in api.networks(filters={"label": "org.docker-tutor.managed=true"}):
        try:
            api.remove_network(n["Id"])
        except Exception:  # noqa: BLE001
            pass


if __name__ == "__main__":
    sys.exit(main())
