"""A second visit restores Python from the memory snapshot the first one left, and then computes
exactly what a normal start computes, Python off the page's main thread either way; Python for
practice starts from its own snapshot and grades the same; the snapshot lives in the service
worker's cache of this version only."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from practice.practice_page import SOLUTIONS, check, grade, statuses
from start.snapshots import card_outputs, first_visit, probe, reload

pytestmark = pytest.mark.e2e


def test_a_second_visit_restores_from_the_snapshot_and_every_card_computes_what_a_normal_start_does(browser, site_url):
    context = browser.new_context()
    try:
        page, watch = first_visit(context, site_url)
        normal = card_outputs(page)
        assert reload(page) == "snapshot"
        assert page.locator("html").get_attribute("data-snapshot") is None  # nothing to make
        assert card_outputs(page) == normal
        watch.assert_clean()
    finally:
        context.close()


def test_after_a_restore_the_random_state_is_fresh_and_numpy_is_loaded_and_complete(browser, probe_site):
    context = browser.new_context()
    try:
        page, watch = first_visit(context, probe_site)
        states = []
        for _ in range(2):
            assert reload(page) == "snapshot"
            states.append(probe(page, "[__import__('random').random(), __import__('numpy').random.random()]"))
            assert probe(page, "__import__('pyodide_js').loadedPackages.numpy") == "default channel"
            assert probe(page, "__import__('numpy.linalg').linalg.det([[1.0, 2.0], [3.0, 4.0]])") == -2.0000000000000004
        assert states[0][0] != states[1][0] and states[0][1] != states[1][1]
        watch.assert_clean()
    finally:
        context.close()


# What runs where: the page's Python sees no page (it is in a worker), and the page has no Pyodide.
IN_A_WORKER = "[hasattr(__import__('js'), 'document'), type(__import__('js').self).__name__]"
PAGE_HAS_PYODIDE = "[typeof loadPyodide, typeof _createPyodideModule, typeof pyodide]"


def test_the_page_s_python_runs_in_its_worker_after_a_normal_start_and_after_a_restore(browser, probe_site):
    context = browser.new_context()
    try:
        page, watch = first_visit(context, probe_site)
        for start in ("normal", "snapshot"):
            if start == "snapshot":
                assert reload(page) == "snapshot"
            assert probe(page, IN_A_WORKER) == [False, "JsProxy"], start
            assert page.evaluate(PAGE_HAS_PYODIDE) == ["undefined"] * 3, start
        watch.assert_clean()
    finally:
        context.close()


def test_practice_starts_from_its_snapshot_and_grades_as_a_normal_start_does(browser, site_url):
    context = browser.new_context()
    try:
        page, watch = first_visit(context, site_url)
        wrong = SOLUTIONS["softmax"].replace("axis=1", "axis=0")
        check(page, "softmax", wrong)
        normal = (grade(page, "softmax"), statuses(page, "softmax"))
        assert reload(page) == "snapshot"
        expect(page.locator("section[data-op=softmax] [data-practice]")).to_have_attribute(
            "data-worker", "ready", timeout=60_000
        )  # started beside the page, before any check
        check(page, "softmax", wrong)
        assert (grade(page, "softmax"), statuses(page, "softmax")) == normal
        check(page, "softmax", SOLUTIONS["softmax"])
        assert page.locator("section[data-op=softmax] output[name=grade]").get_attribute("data-status") == "pass"
        watch.assert_clean()
    finally:
        context.close()


def test_the_snapshots_are_kept_only_in_this_versions_cache_with_what_they_were_made_with(browser, site_url):
    context = browser.new_context()
    try:
        page, watch = first_visit(context, site_url)
        kept = page.evaluate("""async () => {
            const [name] = await caches.keys();
            const cache = await caches.open(name);
            const found = {};
            for (const path of ["./start/snapshot", "./start/practice-snapshot"]) {
                const response = await cache.match(path);
                found[path] = Object.fromEntries([...response.headers].filter(([h]) => h.startsWith("x-nnbasics-")));
                found[path].size = (await response.arrayBuffer()).byteLength;
            }
            found.browser = await nn.start.browserVersion();
            return found;
        }""")
        for path in ("./start/snapshot", "./start/practice-snapshot"):
            meta = kept[path]
            assert meta["x-nnbasics-browser"] == kept["browser"] and "HeadlessChrome/" in kept["browser"]
            assert meta["x-nnbasics-layout"].startswith("/vendor/pyodide-0.27.7-")
            assert len(meta["x-nnbasics-sha256"]) == 64 and meta["size"] > 10_000_000
        assert json.dumps(kept).count("_multiarray_umath") == 2
        watch.assert_clean()
    finally:
        context.close()
