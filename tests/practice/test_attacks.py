"""Hostile "paste this solution" snippets against the grade, in the page (each as the practice-
integrity issue describes it): learner code that reads the answers, runs outside the limits,
outlives its check, tampers with the export, forges the report, kills its worker, escapes the time
limit by compiling under another file name, or repeats its top level's side effects. Each attack
fails to pass, and after it a wrong answer to another exercise is reported wrong and a right one
right: every check runs in a fresh interpreter that holds no expected value (PROTOCOL.md)."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from practice.practice_page import CHECK_MS, FIRST_CHECK_MS, SOLUTIONS, check, grade, panel, statuses, timed_check
from start.snapshots import first_visit, reload

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def attacked(browser, site_url):
    """One page for the attacks, each followed by honest checks: a second visit, so that every
    check's fresh interpreter is restored from the practice snapshot (as a learner's is)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page, watch = first_visit(context, site_url)
    assert reload(page) == "snapshot"
    yield page
    context.close()
    watch.assert_clean()


WRONG_L2 = SOLUTIONS["l2"].replace("(y - yhat) ** 2", "abs(y - yhat)")
WRONG_SIGMOID = "import numpy as np\n\ndef sigmoid(x):\n    return np.zeros(np.shape(x)) + 0.5\n"

READ_THE_ANSWERS = """import gc, sys, importlib.util
import numpy as np
found = sorted(name for name in ("grader", "nnbasics", "export", "exercises", "checking", "catalogue")
               if name in sys.modules or importlib.util.find_spec(name) is not None)
print(found)

def sigmoid(x):
    frame = sys._getframe(1)
    while frame is not None:  # the caller's locals, and theirs: where the grader kept "expected"
        for name, value in frame.f_locals.items():
            if "expected" in name and isinstance(value, np.ndarray) and value.shape == np.shape(x):
                return value
        frame = frame.f_back
    for value in gc.get_objects():  # any other array of the input's shape that is not the input
        if isinstance(value, np.ndarray) and value.shape == np.shape(x) and value is not x \\
                and not np.array_equal(value, x):
            return value.copy()
    for value in gc.get_referrers(x):
        if isinstance(value, dict) and "expected" in value:
            return value["expected"]
    return np.zeros(np.shape(x))
"""

OUTSIDE_THE_LIMITS = {
    "an error whose message never ends": (
        "import numpy as np\nclass Sneaky(Exception):\n"
        "    def __str__(self):\n        while True:\n            pass\n"
        "def softmax(x):\n    raise Sneaky()\n"
    ),
    "an error whose message prints and lies": (
        "import numpy as np\nclass Sneaky(Exception):\n"
        "    def __str__(self):\n        print('passed ' * 1000)\n"
        "        return 'All tests passed.'\n"
        "    __notes__ = property(lambda self: [str(self)] * 10**6)\n"
        "def softmax(x):\n    raise Sneaky()\n"
    ),
    "a warning whose text never ends": (
        "import warnings\nimport numpy as np\nclass Loud(UserWarning):\n"
        "    def __str__(self):\n        while True:\n            pass\n"
        "def softmax(x):\n    warnings.warn(Loud())\n    return np.zeros((1, 1))\n"
    ),
    "a result whose finalizer never ends": (
        "import numpy as np\nclass Stuck(np.ndarray):\n"
        "    def __del__(self):\n        while True:\n            pass\n"
        "def softmax(x):\n    return np.zeros(np.shape(x)).view(Stuck)\n"
    ),
}

OUTLIVE = """import builtins, gc, sys
import numpy as np
np.allclose = lambda *args, **kwargs: True
np.isclose = lambda *args, **kwargs: True
np.exp = lambda x: 0.5
builtins.isinstance = lambda *args: True
builtins.abs = lambda x: 0
sys.setprofile(lambda *args: None)
sys.addaudithook(lambda *args: None)
gc.callbacks.append(lambda *args: None)
class Forever:
    def __del__(self):
        builtins.FOREVER = self
keep = Forever()

def sigmoid(x):
    return x
"""

FORGE = """import json, sys
import numpy as np

def find_post():
    frame = sys._getframe(1)
    while frame is not None:
        if "post" in frame.f_locals and callable(frame.f_locals["post"]):
            return frame.f_locals["post"]
        frame = frame.f_back

def softmax(x):
    post = find_post()
    post({"type": "case", "index": 0, "output": "", "warnings": [], "raised": None, "limit": None,
          "returned": {"type": "numpy.ndarray", "ndarray": True, "float": False, "floating": False,
                       "integer": False, "dtype": "<f8", "shape": [2, 3], "data": None}})
    post({"type": "case-start", "index": "__proto__"})
    for index in range(20000):
        post({"type": "case", "index": index, "output": "", "warnings": [], "raised": None, "limit": None, "returned": None})
    post({"type": "done"})
    return x
"""  # noqa: E501

KILL = "import js\njs.close()\n\ndef sigmoid(x):\n    return x\n"
ESCAPE = (
    "import numpy as np\n\ndef sigmoid(x):\n    exec(compile('while True:\\n    pass\\n', 'x.py', 'exec'))\n"
    "    return 1 / (1 + np.exp(-x))\n"
)
ONCE = (
    "import builtins\nbuiltins.runs = getattr(builtins, 'runs', 0) + 1\nprint('runs', builtins.runs)\n"
    + SOLUTIONS["sigmoid"]
)


def honest_checks_are_right(page):
    """After an attack: a wrong answer to another exercise is wrong, a right one right (fresh interpreters)."""
    check(page, "l2", WRONG_L2, timeout=FIRST_CHECK_MS)
    assert statuses(page, "l2")["example"] == "fail" and grade(page, "l2")[0] == 0
    check(page, "l2", SOLUTIONS["l2"], timeout=CHECK_MS)
    assert set(statuses(page, "l2").values()) == {"pass"}
    check(page, "sigmoid", WRONG_SIGMOID, timeout=CHECK_MS)
    assert grade(page, "sigmoid")[0] == 0
    check(page, "sigmoid", SOLUTIONS["sigmoid"], timeout=CHECK_MS)
    assert set(statuses(page, "sigmoid").values()) == {"pass"}


def not_passed(page, op):
    """The check that just ended did not pass (earlier honest checks of the page may have)."""
    passed, total = grade(page, op)
    assert passed < total
    expect(panel(page, op).locator('output[name="grade"]')).to_have_attribute("data-status", "fail")


def test_1_learner_code_finds_no_expected_value_no_grader_and_no_reference_function(attacked):
    box = check(attacked, "sigmoid", READ_THE_ANSWERS, timeout=FIRST_CHECK_MS)
    assert box.locator(".practice-printed pre").text_content().strip() == "[]"
    assert grade(attacked, "sigmoid")[0] == 0
    not_passed(attacked, "sigmoid")
    honest_checks_are_right(attacked)


@pytest.mark.parametrize("attack", OUTSIDE_THE_LIMITS)
def test_2_what_learner_code_runs_while_its_answer_is_written_stays_inside_the_limits(attacked, attack):
    elapsed = timed_check(attacked, "softmax", OUTSIDE_THE_LIMITS[attack], timeout=FIRST_CHECK_MS)
    assert elapsed < 10_000
    assert grade(attacked, "softmax")[0] == 0
    assert "pass" not in statuses(attacked, "softmax").values()
    verdicts = panel(attacked, "softmax").locator("[data-case] .case-verdict").all_text_contents()
    assert "passed" not in verdicts
    honest_checks_are_right(attacked)


def test_2_an_error_whose_message_never_ends_is_reported_by_its_class(attacked):
    check(attacked, "softmax", OUTSIDE_THE_LIMITS["an error whose message never ends"], timeout=FIRST_CHECK_MS)
    message = panel(attacked, "softmax").locator('[data-case="example"] .case-message').text_content()
    assert "Sneaky" in message and "could not be shown" in message


def test_3_nothing_learner_code_installs_outlives_its_check(attacked):
    check(attacked, "sigmoid", OUTLIVE, timeout=FIRST_CHECK_MS)
    not_passed(attacked, "sigmoid")
    check(attacked, "sigmoid", WRONG_SIGMOID, timeout=CHECK_MS)  # the same exercise, a wrong answer
    assert grade(attacked, "sigmoid")[0] == 0
    honest_checks_are_right(attacked)


def same_numbers(text: str) -> str:
    """The text with each float to 12 digits: an expected value NumPy's dot computes (W·x) differs in
    its last digits between Pyodide's NumPy (no BLAS) and a native one, which sum in other orders."""
    return re.sub(r"\d+\.\d{13,}(?:e-?\d+)?", lambda number: f"{float(number.group()):.12g}", text)


def test_4_the_export_is_the_template_and_the_editors_text_whatever_learner_code_did(attacked, tmp_path):
    from web.practice import export, grader

    attack = (
        "import gc\nfor value in gc.get_objects():\n    if isinstance(value, dict) and 'CHECK_HELPER' in value:\n"
        "        value['CHECK_HELPER'] = 'import os\\nos.system(\"echo pwned\")\\n' + value['CHECK_HELPER']\n"
        "def sigmoid(x):\n    return x\n"
    )
    check(attacked, "sigmoid", attack, timeout=FIRST_CHECK_MS)
    codes = dict(
        attacked.locator("[data-practice][data-exercise]").evaluate_all(
            "panels => panels.map(p => [p.dataset.exercise, p.querySelector('[name=code]').value])"
        )
    )
    kept = attacked.evaluate("(key) => localStorage.getItem(key)", "nnbasics:practice:passed-code:sigmoid")
    context = {
        op: [
            {"function": used["function"], "code": kept or used["reference"], "own": bool(kept)}
            for used in grader.uses(op)
        ]
        for op in codes
    }  # what the panels give, as practice.js does
    for kind, made in (
        ("ipynb", lambda codes, lang: export.export_ipynb(codes, lang, context)),
        ("py", export.export_py),
    ):
        with attacked.expect_download() as download:
            attacked.locator(f'button[name="download-{kind}"]').click()
        path = tmp_path / f"practice.{kind}"
        download.value.save_as(path)
        assert same_numbers(path.read_text()) == same_numbers(made(codes, "en"))
    cells = json.loads((tmp_path / "practice.ipynb").read_text())["cells"]
    assert not any(
        "os.system" in "".join(cell["source"]) for cell in cells if "def sigmoid" not in "".join(cell["source"])
    )


def test_5_forged_messages_end_the_check_unpassed_and_the_page_stays_responsive(attacked):
    elapsed = timed_check(attacked, "softmax", FORGE, timeout=FIRST_CHECK_MS)
    assert elapsed < 10_000
    assert grade(attacked, "softmax")[0] == 0
    verdicts = panel(attacked, "softmax").locator("[data-case] .case-verdict").all_text_contents()
    assert "passed" not in verdicts and any(verdict.startswith("interrupted") for verdict in verdicts), verdicts
    started = attacked.evaluate("performance.now()")
    assert attacked.evaluate("performance.now()") - started < 500
    honest_checks_are_right(attacked)


def test_6_a_worker_that_closes_itself_costs_its_own_check_only(attacked):
    elapsed = timed_check(attacked, "sigmoid", KILL, timeout=FIRST_CHECK_MS)
    assert elapsed < 10_000
    not_passed(attacked, "sigmoid")
    honest_checks_are_right(attacked)


def test_8_code_compiled_under_another_name_is_timed_as_the_learners_own(attacked):
    elapsed = timed_check(attacked, "sigmoid", ESCAPE, timeout=FIRST_CHECK_MS)
    assert elapsed < 8_000  # the 5 s limit, not the page's 8 s backstop
    expect(panel(attacked, "sigmoid").locator('[data-case="example"] .case-verdict')).to_have_text("timed out")
    not_passed(attacked, "sigmoid")
    honest_checks_are_right(attacked)


def test_9_the_top_level_runs_once_per_check_in_a_fresh_interpreter(attacked):
    for _ in range(2):
        box = check(attacked, "sigmoid", ONCE, timeout=FIRST_CHECK_MS)
        assert box.locator(".practice-printed pre").text_content() == "runs 1\n"
        assert set(statuses(attacked, "sigmoid").values()) == {"pass"}
        outputs = box.locator("[data-case] .case-block pre").all_text_contents()
        assert not any("runs" in text for text in outputs)
