"""Results at first paint: every card shows its example's result, value and plot before Python
has loaded (from web/cards/first-paint.json, which must be what the bindings produce now), and
exactly the same once Python is ready; a card whose input differs waits for Python."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from pages import python_held_back
from web import catalogue
from web.cards import first_paint

OPS = [op["name"] for op in catalogue.OPERATIONS]


def test_the_embedded_results_are_what_the_bindings_produce_now():
    assert first_paint.GOLDEN.read_text("utf-8") == first_paint.serialized(), (
        "web/cards/first-paint.json is out of date: run python3 build.py first-paint"
    )


def shown(page) -> dict[str, tuple]:
    return {
        op: (
            page.locator(f'section[data-op="{op}"] output[name="result"]').text_content(),
            page.locator(f'section[data-op="{op}"] output[name="result"]').get_attribute("data-value"),
            page.locator(f'section[data-op="{op}"] figure.plot canvas').get_attribute("aria-label"),
        )
        for op in OPS
    }


@pytest.mark.e2e
def test_every_card_shows_its_example_before_python_is_ready_and_the_same_after(browser, site_url):
    with python_held_back(browser, site_url, "/?softmax.x=%5B%5B1%2C%201%5D%5D") as (page, release):
        expect(page.locator('section[data-op="sigmoid"] output[name="result"]')).to_have_text(
            catalogue.BY_NAME["sigmoid"]["printed"]
        )
        assert "ready" not in page.locator("html").get_attribute("class")
        before = shown(page)
        for op in OPS:
            if op != "softmax":
                assert before[op][0] == catalogue.BY_NAME[op]["printed"]
                assert json.loads(before[op][1]) is not None
        # the card whose input came from the link says it waits for Python
        softmax = page.locator('section[data-op="softmax"]')
        assert softmax.locator('output[name="result"]').text_content() == ""
        assert "computed as soon as Python is ready" in softmax.locator('output[name="result"]').evaluate(
            "o => getComputedStyle(o, '::before').content"
        )
        release()
        after = shown(page)
        assert {op: after[op] for op in OPS if op != "softmax"} == {op: before[op] for op in OPS if op != "softmax"}
        expect(softmax.locator('output[name="result"]')).to_have_text("[[0.5 0.5]]")


@pytest.mark.e2e
def test_the_printed_results_are_in_the_html_itself_and_show_without_any_script(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "/")
        for op in OPS:
            expect(page.locator(f'section[data-op="{op}"] output[name="result"]')).to_have_text(
                catalogue.BY_NAME[op]["printed"]
            )
    finally:
        context.close()
