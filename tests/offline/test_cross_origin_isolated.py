"""Served as Netlify serves it (netlify.toml's headers, which ``build.py serve`` and the service
worker send too), the page is cross-origin isolated (COOP same-origin, COEP require-corp): Pyodide's
shared memory is then no deprecated use, and everything works as before — the cards compute, a
practice check in the sandboxed frame passes, and the warm visit restores from its snapshot,
isolated too."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from practice.practice_page import SOLUTIONS, check, grade
from sitebuild.serve import headers_for, netlify_headers
from start.snapshots import first_visit, reload

ISOLATING = {"Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp"}


def test_every_path_is_served_with_the_headers_that_isolate_it():
    rules = netlify_headers()
    for path in ("/", "/index.html", "/cards/app.js", "/sw.js", "/vendor/pyodide-x/pyodide.asm.wasm", "/nope"):
        headers = headers_for(path, rules)
        assert {name: headers.get(name) for name in ISOLATING} == ISOLATING, path


@pytest.mark.e2e
@pytest.mark.build
def test_the_page_is_cross_origin_isolated_computes_grades_and_restores_as_before(browser, served):
    context = browser.new_context()
    try:
        page, watch = first_visit(context, served, "/#softmax-practice")
        assert page.evaluate("crossOriginIsolated")
        check(page, "softmax", SOLUTIONS["softmax"])
        passed, total = grade(page, "softmax")
        assert passed == total > 0
        assert reload(page) == "snapshot"
        assert page.evaluate("crossOriginIsolated")
        field = page.locator('section[data-op="sigmoid"] textarea[name="x"]')
        field.fill("[0, 1000, -1000]")
        field.press("Enter")
        expect(page.locator('section[data-op="sigmoid"] output[name="result"]')).to_have_text("[0.5 1.  0. ]")
        watch.assert_clean()
    finally:
        context.close()
