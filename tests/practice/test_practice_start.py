"""How Python for practice starts on a visit that restores from the memory snapshot: from the
practice snapshot, with the page when a card opens on its Practice tab, and normally -- grading as
right -- when what it would restore from is damaged or no snapshot."""

from __future__ import annotations

import pytest

from practice.practice_page import FIRST_CHECK_MS, SOLUTIONS, check, statuses
from start.snapshots import first_visit, reload, rewrite_snapshot

pytestmark = pytest.mark.e2e

WRONG_SOFTMAX = SOLUTIONS["softmax"].replace("return", "return 0.5 *", 1)

# When the panels say Python for practice is starting, and when the page is ready (ms since navigation).
STARTED_JS = """window.nnStarted = null;
new MutationObserver((_, observer) => {
  if (!document.querySelector("[data-practice][data-worker]")) return;
  window.nnStarted = performance.now();
  observer.disconnect();
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-worker"] });"""
TIMES_JS = "[window.nnStarted, performance.getEntriesByName('nn:ready')[0].startTime]"


def test_a_card_open_on_its_practice_tab_starts_python_for_practice_with_the_page(browser, site_url):
    context = browser.new_context()
    try:
        page, watch = first_visit(context, site_url)
        page.add_init_script(STARTED_JS)
        page.goto(site_url + "/#softmax-explore")  # the same document: reloaded below
        assert reload(page) == "snapshot"
        page.wait_for_function("window.nnStarted !== null")
        started, ready = page.evaluate(TIMES_JS)
        assert started >= ready  # an Explore tab: at ready, not beside the page's own start
        page.goto(site_url + "/#softmax-practice")
        assert reload(page) == "snapshot"
        started, ready = page.evaluate(TIMES_JS)
        assert started is not None and started < ready
        check(page, "softmax", SOLUTIONS["softmax"])
        assert set(statuses(page, "softmax").values()) == {"pass"}
        watch.assert_clean()
    finally:
        context.close()


@pytest.mark.parametrize(
    "path, change",
    [
        ("./start/practice-snapshot", {"flip": True}),  # its sha256 is not the stored one
        ("./start/practice-snapshot", {"garbage": True}),  # intact bytes, but no snapshot
        ("./start/practice-snapshot", {"build": True}),  # another Pyodide build's: its restore throws
        ("./start/numpy-files", {"flip": True}),  # the page starts normally too
    ],
    ids=["damaged", "not-a-snapshot", "other-build", "numpy-files-damaged"],
)
def test_python_for_practice_starts_normally_when_its_snapshot_does_not_serve_and_grades_right(
    browser, site_url, path, change
):
    context = browser.new_context()
    try:
        page, _ = first_visit(context, site_url)
        rewrite_snapshot(page, path=path, **change)
        reload(page)
        check(page, "softmax", SOLUTIONS["softmax"], timeout=FIRST_CHECK_MS)
        assert set(statuses(page, "softmax").values()) == {"pass"}
        check(page, "softmax", WRONG_SOFTMAX, timeout=FIRST_CHECK_MS)
        assert statuses(page, "softmax")["example"] == "fail"
        check(page, "softmax", SOLUTIONS["softmax"], timeout=FIRST_CHECK_MS)
        assert set(statuses(page, "softmax").values()) == {"pass"}
    finally:
        context.close()
