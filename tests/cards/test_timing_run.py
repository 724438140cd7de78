"""The vectorization card's timing run in the page (cards/timing.js): it times every operation at each
size off the main thread, shows its progress, draws the log-log plot with its figures in words, stops
when asked (between steps, or at once where the page is cross-origin isolated), refuses sizes it
cannot time beside the field, keeps the sizes in the URL, and works by keyboard, at 360 px and in Korean."""

from __future__ import annotations

import json
import re
import time

import pytest
from playwright.sync_api import expect

from pages import READY_TIMEOUT_MS, PageWatch, module_page_fixture, open_app

pytestmark = pytest.mark.e2e

app = module_page_fixture("One ready page for the timing run's tests.")
OPERATIONS = ["dot", "outer", "multiply", "general_dot"]  # the course's order


@pytest.fixture
def timing(app):
    section = app.locator('section[data-op="vectorization"] .timing')
    yield section
    if section.get_attribute("data-timing") == "running":
        section.locator('button[name="stop"]').click()
        expect(section).not_to_have_attribute("data-timing", "running", timeout=30_000)
    app.select_option('select[name="lang"]', "en")


def run(section, sizes: str, timeout: int = 60_000):
    section.locator('textarea[name="sizes"]').fill(sizes)
    section.locator('button[name="time"]').click()
    expect(section).to_have_attribute("data-timing", re.compile("done|stopped|failed|refused"), timeout=timeout)
    return json.loads(section.get_attribute("data-measured"))


def test_a_run_times_each_operation_at_each_size_and_draws_every_figure(timing):
    measured = run(timing, "10 100")
    assert timing.get_attribute("data-timing") == "done"
    assert [(m["name"], m["size"]) for m in measured] == [(n, s) for s in (10, 100) for n in OPERATIONS]
    assert all(m["loop"] > 0 and m["numpy"] > 0 for m in measured)
    progress = timing.locator(".timing-progress")
    assert progress.get_attribute("value") == progress.get_attribute("max") == "8"
    expect(timing.locator(".timing-status")).to_contain_text("All 8 measurements done")
    figure = timing.locator(".timing-plot")
    expect(figure).to_be_visible()
    alt = figure.locator(".plot-text").text_content()
    assert alt.count("×") == 8 and "median of 3" in alt
    assert figure.locator("canvas").get_attribute("aria-label") == alt
    assert figure.get_attribute("aria-busy") is None
    assert timing.locator('button[name="time"]').is_enabled()
    assert timing.locator('button[name="stop"]').is_disabled()


@pytest.mark.parametrize(
    ("sizes", "words"),
    [("10 2000000", "2000000"), ("1 2 3 4 5 6 7 8 9", "at most 8 different sizes"), ("10 ten", "ten")],
)
def test_sizes_it_cannot_time_are_refused_beside_the_field_and_nothing_runs(timing, sizes, words):
    field = timing.locator('textarea[name="sizes"]')
    field.fill(sizes)
    timing.locator('button[name="time"]').click()
    alert = timing.locator("#vectorization-sizes-error")
    expect(alert).to_contain_text(words)
    expect(alert).to_contain_text("sizes")
    assert field.get_attribute("aria-invalid") == "true"
    expect(timing).to_have_attribute("data-timing", "refused")
    field.fill("10")
    expect(alert).to_have_text("")


def test_stop_asks_for_no_further_step_and_the_cards_still_compute(app, timing):
    timing.locator('textarea[name="sizes"]').fill("10 100 1000 10000 100000")
    timing.locator('button[name="time"]').click()
    expect(timing.locator(".timing-progress")).to_have_attribute("value", re.compile("[1-9]"), timeout=30_000)
    timing.locator('button[name="stop"]').click()
    expect(timing).to_have_attribute("data-timing", "stopped", timeout=30_000)
    done = len(json.loads(timing.get_attribute("data-measured")))
    assert 1 <= done < 20
    expect(timing.locator(".timing-status")).to_have_text(f"Stopped after {done} of 20 measurements.")
    time.sleep(1)
    assert len(json.loads(timing.get_attribute("data-measured"))) == done  # no step after the stop
    field = app.locator('section[data-op="sigmoid"] textarea[name="x"]')
    field.fill("0")
    field.press("Enter")
    expect(app.locator('section[data-op="sigmoid"] output[name="result"]')).to_have_text("0.5")


def test_during_a_run_the_page_answers_and_the_cards_compute_between_two_steps(app, timing):
    timing.locator('textarea[name="sizes"]').fill("100000 1000000")
    timing.locator('button[name="time"]').click()
    expect(timing).to_have_attribute("data-timing", "running")
    field = app.locator('section[data-op="sigmoid"] textarea[name="x"]')
    field.fill("[0, 0]")  # the page takes the typing at once: its main thread is free
    field.press("Enter")
    expect(app.locator('section[data-op="sigmoid"] output[name="result"]')).to_have_text("[0.5 0.5]", timeout=30_000)
    assert timing.get_attribute("data-timing") == "running"  # computed between two steps, not after the run
    assert len(json.loads(timing.get_attribute("data-measured"))) < 8


def test_a_language_switch_words_the_plot_anew_without_measuring_again(app, timing):
    measured = run(timing, "10")
    app.select_option('select[name="lang"]', "ko")
    expect(timing.locator(".timing-plot .plot-text")).to_contain_text("반복문")
    expect(timing.locator("h3")).to_have_text("브라우저에서 시간 재기")
    assert json.loads(timing.get_attribute("data-measured")) == measured


def test_the_run_works_from_the_keyboard(app, timing):
    field = timing.locator('textarea[name="sizes"]')
    field.fill("10")
    field.focus()
    app.keyboard.press("Tab")
    assert app.evaluate("document.activeElement.name") == "time"
    app.keyboard.press("Enter")
    expect(timing).to_have_attribute("data-timing", "done", timeout=60_000)
    field.focus()
    app.keyboard.press("Enter")  # Enter in the one-line field runs again
    expect(timing).to_have_attribute("data-timing", re.compile("planning|running|done"))


def test_the_sizes_are_kept_in_the_url_and_a_link_restores_them(browser, site_url, app, timing):
    field = timing.locator('textarea[name="sizes"]')
    field.fill("10 1000")
    field.dispatch_event("input")
    assert "vectorization.sizes=10+1000" in app.url
    page, watch = open_app(browser, site_url, "/" + app.url.split("/")[-1])
    try:
        assert page.locator('section[data-op="vectorization"] textarea[name="sizes"]').input_value() == "10 1000"
    finally:
        page.context.close()
    watch.assert_clean()
    field.fill(field.evaluate("f => f.defaultValue"))
    field.dispatch_event("input")


def test_at_360_px_the_timing_section_fits_the_screen(browser, site_url):
    page, watch = open_app(browser, site_url, "/#vectorization", viewport={"width": 360, "height": 740})
    try:
        section = page.locator('section[data-op="vectorization"] .timing')
        run(section, "10")
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1]
        box = section.locator(".timing-plot canvas").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    finally:
        page.context.close()
    watch.assert_clean()


# the answers to the page's measure_json calls, as the page's worker sends them (its error, if any)
WATCH_MEASUREMENTS = """(() => {
  const Original = globalThis.Worker;
  globalThis.Worker = class extends Original {
    constructor(url, options) {
      super(url, options);
      if (options?.name !== "nnbasics-python") return;
      const measuring = new Set();
      globalThis.measureAnswers = [];
      this.addEventListener("message", ({ data }) => {
        if (data?.type === "answer" && measuring.has(data.id)) globalThis.measureAnswers.push(data.error ?? "answered");
      });
      const post = this.postMessage.bind(this);
      this.postMessage = (message, transfer) => {
        if (message?.type === "call" && message.name === "measure_json") measuring.add(message.id);
        return post(message, transfer);
      };
    }
  };
})();"""


@pytest.mark.build
def test_where_the_page_is_cross_origin_isolated_stop_interrupts_the_step_under_way(browser, served):
    context = browser.new_context()
    context.add_init_script(WATCH_MEASUREMENTS)
    page = context.new_page()
    watch = PageWatch(page, served)
    try:
        page.goto(served + "/#vectorization")
        page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
        assert page.evaluate("crossOriginIsolated")
        section = page.locator('section[data-op="vectorization"] .timing')
        section.locator('textarea[name="sizes"]').fill("1000000")
        section.locator('button[name="time"]').click()
        # the last step, a million products in two Python loops: seconds long
        expect(section.locator(".timing-status")).to_contain_text("general_dot at size 1,000,000", timeout=60_000)
        section.locator('button[name="stop"]').click()
        expect(section).to_have_attribute("data-timing", "stopped", timeout=10_000)
        assert [m["name"] for m in json.loads(section.get_attribute("data-measured"))] == OPERATIONS[:3]
        answers = page.evaluate("measureAnswers")
        assert answers[:3] == ["answered"] * 3 and "KeyboardInterrupt" in answers[3]
        field = page.locator('section[data-op="sigmoid"] textarea[name="x"]')  # Python goes on answering
        field.fill("0")
        field.press("Enter")
        expect(page.locator('section[data-op="sigmoid"] output[name="result"]')).to_have_text("0.5")
    finally:
        context.close()
    watch.assert_clean()
