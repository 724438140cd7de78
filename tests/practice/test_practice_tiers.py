"""Practice in the page, as the course has it: the course checks decide the grade, going
further is counted apart and marks a robust version; a syntax error is said once; every
panel's code can be downloaded as .py or a notebook and brought back from such a file.

Contract (README "Practice mode"): each ``[data-case]`` has ``data-tier`` "course" or
"extra"; ``output[name="grade"]`` counts the course tier, ``output[name="extra"]`` the extra
one; ``button[name="download-py"]``, ``button[name="download-ipynb"]``,
``input[name="upload-practice"]`` and ``button[name="upload-confirm"]`` are on the page once.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from pages import ROOT, module_page_fixture
from practice.practice_page import CHECK_MS, OPS, SOLUTIONS, card, check, panel

pytestmark = pytest.mark.e2e

COURSE_SOFTMAX = (
    "import numpy as np\n\ndef softmax(x):\n    e = np.exp(x)\n    return e / np.sum(e, axis=1, keepdims=True)\n"
)

app = module_page_fixture("One ready page for the tier and file tests.")


def counted(output) -> tuple[int, int]:
    passed, total = re.search(r"(\d+)/(\d+)", output.text_content()).groups()
    return int(passed), int(total)


def test_the_courses_softmax_passes_the_course_checks_but_is_not_robust(app):
    box = check(app, "softmax", COURSE_SOFTMAX)
    tiers = {item.get_attribute("data-tier") for item in box.locator("[data-case]").all()}
    assert tiers == {"course", "extra"}
    grade, extra = box.locator('output[name="grade"]'), box.locator('output[name="extra"]')
    expect(grade).to_have_attribute("data-status", "pass")
    passed, total = counted(grade)
    assert passed == total == box.locator('[data-case][data-tier="course"]').count()
    expect(extra).to_have_attribute("data-status", "fail")
    passed, total = counted(extra)
    assert total == box.locator('[data-case][data-tier="extra"]').count() and passed < total
    expect(card(app, "softmax").locator("h2 .practice-badge")).to_have_count(1)
    expect(card(app, "softmax").locator("h2 .practice-robust")).to_have_count(0)
    expect(box.locator('[data-case][data-tier="course"][data-status="fail"]')).to_have_count(0)


def test_a_robust_version_passes_both_tiers_and_is_marked_robust_on_the_card_and_in_the_contents(app):
    box = check(
        app,
        "sigmoid",
        SOLUTIONS["sigmoid"].replace("s = 1 / (1 + np.exp(-x))", "s = np.exp(-np.logaddexp(0, -x))"),
        timeout=CHECK_MS,
    )
    expect(box.locator('output[name="extra"]')).to_have_attribute("data-status", "pass")
    expect(card(app, "sigmoid").locator("h2 .practice-robust")).to_have_count(1)
    expect(app.locator('nav.toc a[href="#sigmoid"] .practice-robust')).to_have_count(1)


def test_the_marks_show_the_latest_check_a_failure_after_a_pass_takes_them_away(app):
    marks = {
        "h2 .practice-badge": card(app, "softmax"),
        "h2 .practice-robust": card(app, "softmax"),
        'nav.toc a[href="#softmax"] .practice-done': app,
        'nav.toc a[href="#softmax"] .practice-robust': app,
    }

    def shown():
        return [root.locator(selector).count() for selector, root in marks.items()]

    def kept(what):
        return app.evaluate(f"localStorage.getItem('nnbasics:practice:{what}:softmax')")

    check(app, "softmax", SOLUTIONS["softmax"], timeout=CHECK_MS)  # robust
    assert shown() == [1, 1, 1, 1] and kept("robust") == "1"
    check(app, "softmax", COURSE_SOFTMAX, timeout=CHECK_MS)  # the course's: passed, not robust
    assert shown() == [1, 0, 1, 0] and kept("robust") is None and kept("passed") == "1"
    check(app, "softmax", "def softmax(x):\n    return x\n", timeout=CHECK_MS)
    assert shown() == [0, 0, 0, 0] and kept("passed") is None
    assert card(app, "softmax").get_attribute("data-practice-passed") is None
    check(app, "softmax", SOLUTIONS["softmax"], timeout=CHECK_MS)
    assert shown() == [1, 1, 1, 1]


def test_the_courses_sigmoid_derivative_calls_sigmoid_the_panel_provides_and_the_panel_says_whose(app):
    course = (
        "import numpy as np\n\ndef sigmoid_derivative(x):\n    s = sigmoid(x)\n    ds = s * (1 - s)\n    return ds\n"
    )
    check(app, "sigmoid", "def sigmoid(x):\n    return x\n", timeout=CHECK_MS)  # not passed: the course's is given
    box = check(app, "sigmoid_derivative", course, timeout=CHECK_MS)
    expect(box.locator('output[name="grade"]')).to_have_attribute("data-status", "pass")
    expect(box.locator(".practice-context")).to_have_text(
        "sigmoid here is the course's own: yours has not passed its check on its card yet."
    )
    check(app, "sigmoid", SOLUTIONS["sigmoid"], timeout=CHECK_MS)  # passed: the learner's own is given
    box = check(app, "sigmoid_derivative", course, timeout=CHECK_MS)
    expect(box.locator('output[name="grade"]')).to_have_attribute("data-status", "pass")
    expect(box.locator(".practice-context")).to_have_text(
        "sigmoid here is yours, from its card, as it passed its check."
    )
    box = check(app, "softmax", COURSE_SOFTMAX, timeout=CHECK_MS)
    expect(box.locator(".practice-context")).to_be_hidden()


def test_a_syntax_error_is_reported_once_above_the_cases(app):
    box = check(app, "l1", "import numpy as np\n\ndef L1(yhat, y)\n    return 0.0\n", timeout=CHECK_MS)
    expect(box.locator(".practice-problem")).to_be_visible()
    expect(box.locator(".practice-problem")).to_contain_text("syntax error")
    assert "syntax error" not in " ".join(box.locator(".practice-cases").all_text_contents())
    expect(box.locator(".practice-cases details")).to_have_count(0)
    expect(box.locator("[data-case]")).not_to_have_count(0)  # each case still says it failed


def test_download_py_and_notebook_hold_every_panels_code(app, tmp_path):
    mine = "import numpy as np\n\ndef L2(yhat, y):\n    # my version\n    return float(np.sum((y - yhat) ** 2))\n"
    panel(app, "l2").locator('[name="code"]').fill(mine)
    with app.expect_download(timeout=CHECK_MS) as download:
        app.locator('button[name="download-py"]').click()
    assert download.value.suggested_filename == "nnbasics_practice.py"
    path = tmp_path / "nnbasics_practice.py"
    download.value.save_as(path)
    text = path.read_text()
    assert mine.strip() in text
    for op in OPS:
        assert f"# nnbasics exercise: {op} -- " in text
    with app.expect_download(timeout=CHECK_MS) as download:
        app.locator('button[name="download-ipynb"]').click()
    assert download.value.suggested_filename == "nnbasics_practice.ipynb"
    notebook = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert notebook["nbformat"] == 4 and any(mine.strip() in "".join(cell["source"]) for cell in notebook["cells"])


def test_opening_a_downloaded_file_brings_the_code_back_after_a_confirmation(app, tmp_path):
    mine = "import numpy as np\n\ndef image2vector(image):\n    # kept\n    return image.reshape(-1, 1)\n"
    editor = panel(app, "image2vector").locator('[name="code"]')
    editor.fill(mine)
    with app.expect_download(timeout=CHECK_MS) as download:
        app.locator('button[name="download-ipynb"]').click()
    saved = tmp_path / "mine.ipynb"
    download.value.save_as(saved)
    editor.fill("def image2vector(image):\n    return None\n")
    app.locator('input[name="upload-practice"]').set_input_files(str(saved))
    confirm = app.locator('button[name="upload-confirm"]')
    expect(confirm).to_be_visible(timeout=CHECK_MS)
    expect(app.locator(".practice-files-question")).to_contain_text("image2vector(image)")
    assert editor.input_value() != mine  # nothing changes before the confirmation
    confirm.click()
    expect(editor).to_have_value(mine)
    stored = app.evaluate("localStorage.getItem('nnbasics:practice:code:image2vector')")
    assert stored == mine


def test_a_file_without_exercises_is_refused_with_a_reason_and_changes_nothing(app, tmp_path):
    before = panel(app, "softmax").locator('[name="code"]').input_value()
    path = tmp_path / "notes.py"
    path.write_text("print('not an exercise')\n")
    app.locator('input[name="upload-practice"]').set_input_files(str(path))
    expect(app.locator(".practice-files-status")).to_contain_text("No exercise function", timeout=CHECK_MS)
    expect(app.locator('button[name="upload-confirm"]')).to_be_hidden()
    assert panel(app, "softmax").locator('[name="code"]').input_value() == before


@pytest.mark.parametrize("lang, scheme", [("en", "light"), ("ko", "light"), ("ko", "dark")])
def test_the_panel_with_a_course_passing_softmax_looks_clear(browser, site_url, lang, scheme):
    shots = ROOT / "screenshots"
    shots.mkdir(exist_ok=True)
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{site_url}/?lang={lang}")
        page.wait_for_selector("html.ready", timeout=90_000)
        check(page, "softmax", COURSE_SOFTMAX)
        box = panel(page, "softmax")
        box.locator('[data-case="one-row"] summary').click()  # a failed going-further case, open
        assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), "nothing sticks out of the panel"
        name = "" if lang == "en" else f"-{lang}" + ("" if scheme == "light" else f"-{scheme}")
        box.screenshot(path=str(shots / f"practice-tiers{name}-{width}.png"))
        context.close()
