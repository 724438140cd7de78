"""The page: every card computes as NumPy prints, explains bad input, and keeps its state.

The reference texts are the catalogue's ``printed``: the course's published outputs (and
NumPy's own print of the reshaped course image), not this project's output.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from playwright.sync_api import expect

from pages import open_app
from web import catalogue

pytestmark = pytest.mark.e2e

OPS = [op["name"] for op in catalogue.OPERATIONS]  # every card, from the catalogue


def card(page, op):
    return page.locator(f'section[data-op="{op}"]')


def result(page, op):
    return card(page, op).locator('output[name="result"]')


def alert(page, op, field=None):
    """The message of the card's field (its only field, if it has one), as the README's contract says."""
    field = field or catalogue.params(op)[0]
    return card(page, op).locator(f'[role="alert"]#{op}-{field}-error')


def no_message(page, op) -> bool:
    return all(text == "" for text in card(page, op).locator('[role="alert"]').all_text_contents())


def canvas_pixels(page, op) -> str:
    return card(page, op).locator("figure.plot canvas").evaluate("c => c.toDataURL()")


def reset(page, op):
    """Put the card's example back (what a fresh visitor sees)."""
    for field in card(page, op).locator(".inputs textarea[name]").all():
        field.fill(field.evaluate("f => f.defaultValue"))
    expect(card(page, op).locator('[role="alert"]:not(:empty)')).to_have_count(0)


@pytest.fixture
def app(shared_app):
    yield shared_app
    for op in OPS:
        reset(shared_app, op)


@pytest.mark.parametrize("op", OPS)
def test_every_card_shows_its_reference_result_when_the_page_opens(app, op):
    expect(result(app, op)).to_have_text(catalogue.BY_NAME[op]["printed"])
    assert no_message(app, op)
    assert card(app, op).locator("figure.plot canvas").count() == 1


def test_data_value_holds_the_full_precision_result_as_json(app):
    assert json.loads(result(app, "basic_sigmoid").get_attribute("data-value")) == 0.7310585786300049
    value = json.loads(result(app, "sigmoid").get_attribute("data-value"))
    np.testing.assert_allclose(value, 1 / (1 + np.exp(-np.array([1.0, 2.0, 3.0]))), rtol=1e-15)
    assert np.array(json.loads(result(app, "image2vector").get_attribute("data-value"))).shape == (18, 1)


def test_typing_recomputes_the_result_and_redraws_the_plot(app):
    before = canvas_pixels(app, "softmax")
    card(app, "softmax").locator('[name="x"]').fill("[[1000, 1000], [0, 0]]")
    expect(result(app, "softmax")).to_have_text("[[0.5 0.5]\n [0.5 0.5]]")
    assert canvas_pixels(app, "softmax") != before


@pytest.mark.parametrize(
    "op, field, text, expected",
    [
        ("sigmoid", "x", "[1, 2", "]"),
        ("sigmoid", "x", "hello", "hello"),
        ("sigmoid", "x", "", "empty"),
        ("sigmoid", "x", "[1, nan]", "finite"),
        ("basic_sigmoid", "x", "[1, 2, 3]", "math.exp"),
        ("normalize_rows", "x", "[[1, 2, 3], [4, 5]]", "row 2"),
        ("image2vector", "image", "[[1, 2], [3, 4]]", "(2, 2)"),
        ("softmax", "x", "[1, 2j]", "real"),
        ("l1", "y", "[[1], [0], [0], [1], [1]]", "(5, 1)"),
        ("l2", "yhat", "[True, False]", "True"),
    ],
)
def test_bad_input_gives_a_message_in_that_card_only_and_keeps_the_text(app, op, field, text, expected):
    box = card(app, op).locator(f'[name="{field}"]')
    box.fill(text)
    box.dispatch_event("change")
    expect(alert(app, op, field)).to_contain_text(expected)
    expect(alert(app, op, field).locator(".error-field")).to_have_text(field)  # the message names its field
    assert box.input_value() == text
    assert box.get_attribute("aria-invalid") == "true"
    for other in OPS:
        if other != op:
            assert no_message(app, other)
            expect(result(app, other)).to_have_text(catalogue.BY_NAME[other]["printed"])
    reset(app, op)
    expect(result(app, op)).to_have_text(catalogue.BY_NAME[op]["printed"])
    assert box.get_attribute("aria-invalid") is None


def test_the_message_sits_next_to_the_field_it_concerns(app):
    card(app, "l2").locator('[name="y"]').fill("[1, 2]")
    expect(alert(app, "l2", "y")).to_contain_text("shape")
    follows = card(app, "l2").locator('[name="y"]').evaluate("f => f.nextElementSibling.getAttribute('role')")
    assert follows == "alert"


def test_each_invalid_field_has_its_own_message_and_mark_which_clear_when_it_is_valid(app):
    yhat, y = (card(app, "l1").locator(f'[name="{name}"]') for name in ("yhat", "y"))
    yhat.fill("")
    y.fill("")
    for name, box in (("yhat", yhat), ("y", y)):
        expect(alert(app, "l1", name)).to_contain_text("empty")
        expect(alert(app, "l1", name).locator(".error-field")).to_have_text(name)
        expect(box).to_have_attribute("aria-invalid", "true")
    yhat.fill("[.9, 0.2, 0.1]")
    expect(alert(app, "l1", "yhat")).to_have_text("")
    expect(yhat).not_to_have_attribute("aria-invalid", "true")
    expect(alert(app, "l1", "y")).to_contain_text("empty")  # still empty: still marked
    expect(y).to_have_attribute("aria-invalid", "true")
    y.fill("[1, 0, 0]")
    expect(result(app, "l1")).to_have_text("0.4")
    yhat.fill("[.9, 0.2]")  # now they do not match: the field just edited is the one at fault
    expect(alert(app, "l1", "yhat")).to_contain_text("same shape")
    expect(yhat).to_have_attribute("aria-invalid", "true")
    expect(y).not_to_have_attribute("aria-invalid", "true")
    assert alert(app, "l1", "y").text_content() == ""


@pytest.mark.parametrize(
    "hostile",
    [
        '<img src=x onerror="window.__pwned = 1">',
        "__import__('os').system('echo pwned')",
        "[1, 2]; import os",
        "{'a': 1}",
        "(lambda: 1)()",
    ],
)
def test_hostile_text_stays_inert_text(app, hostile):
    box = card(app, "sigmoid").locator('[name="x"]')
    box.fill(hostile)
    box.dispatch_event("change")
    expect(alert(app, "sigmoid")).not_to_have_text("")
    assert box.input_value() == hostile
    assert card(app, "sigmoid").locator("img").count() == 0
    assert app.evaluate("window.__pwned") is None


def test_enter_and_the_button_recompute_at_once(app):
    box = card(app, "basic_sigmoid").locator('[name="x"]')
    box.fill("0")
    box.press("Enter")
    expect(result(app, "basic_sigmoid")).to_have_text("0.5")
    assert box.input_value() == "0", "Enter in a one-line field adds no line"
    card(app, "sigmoid").locator('[name="x"]').fill("[0, 0]")
    card(app, "sigmoid").get_by_role("button", name="Compute").click()
    expect(result(app, "sigmoid")).to_have_text("[0.5 0.5]")


def test_a_softmax_plot_of_part_of_each_row_says_so_and_sums_over_the_whole_row(app):
    row = " ".join(str(i % 7) for i in range(300))
    card(app, "softmax").locator('[name="x"]').fill(f"{row}; {row}")
    caption = card(app, "softmax").locator(".plot-text")
    expect(caption).to_contain_text("Only the first 60 of 300 columns of a row are drawn.")
    expect(caption).to_contain_text("Each row of probabilities sums to 1.")
    assert card(app, "softmax").locator("figure.plot canvas").get_attribute("aria-label") == caption.text_content()


def test_show_code_shows_the_packages_own_source(app):
    details = card(app, "softmax").locator("details.source")
    details.locator("summary").click()
    code = details.locator("code")
    expect(code).to_contain_text("def softmax(")
    expect(code).to_be_visible()


def test_every_plot_has_a_text_alternative_describing_what_it_shows(app):
    expect(card(app, "l1").locator("figure.plot canvas")).to_have_attribute(
        "aria-label",
        "L1: per element |y − ŷ| is 0.1, 0.2, 0.1, 0.6, 0.1; the loss, their sum over all 5 elements, is 1.1.",
    )
    expect(card(app, "sigmoid").locator(".plot-text")).to_contain_text(
        "Marked: σ at x = 1, 2, 3 is 0.7311, 0.8808, 0.9526."
    )
    for op in OPS:
        canvas = card(app, op).locator("figure.plot canvas")
        assert canvas.get_attribute("aria-label") == card(app, op).locator("figure.plot .plot-text").text_content()


def test_a_copied_link_reproduces_inputs_and_results_in_a_new_page(app, browser, site_url):
    card(app, "softmax").locator('[name="x"]').fill("[[1, 2, 3]]")
    card(app, "l2").locator('[name="y"]').fill("[1, 1, 1, 1, 1]")
    expect(result(app, "l2")).not_to_have_text(catalogue.BY_NAME["l2"]["printed"])
    app.get_by_role("button", name="Copy link").click()
    link = app.evaluate("location.href")
    assert "softmax.x=" in link
    other, watcher = open_app(browser, site_url, link[len(site_url) :])
    try:
        for op in OPS:
            expect(result(other, op)).to_have_text(result(app, op).text_content())
        assert card(other, "softmax").locator('[name="x"]').input_value() == "[[1, 2, 3]]"
        watcher.assert_clean()
    finally:
        other.context.close()


def test_a_reload_keeps_what_was_typed(browser, site_url):
    page, watcher = open_app(browser, site_url)
    try:
        card(page, "sigmoid").locator('[name="x"]').fill("[4, 5]")
        expect(result(page, "sigmoid")).to_have_text("[0.98201379 0.99330715]")
        page.reload()
        page.wait_for_selector("html.ready")
        assert card(page, "sigmoid").locator('[name="x"]').input_value() == "[4, 5]"
        expect(result(page, "sigmoid")).to_have_text("[0.98201379 0.99330715]")
        watcher.assert_clean()
    finally:
        page.context.close()


def test_inputs_are_editable_while_python_loads(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.route("**/pyodide.asm.wasm", lambda route: None)  # hold Python back
        page.goto(site_url + "/", wait_until="domcontentloaded")
        box = card(page, "sigmoid").locator('[name="x"]')
        box.fill("[7]")
        assert box.input_value() == "[7]"
        expect(page.locator("#status")).to_contain_text("you can already edit the inputs")
        assert "ready" not in page.locator("html").get_attribute("class")
    finally:
        context.close()


def test_everything_works_with_the_keyboard_alone(app):
    app.locator("body").focus()
    app.keyboard.press("Tab")  # the skip link
    app.keyboard.press("Enter")
    for _ in range(30):
        app.keyboard.press("Tab")
        if app.evaluate("document.activeElement.name") == "x":
            break
    focused = app.evaluate("document.activeElement.closest('[data-op]').dataset.op")
    app.keyboard.press("Control+A")
    app.keyboard.type("2")
    app.keyboard.press("Tab")  # leaving the field fires change
    assert focused == "basic_sigmoid"
    expect(result(app, "basic_sigmoid")).to_have_text("0.8807970779778823")


def test_every_input_has_a_label(app):
    unlabeled = app.evaluate("""[...document.querySelectorAll('textarea, input')]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
        .map(e => e.outerHTML)""")
    assert unlabeled == []


def test_an_input_too_long_for_a_link_survives_a_reload_and_stays_out_of_the_url(browser, site_url):
    page, watcher = open_app(browser, site_url)
    try:
        long_input = "[" + ", ".join(str(i % 7) for i in range(3000)) + "]"
        box = card(page, "sigmoid").locator('[name="x"]')
        box.evaluate("(f, v) => { f.value = v; f.dispatchEvent(new Event('input', {bubbles: true})); }", long_input)
        card(page, "softmax").locator('[name="x"]').fill("[[2, 2]]")
        expect(result(page, "sigmoid")).to_contain_text("...")
        assert "sigmoid.x" not in page.evaluate("location.href")
        page.reload()
        page.wait_for_selector("html.ready")
        assert card(page, "sigmoid").locator('[name="x"]').input_value() == long_input
        assert card(page, "softmax").locator('[name="x"]').input_value() == "[[2, 2]]"
        watcher.assert_clean()
    finally:
        page.context.close()


def test_a_card_says_beside_its_result_what_the_courses_code_does_where_it_differs(app):
    field = card(app, "basic_sigmoid").locator('[name="x"]')
    field.fill("-1000")
    expect(result(app, "basic_sigmoid")).to_have_text("0.0")
    note = card(app, "basic_sigmoid").locator(".note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("OverflowError")  # math.exp(1000), as the course's code calls it
    field.fill("1")
    expect(note).to_be_hidden()  # where the course's code agrees, nothing is said
