"""The language switch in the browser: which language a visit starts in (?lang=, the stored
choice, the browser's languages), switching with no reload and nothing lost, a page in Korean
with no English word outside code, NumPy's output and names, refusals in Korean on their field."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from pages import READY_TIMEOUT_MS, PageWatch, open_app
from web import catalogue

pytestmark = pytest.mark.e2e

# Latin-script words a Korean page may show outside code: names, units and the functions'
# and parameters' own names. Any other word is English left untranslated.
NAMES = {
    "NumPy",
    "Pyodide",
    "PyScript",
    "Python",
    "WebAssembly",
    "Chrome",
    "Firefox",
    "Safari",
    "Edge",
    "PNG",
    "JPEG",
    "MB",
    "L1",
    "L2",
    "py",
    "ipynb",
    "inf",
    "nan",
    "float64",
}
IDENTIFIERS = (
    {op["function"] for op in catalogue.OPERATIONS}
    | {op["name"] for op in catalogue.OPERATIONS}
    | {param["name"] for op in catalogue.OPERATIONS for param in op["params"]}
    | {exercise[key] for exercise in catalogue.EXERCISES for key in ("name", "function")}
    | {param["name"] for exercise in catalogue.EXERCISES for param in exercise["params"]}
)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]+")  # a single letter is a symbol: (h, w, c), C order

# Visible text outside what stays as it is: code, NumPy's output, typed inputs, formulas.
VISIBLE_WORDS = """() => {
  const kept = "code, pre, textarea, output, math, script, style, select, .cm-editor, h2";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (!parent.closest(kept) && parent.checkVisibility() && walker.currentNode.textContent.trim()) {
      texts.push(walker.currentNode.textContent.trim());
    }
  }
  const labels = [...document.querySelectorAll("[aria-label]")].filter((e) => e.checkVisibility())
    .map((e) => e.getAttribute("aria-label"));
  return [...texts, ...labels, document.title];
}"""


def english_words(page) -> list[str]:
    return [
        word
        for text in page.evaluate(VISIBLE_WORDS)
        for word in LATIN_WORD.findall(text)
        if word not in NAMES | IDENTIFIERS
    ]


def visit(context, site_url, path, lang="ko"):
    """A new tab of ``context`` on ``path``, ready, in ``lang``; the tabs before it are closed
    once they are found clean (a tab left while it loads its icon would cancel that request)."""
    for old in context.pages:
        old.watcher.assert_clean()
        old.close()
    page = context.new_page()
    page.watcher = PageWatch(page, site_url)
    page.goto(site_url + path)
    page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    return page


def card(page, op):
    return page.locator(f'section[data-op="{op}"]')


@pytest.mark.parametrize("width", [360, 1280])
def test_a_korean_page_has_no_english_word_outside_code_numpys_output_and_names(browser, site_url, width):
    page, watcher = open_app(browser, site_url, "/?lang=ko", viewport={"width": width, "height": 900})
    try:
        expect(page.locator("html")).to_have_attribute("lang", "ko")
        assert english_words(page) == []
        expect(page.locator("#status-text")).to_contain_text("준비 완료")
        expect(card(page, "softmax").locator("canvas")).to_have_attribute("aria-label", re.compile("소프트맥스"))
        watcher.assert_clean()
    finally:
        page.context.close()


def test_a_bad_input_gets_a_korean_message_next_to_its_field(browser, site_url):
    page, watcher = open_app(browser, site_url, "/?lang=ko", viewport={"width": 1280, "height": 900})
    try:
        l1 = card(page, "l1")
        l1.locator('[name="y"]').fill("[1，2，x]")
        alert = l1.locator('[role="alert"]#l1-y-error')
        expect(alert).to_contain_text("예상하지 못한 입력 'x' (1행 6열)")
        assert alert.evaluate("a => a.previousElementSibling.name") == "y"
        expect(l1.locator('[name="y"]')).to_have_attribute("aria-invalid", "true")
        l1.locator('[name="y"]').fill("[1, 0, 0]")
        expect(alert).to_contain_text("L1의 yhat과 y는 형태가 같아야 하는데, yhat은 (5,), y는 (3,)입니다")
        page.select_option('select[name="lang"]', "en")  # the message follows the language
        expect(alert).to_have_text(
            "y: L1 expects yhat and y of the same shape, but got yhat of shape (5,) and y of shape (3,)"
        )
        watcher.assert_clean()
    finally:
        page.context.close()


def test_switching_keeps_every_input_and_does_not_reload_or_restart_python(browser, site_url):
    page, watcher = open_app(browser, site_url, viewport={"width": 1280, "height": 900})
    try:
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.evaluate("window.__sameDocument = true")
        softmax = card(page, "softmax")
        softmax.locator('[name="x"]').fill("[[1, 1]]")
        expect(softmax.locator('output[name="result"]')).to_have_text("[[0.5 0.5]]")
        page.locator('select[name="lang"]').focus()  # by keyboard
        page.keyboard.press("ArrowDown")
        expect(page.locator("html")).to_have_attribute("lang", "ko")
        assert page.evaluate("window.__sameDocument") is True, "no reload"
        assert page.evaluate("document.documentElement.classList.contains('ready')")
        expect(softmax.locator('[name="x"]')).to_have_value("[[1, 1]]")
        expect(softmax.locator('output[name="result"]')).to_have_text("[[0.5 0.5]]")
        expect(softmax.locator(".plot-text")).to_contain_text("0행: 점수 1, 1 → 확률 0.5, 0.5")
        expect(page.locator("h1")).to_contain_text("신경망 기초")
        assert page.title() == "NumPy로 배우는 신경망 기초"
        expect(page.locator('meta[name="description"]')).to_have_attribute("content", re.compile("시그모이드"))
        assert "lang=ko" in page.url and "softmax.x=" in page.url, "a link keeps the language and the input"
        watcher.assert_clean()
    finally:
        page.context.close()


def test_a_link_with_lang_round_trips_and_the_choice_is_remembered(browser, site_url):
    context = browser.new_context(locale="en-US")  # one browser: its localStorage is kept between visits
    try:
        page = visit(context, site_url, "/?lang=ko&sigmoid.x=%5B0%5D")
        expect(page.locator('select[name="lang"]')).to_have_value("ko")
        expect(card(page, "sigmoid").locator('output[name="result"]')).to_have_text("[0.5]")
        page.select_option('select[name="lang"]', "en")
        link = page.url
        assert "lang=en" in link and "sigmoid.x=" in link
        page = visit(context, site_url, "/", "en")  # no ?lang=: the stored choice
        page.select_option('select[name="lang"]', "ko")
        visit(context, site_url, "/", "ko")
        page = visit(context, site_url, link.removeprefix(site_url), "en")  # the link's language wins
        expect(card(page, "sigmoid").locator('[name="x"]')).to_have_value("[0]")
        page.watcher.assert_clean()
    finally:
        context.close()


@pytest.mark.parametrize("locale, expected", [("ko-KR", "ko"), ("en-GB", "en"), ("fr-FR", "en")])
def test_with_no_choice_the_browsers_languages_decide(browser, site_url, locale, expected):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    try:
        page.goto(site_url + "/")
        expect(page.locator("html")).to_have_attribute("lang", expected)
        expect(page.locator('select[name="lang"]')).to_have_value(expected)
        summary = catalogue.BY_NAME["sigmoid"]["ko" if expected == "ko" else "summary"]
        expected_text = summary["summary"] if expected == "ko" else summary
        plain = re.sub(r"<[^>]+>", "", expected_text)
        expect(card(page, "sigmoid").locator(".summary")).to_have_text(plain)
    finally:
        context.close()


def test_before_python_is_ready_a_korean_page_shows_the_korean_plots(browser, site_url):
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    held = []  # NumPy's wheel is held back: Python cannot be ready until it is let through
    page.route("**/*.whl", lambda route: held.append(route))
    try:
        page.goto(site_url + "/")
        normalize = card(page, "normalize_rows")
        expect(normalize.locator(".plot-text")).to_contain_text("정규화 전")
        page.select_option('select[name="lang"]', "en")
        expect(normalize.locator(".plot-text")).to_contain_text("before and")
        expect(normalize.locator('output[name="result"]')).to_have_text(catalogue.BY_NAME["normalize_rows"]["printed"])
    finally:
        for route in held:
            route.abort()
        context.close()
