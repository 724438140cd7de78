"""Correct HTTP from the server (build.py serve) and from the service worker: unknown paths are
404s, online and offline, while the app's page stays offline-capable whatever its query; an
error is never cached as the file would be; every page, script and stylesheet the service worker
serves from its cache carries the site's security headers (so a response planted in the cache runs
no inline script), while data that scripts fetch is served as the cache holds it; and every tab that
runs an older version than the one installed shows the banner."""

from __future__ import annotations

import base64
import hashlib
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from offline.deploys import controlled_page, redeploy
from pages import READY_TIMEOUT_MS, dist_dir
from sitebuild.config import ROOT
from sitebuild.serve import headers_for, netlify_headers

SITE_HEADERS = headers_for("/", netlify_headers())  # what every path gets (the CSP, ...)


def answer(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.mark.build
def test_the_server_answers_unknown_paths_with_404_never_cached_as_immutable(served):
    vendor = next((dist_dir() / "vendor").glob("pyodide-*")).name
    for path in ("/no/such/page", "/practice.py", "/vendor/nope.js", f"/vendor/{vendor}/nope.whl"):
        status, headers = answer(served + path)
        assert status == 404, path
        assert "immutable" not in headers["Cache-Control"] and "max-age=0" in headers["Cache-Control"], path
        assert headers["Content-Security-Policy"] == SITE_HEADERS["Content-Security-Policy"]
    for path in ("/", "/index.html", "/?softmax.x=%5B1%5D"):
        assert answer(served + path)[0] == 200, path
    status, headers = answer(f"{served}/vendor/{vendor}/pyodide.asm.wasm")
    assert status == 200 and "immutable" in headers["Cache-Control"]  # a file there is, though


def test_the_sites_csp_allows_the_practice_frames_inline_script_by_its_hash():
    script = (ROOT / "web" / "practice" / "frame.js").read_bytes()
    assert b"</script" not in script.lower() and b"\r" not in script  # inline, it stays these bytes
    digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
    assert f"'sha256-{digest}'" in SITE_HEADERS["Content-Security-Policy"].split("script-src")[1].split(";")[0], (
        f"web/practice/frame.js changed: put 'sha256-{digest}' in netlify.toml's script-src"
    )


@pytest.mark.e2e
def test_the_service_worker_answers_unknown_paths_with_404_online_and_offline(browser, site_url):
    context = browser.new_context()
    try:
        page = controlled_page(context, site_url)
        status = "(path) => fetch(path).then((response) => response.status)"
        for online in (True, False):
            context.set_offline(not online)
            assert page.evaluate(status, "/no/such/page") == 404
            assert page.evaluate(status, "/practice.py") == 404
            assert page.evaluate(status, "/app.css") == 200
            other = context.new_page()
            assert other.goto(site_url + "/no/such/page").status == 404
            for path in ("/", "/index.html", "/?sigmoid.x=%5B2%5D"):  # the app's page, offline too
                assert other.goto(site_url + path).status == 200
                other.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
            expect(other.locator('section[data-op="sigmoid"] output[name="result"]')).to_have_text("[0.88079708]")
            other.close()
    finally:
        context.close()


@pytest.mark.e2e
def test_every_page_script_and_stylesheet_from_the_cache_carries_the_sites_headers_so_a_planted_page_runs_no_script(
    browser, site_url
):
    context = browser.new_context()  # site_url: a plain static server, which sends none of them
    try:
        page = controlled_page(context, site_url)
        loaded = {}
        page.on("response", lambda r: loaded.setdefault(r.url.removeprefix(site_url), r))
        response = page.goto(site_url + "/")
        assert response.from_service_worker
        for name, value in SITE_HEADERS.items():
            assert response.headers[name.lower()] == value
        page.wait_for_load_state("load")
        for path in ("/app.css", "/cards/app.js", "/start/prepare.js"):  # a stylesheet, a module, a script
            assert loaded[path].from_service_worker, path
            assert loaded[path].all_headers()["content-security-policy"] == SITE_HEADERS["Content-Security-Policy"]
        # data a script fetches (Pyodide's files, the page's Python) comes as the cache holds it, unrebuilt
        assert page.evaluate("""async () => {
            const served = await fetch('./cards/bindings.py'), kept = await caches.match('./cards/bindings.py');
            return served.headers.get('content-security-policy') === kept.headers.get('content-security-policy')
              && await served.text() === await kept.text(); }""")
        # What a script of the site's origin could once plant, as the attack did:
        page.evaluate("""caches.keys().then(async (names) => { for (const name of names) {
            await (await caches.open(name)).put(location.origin + '/', new Response(
              '<!doctype html><title>planted</title><script>localStorage.setItem("planted", "1")</script>',
              { headers: { 'Content-Type': 'text/html' } })); } })""")
        planted = context.new_page()
        planted.goto(site_url + "/index.html")
        expect(planted).to_have_title("planted")
        assert planted.evaluate("localStorage.getItem('planted')") is None  # its inline script was refused
    finally:
        context.close()


@pytest.mark.e2e
def test_every_tab_that_runs_an_older_version_shows_the_update_banner(browser, deploy):
    site, url = deploy
    context = browser.new_context()
    try:
        first, second = controlled_page(context, url), controlled_page(context, url)
        redeploy(site)
        first.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        for tab in (first, second):
            expect(tab.locator("#update")).to_be_visible(timeout=READY_TIMEOUT_MS)
    finally:
        context.close()


@pytest.mark.e2e
def test_a_tab_whose_reload_finds_a_new_deploy_says_so_or_runs_it(browser, deploy):
    site, url = deploy
    context = browser.new_context()
    try:
        page = controlled_page(context, url)
        redeploy(site)
        page.reload()  # served by the old version; the browser finds the new one meanwhile
        page.wait_for_function(
            """async () => !document.getElementById('update').hidden
            || (await (await fetch('./app.css')).text()).includes('deploy 2')""",
            timeout=READY_TIMEOUT_MS,
        )
    finally:
        context.close()
