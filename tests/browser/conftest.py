"""Playwright drives Debian's Chromium (Playwright's own browser download does not work here)
against pytest-django's live server."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls that tests make around
# it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}: run `bash .ci/system-packages` as root.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # A visitor in another time zone: the pages must still show venue time, labelled.
    context = browser.new_context(
        locale="en-GB", timezone_id="Europe/Berlin", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Full-page screenshots into test-artifacts/ for a person to look at, when SCREENSHOTS=1:
    they are a fifth of the browser tests' time and no test reads them."""
    wanted = os.environ.get("SCREENSHOTS", "") == "1"
    if wanted:
        ARTIFACTS.mkdir(exist_ok=True)

    def take(name):
        if wanted:
            page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)

    return take
