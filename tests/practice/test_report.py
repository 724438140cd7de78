"""The practice report's wording (web/practice/report.js) and the grader agree: every check
and failure the grader can name has the page's words for it, and the page words nothing else
but its own two outcomes (a check it stopped, a worker that crashed)."""
import pytest

import grader

PAGE_OWN = {"stopped", "crashed"}  # outcomes the page itself decides, not the grader


def test_every_check_and_failure_the_grader_names_has_a_verdict_on_the_page(blank):
    verdicts = blank.evaluate("import('/practice/report.js').then((m) => m.VERDICTS)")
    assert set(verdicts) == set(grader.CHECKS) | set(grader.FAILURES) | PAGE_OWN
    assert all(isinstance(text, str) and text for text in verdicts.values())


@pytest.mark.parametrize("code", [
    "def sigmoid(x):\n    return None\n",
    "def sigmoid(x)\n",
    "def other(x):\n    pass\n",
    "def sigmoid(x):\n    while True:\n        pass\n",
    "import numpy as np\ndef sigmoid(x):\n    return np.zeros(3)\n",
])
def test_the_grader_only_ever_reports_the_checks_and_failures_it_declares(code):
    for case in grader.grade("sigmoid", code, time_limit=0.3)["cases"]:
        assert {name for name, _ in case["checks"]} <= set(grader.CHECKS)
        assert case["failed"] in set(grader.CHECKS) | set(grader.FAILURES) | {None}
