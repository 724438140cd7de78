"""Each card's Explore | Practice tabs: the WAI-ARIA tabs pattern by mouse and keyboard, Explore
first, the choice remembered per card, and #NAME-practice opening a card on its Practice tab."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pages import open_app
from web import catalogue

pytestmark = pytest.mark.e2e

OPS = [op["name"] for op in catalogue.OPERATIONS]


def card(page, op):
    return page.locator(f'section[data-op="{op}"]')


def tab(page, op, name):
    return card(page, op).get_by_role("tab", name=name)


def shown(page, op) -> str:
    """Which tab the card shows, checked against everything the pattern ties to it."""
    return card(page, op).evaluate("""card => {
        const tabs = [...card.querySelectorAll('[role="tablist"] > [role="tab"]')];
        const selected = tabs.filter((t) => t.getAttribute("aria-selected") === "true");
        if (selected.length !== 1) throw new Error(`${selected.length} selected tabs`);
        for (const t of tabs) {
            const panel = document.getElementById(t.getAttribute("aria-controls"));
            if (panel.getAttribute("role") !== "tabpanel" || panel.getAttribute("aria-labelledby") !== t.id)
                throw new Error(`${t.id}: its panel is not labelled by it`);
            const on = t === selected[0];
            if (panel.hidden === on || t.tabIndex !== (on ? 0 : -1)) throw new Error(`${t.id}: panel or tabindex`);
        }
        return selected[0].dataset.tab;
    }""")


@pytest.fixture
def fresh(browser, site_url):
    """A page of its own (the tabs it selects are remembered in its storage)."""
    page, watcher = open_app(browser, site_url, viewport={"width": 1280, "height": 800})
    yield page
    page.context.close()
    watcher.assert_clean()


def test_every_card_opens_on_explore_and_a_click_shows_practice(fresh):
    page = fresh
    for op in OPS:
        assert shown(page, op) == "explore"
    tab(page, "softmax", "Practice").click()
    assert shown(page, "softmax") == "practice"
    expect(card(page, "softmax").locator("[data-practice]")).to_be_visible()
    expect(card(page, "softmax").locator('output[name="result"]')).to_be_hidden()
    assert [shown(page, op) for op in OPS if op != "softmax"] == ["explore"] * (len(OPS) - 1)


def test_arrow_keys_home_and_end_move_between_the_tabs_and_select_them(fresh):
    page = fresh
    tab(page, "l1", "Explore").focus()
    for key, expected in (
        ("ArrowRight", "practice"),
        ("ArrowRight", "explore"),
        ("ArrowLeft", "practice"),
        ("Home", "explore"),
        ("End", "practice"),
    ):
        page.keyboard.press(key)
        assert shown(page, "l1") == expected, key
        assert page.evaluate("document.activeElement.dataset.tab") == expected
    page.keyboard.press("Home")
    page.keyboard.press("Tab")  # one tab stop for the tablist: Tab goes on into the panel
    assert page.evaluate("document.activeElement.name") == "yhat"


def test_the_choice_is_remembered_per_card(fresh):
    page = fresh
    tab(page, "normalize_rows", "Practice").click()
    expect(card(page, "normalize_rows").locator("[data-practice]")).to_have_attribute("data-editor", "codemirror")
    page.reload()
    page.wait_for_selector("html.ready")
    assert shown(page, "normalize_rows") == "practice"
    assert shown(page, "softmax") == "explore"
    tab(page, "normalize_rows", "Explore").click()
    page.reload()
    page.wait_for_selector("html.ready")
    assert shown(page, "normalize_rows") == "explore"


def test_a_practice_fragment_opens_that_card_on_its_practice_tab(browser, site_url):
    page, watcher = open_app(browser, site_url, "/#softmax-practice", viewport={"width": 1280, "height": 800})
    try:
        assert shown(page, "softmax") == "practice"
        assert shown(page, "sigmoid") == "explore"
        top = card(page, "softmax").evaluate("c => c.getBoundingClientRect().top")
        assert 0 <= top < 100, "the card is scrolled into view"
        page.evaluate("location.hash = '#l2-practice'")  # a link followed on the page
        page.wait_for_function("document.getElementById('l2-panel-practice').hidden === false")
        assert shown(page, "l2") == "practice"
        page.evaluate("location.hash = '#l2-explore'")
        page.wait_for_function("document.getElementById('l2-panel-explore').hidden === false")
        assert shown(page, "l2") == "explore"
        watcher.assert_clean()
    finally:
        page.context.close()
