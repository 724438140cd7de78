"""Practice mode's grader (web/practice/grader.py) on learner code that prints, fails, loops,
allocates or misbehaves: its output and errors are shown, its time and memory are limited, and
it cannot change the reference.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from practice.native import by_name, en, failures, grade
from web.practice import grader, sandbox

# --------------------------------------------------------------------------- output and errors


def test_print_output_is_captured_per_case_and_once_for_the_top_level():
    code = (
        "import numpy as np\nprint('loading my code')\n\ndef sigmoid(x):\n"
        "    print('x has shape', x.shape)\n    return 1 / (1 + np.exp(-x))\n"
    )
    result = grade("sigmoid", code)
    assert result["printed"] == "loading my code\n"
    cases = by_name(result)
    assert cases["example"]["output"] == "x has shape (3,)\n"
    assert cases["matrix"]["output"] == "x has shape (2, 3)\n"
    assert result["all_passed"]


def test_endless_printing_is_cut_short():
    result = grade("sigmoid", "def sigmoid(x):\n    for i in range(200000):\n        print(i)\n")
    output = result["cases"][0]["output"]
    assert len(output) < sandbox.MAX_OUTPUT + 100
    assert "more characters not shown" in output


def test_a_traceback_shows_only_the_learners_own_lines():
    code = (
        "import numpy as np\n\ndef helper(x):\n    return np.dot(x, np.ones((7, 7)))\n\n"
        "def sigmoid(x):\n    return helper(x)\n"
    )
    example = grade("sigmoid", code)["cases"][0]
    assert example["failed"] == "runs"
    trace = example["traceback"]
    assert trace.startswith("Traceback (most recent call last):")
    assert 'File "<your code>", line 7, in sigmoid' in trace
    assert 'File "<your code>", line 4, in helper' in trace
    assert "return np.dot(x, np.ones((7, 7)))" in trace  # the learner's source line
    assert "grader.py" not in trace and "numpy" not in trace.split("\n")[1]
    assert trace.splitlines()[-1].startswith("ValueError: shapes (3,) and (7,7) not aligned")


def test_a_syntax_error_fails_every_case_and_shows_where():
    result = grade("sigmoid", "import numpy as np\ndef sigmoid(x)\n    return x\n")
    assert result["error"]["kind"] == "syntax"
    assert 'File "<your code>", line 2' in result["error"]["traceback"]
    assert "SyntaxError: expected ':'" in result["error"]["traceback"]
    assert set(failures(result).values()) == {"runs"} and result["passed"] == 0


def test_an_error_at_the_top_level_is_shown_once():
    result = grade("sigmoid", "import numpy as np\nnp.exp(undefined_name)\n")
    assert result["error"]["kind"] == "top-level"
    assert "NameError: name 'undefined_name' is not defined" in result["error"]["traceback"]
    assert 'File "<your code>", line 2, in <module>' in result["error"]["traceback"]
    assert result["passed"] == 0


def test_a_missing_function_is_named():
    result = grade("l2", "def l2(yhat, y):\n    return 0.43\n")
    assert result["error"]["kind"] == "undefined"
    assert "def L2(yhat, y):" in en(result["error"]["message"])
    assert set(failures(result).values()) == {"defined"}


def test_an_unprintable_result_is_described_not_repr_ed():
    code = (
        "class Odd:\n    def __repr__(self):\n        raise RuntimeError('no')\n\ndef sigmoid(x):\n    return Odd()\n"
    )
    example = grade("sigmoid", code)["cases"][0]
    assert example["failed"] == "type"
    assert example["got"] == "<a __main__.Odd object>"


# --------------------------------------------------------------------------- limits and safety


def test_an_endless_loop_times_out_and_the_other_cases_are_not_run():
    started = time.monotonic()
    result = grade("sigmoid", "def sigmoid(x):\n    while True:\n        pass\n", time_limit=0.5)
    assert time.monotonic() - started < 3
    cases = result["cases"]
    assert cases[0]["failed"] == "time" and en(cases[0]["message"]).startswith("timed out")
    assert 'File "<your code>", line' in cases[0]["traceback"] and "in sigmoid" in cases[0]["traceback"]
    assert all(case["failed"] == "not-run" for case in cases[1:])


def test_catching_exceptions_does_not_escape_the_time_limit():
    # The limit is a BaseException, which `except Exception` does not catch. (A bare
    # `except:` would: Python unsets a trace function that raised, so such a loop is left
    # to the page's hard limit, which ends the worker -- see tests/practice/test_practice_panel.py.)
    code = (
        "def sigmoid(x):\n    while True:\n        try:\n            while True:\n                pass\n"
        "        except Exception:\n            pass\n"
    )
    started = time.monotonic()
    result = grade("sigmoid", code, time_limit=0.5)
    assert time.monotonic() - started < 3
    assert result["cases"][0]["failed"] == "time"


def test_an_endless_loop_at_the_top_level_fails_every_case():
    result = grade("sigmoid", "while True:\n    pass\n", time_limit=0.5)
    assert result["error"]["kind"] == "time"
    assert set(failures(result).values()) == {"time"}


def test_a_runaway_allocation_runs_out_of_memory():
    code = (
        "import numpy as np\n\ndef sigmoid(x):\n    kept = []\n    while True:\n        kept.append(np.ones(10**6))\n"
    )
    result = grade("sigmoid", code, memory_limit=64 * 2**20)
    assert result["cases"][0]["failed"] == "memory"
    assert en(result["cases"][0]["message"]).startswith("ran out of memory")


def test_a_memory_error_of_python_itself_is_reported_as_such():
    result = grade("sigmoid", "def sigmoid(x):\n    raise MemoryError('no room')\n")
    assert result["cases"][0]["failed"] == "memory"


def test_expected_values_are_computed_once_and_handed_out_as_copies():
    first = grader.expected_values("softmax")
    first[0][...] = 0
    assert not np.allclose(grader.expected_values("softmax")[0], 0)
    assert grader.plan("softmax")["job"]["cases"][0] == grader.plan("softmax")["job"]["cases"][0]


@pytest.mark.parametrize(
    "statement, name",
    [
        ("sys.exit()", "SystemExit"),
        ("sys.exit(3)", "SystemExit: 3"),
        ("raise SystemExit", "SystemExit"),
        ("raise KeyboardInterrupt", "KeyboardInterrupt"),
        ("raise GeneratorExit", "GeneratorExit"),
    ],
)
def test_system_exit_and_other_base_exceptions_are_the_learners_own_errors(statement, name):
    code = f"import sys\n\ndef sigmoid(x):\n    {statement}\n"
    result = grade("sigmoid", code)
    example = by_name(result)["example"]
    assert example["failed"] == "runs" and en(example["message"]) == f"raised {name}"
    assert example["traceback"].splitlines()[-2].strip() == statement
    assert "grader.py" not in example["traceback"]
    assert result["error"] is None


def test_system_exit_at_the_top_level_is_shown_as_an_error_of_the_code():
    result = grade("sigmoid", "import sys\nsys.exit('bye')\n")
    assert result["error"]["kind"] == "top-level"
    assert result["error"]["traceback"].endswith("SystemExit: bye")
    assert {case["failed"] for case in result["cases"]} == {"runs"}


def test_the_learner_gets_copies_of_the_inputs():
    code = "def normalize_rows(x):\n    x[:] = 0\n    return x\n"
    result = grade("normalize_rows", code)
    assert by_name(result)["example"]["args"] == "x = np.array([[0, 3, 4],\n" + " " * 14 + "[1, 6, 4]])"
    assert grader.cases("normalize_rows")[0].args[0].tolist() == [[0, 3, 4], [1, 6, 4]]


def test_the_top_level_runs_once_per_check_and_its_names_stay_for_every_case():
    code = (
        "print('top')\ncalls = []\n\ndef sigmoid(x):\n    calls.append(1)\n    print(len(calls))\n"
        "    return 1 / (1 + 2.718281828459045 ** -x)\n"
    )
    result = grade("sigmoid", code)
    assert result["printed"] == "top\n"
    assert [case["output"] for case in result["cases"]] == [f"{n}\n" for n in range(1, len(result["cases"]) + 1)]
