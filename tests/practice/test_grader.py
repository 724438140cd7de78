"""Practice mode's grader (web/practice/grader.py), natively: the package's own code passes
every case of both tiers, typical mistakes fail the case and the check they should, learner
code is limited in time and memory, its output and errors are shown, and it cannot change
the reference. What the course accepts and refuses: tests/practice/test_exercises.py.
"""
from __future__ import annotations

import base64
import inspect
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import nnbasics
import catalogue
import plain
import sandbox
import wording
import exercises
import grader  # web/practice is on pytest's pythonpath (pyproject.toml)

ROOT = Path(__file__).resolve().parents[2]

OPS = [op["name"] for op in catalogue.OPERATIONS]


def package_source(op: str) -> str:
    """The module that defines the package's function, as a learner could paste it."""
    function = getattr(nnbasics, grader.FUNCTIONS[op])
    source = inspect.getsource(sys.modules[function.__module__])
    return source.replace("from .", "from nnbasics.")  # its relative imports, made absolute


def en(phrases) -> str:
    """The grader's phrases as an English page shows them (without their marks)."""
    return wording.render("en", phrases)


def by_name(result: dict) -> dict[str, dict]:
    return {case["name"]: case for case in result["cases"]}


def failures(result: dict) -> dict[str, str]:
    return {case["name"]: case["failed"] for case in result["cases"] if case["status"] == "fail"}


# What a learner following the course would write: the catalogue's solutions.
COURSE_SOLUTIONS = {op["name"]: op["solution"] for op in catalogue.OPERATIONS}


def replace(op: str, old: str, new: str) -> str:
    code = COURSE_SOLUTIONS[op]
    assert old in code, (op, old)
    return code.replace(old, new)


# (exercise, the mistake, the case that must fail, the check it must fail)
MISTAKES = [
    ("softmax", replace("softmax", "axis=-1, keepdims=True)\n    s", "axis=0, keepdims=True)\n    s"),
     "example", "values"),
    ("softmax", replace("softmax", "np.exp(x - np.max(x, axis=-1, keepdims=True))", "np.exp(x)"),
     "large-values", "values"),
    ("softmax", COURSE_SOLUTIONS["softmax"].replace("axis=-1", "axis=1"), "one-row", "runs"),
    ("l2", replace("l2", "(y - yhat) ** 2", "np.abs(y - yhat)"), "example", "values"),
    ("l2", "import numpy as np\n\ndef L2(yhat, y):\n    x = y - yhat\n    return np.dot(x, x)\n",
     "column-vectors", "runs"),
    ("l1", replace("l1", "np.sum(np.abs(y - yhat))", "np.abs(y - yhat)"), "example", "type"),
    ("image2vector", "def image2vector(image):\n    return image.reshape(-1, 1, order='F')\n", "example", "values"),
    ("image2vector", "def image2vector(image):\n    return image.reshape(-1)\n", "example", "shape"),
    ("image2vector", "def image2vector(image):\n    h, w, c = image.shape\n    return image.reshape(h * w * 2, 1)\n",
     "integers", "runs"),
    ("normalize_rows", replace("normalize_rows", ", keepdims=True", ""), "square", "values"),
    ("normalize_rows", replace("normalize_rows", ", keepdims=True", ""), "example", "runs"),
    ("normalize_rows", replace("normalize_rows", "np.where(x_norm == 0, 1, x_norm)", "x_norm"), "zero-row", "values"),
    ("normalize_rows", replace("normalize_rows", "x = x / np.where(x_norm == 0, 1, x_norm)",
                               "x /= np.where(x_norm == 0, 1, x_norm)"), "example", "runs"),
    ("basic_sigmoid", "import numpy as np\n\ndef basic_sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n", "array", "raises"),
    ("basic_sigmoid", replace("basic_sigmoid", "1 / (1 + math.exp(-x))", "math.exp(x) / (1 + math.exp(x))"),
     "large", "runs"),
    ("sigmoid", replace("sigmoid", "1 / (1 + np.exp(-x))", "np.exp(x) / (1 + np.exp(x))"), "large-values", "values"),
    ("sigmoid", "def sigmoid(x):\n    return [0.5] * len(x)\n", "example", "type"),
    ("sigmoid_derivative", replace("sigmoid_derivative", "ds = s * (1 - s)", "ds = np.exp(-x) / (1 + np.exp(-x)) ** 2"),
     "large-values", "values"),
]


# --------------------------------------------------------------------------- the cases


def test_every_card_has_an_exercise():
    assert sorted(grader.FUNCTIONS) == sorted(OPS)
    for op in OPS:
        assert callable(getattr(nnbasics, grader.FUNCTIONS[op]))


@pytest.mark.parametrize("op", OPS)
def test_the_cases_are_the_example_seeded_random_inputs_then_edge_cases(op):
    first, second = grader.cases(op), grader.cases(op)
    names = [case.name for case in first]
    course = ["example"] + [f"random-{i}" for i in range(1, exercises.RANDOM_CASES + 1)]
    assert names[:len(course)] == course and len(names) == len(set(names)) > len(course)
    assert [case.tier for case in first] == ["course"] * len(course) + ["extra"] * (len(names) - len(course))
    for a, b in zip(first, second):  # seeded: the same inputs every time
        for x, y in zip(a.args, b.args):
            np.testing.assert_array_equal(x, y)


@pytest.mark.parametrize("op", OPS)
def test_the_packages_own_source_passes_every_case_of_both_tiers(op):
    result = grader.grade(op, package_source(op))
    assert failures(result) == {}
    tiers = [case.tier for case in grader.cases(op)]
    assert result["passed"] == result["total"] == tiers.count("course")
    assert result["extra_passed"] == result["extra_total"] == tiers.count("extra")
    assert result["all_passed"] and result["all_extra_passed"] and result["error"] is None


@pytest.mark.parametrize("op", OPS)
def test_the_catalogues_solution_passes_every_case_of_both_tiers(op):
    result = grader.grade(op, COURSE_SOLUTIONS[op])
    assert failures(result) == {}


# The answer forms a course learner writes and the course's own tests accept (its notebook's cells,
# with their imports): each passes every course check here. sigmoid_derivative calls the sigmoid
# the panel provides, as the course's answer calls the one of an earlier cell.
COURSE_FORMS = [
    ("basic_sigmoid", "import math\ndef basic_sigmoid(x):\n    return 1 / (1 + math.exp(-x))\n"),
    ("basic_sigmoid", "import math\ndef basic_sigmoid(x):\n    s = 1.0 / (1.0 + 1 / math.exp(x))\n    return s\n"),
    ("sigmoid", "import numpy as np\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n"),
    ("sigmoid", "import numpy as np\ndef sigmoid(x):\n    s = np.exp(x) / (np.exp(x) + 1)\n    return s\n"),
    ("sigmoid_derivative", "def sigmoid_derivative(x):\n    s = sigmoid(x)\n    ds = s * (1 - s)\n    return ds\n"),
    ("sigmoid_derivative", "import numpy as np\ndef sigmoid_derivative(x):\n    s = 1 / (1 + np.exp(-x))\n"
     "    return np.multiply(s, 1 - s)\n"),
    ("image2vector", "def image2vector(image):\n    return image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)\n"),
    ("image2vector", "def image2vector(image):\n    return image.reshape(-1, 1)\n"),
    ("image2vector", "import numpy as np\ndef image2vector(image):\n    return np.reshape(image, (image.size, 1))\n"),
    ("normalize_rows", "import numpy as np\ndef normalize_rows(x):\n    x_norm = np.linalg.norm(x, ord=2, axis=1, keepdims=True)\n"
     "    x = x / x_norm\n    return x\n"),
    ("normalize_rows", "import numpy as np\ndef normalize_rows(x):\n    return x / np.sqrt(np.sum(x ** 2, axis=1, keepdims=True))\n"),
    ("softmax", "import numpy as np\ndef softmax(x):\n    x_exp = np.exp(x)\n    x_sum = np.sum(x_exp, axis=1, keepdims=True)\n"
     "    s = x_exp / x_sum\n    return s\n"),
    ("softmax", "import numpy as np\ndef softmax(x):\n    e = np.exp(x)\n    return e / e.sum(axis=1).reshape(-1, 1)\n"),
    ("l1", "import numpy as np\ndef L1(yhat, y):\n    loss = np.sum(np.abs(y - yhat))\n    return loss\n"),
    ("l1", "import numpy as np\ndef L1(yhat, y):\n    return np.sum(abs(yhat - y))\n"),
    ("l2", "import numpy as np\ndef L2(yhat, y):\n    loss = np.sum((y - yhat) ** 2)\n    return loss\n"),
    ("l2", "import numpy as np\ndef L2(yhat, y):\n    return np.dot(y - yhat, y - yhat)\n"),
    ("l2", "import numpy as np\ndef L2(yhat, y):\n    return np.sum(np.square(yhat - y))\n"),
]


@pytest.mark.parametrize("op, code", COURSE_FORMS, ids=[f"{op}-{i}" for i, (op, _) in enumerate(COURSE_FORMS)])
def test_every_answer_form_the_course_accepts_passes_every_course_check(op, code):
    result = grader.grade(op, code)
    course = [case for case in result["cases"] if case["tier"] == "course"]
    assert course and all(case["status"] == "pass" for case in course), [c["name"] for c in course if c["status"] != "pass"]
    assert result["all_passed"]


@pytest.mark.parametrize("op", OPS)
def test_the_starting_stub_fails_every_case_at_the_type_check(op):
    name = grader.FUNCTIONS[op]
    params = ", ".join(grader.PARAMS[op])
    stub = f'import numpy as np\n\ndef {name}({params}):\n    """Doc."""\n    # YOUR CODE HERE\n    s = None\n\n    return s\n'
    result = grader.grade(op, stub)
    assert result["passed"] == result["extra_passed"] == 0
    for case in result["cases"]:
        if case["checks"][0][0] == "raises":  # basic_sigmoid's "a list must raise" cases
            assert case["failed"] == "raises"
        else:
            assert case["failed"] == "type"
            assert "returned None" in en(case["message"])


def test_the_reference_example_has_the_courses_expected_values():
    result = grader.grade("sigmoid", COURSE_SOLUTIONS["sigmoid"])
    example = by_name(result)["example"]
    assert example["args"] == "x = np.array([1, 2, 3])"
    assert example["call"] == "sigmoid(x)"
    assert example["expected"] == "np.array([0.73105858, 0.88079708, 0.95257413])"
    assert by_name(grader.grade("l2", COURSE_SOLUTIONS["l2"]))["example"]["expected"] == "0.43"


# --------------------------------------------------------------------------- typical mistakes


@pytest.mark.parametrize("op, code, case, check", MISTAKES,
                         ids=[f"{op}-{case}-{check}-{i}" for i, (op, _, case, check) in enumerate(MISTAKES)])
def test_a_typical_mistake_fails_the_right_case_and_check(op, code, case, check):
    result = grader.grade(op, code)
    failed = by_name(result)[case]
    assert failed["status"] == "fail"
    assert failed["failed"] == check
    statuses = dict(failed["checks"])
    assert statuses[check] == "fail"
    names = [name for name, _ in failed["checks"]]
    assert all(statuses[name] == "pass" for name in names[:names.index(check)])  # checked in order
    assert all(statuses[name] == "skipped" for name in names[names.index(check) + 1:])
    assert failed["hint"]  # the lesson of the case is shown with the failure
    assert not result["all_passed" if failed["tier"] == "course" else "all_extra_passed"]


def test_checks_come_in_the_courses_order_type_shape_values():
    wrong_shape = grader.grade("sigmoid", "import numpy as np\ndef sigmoid(x):\n    return np.zeros((1, 1))\n")
    example = by_name(wrong_shape)["example"]
    assert example["checks"] == [["runs", "pass"], ["type", "pass"], ["shape", "fail"], ["values", "skipped"]]
    assert en(example["message"]) == "expected shape (3,), got shape (1, 1)"
    wrong_values = grader.grade("sigmoid", "import numpy as np\ndef sigmoid(x):\n    return np.zeros(np.shape(x))\n")
    example = by_name(wrong_values)["example"]
    assert example["failed"] == "values"
    assert en(example["message"]).startswith("np.allclose(expected, result) is False: 3 of 3 values differ")
    assert example["got"] == "np.array([0., 0., 0.])"


def test_using_np_exp_in_basic_sigmoid_is_explained():
    result = grader.grade("basic_sigmoid", MISTAKES[13][1])
    array = by_name(result)["array"]
    assert array["failed"] == "raises"
    assert "expected it to raise TypeError, but it returned np.array([" in en(array["message"])
    assert "np.exp" in en(array["hint"]) and "math.exp takes one real number" in en(array["hint"])
    assert by_name(result)["example"]["status"] == "pass"


def test_nan_from_an_overflow_is_pointed_out():
    result = grader.grade("softmax", MISTAKES[1][1])
    large = by_name(result)["large-values"]
    assert "nan" in large["got"] and "Your result has nan in it" in en(large["message"])
    assert "maximum" in en(large["hint"])


# --------------------------------------------------------------------------- output and errors


def test_print_output_is_captured_per_case_and_once_for_the_top_level():
    code = ("import numpy as np\nprint('loading my code')\n\ndef sigmoid(x):\n"
            "    print('x has shape', x.shape)\n    return 1 / (1 + np.exp(-x))\n")
    result = grader.grade("sigmoid", code)
    assert result["printed"] == "loading my code\n"
    cases = by_name(result)
    assert cases["example"]["output"] == "x has shape (3,)\n"
    assert cases["matrix"]["output"] == "x has shape (2, 3)\n"
    assert result["all_passed"]


def test_endless_printing_is_cut_short():
    result = grader.grade("sigmoid", "def sigmoid(x):\n    for i in range(200000):\n        print(i)\n")
    output = result["cases"][0]["output"]
    assert len(output) < sandbox.MAX_OUTPUT + 100
    assert "more characters not shown" in output


def test_a_traceback_shows_only_the_learners_own_lines():
    code = ("import numpy as np\n\ndef helper(x):\n    return np.dot(x, np.ones((7, 7)))\n\n"
            "def sigmoid(x):\n    return helper(x)\n")
    example = grader.grade("sigmoid", code)["cases"][0]
    assert example["failed"] == "runs"
    trace = example["traceback"]
    assert trace.startswith("Traceback (most recent call last):")
    assert 'File "<your code>", line 7, in sigmoid' in trace
    assert 'File "<your code>", line 4, in helper' in trace
    assert "return np.dot(x, np.ones((7, 7)))" in trace  # the learner's source line
    assert "grader.py" not in trace and "numpy" not in trace.split("\n")[1]
    assert trace.splitlines()[-1].startswith("ValueError: shapes (3,) and (7,7) not aligned")


def test_a_syntax_error_fails_every_case_and_shows_where():
    result = grader.grade("sigmoid", "import numpy as np\ndef sigmoid(x)\n    return x\n")
    assert result["error"]["kind"] == "syntax"
    assert 'File "<your code>", line 2' in result["error"]["traceback"]
    assert "SyntaxError: expected ':'" in result["error"]["traceback"]
    assert set(failures(result).values()) == {"runs"} and result["passed"] == 0


def test_an_error_at_the_top_level_is_shown_once():
    result = grader.grade("sigmoid", "import numpy as np\nnp.exp(undefined_name)\n")
    assert result["error"]["kind"] == "top-level"
    assert "NameError: name 'undefined_name' is not defined" in result["error"]["traceback"]
    assert 'File "<your code>", line 2, in <module>' in result["error"]["traceback"]
    assert result["passed"] == 0


def test_a_missing_function_is_named():
    result = grader.grade("l2", "def l2(yhat, y):\n    return 0.43\n")
    assert result["error"]["kind"] == "undefined"
    assert "def L2(yhat, y):" in en(result["error"]["message"])
    assert set(failures(result).values()) == {"defined"}


def test_an_unprintable_result_is_described_not_repr_ed():
    code = "class Odd:\n    def __repr__(self):\n        raise RuntimeError('no')\n\ndef sigmoid(x):\n    return Odd()\n"
    example = grader.grade("sigmoid", code)["cases"][0]
    assert example["failed"] == "type"
    assert example["got"] == "<a __main__.Odd object>"


# --------------------------------------------------------------------------- limits and safety


def test_an_endless_loop_times_out_and_the_other_cases_are_not_run():
    started = time.monotonic()
    result = grader.grade("sigmoid", "def sigmoid(x):\n    while True:\n        pass\n", time_limit=0.5)
    assert time.monotonic() - started < 3
    cases = result["cases"]
    assert cases[0]["failed"] == "time" and en(cases[0]["message"]).startswith("timed out")
    assert 'File "<your code>", line' in cases[0]["traceback"] and "in sigmoid" in cases[0]["traceback"]
    assert all(case["failed"] == "not-run" for case in cases[1:])


def test_catching_exceptions_does_not_escape_the_time_limit():
    # The limit is a BaseException, which `except Exception` does not catch. (A bare
    # `except:` would: Python unsets a trace function that raised, so such a loop is left
    # to the page's hard limit, which ends the worker -- see tests/practice/test_practice_panel.py.)
    code = ("def sigmoid(x):\n    while True:\n        try:\n            while True:\n                pass\n"
            "        except Exception:\n            pass\n")
    started = time.monotonic()
    result = grader.grade("sigmoid", code, time_limit=0.5)
    assert time.monotonic() - started < 3
    assert result["cases"][0]["failed"] == "time"


def test_an_endless_loop_at_the_top_level_fails_every_case():
    result = grader.grade("sigmoid", "while True:\n    pass\n", time_limit=0.5)
    assert result["error"]["kind"] == "time"
    assert set(failures(result).values()) == {"time"}


def test_a_runaway_allocation_runs_out_of_memory():
    code = "import numpy as np\n\ndef sigmoid(x):\n    kept = []\n    while True:\n        kept.append(np.ones(10**6))\n"
    result = grader.grade("sigmoid", code, memory_limit=64 * 2**20)
    assert result["cases"][0]["failed"] == "memory"
    assert en(result["cases"][0]["message"]).startswith("ran out of memory")


def test_a_memory_error_of_python_itself_is_reported_as_such():
    result = grader.grade("sigmoid", "def sigmoid(x):\n    raise MemoryError('no room')\n")
    assert result["cases"][0]["failed"] == "memory"


def test_expected_values_are_computed_once_and_handed_out_as_copies():
    first = grader.expected_values("softmax")
    first[0][...] = 0
    assert not np.allclose(grader.expected_values("softmax")[0], 0)
    assert grader.plan("softmax")["job"]["cases"][0] == grader.plan("softmax")["job"]["cases"][0]


@pytest.mark.parametrize("statement, name", [
    ("sys.exit()", "SystemExit"), ("sys.exit(3)", "SystemExit: 3"), ("raise SystemExit", "SystemExit"),
    ("raise KeyboardInterrupt", "KeyboardInterrupt"), ("raise GeneratorExit", "GeneratorExit")])
def test_system_exit_and_other_base_exceptions_are_the_learners_own_errors(statement, name):
    code = f"import sys\n\ndef sigmoid(x):\n    {statement}\n"
    result = grader.grade("sigmoid", code)
    example = by_name(result)["example"]
    assert example["failed"] == "runs" and en(example["message"]) == f"raised {name}"
    assert example["traceback"].splitlines()[-2].strip() == statement
    assert "grader.py" not in example["traceback"]
    assert result["error"] is None


def test_system_exit_at_the_top_level_is_shown_as_an_error_of_the_code():
    result = grader.grade("sigmoid", "import sys\nsys.exit('bye')\n")
    assert result["error"]["kind"] == "top-level"
    assert result["error"]["traceback"].endswith("SystemExit: bye")
    assert {case["failed"] for case in result["cases"]} == {"runs"}


def test_the_learner_gets_copies_of_the_inputs():
    code = "def normalize_rows(x):\n    x[:] = 0\n    return x\n"
    result = grader.grade("normalize_rows", code)
    assert by_name(result)["example"]["args"] == "x = np.array([[0, 3, 4],\n" + " " * 14 + "[1, 6, 4]])"
    assert grader.cases("normalize_rows")[0].args[0].tolist() == [[0, 3, 4], [1, 6, 4]]


def test_the_top_level_runs_once_per_check_and_its_names_stay_for_every_case():
    code = ("print('top')\ncalls = []\n\ndef sigmoid(x):\n    calls.append(1)\n    print(len(calls))\n"
            "    return 1 / (1 + 2.718281828459045 ** -x)\n")
    result = grader.grade("sigmoid", code)
    assert result["printed"] == "top\n"
    assert [case["output"] for case in result["cases"]] == [f"{n}\n" for n in range(1, len(result["cases"]) + 1)]


# --------------------------------------------------------------------------- the worker's interface


def test_events_come_plan_first_then_each_case_as_it_is_done():
    events = []
    result = grader.grade("l1", "print('top')\nimport numpy as np\ndef L1(yhat, y):\n    return np.sum(np.abs(y - yhat), axis=-1)\n",
                            events.append)
    kinds = [event["type"] for event in events]
    assert kinds[0] == "plan" and kinds[1] == "stage" and events[1]["stage"] == "top-level"
    assert [event["index"] for event in events if event["type"] == "case"] == list(range(len(result["cases"])))
    assert len(result["cases"]) == result["total"] + result["extra_total"]
    plan = events[0]["cases"]
    assert [entry["name"] for entry in plan] == [case["name"] for case in result["cases"]]
    assert all({"args", "call", "expected", "checks", "title", "tier"} <= set(entry) for entry in plan)
    # axis=-1 is right for the course's vectors, not for the matrix and the columns
    assert result["all_passed"] and failures(result) == {"matrix": "type", "column-vectors": "type"}


@pytest.mark.parametrize("op", OPS)
def test_the_job_for_the_learners_interpreter_holds_the_inputs_and_never_an_expected_value(op):
    job = grader.plan(op)["job"]
    assert set(job) == {"function", "cases", "time_limit", "memory_limit"}
    text = json.dumps(job)
    for case, expected in zip(grader.cases(op), grader.expected_values(op)):
        inputs = {np.asarray(arg).tobytes() for arg in case.args}
        if isinstance(expected, np.ndarray) and expected.tobytes() not in inputs:  # image2vector's is its input
            assert base64.b64encode(expected.tobytes()).decode() not in text
        elif expected is not None and not isinstance(expected, np.ndarray):
            assert repr(float(expected)) not in text
    inputs = [[plain.decode(arg) for arg in case] for case in job["cases"]]
    for case, decoded in zip(grader.cases(op), inputs):
        for arg, again in zip(case.args, decoded):
            assert type(arg) is type(again) and np.array_equal(np.asarray(arg), np.asarray(again))


def test_an_unknown_exercise_is_refused():
    with pytest.raises(KeyError):
        grader.grade("no_such_card", "def f(x):\n    return x\n")


def test_a_numpy_submodule_first_imported_by_learner_code_stays_usable_after_the_check():
    assert "numpy.lib.recfunctions" not in sys.modules, "pick a submodule nothing imported yet"
    code = "import numpy.lib.recfunctions\n" + COURSE_SOLUTIONS["sigmoid"]
    assert grader.grade("sigmoid", code)["all_passed"]
    import numpy.lib.recfunctions as recfunctions  # the attribute the import set is still there
    assert np.lib.recfunctions is recfunctions is sys.modules["numpy.lib.recfunctions"]


def test_the_courses_sigmoid_derivative_calls_sigmoid_which_the_check_provides():
    course = "import numpy as np\n\ndef sigmoid_derivative(x):\n    s = sigmoid(x)\n    ds = s * (1 - s)\n    return ds\n"
    assert [used["function"] for used in grader.plan("sigmoid_derivative")["uses"]] == ["sigmoid"]
    assert grader.grade("sigmoid_derivative", course)["all_passed"]  # the course's own sigmoid, by default
    own = [{"function": "sigmoid", "code": "import numpy as np\ndef sigmoid(x):\n    return np.full(np.shape(x), 0.5)\n"}]
    assert grader.grade("sigmoid_derivative", course, context=own)["passed"] == 0  # a wrong one of the learner's shows
    alone = grader.grade("sigmoid_derivative", course, context=[])
    assert "NameError: name 'sigmoid' is not defined" in en(alone["cases"][0]["message"])
    assert all(grader.plan(op)["uses"] == [] for op in OPS if op != "sigmoid_derivative")
