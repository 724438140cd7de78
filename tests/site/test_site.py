"""The built site, on a plain static server, runs NumPy in the page with nothing off-host."""

import json

import numpy as np
import pytest
from playwright.sync_api import expect

import nnbasics

pytestmark = pytest.mark.e2e


def test_the_site_becomes_ready_with_no_off_host_request_and_no_console_error(app, watch):
    assert app.locator("html").get_attribute("class").split().count("ready") == 1
    assert watch.off_host == []
    assert watch.console_errors == []


def test_nnbasics_in_the_page_computes_sigmoid_exactly_as_natively(app):
    card = app.locator('section[data-op="sigmoid"]')
    card.locator('[name="x"]').fill("[1, 2, 3]")
    native = nnbasics.sigmoid(np.array([1, 2, 3]))
    output = card.locator('output[name="result"]')
    expect(output).to_have_text(nnbasics.format_array(native))
    assert json.loads(output.get_attribute("data-value")) == native.tolist()


def test_opening_the_page_from_disk_says_it_needs_a_server(page, site_url):
    from pages import dist_dir

    page.goto((dist_dir() / "index.html").as_uri())
    expect(page.locator("#status")).to_contain_text("python3 build.py serve")
    expect(page.locator("html")).to_have_class("failed")


def test_when_python_cannot_start_the_page_says_so_and_what_to_try(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.route("**/nnbasics.zip", lambda route: route.fulfill(status=200, body=b"not a zip"))
        page.goto(site_url + "/")
        expect(page.locator("html")).to_have_class("failed", timeout=60_000)
        expect(page.locator("#status")).to_contain_text("could not start")
        expect(page.locator("#status")).to_contain_text("Reload")
        box = page.locator('section[data-op="sigmoid"] [name="x"]')
        box.fill("[5]")
        assert box.input_value() == "[5]", "inputs stay editable"
    finally:
        context.close()


def test_the_page_and_a_practice_check_work_under_the_sites_own_headers_and_csp(browser):
    import threading

    from pages import PageWatch, dist_dir
    from sitebuild.serve import site_server

    server = site_server(dist_dir())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context()
    page = context.new_page()
    watch = PageWatch(page, url)
    try:
        response = page.goto(url + "/")
        assert "'wasm-unsafe-eval'" in response.headers["content-security-policy"]
        page.wait_for_selector("html.ready", timeout=60_000)
        card = page.locator('section[data-op="softmax"]')
        card.locator('[name="x"]').fill("[[1, 1]]")
        expect(card.locator('output[name="result"]')).to_have_text("[[0.5 0.5]]")
        card.get_by_role("tab", name="Practice").click()  # the practice panel is on the card's Practice tab
        practice = card.locator("[data-practice]")
        practice.locator('[name="code"]').fill(
            "import numpy as np\n\ndef softmax(x):\n"
            "    e = np.exp(x - x.max(axis=-1, keepdims=True))\n"
            "    return e / e.sum(axis=-1, keepdims=True)\n"
        )
        practice.locator('button[name="check"]').click()
        expect(practice.locator('output[name="grade"]')).to_contain_text("passed", timeout=60_000)
        assert practice.locator('[data-case][data-status="fail"]').count() == 0
        watch.assert_clean()
    finally:
        context.close()
        server.shutdown()


def test_a_runtime_file_that_cannot_be_downloaded_is_named_at_once(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.route("**/pyodide.asm.wasm", lambda route: route.abort())
        page.goto(site_url + "/")
        expect(page.locator("html")).to_have_class("failed", timeout=15_000)
        expect(page.locator("#status")).to_contain_text("pyodide.asm.wasm could not be downloaded")
    finally:
        context.close()
