"""Learner code in the page is kept from the site by the browser: the practice worker runs in a
sandboxed frame with an opaque origin, so code that reaches its JavaScript finds no storage,
cache, service worker or page, may neither eval nor fetch, and cannot reroute what the worker
tells the page; the page hands it its files, so practice works offline too. Cheats against NumPy,
the grader or the reference values fail and leave the next check of another exercise correct;
limits that learner code switches off still end its check, with the right verdict. Each attack is
the one a hostile "paste this solution" would try.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from offline.deploys import CONTROLLED
from pages import READY_TIMEOUT_MS, dist_dir, module_page_fixture, open_app
from practice.practice_page import CHECK_MS, FIRST_CHECK_MS, SOLUTIONS, card, check, grade, panel, statuses, timed_check

pytestmark = pytest.mark.e2e

REACH_JAVASCRIPT = """import json, sys
for name in [n for n in list(sys.modules) if n.split(".")[0] in ("js", "pyodide", "pyodide_js", "_pyodide", "_pyodide_core")]:
    sys.modules.pop(name)
import js
from pyodide.ffi import create_proxy
"""  # noqa: E501

# The attack, and every other way out it could try once it holds the worker's JavaScript.
ATTACK = (
    REACH_JAVASCRIPT
    + """
PLANT = '''caches.keys().then(async (names) => { for (const name of names) {
  await (await caches.open(name)).put(location.origin + '/', new Response(
    '<script>localStorage.clear()</script>', { headers: { 'Content-Type': 'text/html' } })); } })'''
tried = {}
def attempt(name, thunk):
    try:
        tried[name] = repr(thunk())
    except BaseException as error:
        tried[name] = type(error).__name__ + ": " + str(error).split(chr(10))[0]
attempt("eval", lambda: js.eval(PLANT))
attempt("Function", lambda: js.Function(PLANT)())
attempt("caches", lambda: js.caches.keys())
attempt("localStorage", lambda: js.localStorage.setItem("nnbasics:practice:passed:l1", "1"))
attempt("indexedDB", lambda: js.indexedDB.open("nnbasics"))
attempt("serviceWorker", lambda: js.navigator.serviceWorker.register("/sw.js"))
attempt("origin", lambda: js.self.origin)
attempt("forged", lambda: js.postMessage(js.JSON.parse('{"type": "done", "id": 1, "result": {"all_passed": true, "cases": []}}')))
send = js.MessagePort.prototype.postMessage
def forge(this, message, *rest):  # every later "done" of this worker would say "all passed"
    if message.type == "done":
        message.result.all_passed = True
    return send.call(this, message, *rest)
js.MessagePort.prototype.postMessage = create_proxy(forge, capture_this=True)
js.JSON.parse = create_proxy(lambda text: js.Object.fromEntries(js.Array.of()))
print(json.dumps(tried))

def sigmoid(x):
    return x
"""  # noqa: E501
)

ALWAYS_CLOSE = "np.allclose._implementation.__code__ = (lambda *args, **kwargs: True).__code__\n"
WRONG_SIGMOID = "import numpy as np\n\ndef sigmoid(x):\n    return np.zeros(np.shape(x)) + 0.5\n"
CHEATS = {
    "numpy-rewritten": "import numpy as np\n" + ALWAYS_CLOSE + WRONG_SIGMOID,
    # the old grader's globals were one frame up; nothing of a grader is there any more
    "frames-walked": (
        "import sys\nframe = sys._getframe()\nwhile frame.f_back is not None:\n    frame = frame.f_back\n"
        "    for table in (frame.f_globals, frame.f_locals):\n"
        "        for case, expected, _ in table.get('PLANS', {}).get('sigmoid', ()):\n"
        "            expected[...] = 0.5\n" + WRONG_SIGMOID
    ),
    "grader-imported": "import grader\n" + WRONG_SIGMOID,
}
WRONG_L2 = SOLUTIONS["l2"].replace("(y - yhat) ** 2", "abs(y - yhat)")

STORAGE = "JSON.stringify(Object.fromEntries(Object.entries(localStorage).sort()))"
# the page, kept as ./
CACHED_INDEX = """caches.keys().then((names) => Promise.all(names.map((name) =>
    caches.open(name).then((cache) => cache.match(location.origin + '/')).then((r) => r.text()))))"""


def test_code_that_reaches_the_workers_javascript_touches_nothing_of_the_site(browser, site_url):
    page, watch = open_app(browser, site_url, viewport={"width": 1280, "height": 900})
    try:
        page.wait_for_function(CONTROLLED, timeout=READY_TIMEOUT_MS)  # the service worker's cache exists
        check(page, "l2", SOLUTIONS["l2"])  # some progress of the learner's own, to be kept
        panel(page, "sigmoid").locator('[name="code"]').fill(ATTACK)  # pasted (and kept, as typed code is)
        before = page.evaluate(STORAGE)

        box = check(page, "sigmoid")
        tried = json.loads(box.locator(".practice-printed pre").text_content())
        assert tried["eval"].startswith(("EvalError", "JsException: EvalError", "SystemError"))
        assert "EvalError" in tried["Function"]  # the frame's CSP: no string becomes code
        for name in ("caches", "localStorage", "serviceWorker"):
            assert tried[name].startswith("AttributeError"), tried  # none of them exists there
        assert "SecurityError" in tried["indexedDB"] and tried["origin"] == "'null'"
        assert grade(page, "sigmoid")[0] == 0  # no forged pass: the worker's messages go its own way
        expect(card(page, "sigmoid").locator(".practice-badge")).to_have_count(0)
        assert set(statuses(page, "sigmoid").values()) == {"fail"}

        fresh = page.context.new_page()
        response = fresh.goto(site_url + "/")
        assert response.body() == (dist_dir() / "index.html").read_bytes()
        fresh.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
        assert set(fresh.evaluate(CACHED_INDEX)) == {(dist_dir() / "index.html").read_text()}
        assert fresh.evaluate(STORAGE) == before
        expect(fresh.locator(".practice-badge")).to_have_count(1)  # l2's, nothing more
        fresh.close()

        # The worker that ran the attack was replaced: the next check of another exercise is right.
        check(page, "l2", WRONG_L2, timeout=FIRST_CHECK_MS)
        assert statuses(page, "l2")["example"] == "fail"
        watch.assert_clean()
    finally:
        page.context.close()


def test_practice_works_offline_as_the_page_hands_the_frame_its_files(browser, site_url):
    page, watch = open_app(browser, site_url, viewport={"width": 1280, "height": 900})
    try:
        page.wait_for_function(CONTROLLED, timeout=READY_TIMEOUT_MS)
        page.context.new_cdp_session(page).send("Network.clearBrowserCache")  # the service worker's cache only
        page.context.set_offline(True)
        page.reload()
        page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
        check(page, "softmax", SOLUTIONS["softmax"])
        assert set(statuses(page, "softmax").values()) == {"pass"}
        watch.assert_clean()
    finally:
        page.context.close()


own_page = module_page_fixture("A page of its own for the cheats and the limits switched off.")


@pytest.mark.parametrize("cheat", CHEATS)
def test_a_cheat_fails_to_pass_a_wrong_function_and_the_next_check_is_right(own_page, cheat):
    page = own_page
    check(page, "sigmoid", CHEATS[cheat], timeout=FIRST_CHECK_MS)
    passed, total = grade(page, "sigmoid")
    assert passed < total
    expect(card(page, "sigmoid").locator(".practice-badge")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('nnbasics:practice:passed:sigmoid')") is None
    check(page, "l2", WRONG_L2, timeout=FIRST_CHECK_MS)  # another exercise, maybe in a fresh worker
    assert statuses(page, "l2")["example"] == "fail"
    check(page, "l2", SOLUTIONS["l2"], timeout=CHECK_MS)
    assert set(statuses(page, "l2").values()) == {"pass"}


def test_a_cheat_is_judged_as_the_wrong_answer_it_is(own_page):
    box = check(own_page, "sigmoid", CHEATS["numpy-rewritten"], timeout=FIRST_CHECK_MS)
    expect(box.locator('[data-case="example"] .case-verdict')).to_have_text("failed the values check")


@pytest.mark.parametrize(
    "code, verdict",
    [
        ("import sys\nsys.settrace(None)\n\ndef sigmoid(x):\n    while True:\n        pass\n", "timed out"),
        (
            "import time\nimport numpy as np\n\ndef sigmoid(x):\n    time.sleep(30)\n    return 1 / (1 + np.exp(-x))\n",
            "timed out",
        ),
        (
            "import tracemalloc\nimport numpy as np\ntracemalloc.stop()\n\ndef sigmoid(x):\n"
            "    kept = []\n    while True:\n        kept.append(np.ones(10**6))\n",
            "ran out of memory",
        ),
    ],
    ids=["settrace", "sleep", "tracemalloc"],
)
def test_a_limit_switched_off_still_ends_the_check_with_its_verdict(own_page, code, verdict):
    page = own_page
    box = panel(page, "sigmoid")
    box.locator('[name="code"]').focus()  # Python for practice starts: not part of the check's time
    expect(box).to_have_attribute("data-worker", "ready", timeout=FIRST_CHECK_MS)
    assert timed_check(page, "sigmoid", code) < 10_000
    expect(box.locator('[data-case="example"] .case-verdict')).to_have_text(verdict)
    assert grade(page, "sigmoid")[0] == 0


def test_the_worker_lives_in_a_sandboxed_frame_with_an_opaque_origin(own_page):
    check(own_page, "sigmoid", SOLUTIONS["sigmoid"], timeout=FIRST_CHECK_MS)  # Python for practice runs
    frame = own_page.locator("iframe[srcdoc]")
    assert frame.get_attribute("sandbox") == "allow-scripts"
    assert "default-src 'none'" in frame.get_attribute("srcdoc")
    assert own_page.evaluate("document.querySelector('iframe[srcdoc]').contentDocument") is None  # not ours
