"""Driving the practice panels from Playwright: the helpers every practice page test uses,
following the README's contract (selectors inside ``section[data-op]``; a card shows its
practice panels on its Practice tab, one per exercise (``[data-exercise]``; a card's own exercise
is named as the card), its inputs on its Explore tab)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from web import catalogue

OPS = [exercise["name"] for exercise in catalogue.EXERCISES]  # every exercise, from the catalogue
FUNCTIONS = {exercise["name"]: exercise["function"] for exercise in catalogue.EXERCISES}
FIRST_CHECK_MS = 90_000  # the first check also starts Python for practice
CHECK_MS = 30_000

# A learner's correct answer to each exercise, from the catalogue.
SOLUTIONS = {exercise["name"]: exercise["solution"] for exercise in catalogue.EXERCISES}


def card(page, op):
    """The card of ``op``: a card's name, or the name of one of its exercises."""
    name = catalogue.EXERCISE_BY_NAME[op]["card"] if op in catalogue.EXERCISE_BY_NAME else op
    return page.locator(f'section[data-op="{name}"]')


def open_tab(page, op, tab):
    """Show the card's "explore" or "practice" tab (a click on it, as a learner would)."""
    button = card(page, op).locator(f'[role="tab"][data-tab="{tab}"]')
    if button.get_attribute("aria-selected") != "true":
        button.click()


def explore(page, op):
    """The card, on its Explore tab (its inputs and result in view)."""
    open_tab(page, op, "explore")
    return card(page, op)


def panel(page, op):
    """The practice panel of exercise ``op``, on its card's Practice tab (chosen in the card's
    picker when the card has several exercises)."""
    open_tab(page, op, "practice")
    picker = card(page, op).locator('select[name="exercise"]')
    if picker.count() and picker.input_value() != op:
        picker.select_option(op)
    return card(page, op).locator(f'[data-practice][data-exercise="{op}"]')


def statuses(page, op) -> dict[str, str]:
    return dict(
        panel(page, op)
        .locator("[data-case]")
        .evaluate_all("items => items.map(i => [i.dataset.case, i.dataset.status])")
    )


def timed_check(page, op, code=None, meanwhile=None, timeout=CHECK_MS) -> float:
    """Like check(), and `meanwhile()` runs after the click; returns the check's time in ms
    by the page's own clock, from the click on Check (as the page receives it) to the
    panel's data-checks going up -- Playwright's overhead on a loaded machine is not in it."""
    box = panel(page, op)
    done = int(box.get_attribute("data-checks") or 0)
    if code is not None:
        box.locator('[name="code"]').fill(code)
    box.evaluate("""box => {
        const timing = window.__checkTiming = {};
        box.querySelector('button[name="check"]').addEventListener(
            "click", () => { timing.start = performance.now(); }, { capture: true, once: true });
        const observer = new MutationObserver(() => {
            timing.end = performance.now();
            observer.disconnect();
        });
        observer.observe(box, { attributes: true, attributeFilter: ["data-checks"] });
    }""")
    box.locator('button[name="check"]').click()
    if meanwhile:
        meanwhile()
    expect(box).to_have_attribute("data-checks", str(done + 1), timeout=timeout)
    timing = page.evaluate("window.__checkTiming")
    return timing["end"] - timing["start"]


def check(page, op, code=None, timeout=FIRST_CHECK_MS):
    """Put `code` in the editor (if given), press Check and wait for the check to end."""
    box = panel(page, op)
    done = int(box.get_attribute("data-checks") or 0)
    if code is not None:
        box.locator('[name="code"]').fill(code)
    box.locator('button[name="check"]').click()
    expect(box).to_have_attribute("data-checks", str(done + 1), timeout=timeout)
    return box


def grade(page, op) -> tuple[int, int]:
    text = panel(page, op).locator('output[name="grade"]').text_content()
    passed, total = re.search(r"(\d+)/(\d+)", text).groups()
    return int(passed), int(total)


def reset(page, op) -> str:
    """Bring the starting code back (Reset, then confirm); returns it."""
    box = panel(page, op)
    box.locator('button[name="reset"]').click()
    box.locator('button[name="reset-confirm"]').click()
    return box.locator('[name="code"]').input_value()


def failed_check(page, op, case) -> str:
    """The name of the check a case failed (the grader's, whatever the page's language)."""
    return (
        panel(page, op).locator(f'[data-case="{case}"] .case-checks li[data-check="fail"]').get_attribute("data-name")
    )
