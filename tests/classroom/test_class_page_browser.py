"""The instructor page in a real headless Chromium (Debian's `chromium`, driven by Playwright):
a learner's step turns green live (SSE, no reload), the histogram and Hangul names show, and
the screenshot is saved into the test's tmp folder; with DOCKER_TUTOR_SCREENSHOT=docs/class-page.png
it refreshes the one the README uses (a test run never dirties the work tree by itself)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.classroom.class_helpers import CODE, TOKEN, event, free_port, start_server

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOT_ENV = "DOCKER_TUTOR_SCREENSHOT"


def _chromium() -> str:
    for candidate in ("/usr/lib/chromium/chromium", shutil.which("chromium") or ""):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    message = "Debian's chromium is needed (scripts/test installs it: apt-get install chromium)"
    if os.environ.get("CI") or os.environ.get("DOCKER_TUTOR_REQUIRE_DAEMON"):
        pytest.fail(message)
    pytest.skip(message)


def _post(port, path, payload, token=None):
    from tutor.classroom.client import post

    return post(f"http://127.0.0.1:{port}{path}", payload, token, timeout=5)


def test_instructor_page_turns_a_step_green_live(tmp_path):
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright package is needed (pip install -e '.[test]')")
    port = free_port()
    server = start_server(tmp_path / "instructor", port, tmp_path / "class.sqlite3")
    try:
        names = ["김하늘", "이바다", "박서준", "최유나", "정민호"]
        tokens = {n: _post(port, "/api/join", {"code": CODE, "name": n})["token"] for n in names}
        steps = ["4.2/create", "4.2/run", "4.2/run-detached", "4.2/run-restart", "4.2/run-port"]
        now = time.time()
        for i, name in enumerate(names):
            batch = [event(s, passed=True, at=now - 600 + k) for k, s in enumerate(steps[: i % 4])]
            _post(port, "/api/events", {"events": batch}, tokens[name])
        for name in names[1:4]:
            _post(port, "/api/events", {"events": [event("4.2/run-port", passed=False, codes=["port.reversed"])]},
                  tokens[name])
        _post(port, "/api/events", {"events": [event("4.2/run-port", passed=False, codes=["port.reversed"])
                                               for _ in range(2)]}, tokens["박서준"])
        _post(port, "/api/events", {"events": [event("4.2/run-port", passed=False, codes=["port.not_published"])]},
              tokens["김하늘"])

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="ko-KR")
            page.goto(f"http://127.0.0.1:{port}/?token={TOKEN}")
            cell = page.locator("tr[data-learner='김하늘'] td[data-step='4.2/run-port']")
            assert cell.get_attribute("data-state") == "trying"
            page.wait_for_function("document.getElementById('live').textContent === '실시간'", timeout=10_000)
            # The learner's check passes now: the page must turn that cell green by itself.
            _post(port, "/api/events", {"events": [event("4.2/run-port", passed=True)]}, tokens["김하늘"])
            page.wait_for_selector("tr[data-learner='김하늘'] td[data-step='4.2/run-port'][data-state='passed']",
                                   timeout=5_000)
            color = page.locator("tr[data-learner='김하늘'] td[data-step='4.2/run-port']").evaluate(
                "el => getComputedStyle(el).backgroundColor")
            assert color == "rgb(46, 158, 68)"
            text = page.inner_text("body")
            assert "막힌 학생" in text and "박서준" in text and "3명: -p 80:8080처럼" in text
            shot = Path(os.environ.get(SCREENSHOT_ENV) or tmp_path / "class-page.png")
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000  # a real picture of the page, not an empty frame
            browser.close()

    finally:
        server.kill()
        server.wait(timeout=10)
