"""Driving the practice panels from Playwright: the helpers every practice page test uses,
following the README's contract (selectors inside ``section[data-op]``; a card shows its
practice panel on its Practice tab, its inputs on its Explore tab)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from web import catalogue

OPS = [op["name"] for op in catalogue.OPERATIONS]  # every exercise, from the catalogue
FUNCTIONS = {op["name"]: op["function"] for op in catalogue.OPERATIONS}
FIRST_CHECK_MS = 90_000  # the first check also starts Python for practice
CHECK_MS = 30_000

# A learner's correct answer to each exercise, from the catalogue.
SOLUTIONS = {op["name"]: op["solution"] for op in catalogue.OPERATIONS}


def card(page, op):
    return page.locator(f'section[data-op="{op}"]')


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
    """The card's practice panel, on its Practice tab."""
    open_tab(page, op, "practice")
    return card(page, op).locator("[data-practice]")


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
