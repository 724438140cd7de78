"""A card of several exercises in the page (catalogue.EXERCISES; its Practice tab holds one
``[data-practice][data-exercise]`` panel per exercise): a labelled ``select[name="exercise"]``
shows one at a time, by keyboard too, at 360 px; the choice stays for the tab's session; the
card's "passed" mark comes when every one of its exercises passed. A card of one exercise has no
picker (test_practice_panel.py drives those). Runs for each such card of the catalogue."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pages import open_app
from practice.practice_page import CHECK_MS, FIRST_CHECK_MS, SOLUTIONS, card, check
from web import catalogue
from web.i18n.words import say

pytestmark = pytest.mark.e2e

SEVERAL = [op["name"] for op in catalogue.OPERATIONS if len(catalogue.exercises_of(op["name"])) > 1]


def shown(page, name: str) -> list[str]:
    """The exercises whose panels the card shows."""
    return (
        card(page, name)
        .locator("[data-practice]")
        .evaluate_all("panels => panels.filter((panel) => !panel.hidden).map((panel) => panel.dataset.exercise)")
    )


def test_a_card_of_one_exercise_has_no_picker(app):
    expect(app.locator('section[data-op="softmax"] select[name="exercise"]')).to_have_count(0)
    expect(app.locator('section[data-op="softmax"] [data-practice][data-exercise="softmax"]')).to_have_count(1)


@pytest.mark.parametrize("name", SEVERAL)
def test_a_card_of_several_exercises_shows_one_at_a_time_as_its_picker_chooses(browser, site_url, name):
    exercises = [exercise["name"] for exercise in catalogue.exercises_of(name)]
    page, watcher = open_app(browser, site_url, f"/#{name}-practice", viewport={"width": 360, "height": 800})
    try:
        picker = card(page, name).get_by_label(say("en", "practice.exercise-picker"), exact=True)
        expect(picker).to_be_visible()
        assert picker.locator("option").evaluate_all("options => options.map((o) => o.value)") == exercises
        assert shown(page, name) == exercises[:1]
        expect(card(page, name).locator(f'[data-exercise="{exercises[0]}"]')).to_have_attribute(
            "data-editor", "codemirror"
        )
        picker.focus()
        page.keyboard.press("ArrowDown")  # the keyboard chooses as well
        expect(picker).to_have_value(exercises[1])
        assert shown(page, name) == exercises[1:2]
        second = card(page, name).locator(f'[data-exercise="{exercises[1]}"]')
        expect(second).to_have_attribute("data-editor", "codemirror")  # the editor comes with the panel
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360  # nothing sticks out at 360 px
        box = picker.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360

        page.reload()
        page.wait_for_selector("html.ready")
        assert shown(page, name) == exercises[1:2]  # kept for this tab's session
        other = page.context.new_page()  # another tab starts at the first
        other.goto(site_url + f"/#{name}-practice")
        other.wait_for_selector("html.ready")
        assert shown(other, name) == exercises[:1]
        other.close()

        for index, exercise in enumerate(exercises):  # passed when every one of its exercises passed
            expect(card(page, name).locator("h2 .practice-badge")).to_have_count(0)
            check(page, exercise, SOLUTIONS[exercise], timeout=FIRST_CHECK_MS if index == 0 else CHECK_MS)
        expect(card(page, name).locator("h2 .practice-badge")).to_be_visible()
        expect(page.locator(f'nav.toc a[href="#{name}"] .practice-done')).to_have_count(1)
        check(page, exercises[0], "def nothing():\n    pass\n", timeout=CHECK_MS)  # one fails again: the mark goes
        expect(card(page, name).locator("h2 .practice-badge")).to_have_count(0)
        watcher.assert_clean()
    finally:
        page.context.close()
