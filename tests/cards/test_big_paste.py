"""Nothing typed is lost when the browser refuses to store it: a pasted input too big for this
tab's sessionStorage (about 7 million characters, under the package's 1,000,000 numbers) stays
in its field and is computed, and the page's status says it cannot be kept across reloads."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pages import open_app

pytestmark = pytest.mark.e2e

# 600,000 numbers of 10 digits: about 7.2 million characters, more than a tab's sessionStorage holds.
BIG = "Array.from({ length: 600000 }, (_, i) => ((i % 997) / 997).toFixed(8)).join(', ')"
PASTE = f"""(field) => {{  // what a paste does, without typing 7 MB
    field.value = {BIG};
    field.dispatchEvent(new Event('input', {{ bubbles: true }}));
    return field.value.length;
}}"""


def test_a_paste_too_big_to_keep_stays_in_its_field_is_computed_and_the_status_says_so(browser, site_url):
    page, watch = open_app(browser, site_url, viewport={"width": 1280, "height": 900})
    try:
        card = page.locator('section[data-op="sigmoid"]')
        field, result = card.locator('[name="x"]'), card.locator('output[name="result"]')
        example = result.text_content()
        length = field.evaluate(PASTE)
        assert length > 7_000_000
        expect(page.locator("#status")).to_contain_text("cannot be kept across reloads", timeout=30_000)
        expect(page.locator("#status")).to_contain_text("sigmoid.x")
        expect(result).not_to_have_text(example, timeout=60_000)  # computed all the same
        expect(result).to_contain_text("...")  # NumPy's summary of 600,000 values
        assert card.locator('[role="alert"]').first.text_content() == ""
        assert field.evaluate("(f) => f.value.length") == length
        assert page.evaluate("sessionStorage.getItem('nnbasics:input:sigmoid.x')") is None
        field.fill("[0]")  # short again: in the link as before, and the status says all is kept
        expect(result).to_have_text("[0.5]")
        expect(page.locator("#status")).to_contain_text("kept across reloads again")
        watch.assert_clean()
    finally:
        page.context.close()
