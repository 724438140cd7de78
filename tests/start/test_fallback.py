"""A snapshot that does not fit or is damaged, a new deploy, no network, or ``?snapshot=off``: the
page starts normally (a console info at most), every card works, and a fitting snapshot is made."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from offline.deploys import CONTROLLED, redeploy
from pages import READY_TIMEOUT_MS, PageWatch
from start.snapshots import SNAPSHOT_MS, card_outputs, first_visit, reload, rewrite_snapshot
from web import catalogue

pytestmark = pytest.mark.e2e


def examples_compute(page):
    """Every card computes, from a typed input, what the course prints."""
    for op in catalogue.OPERATIONS:
        card = page.locator(f'section[data-op="{op["name"]}"]')
        for param in op["params"]:
            card.locator(f'[name="{param["name"]}"]').fill(f"np.array({param['example']})")
        expect(card.locator('output[name="result"]')).to_have_text(op["printed"])


@pytest.mark.parametrize(
    "change",
    [
        {"headers": {"x-nnbasics-layout": "/vendor/pyodide-0.27.6-0000000000/|elsewhere"}},
        {"headers": {"x-nnbasics-browser": "Mozilla/5.0 HeadlessChrome/155.0.0.0"}},
        {"flip": True},  # one byte changed: its sha256 is not the stored one
        {"garbage": True},  # intact bytes that are no snapshot
        {"build": True},  # a snapshot of another Pyodide build: its restore throws
    ],
    ids=["other-layout", "other-browser", "damaged", "not-a-snapshot", "other-build"],
)
def test_a_snapshot_that_does_not_fit_falls_back_to_a_normal_start_and_is_made_again(browser, site_url, change):
    context = browser.new_context()
    try:
        page, watch = first_visit(context, site_url)
        normal = card_outputs(page)
        rewrite_snapshot(page, **change)
        infos = []
        page.on("console", lambda message: message.type == "info" and infos.append(message.text))
        assert reload(page) == "normal"
        assert [text for text in infos if "Python starts normally" in text], infos
        assert card_outputs(page) == normal
        page.wait_for_selector("html[data-snapshot=stored]", timeout=SNAPSHOT_MS)  # made afresh
        assert reload(page) == "snapshot"
        assert card_outputs(page) == normal
        watch.assert_clean()
    finally:
        context.close()


def test_offline_after_one_visit_the_page_restores_or_with_snapshots_off_starts_normally(browser, site_url):
    context = browser.new_context()
    try:
        page, watch = first_visit(context, site_url)
        context.set_offline(True)
        assert reload(page) == "snapshot"
        examples_compute(page)
        page.goto(site_url + "/?snapshot=off")
        page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
        assert page.get_attribute("html", "data-start") == "normal"
        assert page.get_attribute("html", "data-snapshot") is None  # none made either
        examples_compute(page)
        watch.assert_clean()
    finally:
        context.close()


def test_offline_after_a_visit_that_made_no_snapshot_the_page_starts_normally_and_makes_one(browser, site_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        watch = PageWatch(page, site_url)
        page.goto(site_url + "/?snapshot=off")  # a first visit that makes none
        page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
        page.wait_for_function(CONTROLLED, timeout=READY_TIMEOUT_MS)
        context.set_offline(True)
        page.goto(site_url + "/")
        page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
        assert page.get_attribute("html", "data-start") == "normal"
        examples_compute(page)
        page.wait_for_selector("html[data-snapshot=stored]", timeout=SNAPSHOT_MS)  # from the cache alone
        assert reload(page) == "snapshot"
        watch.assert_clean()
    finally:
        context.close()


def test_a_new_deploy_does_not_restore_the_old_snapshot(browser, deploy):
    site, url = deploy
    context = browser.new_context()
    try:
        page, watch = first_visit(context, url)
        assert reload(page) == "snapshot"  # a page that started under the service worker, restored
        old_cache = page.evaluate("caches.keys()")[0]
        redeploy(site)
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        expect(page.locator("#update")).to_be_visible(timeout=READY_TIMEOUT_MS)
        with page.expect_navigation(timeout=READY_TIMEOUT_MS):
            page.locator("#update button").click()  # "Reload now": into the new version
        page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
        assert page.evaluate("caches.keys()") != [old_cache]
        assert "deploy 2" in page.evaluate("fetch('./app.css').then((r) => r.text())")
        assert page.get_attribute("html", "data-start") == "normal"
        page.wait_for_selector("html[data-snapshot=stored]", timeout=SNAPSHOT_MS)  # this version's own
        assert reload(page) == "snapshot"
        watch.assert_clean()
    finally:
        context.close()
