"""The practice report's wording (web/practice/report.js) and the grader agree: every check
and failure the grader can name has the page's words for it, and the page words nothing else
but its own two outcomes (a check it stopped, a worker that crashed); and a wrong answer's report
reads in one screen: a line saying how many course checks failed and why the first did, each
distinct hint once, each case folded under its verdict."""

import pytest
from playwright.sync_api import expect

from pages import open_app
from practice import native
from practice.practice_page import CHECK_MS, FIRST_CHECK_MS, OPS, SOLUTIONS, check
from web.i18n.words import LANGUAGES, say
from web.practice import grader

PAGE_OWN = {"stopped", "crashed"}  # outcomes the page itself decides, not the grader


@pytest.mark.e2e
def test_every_check_and_failure_the_grader_names_has_a_verdict_on_the_page(blank):
    verdicts = blank.evaluate("import('/practice/report.js').then((m) => m.VERDICTS)")
    assert set(verdicts) == set(grader.CHECKS) | set(grader.FAILURES) | PAGE_OWN
    assert all(isinstance(text, str) and text for text in verdicts.values())


@pytest.mark.parametrize(
    "code",
    [
        "def sigmoid(x):\n    return None\n",
        "def sigmoid(x)\n",
        "def other(x):\n    pass\n",
        "def sigmoid(x):\n    while True:\n        pass\n",
        "import numpy as np\ndef sigmoid(x):\n    return np.zeros(3)\n",
    ],
)
def test_the_grader_only_ever_reports_the_checks_and_failures_it_declares(code):
    for case in native.grade("sigmoid", code, time_limit=0.3)["cases"]:
        assert {name for name, _ in case["checks"]} <= set(grader.CHECKS)
        assert case["failed"] in set(grader.CHECKS) | set(grader.FAILURES) | {None}


# --------------------------------------------------------------------------- a report a learner reads


REPORT_MAX_PX = 900  # a wrong answer's report fits one screen at 1280 x 900
# A wrong answer to each exercise: right in form, wrong in value (every case fails at its values).
WRONG = {op: SOLUTIONS[op].replace("return ", "return 0.5 * ", 1) for op in OPS}
# The worst one: wrong values, an error with a traceback, output, failing extras.
SOFTMAX_ATTEMPT = (
    "import numpy as np\n\nprint('loaded')\n\ndef softmax(x):\n    if x.ndim == 1:\n"
    "        return np.exp(x).sum(axis=1)\n    x_exp = np.exp(x)\n"
    "    return x_exp / np.sum(x_exp, axis=1)[:, None] * 2\n"
)


@pytest.mark.e2e
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_wrong_answers_report_fits_one_screen_says_what_failed_first_and_each_hint_once(browser, site_url, lang):
    page, watcher = open_app(browser, site_url, f"/?lang={lang}", viewport={"width": 1280, "height": 900})
    try:
        for index, (op, code) in enumerate([*WRONG.items(), ("softmax", SOFTMAX_ATTEMPT)]):
            box = check(page, op, code, timeout=FIRST_CHECK_MS if index == 0 else CHECK_MS)
            report = box.locator(".practice-report")
            height = report.evaluate("r => r.getBoundingClientRect().height")
            print(f"{lang} {op}: report {height:.0f} px")
            assert height <= REPORT_MAX_PX, (op, height)
            verdict = box.locator(".practice-verdict")
            expect(verdict).to_be_visible()
            failed = box.locator('[data-tier="course"][data-status="fail"]')
            total = box.locator('[data-tier="course"]')
            expect(verdict).to_contain_text(
                say(lang, "practice.summary-failed", failed=failed.count(), total=total.count())
            )
            first = failed.first.locator(".case-message").text_content()
            assert first and first in verdict.text_content()  # why the first one failed, in the line
            hints = box.locator(".practice-hint").all_text_contents()
            expect(box.locator(".practice-hint").first).to_be_visible()
            assert hints and len(hints) == len(set(hints)), hints  # each distinct hint once
            assert box.locator(".case details[open]").count() == 0  # each case folded under its verdict
        check(page, "softmax", SOLUTIONS["softmax"], timeout=CHECK_MS)
        expect(page.locator('section[data-op="softmax"] .practice-verdict')).to_be_hidden()  # a pass: no failure line
        watcher.assert_clean()
    finally:
        page.context.close()
