"""Practice code too big for localStorage (about 7 million characters) stays in the editor, and
the panel says that it cannot be kept across reloads, until the code fits again."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pages import open_app
from practice.practice_page import panel

pytestmark = pytest.mark.e2e

TYPE = """(editor, code) => {  // what a paste does, without typing 7 MB
    editor.value = code ?? '# ' + Array.from({ length: 600000 }, (_, i) => ((i % 997) / 997).toFixed(8)).join(', ');
    editor.dispatchEvent(new Event('input', { bubbles: true }));
    return editor.value.length;
}"""


def test_practice_code_too_big_to_keep_stays_in_the_editor_and_the_panel_says_so(browser, site_url):
    page, watch = open_app(browser, site_url, viewport={"width": 1280, "height": 900})
    try:
        box = panel(page, "l1")
        editor = box.locator('[name="code"]')
        length = editor.evaluate(TYPE)
        assert length > 7_000_000
        expect(box.locator(".practice-status")).to_contain_text("cannot be kept across reloads")
        assert editor.evaluate("(e) => e.value.length") == length
        assert page.evaluate("localStorage.getItem('nnbasics:practice:code:l1')") is None
        small = "def L1(yhat, y):\n    return 0\n"
        editor.evaluate(TYPE, small)
        expect(box.locator(".practice-status")).to_contain_text("kept across reloads again")
        assert page.evaluate("localStorage.getItem('nnbasics:practice:code:l1')") == small
        watch.assert_clean()
    finally:
        page.context.close()
