"""Headless Chromium for the explorer page's tests and benchmark: Debian's ``chromium`` package driven by
Playwright, which never downloads a browser of its own here (``executable_path``).

Chromium starts with no network of its own (no QUIC, no background, component-update or sync traffic, no
first-run) and a fresh profile, and the pages are opened offline: any request other than the page's own
file is recorded, and the tests assert there is none.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

CHROMIUM = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 1000}


def missing() -> str | None:
    """Why the browser cannot run here (None when it can)."""
    if not os.path.exists(CHROMIUM):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run installs it)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


@contextmanager
def browser_context() -> Iterator:
    """An offline Playwright browser context on a fresh profile, closed (and its profile removed) after."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=FLAGS, headless=True, offline=True, viewport=VIEWPORT)
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
