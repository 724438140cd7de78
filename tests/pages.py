"""What the end-to-end tests share, imported by name (the fixtures themselves live in conftest.py):
where the built site is (fresh against its sources), a static server for it, the browser's flags,
a watch that fails a page on console errors and failed or off-host requests, and opening the app."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
READY_TIMEOUT_MS = 60_000
BACKGROUND_WORKERS = ("snapshot-worker", "python-worker")  # web/start/: they end with their page
BACKGROUND_WORKER_SCRIPTS = re.compile(
    r"/(start/((snapshot|python)-worker|hook|zip|site-files|whose-fetches)\.js|practice/setup\.js|shared\.js|vendor/pyodide-[^/]+/pyodide(\.asm)?\.js)$"
)
PAGE_ICONS = re.compile(r"/offline/icons/[^/]+$")  # fetched by the browser itself once the page has loaded


@functools.cache
def dist_dir() -> Path:
    """The built site the tests drive (NNBASICS_DIST, else dist/), built again first unless it was
    built from the checkout as it is now (its stamp, beside it, says which sources it holds)."""
    if os.environ.get("NNBASICS_QUICK"):  # build.py test --quick: a test here is in the wrong tier
        pytest.fail("this test needs the built site: it is no quick test (see pytest_collection_modifyitems)")
    from sitebuild.assemble import build, is_fresh
    from sitebuild.config import Config

    config = Config(out=Path(os.environ.get("NNBASICS_DIST", ROOT / "dist")))
    if not is_fresh(config):
        build(config)
    return config.out


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Python's plain static server, told only what a .wasm file is."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
    }

    def log_message(self, *args):
        pass


def serve_directory(directory: Path):
    """Start a threaded static server on a free localhost port; returns (url, server)."""
    handler = functools.partial(StaticHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def chromium_executable() -> str | None:
    """The Chromium build.py found (Debian's by default); None: Playwright's own."""
    chromium = os.environ.get("NNBASICS_CHROMIUM", "/usr/bin/chromium")
    return chromium if chromium and Path(chromium).exists() else None


class PageWatch:
    """What a page did that it must not: console errors, failed or off-host requests."""

    def __init__(self, page, site_url: str):
        self.host = urlparse(site_url).netloc
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.off_host: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("requestfailed", self._failed)
        page.context.route("**/*", self._route)

    def _failed(self, request):
        # The workers (web/start/snapshot-worker.js, python-worker.js) end with their page:
        # a request of theirs cut off by the page closing or navigating away is that, not a failure of
        # the site. Their fetches say so in a header; their scripts (which can carry none) are known by URL.
        # So does the page's icon, which the browser fetches on its own after the page has loaded.
        ended = request.failure == "net::ERR_ABORTED" and (
            request.headers.get("x-nnbasics-by") in BACKGROUND_WORKERS
            or BACKGROUND_WORKER_SCRIPTS.search(request.url)
            or PAGE_ICONS.search(request.url)
        )
        if request.url not in self.off_host and not ended:
            self.failed.append(f"{request.url} {request.failure}")

    def _route(self, route):
        url = urlparse(route.request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != self.host:
            self.off_host.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def assert_clean(self):
        assert self.off_host == [], f"requests to other hosts: {self.off_host}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.failed == [], f"failed requests: {self.failed}"


def scrolling_boxes(page) -> list[dict]:
    """Every shown box in the cards whose content does not fit it (it scrolls), and what a keyboard
    user has for it: its tabindex, and whether it has a name (the editor and textareas aside)."""
    return page.evaluate("""() => [...document.querySelectorAll("section[data-op] *")]
        .filter((e) => e.getClientRects().length && !e.closest(".cm-editor, .visually-hidden")
            && e.tagName !== "TEXTAREA")
        .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
        .filter((e) => getComputedStyle(e).overflowX !== "visible" || getComputedStyle(e).overflowY !== "visible")
        .map((e) => ({
            box: `${e.closest("[data-op]").dataset.op} ${e.tagName.toLowerCase()}.${e.className}`,
            tabindex: e.getAttribute("tabindex"),
            named: Boolean(e.getAttribute("aria-label") || e.getAttribute("aria-labelledby")),
        }))""")


def open_app(browser, site_url: str, path: str = "/", **context_args):
    """A new context and page on the app, ready; returns (page, watch)."""
    context = browser.new_context(**context_args)
    page = context.new_page()
    watcher = PageWatch(page, site_url)
    page.goto(site_url + path)
    page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
    return page, watcher


def module_page_fixture(doc: str):
    """A module-scoped fixture: one ready page of its own, checked clean at the end."""

    @pytest.fixture(scope="module")
    def fixture(browser, site_url):
        page, watcher = open_app(browser, site_url, viewport={"width": 1280, "height": 900})
        yield page
        page.context.close()
        watcher.assert_clean()

    fixture.__doc__ = doc
    return fixture


@contextlib.contextmanager
def python_held_back(browser, site_url: str, path: str = "/"):
    """A desktop page opened at ``path`` with NumPy's wheel held back, so that Python cannot be
    ready: yields (page, release), where ``release()`` lets the wheel through and waits until
    Python is ready. The page must be clean when the block ends."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watcher = PageWatch(page, site_url)
    held = []
    page.route("**/*.whl", lambda route: held.append(route))

    def release():
        for route in held:
            route.continue_()
        page.unroute("**/*.whl")
        page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)

    try:
        page.goto(site_url + path)
        yield page, release
        watcher.assert_clean()
    finally:
        context.close()
