"""Shared by the real-browser tests: Debian chromium driven by Playwright, and the folder screenshots go to."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ANSWERS_DONE = """n => document.querySelectorAll('#staff-chat a[href="#copy"]').length >= n"""


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def screenshot_folder(factory: pytest.TempPathFactory, name: str) -> Path:
    """`UI_SCREENSHOTS` when set (the README's screenshots come from there), else a temporary folder."""
    folder = Path(os.environ.get("UI_SCREENSHOTS") or factory.mktemp(name))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
