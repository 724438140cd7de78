"""Cheats against the grader (web/practice/grader.py, sandbox.py), natively: learner code that
rewrites NumPy, reaches for the grader or its reference values, or switches a limit off does
not pass a wrong function; whatever it changed is put back, the check says "tampered" and asks
for a fresh interpreter (the page then replaces the worker). The browser's side of the same
attacks, and the worker's own seal of the guard: tests/practice/test_isolation.py."""
from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import catalogue
import grader
import sandbox
import wording

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = {op["name"]: op["solution"] for op in catalogue.OPERATIONS}
WRONG = "import numpy as np\n\ndef sigmoid(x):\n    return np.zeros(np.shape(x)) + 0.5\n"
ALWAYS_CLOSE = "np.allclose._implementation.__code__ = (lambda *args, **kwargs: True).__code__\n"


def kinds(result: dict) -> set:
    return {case["failed"] for case in result["cases"]}


def assert_whole_again():
    """NumPy and the grader are as they were: a wrong function fails, a right one passes."""
    assert grader._GUARD.intact()
    assert not np.allclose([1.0], [2.0])
    assert not grader.grade("l2", SOLUTIONS["l2"].replace("(y - yhat) ** 2", "abs(y - yhat)"))["all_passed"]
    assert grader.grade("softmax", SOLUTIONS["softmax"])["all_passed"]


def test_a_rewritten_numpy_function_fails_the_check_and_is_put_back():
    result = grader.grade("sigmoid", "import numpy as np\n" + ALWAYS_CLOSE + WRONG)
    assert result["passed"] == 0 and kinds(result) == {"tampered"}
    assert result["error"]["kind"] == "tampered" and result["recycle"]
    assert_whole_again()


def test_rewriting_numpy_inside_the_function_fails_every_case_it_ran_in():
    code = "import numpy as np\n\ndef sigmoid(x):\n    " + ALWAYS_CLOSE + "    return x\n"
    result = grader.grade("sigmoid", code)
    assert result["passed"] == 0 and kinds(result) == {"tampered"} and result["recycle"]
    assert result["error"] is None  # the top level itself changed nothing
    assert_whole_again()


@pytest.mark.parametrize("statement", [
    "import grader", "import sandbox", "from exercises import EXERCISES", "import catalogue",
    "import sys\nsys.modules.pop('grader')\nimport grader",  # a fresh copy cannot load: its imports are hidden too
])
def test_learner_code_cannot_import_the_grader(statement):
    result = grader.grade("sigmoid", statement + "\n" + WRONG)
    assert result["passed"] == 0 and result["error"]["kind"] == "top-level"
    assert "halted; None in sys.modules" in result["error"]["traceback"]
    assert_whole_again()


def test_the_guard_has_no_attribute_to_replace():
    with pytest.raises(AttributeError):
        grader._GUARD.restore = lambda: False
    assert isinstance(grader._GUARD.saved, tuple) and isinstance(grader._GUARD.functions, tuple)
    assert set(sandbox.SEALED["functions"]) <= set(vars(sandbox.Guard))
    assert set(sandbox.SEALED["slots"]) <= set(sandbox.Guard.__slots__)


def test_a_guard_switched_off_through_the_graders_frame_is_told_of():
    """The grader's globals are one frame up from the learner's top level: replacing the guard's
    method there is caught by its other check (and by the worker's seal, in the page). The process
    stays changed (the page replaces the worker), so this runs in a process of its own."""
    code = ("import sys\nimport numpy as np\nGuard = type(sys._getframe(1).f_globals['_GUARD'])\n"
            "Guard.restore = lambda self: False\n" + ALWAYS_CLOSE + WRONG)
    script = (f"import json, grader\nresult = grader.grade('sigmoid', {code!r})\n"
              "print(json.dumps([result['passed'], sorted({c['failed'] for c in result['cases']}), result['recycle'],"
              " grader._GUARD.intact()]))")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT,
                         env={"PYTHONPATH": ":".join(str(ROOT / p) for p in ("py", "web", "web/i18n", "web/practice"))})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == '[0, ["tampered"], true, false]'


def test_the_reference_values_cannot_be_made_writable():
    for case, expected, _ in grader.PLANS["sigmoid"]:
        for value in (expected, *case.args):
            if isinstance(value, np.ndarray):
                with pytest.raises(ValueError):
                    value.flags.writeable = True
    code = ("import sys\nfor case, expected, _ in sys._getframe(1).f_globals['PLANS']['sigmoid']:\n"
            "    expected.flags.writeable = True\n    expected[...] = 0.5\n" + WRONG)
    result = grader.grade("sigmoid", code)
    assert result["passed"] == 0 and "WRITEABLE" in result["error"]["traceback"]
    assert_whole_again()


def test_reference_values_swapped_behind_the_read_only_mapping_are_told_of():
    plans = next(item for item in gc.get_referents(grader.PLANS) if isinstance(item, dict))
    original = plans["sigmoid"]
    try:
        code = ("import gc, sys\nplans = sys._getframe(1).f_globals['PLANS']\n"
                "table = [item for item in gc.get_referents(plans) if isinstance(item, dict)][0]\n"
                "table['sigmoid'] = tuple((case, case.args[0] * 0 + 0.5, entry) for case, _, entry in table['sigmoid'])\n"
                + WRONG)
        result = grader.grade("sigmoid", code)
        assert result["passed"] == 0 and result["recycle"] and kinds(result) == {"tampered"}
        assert grader.grade("sigmoid", SOLUTIONS["sigmoid"])["error"]["kind"] == "tampered"  # not before it is put back
    finally:
        plans["sigmoid"] = original
    assert_whole_again()


def test_a_module_hidden_from_learner_code_that_it_brings_back_is_told_of():
    result = grader.grade("sigmoid", "import sys\nsys.modules['js'] = sys\n" + SOLUTIONS["sigmoid"])
    assert result["passed"] == 0 and kinds(result) == {"tampered"} and result["recycle"]
    assert "js" not in sys.modules
    assert_whole_again()


def test_a_check_after_an_unnoticed_change_runs_nothing_and_asks_for_a_fresh_interpreter():
    function = np.allclose._implementation
    code = function.__code__
    try:
        function.__code__ = (lambda *args, **kwargs: True).__code__  # changed between two checks
        result = grader.grade("sigmoid", SOLUTIONS["sigmoid"])
        assert kinds(result) == {"tampered"} and result["recycle"] and result["printed"] == ""
    finally:
        function.__code__ = code
    assert_whole_again()


def test_stopping_tracemalloc_hits_the_memory_limit():
    code = ("import tracemalloc\nimport numpy as np\ntracemalloc.stop()\n\ndef sigmoid(x):\n"
            "    kept = [np.ones(10**6) for _ in range(1000)]\n    return x\n")
    result = grader.grade("sigmoid", code, memory_limit=64 * 2**20)
    assert result["cases"][0]["failed"] == "memory" and "tracemalloc" in wording.render("en", result["cases"][0]["message"])
    assert_whole_again()


def test_correct_code_that_imports_numpy_submodules_is_not_taken_for_tampering():
    code = "import numpy.linalg\nimport math, json, copy\n" + SOLUTIONS["normalize_rows"]
    result = grader.grade("normalize_rows", code)
    assert result["all_passed"] and not result["recycle"]
