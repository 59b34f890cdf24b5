"""Headless Chromium (Debian's package) driven by playwright, for the browser tests of the web page."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, ConsoleMessage, Page, Route, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# No sandbox (tests run as root), nothing fetched from the network, no first-run chores.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE_SCRIPT = Path(__file__).with_name("axe") / "axe.min.js"
# Served to the page from its own origin by the test, so the page's Content-Security-Policy stays on.
AXE_PATH = "/__tests__/axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "e2e" / "screenshots"
# What axe-core checks: WCAG 2.1 A and AA and its best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def watch_for_page_errors(page: Page) -> list[str]:
    """Uncaught exceptions and Content-Security-Policy refusals of the page, collected as they happen."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))

    def console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            problems.append(f"CSP: {message.text}")

    page.on("console", console)
    return problems


def screenshot(page: Page, test_name: str, step: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{test_name}-{step}")
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def serious_accessibility_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical findings on the page as it is now."""

    def serve_axe(route: Route) -> None:
        route.fulfill(body=AXE_SCRIPT.read_bytes(), content_type="text/javascript")

    page.route(f"**{AXE_PATH}", serve_axe)
    page.add_script_tag(url=AXE_PATH)
    found: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")),
            }));
        }""",
        AXE_TAGS,
    )
    return [violation for violation in found if violation["impact"] in ("serious", "critical")]
