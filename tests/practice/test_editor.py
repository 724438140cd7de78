"""The practice editor: CodeMirror (Python colours, line numbers, bracket matching, auto-indent,
Tab / Shift+Tab, Escape then Tab to leave, the page's light and dark colours), loaded when a
Practice tab is first opened, offline too; the textarea[name="code"] stays the source of truth
(fill() and input_value() work on it), and stays the editor when the bundle cannot load."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from offline.deploys import controlled_page
from pages import READY_TIMEOUT_MS, module_page_fixture, open_app
from practice.practice_page import FIRST_CHECK_MS, SOLUTIONS, card, panel, statuses

pytestmark = pytest.mark.e2e

app = module_page_fixture("One ready page for the editor's tests.")

BUNDLE = "**/vendor/codemirror-*/editor.js"
LOADED = "performance.getEntriesByType('resource').some((e) => /vendor\\/codemirror-[^/]+\\/editor\\.js$/.test(e.name))"


def css_color(page, value: str) -> str:
    """What a CSS colour (a variable) computes to on this page."""
    return page.evaluate(
        """(value) => {
        const probe = document.createElement("span");
        probe.style.color = value;
        document.body.append(probe);
        const color = getComputedStyle(probe).color;
        probe.remove();
        return color;
    }""",
        value,
    )


def editor(page, op):
    box = panel(page, op)
    expect(box).to_have_attribute("data-editor", "codemirror")
    return box.locator(".cm-content")


def color_of(page, op, text) -> str:
    return card(page, op).locator(".cm-line span", has_text=text).first.evaluate("s => getComputedStyle(s).color")


def test_the_editor_is_fetched_only_when_a_practice_tab_is_first_opened(browser, site_url):
    page, watcher = open_app(browser, site_url)
    try:
        assert page.evaluate(LOADED) is False
        assert card(page, "sigmoid").locator(".cm-editor").count() == 0
        editor(page, "sigmoid")
        assert page.evaluate(LOADED) is True
        editor(page, "l2")  # the second panel: the same module, no second download
        assert (
            page.evaluate(
                "performance.getEntriesByType('resource').filter((e) => e.name.includes('codemirror')).length"
            )
            == 1
        )
        watcher.assert_clean()
    finally:
        page.context.close()


def test_python_is_coloured_numbered_and_brackets_matched(app):
    code = editor(app, "softmax")
    expect(code.locator(".cm-line").first).to_have_text("import numpy as np")
    assert color_of(app, "softmax", "import") == css_color(app, "var(--cm-keyword)")
    assert color_of(app, "softmax", '"""') == css_color(app, "var(--cm-string)")
    assert color_of(app, "softmax", "# YOUR CODE HERE") == css_color(app, "var(--cm-comment)")
    numbers = card(app, "softmax").locator(".cm-lineNumbers .cm-gutterElement").all_text_contents()
    lines = panel(app, "softmax").locator('[name="code"]').input_value().count("\n") + 1
    assert {str(n) for n in range(1, lines + 1)} <= set(numbers)
    code.locator(".cm-line", has_text="def softmax(x):").click()
    app.keyboard.press("End")
    app.keyboard.press("ArrowLeft")  # just after "(x)"
    expect(card(app, "softmax").locator(".cm-matchingBracket")).to_have_count(2)


def test_enter_indents_after_a_colon_and_tab_shift_tab_indent_and_dedent(app):
    box = panel(app, "l1")
    textarea = box.locator('[name="code"]')
    textarea.fill("")
    code = editor(app, "l1")
    code.click()
    app.keyboard.type("def L1(yhat, y):")
    app.keyboard.press("Enter")
    app.keyboard.type("pass")
    assert textarea.input_value() == "def L1(yhat, y):\n    pass"
    app.keyboard.press("Tab")
    assert textarea.input_value() == "def L1(yhat, y):\n        pass"
    app.keyboard.press("Shift+Tab")
    app.keyboard.press("Shift+Tab")
    assert textarea.input_value() == "def L1(yhat, y):\npass"
    app.keyboard.press("Escape")  # CodeMirror's way out: Escape, then Tab
    app.keyboard.press("Tab")
    assert app.evaluate("document.activeElement.name") == "check"
    app.keyboard.press("Shift+Tab")
    assert app.evaluate("document.activeElement.classList.contains('cm-content')")
    assert app.evaluate("location.search").find("code") < 0  # the code is not put in the URL


def test_fill_and_input_value_work_on_the_textarea_and_the_editor_follows(app):
    box = panel(app, "l2")
    editor(app, "l2")
    textarea = box.locator('[name="code"]')
    textarea.fill("x = 1\n")
    expect(box.locator(".cm-content")).to_have_text("x = 1")
    box.locator(".cm-content").click()
    app.keyboard.press("Control+End")
    app.keyboard.type("y = 2")
    assert textarea.input_value() == "x = 1\ny = 2"
    assert app.evaluate("localStorage.getItem('nnbasics:practice:code:l2')") == "x = 1\ny = 2"
    box.locator('button[name="reset"]').click()
    box.locator('button[name="reset-confirm"]').click()
    expect(box.locator(".cm-content")).to_contain_text("def L2(yhat, y):")
    assert app.evaluate("document.activeElement.classList.contains('cm-content')")


def test_ctrl_enter_in_the_editor_checks_the_code_it_shows(app):
    box = panel(app, "sigmoid")
    box.locator('[name="code"]').fill(SOLUTIONS["sigmoid"])
    editor(app, "sigmoid").click()
    app.keyboard.press("Control+Enter")
    expect(box).to_have_attribute("data-checks", "1", timeout=FIRST_CHECK_MS)
    assert set(statuses(app, "sigmoid").values()) == {"pass"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_editor_takes_the_pages_colours_in_light_and_dark(browser, site_url, scheme):
    page, watcher = open_app(browser, site_url, "/#softmax-practice", color_scheme=scheme)
    try:
        editor(page, "softmax")
        background = card(page, "softmax").locator(".cm-editor").evaluate("e => getComputedStyle(e).backgroundColor")
        assert background == css_color(page, "var(--code-bg)")
        assert color_of(page, "softmax", "import") == css_color(page, "var(--cm-keyword)")
        text = card(page, "softmax").locator(".cm-content").evaluate("e => getComputedStyle(e).color")
        assert text == css_color(page, "var(--text)")
        watcher.assert_clean()
    finally:
        page.context.close()


def test_the_editor_works_offline_after_one_visit(browser, site_url):
    context = browser.new_context()
    try:
        page = controlled_page(context, site_url)
        editor(page, "sigmoid")  # opened once online (whether precached or kept when first fetched)
        context.set_offline(True)
        page.reload()
        page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
        code = editor(page, "softmax")
        code.click()
        page.keyboard.press("Control+End")
        page.keyboard.type("\n# offline")
        assert panel(page, "softmax").locator('[name="code"]').input_value().endswith("\n# offline")
        page.watch.assert_clean()
    finally:
        context.close()


def test_without_the_bundle_the_textarea_is_the_editor(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route(BUNDLE, lambda route: route.fulfill(status=404, body="not here"))
    try:
        page.goto(site_url + "/")
        page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
        box = panel(page, "l1")
        expect(box).to_have_attribute("data-editor", "plain")
        textarea = box.locator('[name="code"]')
        expect(textarea).to_be_visible()
        assert box.locator(".cm-editor").count() == 0
        # editor.js's keys: Tab indents once the learner works in it; Escape, then Tab, leaves
        textarea.fill("")
        textarea.click()
        page.keyboard.type("def L1(yhat, y):")
        page.keyboard.press("Enter")  # a new line keeps the block's indentation
        page.keyboard.type("pass")
        assert textarea.input_value() == "def L1(yhat, y):\n    pass"
        page.keyboard.press("Tab")
        assert textarea.input_value() == "def L1(yhat, y):\n    pass    "
        page.keyboard.press("Shift+Tab")
        assert textarea.input_value() == "def L1(yhat, y):\npass    "
        page.keyboard.press("Escape")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == "check"
        textarea.fill(SOLUTIONS["l1"])
        box.locator('button[name="check"]').click()
        expect(box).to_have_attribute("data-checks", "1", timeout=FIRST_CHECK_MS)
        assert set(statuses(page, "l1").values()) == {"pass"}
        assert errors == []
    finally:
        context.close()
