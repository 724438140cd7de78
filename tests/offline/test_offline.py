"""After one visit the site works with the network off (every card, and the timing run); a new deploy
replaces it as one version."""

from __future__ import annotations

import json
import struct

import pytest
from playwright.sync_api import expect

from offline.deploys import controlled_page, redeploy
from pages import READY_TIMEOUT_MS
from web import catalogue

pytestmark = pytest.mark.e2e


def test_after_one_visit_the_site_loads_and_every_card_computes_offline(browser, site_url):
    context = browser.new_context()
    try:
        page = controlled_page(context, site_url)
        context.set_offline(True)
        page.reload()
        page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
        for op in catalogue.OPERATIONS:  # every card computes again, offline, what the course prints
            card = page.locator(f'section[data-op="{op["name"]}"]')
            for param in op["params"]:
                card.locator(f'[name="{param["name"]}"]').fill(f"np.array({param['example']})")
            expect(card.locator('output[name="result"]')).to_have_text(op["printed"])
        timing = page.locator('section[data-op="vectorization"] .timing')  # the timing run too
        timing.locator('textarea[name="sizes"]').fill("10")
        timing.locator('button[name="time"]').click()
        expect(timing).to_have_attribute("data-timing", "done", timeout=60_000)
        expect(timing.locator(".timing-plot .plot-text")).to_contain_text("×")
        page.watch.assert_clean()
    finally:
        context.close()


def test_a_new_deploy_is_announced_and_used_as_one_version_on_the_next_load(browser, deploy):
    site, url = deploy
    context = browser.new_context()
    try:
        page = controlled_page(context, url)
        old_caches = page.evaluate("caches.keys()")
        page.locator('section[data-op="sigmoid"] [name="x"]').fill("[7, 8]")

        redeploy(site)

        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        expect(page.locator("#update")).to_be_visible(timeout=READY_TIMEOUT_MS)
        # Until then the page keeps running the version it started with.
        assert "deploy 2" not in page.evaluate("fetch('./app.css').then((r) => r.text())")

        page.reload()  # the next load switches to the new version, then reloads into it
        page.wait_for_function(
            "caches.keys().then((keys) => keys.length === 1 && !keys.includes(%s))" % json.dumps(old_caches[0]),
            timeout=READY_TIMEOUT_MS,
        )
        page.wait_for_function(
            "fetch('./app.css').then((r) => r.text()).then((t) => t.includes('deploy 2'))", timeout=READY_TIMEOUT_MS
        )
        page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
        assert page.locator('section[data-op="sigmoid"] [name="x"]').input_value() == "[7, 8]"
        expect(page.locator('section[data-op="sigmoid"] output[name="result"]')).to_have_text("[0.99908895 0.99966465]")
    finally:
        context.close()


def test_the_site_can_be_installed_as_an_app(app, site_url):
    manifest = app.evaluate("""fetch(document.querySelector('link[rel=manifest]').href)
        .then((r) => r.json())""")
    assert manifest["display"] == "standalone" and manifest["start_url"]
    sizes = set()
    for icon in manifest["icons"]:
        if icon["type"] == "image/png":
            data = bytes(
                app.evaluate(
                    "(src) => fetch(src).then((r) => r.arrayBuffer()).then((b) => [...new Uint8Array(b)])", icon["src"]
                )
            )
            width, height = struct.unpack(">II", data[16:24])
            assert icon["sizes"] == f"{width}x{height}"
            sizes.add(width)
    assert {192, 512} <= sizes
