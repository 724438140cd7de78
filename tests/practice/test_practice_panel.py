"""Practice mode in the page: every card's panel grades the learner's own function in a
worker, case by case; endless loops and runaway allocations end as failed checks while
the page keeps computing; learner code cannot change the cards; code and progress are
kept across visits.

The contract used here (see the README's "Testing the page"): inside each
``section[data-op]``, a ``[data-practice]`` panel with the editor ``[name="code"]``,
``button[name="check"]``, one ``[data-case]`` per case with ``data-status`` "pass" or
"fail", and ``output[name="grade"]`` holding "k/n". The panel's ``data-checks`` counts
finished checks; ``data-worker`` is "starting", "ready" or "failed" once Python for
practice was asked for.
"""

from __future__ import annotations

import inspect

import pytest
from playwright.sync_api import expect

import nnbasics
from pages import ROOT, module_page_fixture, open_app, scrolling_boxes
from practice.practice_page import (
    CHECK_MS,
    FIRST_CHECK_MS,
    FUNCTIONS,
    OPS,
    SOLUTIONS,
    card,
    check,
    explore,
    failed_check,
    grade,
    panel,
    reset,
    statuses,
    timed_check,
)
from web import catalogue
from web.i18n.words import LANGUAGES, say

pytestmark = pytest.mark.e2e

# (exercise, the mistake, the case that must fail, the check it must fail)
MISTAKES = [
    ("softmax", SOLUTIONS["softmax"].replace("np.sum(x_exp, axis=-1", "np.sum(x_exp, axis=0"), "example", "values"),
    (
        "softmax",
        SOLUTIONS["softmax"].replace("np.exp(x - np.max(x, axis=-1, keepdims=True))  # no overflow", "np.exp(x)"),
        "large-values",
        "values",
    ),
    ("l2", SOLUTIONS["l2"].replace("(y - yhat) ** 2", "np.abs(y - yhat)"), "example", "values"),
    ("image2vector", "def image2vector(image):\n    return image.reshape(-1, 1, order='F')\n", "example", "values"),
    ("normalize_rows", SOLUTIONS["normalize_rows"].replace(", keepdims=True", ""), "square", "values"),
    (
        "basic_sigmoid",
        "import numpy as np\n\ndef basic_sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n",
        "array",
        "raises",
    ),
]


@pytest.fixture(scope="module")
def app(shared_app):
    return shared_app


# --------------------------------------------------------------------------- the panels


@pytest.mark.parametrize("op", OPS)
def test_every_card_has_a_visible_labelled_editor_with_a_stub_not_the_solution(app, op):
    box = panel(app, op)
    expect(box).to_have_attribute("data-editor", "codemirror")
    expect(box.locator(".cm-content")).to_be_visible()
    label = box.locator(".cm-content").get_attribute("aria-labelledby")  # the label, in the page's language
    assert box.locator(f"#{label}").text_content() == "Your code"
    assert box.locator('[name="code"]').evaluate("e => e.labels[0].textContent") == "Your code"
    stub = reset(app, op)
    assert f"def {FUNCTIONS[op]}(" in stub and '"""' in stub and "YOUR CODE HERE" in stub
    assert "import numpy as np" in stub or "import math" in stub
    source = inspect.getsource(getattr(nnbasics, FUNCTIONS[op]))
    body = [line.strip() for line in source.splitlines() if line.strip().startswith("return ")]
    assert body and not any(line in stub for line in body)  # not the package's answer
    expect(box.locator('button[name="check"]')).to_be_visible()
    expect(box).to_contain_text("Esc, then Tab, leaves the editor")


def test_the_stub_as_given_fails_every_case_at_the_type_check(app):
    reset(app, "sigmoid")
    box = check(app, "sigmoid")
    passed, total = grade(app, "sigmoid")
    assert passed == 0 and total == 4
    assert set(statuses(app, "sigmoid").values()) == {"fail"}
    expect(box.locator('[data-case="example"] .case-message')).to_contain_text("returned None")
    assert failed_check(app, "sigmoid", "example") == "type"


@pytest.mark.parametrize("op", OPS)
def test_a_correct_solution_passes_every_case_and_the_grade_turns_green(app, op):
    box = check(app, op, SOLUTIONS[op])
    cases = statuses(app, op)
    assert len(cases) >= 4 and set(cases.values()) == {"pass"}
    passed, total = grade(app, op)
    assert passed == total == box.locator('[data-case][data-tier="course"]').count()
    output = box.locator('output[name="grade"]')
    expect(output).to_have_attribute("data-status", "pass")
    expect(box.locator('output[name="extra"]')).to_have_attribute("data-status", "pass")
    ok = app.evaluate("""() => {
        const probe = document.createElement("span");
        probe.style.color = "var(--ok)";
        document.body.append(probe);
        const color = getComputedStyle(probe).color;
        probe.remove();
        return color;
    }""")
    assert output.evaluate("o => getComputedStyle(o).color") == ok


@pytest.mark.parametrize(
    "op, code, case, which", MISTAKES, ids=[f"{op}-{case}-{which}" for op, _, case, which in MISTAKES]
)
def test_a_typical_mistake_fails_the_right_case_at_the_right_check(app, op, code, case, which):
    box = check(app, op, code)
    assert statuses(app, op)[case] == "fail"
    assert failed_check(app, op, case) == which
    item = box.locator(f'[data-case="{case}"]')
    if item.locator("details").get_attribute("open") is None:  # a going-further case: folded until asked
        item.locator("summary").click()
    for label in ("Input", "Expected"):
        expect(item.locator(".case-label", has_text=label)).to_be_visible()
    expect(box.locator(".practice-hint").first).to_be_visible()  # the lesson, above the cases
    tier = item.get_attribute("data-tier")  # the count of the case's own tier shows the failure
    counted = box.locator(f'output[name="{"grade" if tier == "course" else "extra"}"]')
    passed, total = map(int, counted.text_content().split(" ")[0].split("/"))
    assert passed < total
    expect(counted).to_have_attribute("data-status", "fail")


def test_print_output_and_a_traceback_trimmed_to_the_learners_lines_are_shown(app):
    code = (
        "import numpy as np\nprint('loaded')\n\ndef helper(x):\n    return 1 / 0\n\n"
        "def sigmoid(x):\n    print('shape', x.shape)\n    if x.ndim == 2:\n        return helper(x)\n"
        "    return 1 / (1 + np.exp(-x))\n"
    )
    box = check(app, "sigmoid", code)
    expect(box.locator(".practice-printed pre")).to_have_text("loaded")
    example = box.locator('[data-case="example"]')
    expect(example).to_have_attribute("data-status", "pass")
    expect(example.locator(".case-printed")).to_have_text("printed output")  # seen while folded
    example.locator("summary").click()  # passed cases are folded
    expect(example.locator(".case-block", has_text="Printed").locator("pre")).to_have_text("shape (3,)")
    matrix = box.locator('[data-case="matrix"]')
    expect(matrix).to_have_attribute("data-status", "fail")
    trace = matrix.locator(".case-block", has_text="Traceback").locator("pre").text_content()
    assert 'File "<your code>", line 10, in sigmoid' in trace
    assert 'File "<your code>", line 5, in helper' in trace
    assert trace.rstrip().endswith("ZeroDivisionError: division by zero")
    assert "grader.py" not in trace and "/lib/python" not in trace


def test_a_syntax_error_is_shown_with_its_line(app):
    box = check(app, "l2", "def L2(yhat, y)\n    return 0\n")
    expect(box.locator(".practice-problem")).to_be_visible()
    expect(box.locator(".practice-trace")).to_contain_text('File "<your code>", line 1')
    expect(box.locator(".practice-trace")).to_contain_text("SyntaxError")
    assert grade(app, "l2")[0] == 0


def test_learner_code_cannot_change_the_cards_or_the_reference(app):
    tamper = (
        "import nnbasics\nimport numpy as np\nnnbasics.sigmoid = lambda x: 0\n"
        "nnbasics.activations.sigmoid = lambda x: 0\nnp.exp = lambda x: 0\n\n"
        "def sigmoid(x):\n    return 0 * x\n"
    )
    check(app, "sigmoid", tamper)
    assert grade(app, "sigmoid")[0] == 0  # the expected values were not affected
    field = explore(app, "sigmoid").locator('[name="x"]')
    field.fill("[0, 2]")
    expect(card(app, "sigmoid").locator('output[name="result"]')).to_have_text("[0.5        0.88079708]")
    field.fill(field.evaluate("f => f.defaultValue"))
    check(app, "sigmoid", SOLUTIONS["sigmoid"], timeout=CHECK_MS)  # the next check's reference is intact
    assert set(statuses(app, "sigmoid").values()) == {"pass"}
    # and the learner's interpreter has no page to reach: its `js` is its own worker's
    box = check(
        app, "sigmoid", "import js\njs.document.body.replaceChildren()\n" + SOLUTIONS["sigmoid"], timeout=CHECK_MS
    )
    expect(box.locator(".practice-trace")).to_contain_text("AttributeError: document")
    check(app, "sigmoid", SOLUTIONS["sigmoid"], timeout=CHECK_MS)  # the grader itself still reports
    assert set(statuses(app, "sigmoid").values()) == {"pass"}
    expect(app.locator("section[data-op]")).to_have_count(len(catalogue.OPERATIONS))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_shown_solution_passes_the_check_in_each_language(browser, site_url, lang):
    """Show solution gives the course-style answer in the page's language; pasted into the editor
    as shown, it passes every course check of that exercise."""
    page, watcher = open_app(browser, site_url, f"/?lang={lang}", viewport={"width": 1280, "height": 900})
    try:
        for op in OPS:
            details = panel(page, op).locator(".practice-solution")
            details.locator("summary").click()
            entry = catalogue.EXERCISE_BY_NAME[op]
            expect(details.locator("pre code")).to_have_text(
                entry["solution"] if lang == "en" else entry[lang]["solution"]
            )
            shown = details.locator("pre code").text_content()
            expect(details.locator(".practice-solution-note")).to_have_text(
                say(lang, "practice.solution-note").replace("`", "")
            )
            check(page, op, shown, timeout=CHECK_MS if op != OPS[0] else FIRST_CHECK_MS)
            passed, total = grade(page, op)
            assert passed == total > 0, (op, lang)
        watcher.assert_clean()
    finally:
        page.context.close()


def test_the_starting_code_follows_the_language_until_the_learner_edits_it(browser, site_url):
    page, watcher = open_app(browser, site_url, "/?lang=ko", viewport={"width": 1280, "height": 900})
    try:
        editor = panel(page, "softmax").locator('[name="code"]')
        assert editor.input_value() == catalogue.EXERCISE_BY_NAME["softmax"]["ko"]["stub"]
        page.select_option('select[name="lang"]', "en")
        expect(editor).to_have_value(catalogue.EXERCISE_BY_NAME["softmax"]["stub"])
        assert page.evaluate("localStorage.getItem('nnbasics:practice:code:softmax')") is None  # a stub is not kept
        mine = catalogue.EXERCISE_BY_NAME["softmax"]["stub"].replace("s = None", "s = x")
        editor.fill(mine)
        page.select_option('select[name="lang"]', "ko")
        expect(editor).to_have_value(mine)  # the learner's code stays as it is
        watcher.assert_clean()
    finally:
        page.context.close()


def test_reset_brings_the_stub_back_only_after_a_confirmation(app):
    box = panel(app, "l1")
    editor = box.locator('[name="code"]')
    stub = reset(app, "l1")
    editor.fill("def L1(yhat, y):\n    return 1.1\n")
    box.locator('button[name="reset"]').click()
    expect(box.locator('button[name="reset-confirm"]')).to_be_visible()
    box.locator('button[name="reset-cancel"]').click()
    assert editor.input_value() == "def L1(yhat, y):\n    return 1.1\n"
    box.locator('button[name="reset"]').click()
    box.locator('button[name="reset-confirm"]').click()
    assert editor.input_value() == stub
    expect(box.locator('button[name="reset"]')).to_be_visible()
    assert app.evaluate("localStorage.getItem('nnbasics:practice:code:l1')") is None


# --------------------------------------------------------------------------- across visits


def test_code_and_progress_are_kept_across_a_reload(browser, site_url):
    page, watcher = open_app(browser, site_url, viewport={"width": 1280, "height": 900})
    try:
        expect(card(page, "l2").locator(".practice-badge")).to_have_count(0)
        check(page, "l2", SOLUTIONS["l2"])
        assert set(statuses(page, "l2").values()) == {"pass"}
        expect(card(page, "l2").locator("h2 .practice-badge")).to_be_visible()
        expect(page.locator('nav.toc a[href="#l2"] .practice-done')).to_have_count(1)
        mine = "import numpy as np\n\ndef softmax(x):\n    # my first try\n    return x\n"
        panel(page, "softmax").locator('[name="code"]').fill(mine)
        page.reload()
        page.wait_for_selector("html.ready")
        assert panel(page, "softmax").locator('[name="code"]').input_value() == mine
        assert panel(page, "l2").locator('[name="code"]').input_value() == SOLUTIONS["l2"]
        expect(card(page, "l2").locator("h2 .practice-badge")).to_be_visible()
        expect(page.locator('nav.toc a[href="#l2"] .practice-done')).to_have_count(1)
        expect(card(page, "softmax").locator(".practice-badge")).to_have_count(0)
        assert "code" not in page.evaluate("location.search")
        watcher.assert_clean()
    finally:
        page.context.close()


# --------------------------------------------------------------------------- limits


own_page = module_page_fixture("A page of its own for the checks that end or exhaust Python for practice.")


def test_python_for_practice_starts_only_when_asked(own_page):
    page = own_page
    expect(page.locator("iframe[srcdoc]")).to_have_count(0)  # no frame, so no learner's interpreter
    assert panel(page, "sigmoid").get_attribute("data-worker") is None
    panel(page, "sigmoid").locator('[name="code"]').focus()
    expect(panel(page, "sigmoid")).to_have_attribute("data-worker", "ready", timeout=FIRST_CHECK_MS)


def test_an_endless_loop_fails_within_ten_seconds_while_the_page_keeps_computing(own_page):
    page = own_page
    box = panel(page, "sigmoid")
    box.locator('[name="code"]').fill("def sigmoid(x):\n    while True:\n        pass\n")
    expect(box).to_have_attribute("data-worker", "ready", timeout=FIRST_CHECK_MS)
    field = card(page, "sigmoid").locator('[name="x"]')

    def meanwhile():  # the page computes while the check runs
        explore(page, "sigmoid")
        field.fill("[2]")
        expect(card(page, "sigmoid").locator('output[name="result"]')).to_have_text("[0.88079708]")

    assert timed_check(page, "sigmoid", meanwhile=meanwhile) < 10_000
    expect(box.locator('[data-case="example"] .case-verdict')).to_have_text("timed out")
    assert set(statuses(page, "sigmoid").values()) == {"fail"}
    assert grade(page, "sigmoid") == (0, 4)
    explore(page, "sigmoid").locator('[name="x"]').fill("[0]")  # and afterwards
    expect(card(page, "sigmoid").locator('output[name="result"]')).to_have_text("[0.5]")


def test_a_loop_python_cannot_interrupt_ends_the_worker_and_a_fresh_one_takes_over(own_page):
    page = own_page
    box = panel(page, "sigmoid")
    box.locator('[name="code"]').focus()  # Python for practice starts: not part of the check's time
    expect(box).to_have_attribute("data-worker", "ready", timeout=FIRST_CHECK_MS)
    assert timed_check(page, "sigmoid", "def sigmoid(x):\n    return sum(range(10**12))\n") < 10_000
    expect(box.locator('[data-case="example"] .case-verdict')).to_have_text("timed out")
    expect(box.locator('[data-case="example"] .case-message')).to_contain_text("no answer after 8 s")
    assert grade(page, "sigmoid") == (0, 4)
    check(page, "sigmoid", SOLUTIONS["sigmoid"])  # a fresh worker
    assert set(statuses(page, "sigmoid").values()) == {"pass"}
    field = explore(page, "sigmoid").locator('[name="x"]')
    field.fill("[-2]")
    expect(card(page, "sigmoid").locator('output[name="result"]')).to_have_text("[0.11920292]")


def test_a_check_queued_behind_a_running_one_says_what_it_waits_for(own_page):
    page = own_page
    sigmoid, softmax = panel(page, "sigmoid"), panel(page, "softmax")
    sigmoid.locator('[name="code"]').fill("def sigmoid(x):\n    while True:\n        pass\n")
    expect(sigmoid).to_have_attribute("data-worker", "ready", timeout=FIRST_CHECK_MS)
    softmax.locator('[name="code"]').fill(SOLUTIONS["softmax"])
    sigmoid.locator('button[name="check"]').click()
    expect(sigmoid.locator(".practice-status")).to_have_text("Checking…")
    softmax.locator('button[name="check"]').click()
    expect(softmax.locator(".practice-status")).to_have_text("Waiting for the check of sigmoid(x) to finish…")
    expect(softmax).to_have_attribute("data-checks", "1", timeout=CHECK_MS)
    assert set(statuses(page, "softmax").values()) == {"pass"}
    expect(softmax.locator(".practice-status")).to_contain_text("Checked in")


def test_system_exit_in_the_learners_code_is_an_ordinary_failed_case(app):
    box = check(app, "sigmoid", "import sys\n\ndef sigmoid(x):\n    sys.exit()\n")
    example = box.locator('[data-case="example"]')
    expect(example).to_have_attribute("data-status", "fail")
    expect(example.locator(".case-message")).to_have_text("raised SystemExit")
    expect(example.locator(".case-verdict")).to_have_text("failed: it raised an error")
    trace = example.locator(".case-block", has_text="Traceback").locator("pre").text_content()
    assert trace.splitlines()[-2:] == ["    sys.exit()", "SystemExit"]
    assert "grader.py" not in trace
    expect(box.locator(".practice-problem")).to_be_hidden()
    assert grade(app, "sigmoid") == (0, 4)


def test_a_runaway_allocation_runs_out_of_memory_as_a_failed_check(own_page):
    page = own_page
    box = panel(page, "softmax")
    code = (
        "import numpy as np\n\ndef softmax(x):\n    kept = []\n    while True:\n        kept.append(np.ones(10**6))\n"
    )
    box.locator('[name="code"]').focus()  # Python for practice starts: not part of the check's time
    expect(box).to_have_attribute("data-worker", "ready", timeout=FIRST_CHECK_MS)
    assert timed_check(page, "softmax", code) < 10_000
    expect(box.locator('[data-case="example"] .case-verdict')).to_have_text("ran out of memory")
    check(page, "softmax", SOLUTIONS["softmax"])  # the worker was replaced: memory is back
    assert set(statuses(page, "softmax").values()) == {"pass"}


# --------------------------------------------------------------------------- the look


@pytest.mark.parametrize("width", [1280, 360])
def test_the_panel_fits_the_screen_after_a_failing_and_a_passing_check(browser, site_url, width):
    page, watcher = open_app(browser, site_url, viewport={"width": width, "height": 900}, device_scale_factor=1)
    shots = ROOT / "screenshots"
    shots.mkdir(exist_ok=True)
    try:
        check(page, "softmax", MISTAKES[1][1])
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        card(page, "softmax").screenshot(path=str(shots / f"practice-fail-{width}.png"))
        # every case open: its arrays, in blocks that may scroll
        panel(page, "softmax").locator(".case details").evaluate_all("all => all.forEach((d) => { d.open = true; })")
        page.evaluate(
            "new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )  # a frame: as a person
        overflowing = scrolling_boxes(page)
        if width == 360:
            assert any(" pre." in box["box"] for box in overflowing)
        assert [box for box in overflowing if box["tabindex"] != "0" or not box["named"]] == []
        check(page, "softmax", SOLUTIONS["softmax"])
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        card(page, "softmax").screenshot(path=str(shots / f"practice-pass-{width}.png"))
        watcher.assert_clean()
    finally:
        page.context.close()
