"""The service worker's cache holds the build's files, each once, and this browser's start-up
snapshots, nothing more: a file asked for with a query string (a navigation that any other site can
make, a fetch) is answered from its one cached copy, and never kept as another entry -- so no page
can fill the visitor's disk with copies of Pyodide."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlparse

import pytest

from offline.deploys import controlled_page
from pages import READY_TIMEOUT_MS, dist_dir
from start.snapshots import first_visit

pytestmark = pytest.mark.e2e

SNAPSHOTS = ("start/snapshot", "start/practice-snapshot", "start/numpy-files")  # PUT by the app itself
ATTACKS = 6  # requests of each kind, each with a query string of its own

CACHE_ENTRIES = """async () => {
    const entries = [];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
            const response = await cache.match(request);
            entries.push([name, request.url, (await response.arrayBuffer()).byteLength]);
        }
    }
    return entries;
}"""

FETCHED = """(urls) => Promise.all(urls.map(async (url) => {
    const response = await fetch(url);
    const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
    return [response.status, [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")];
}))"""


def cache_entries(page) -> list[tuple[str, str, int]]:
    """(cache, URL, bytes) for every entry of every cache the page's origin has."""
    return [tuple(entry) for entry in page.evaluate(CACHE_ENTRIES)]


def fetched(page, urls: list[str]) -> list[tuple[int, str]]:
    """(status, sha256) of what ``fetch(url)`` from the page answers, for each of ``urls``."""
    return [tuple(answer) for answer in page.evaluate(FETCHED, urls)]


def the_builds_files(url: str) -> set[str]:
    """The URL of every file the build ships (the app's page as "./", as the service worker keeps it),
    but the service worker itself."""
    dist = dist_dir()
    return {f"{url}/"} | {
        f"{url}/{path.relative_to(dist).as_posix()}"
        for path in dist.rglob("*")
        if path.is_file() and path not in (dist / "index.html", dist / "sw.js")
    }


def pyodide_asm_js(entries) -> str:
    """The vendored Pyodide's pyodide.asm.js, as the cache's keys name it."""
    return next(url for _, url, _ in entries if re.search(r"/vendor/pyodide-[^/]+/pyodide\.asm\.js$", url))


@pytest.fixture(scope="module")
def attacked(browser, site_url):
    """A first visit (the site installed, its snapshots stored), then what a page elsewhere, or a
    script of the site's own, can do: navigations to pyodide.asm.js with a query string of their own
    (each in a new page), and fetches of the app's page and of the .wasm with one. Yields the cache
    before and after, and what each such request was answered with next to its file without query."""
    context = browser.new_context()
    try:
        page, watch = first_visit(context, site_url)
        before = cache_entries(page)
        asm_js = pyodide_asm_js(before)
        wasm = asm_js.removesuffix(".js") + ".wasm"
        answers = []
        (asm_js_digest,) = fetched(page, [asm_js])
        for n in range(1, ATTACKS + 1):
            other = context.new_page()
            response = other.goto(f"{asm_js}?x={n}")
            answers.append(
                (f"{asm_js}?x={n}", (response.status, hashlib.sha256(response.body()).hexdigest()), asm_js_digest)
            )
            other.close()
        for file in (f"{site_url}/", wasm):
            (plain,) = fetched(page, [file])
            queried = [f"{file}?q={n}" for n in range(1, ATTACKS + 1)]
            answers += [(url, answer, plain) for url, answer in zip(queried, fetched(page, queried))]
        after = cache_entries(page)
        watch.assert_clean()
        yield before, after, answers
    finally:
        context.close()


def test_requests_with_a_query_string_add_no_entry_and_no_byte_to_the_cache(attacked, site_url):
    before, after, _ = attacked
    assert {f"{site_url}/{key}" for key in SNAPSHOTS} <= {url for _, url, _ in before}  # as a visit leaves it
    kept = {(cache, url): size for cache, url, size in before}
    new = {url: size for cache, url, size in after if kept.get((cache, url)) != size}
    assert len(after) == len(before), f"entries: {len(before)} -> {len(after)}, new or changed: {new}"
    assert sum(size for *_, size in after) == sum(size for *_, size in before), f"new or changed: {new}"


def test_the_cache_holds_only_the_builds_files_and_the_snapshots_and_no_url_with_a_query(attacked, site_url):
    _, after, _ = attacked
    allowed = the_builds_files(site_url) | {f"{site_url}/{key}" for key in SNAPSHOTS}
    assert len({cache for cache, *_ in after}) == 1  # one version
    assert [url for _, url, _ in after if urlparse(url).query] == []
    assert [url for _, url, _ in after if url not in allowed] == []
    urls = [url for _, url, _ in after]
    assert len(urls) == len(set(urls))  # each once


def test_a_file_asked_for_with_a_query_string_is_answered_with_the_files_bytes(attacked):
    _, _, answers = attacked
    assert len(answers) == 3 * ATTACKS
    for url, answer, plain in answers:
        assert answer == plain and answer[0] == 200, url


def test_a_file_asked_for_with_a_query_string_is_answered_from_the_cache_offline(browser, site_url):
    context = browser.new_context()
    try:
        page = controlled_page(context, site_url)
        asm_js = pyodide_asm_js(cache_entries(page))
        wasm = asm_js.removesuffix(".js") + ".wasm"
        plain = fetched(page, [f"{site_url}/", f"{site_url}/app.css", wasm])
        context.set_offline(True)
        assert fetched(page, [f"{site_url}/?f=offline", f"{site_url}/app.css?q=offline", f"{wasm}?q=offline"]) == plain
        other = context.new_page()
        response = other.goto(f"{asm_js}?x=offline")
        assert response.status == 200 and response.body() == (dist_dir() / urlparse(asm_js).path[1:]).read_bytes()
        other.goto(f"{site_url}/?sigmoid.x=%5B2%5D")  # the app's page, whatever its query, as before
        other.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
        page.watch.assert_clean()
    finally:
        context.close()
