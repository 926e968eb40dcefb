"""The built documentation site in a real browser: offline, searchable in Japanese, diagrams drawn.

The site is built with ``mkdocs build --strict`` into a temporary folder and
served on a loopback port. Every request to another host is blocked and
recorded: the site must work without any (no CDN, no web fonts).
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from seikatsu_std.workflows.lifecycle import WORKFLOWS
from tests.support import CHROMIUM, CHROMIUM_ARGS, ROOT, SCREENSHOTS

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium "
    "(apt-get install -y chromium fonts-noto-cjk; .ci/run does it)",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site, built strictly and served on 127.0.0.1."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_search_finds_the_winter_rule_and_diagrams_draw_offline(site: str) -> None:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ja-JP")

            def block_outside(route) -> None:  # type: ignore[no-untyped-def]
                if urlparse(route.request.url).hostname == "127.0.0.1":
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", block_outside)
            page.goto(site + "/")
            search = page.locator("input.md-search__input")
            search.click()
            search.fill("冬季加算")
            results = page.locator(".md-search-result__item")
            results.first.wait_for(timeout=15_000)
            assert results.count() >= 1
            link = page.locator(".md-search-result__link[href*='rules/']").first
            link.wait_for(timeout=15_000)
            page.screenshot(path=str(SCREENSHOTS / "docs-search.png"), full_page=False)
            link.click()
            page.wait_for_url("**/rules/**")
            assert "冬季加算" in page.locator("article").inner_text()

            page.goto(site + "/workflows/")
            # Material draws each diagram into a closed shadow root of div.mermaid: an
            # undrawn diagram is an empty box, a drawn one has the diagram's height.
            diagrams = page.locator("div.mermaid")
            assert diagrams.count() == len(WORKFLOWS)
            page.wait_for_function(
                "() => [...document.querySelectorAll('div.mermaid')]"
                ".every(d => d.getBoundingClientRect().height > 100)",
                timeout=20_000,
            )
            page.screenshot(path=str(SCREENSHOTS / "docs-workflows.png"), full_page=True)
        finally:
            browser.close()
    assert outside == [], f"the site asked other hosts: {outside}"
    assert (SCREENSHOTS / "docs-workflows.png").stat().st_size > 10_000
