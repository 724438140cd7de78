"""Practice mode's grader (web/practice/grader.py), natively: the package's own code passes
every case of both tiers, typical mistakes fail the case and the check they should, learner
code is limited in time and memory, its output and errors are shown, and it cannot change
the reference. What the course accepts and refuses: tests/practice/test_exercises.py.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import numpy as np
import pytest

import nnbasics
from practice import fake_card, native
from practice.native import COURSE_SOLUTIONS, by_name, en, failures, package_source, replace
from web import catalogue
from web.practice import (
    exercises,
    grader,  # web/practice is on pytest's pythonpath (pyproject.toml)
    plain,
)

ROOT = Path(__file__).resolve().parents[2]

OPS = [exercise["name"] for exercise in catalogue.EXERCISES]


# (exercise, the mistake, the case that must fail, the check it must fail)
MISTAKES = [
    (
        "softmax",
        replace("softmax", "axis=-1, keepdims=True)\n    s", "axis=0, keepdims=True)\n    s"),
        "example",
        "values",
    ),
    (
        "softmax",
        replace("softmax", "np.exp(x - np.max(x, axis=-1, keepdims=True))", "np.exp(x)"),
        "large-values",
        "values",
    ),
    ("softmax", COURSE_SOLUTIONS["softmax"].replace("axis=-1", "axis=1"), "one-row", "runs"),
    ("l2", replace("l2", "(y - yhat) ** 2", "np.abs(y - yhat)"), "example", "values"),
    (
        "l2",
        "import numpy as np\n\ndef L2(yhat, y):\n    x = y - yhat\n    return np.dot(x, x)\n",
        "column-vectors",
        "runs",
    ),
    ("l1", replace("l1", "np.sum(np.abs(y - yhat))", "np.abs(y - yhat)"), "example", "type"),
    ("image2vector", "def image2vector(image):\n    return image.reshape(-1, 1, order='F')\n", "example", "values"),
    ("image2vector", "def image2vector(image):\n    return image.reshape(-1)\n", "example", "shape"),
    (
        "image2vector",
        "def image2vector(image):\n    h, w, c = image.shape\n    return image.reshape(h * w * 2, 1)\n",
        "integers",
        "runs",
    ),
    ("normalize_rows", replace("normalize_rows", ", keepdims=True", ""), "square", "values"),
    ("normalize_rows", replace("normalize_rows", ", keepdims=True", ""), "example", "runs"),
    ("normalize_rows", replace("normalize_rows", "np.where(x_norm == 0, 1, x_norm)", "x_norm"), "zero-row", "values"),
    (
        "normalize_rows",
        replace("normalize_rows", "x = x / np.where(x_norm == 0, 1, x_norm)", "x /= np.where(x_norm == 0, 1, x_norm)"),
        "example",
        "runs",
    ),
    (
        "basic_sigmoid",
        "import numpy as np\n\ndef basic_sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n",
        "array",
        "raises",
    ),
    (
        "basic_sigmoid",
        replace("basic_sigmoid", "1 / (1 + math.exp(-x))", "math.exp(x) / (1 + math.exp(x))"),
        "large",
        "runs",
    ),
    ("sigmoid", replace("sigmoid", "1 / (1 + np.exp(-x))", "np.exp(x) / (1 + np.exp(x))"), "large-values", "values"),
    ("sigmoid", "def sigmoid(x):\n    return [0.5] * len(x)\n", "example", "type"),
    (
        "sigmoid_derivative",
        replace("sigmoid_derivative", "ds = s * (1 - s)", "ds = np.exp(-x) / (1 + np.exp(-x)) ** 2"),
        "large-values",
        "values",
    ),
]


# --------------------------------------------------------------------------- the cases


def test_every_card_has_an_exercise_and_every_exercise_a_package_function():
    assert all(catalogue.exercises_of(op["name"]) for op in catalogue.OPERATIONS)
    for op in OPS:
        assert callable(getattr(nnbasics, catalogue.EXERCISE_BY_NAME[op]["function"]))


@pytest.mark.parametrize("op", OPS)
def test_the_cases_are_the_example_seeded_random_inputs_then_edge_cases(op):
    first, second = grader.cases(op), grader.cases(op)
    names = [case.name for case in first]
    course = ["example"] + [f"random-{i}" for i in range(1, exercises.RANDOM_CASES + 1)]
    assert names[: len(course)] == course and len(names) == len(set(names)) > len(course)
    assert [case.tier for case in first] == ["course"] * len(course) + ["extra"] * (len(names) - len(course))
    for a, b in zip(first, second):  # seeded: the same inputs every time
        for x, y in zip(a.args, b.args):
            np.testing.assert_array_equal(x, y)


@pytest.mark.parametrize("op", OPS)
def test_the_packages_own_source_passes_every_case_of_both_tiers(op):
    result = native.grade(op, package_source(op))
    assert failures(result) == {}
    tiers = [case.tier for case in grader.cases(op)]
    assert result["passed"] == result["total"] == tiers.count("course")
    assert result["extra_passed"] == result["extra_total"] == tiers.count("extra")
    assert result["all_passed"] and result["all_extra_passed"] and result["error"] is None


@pytest.mark.parametrize("op", OPS)
def test_the_catalogues_solution_passes_every_case_of_both_tiers(op):
    result = native.grade(op, COURSE_SOLUTIONS[op])
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
    (
        "sigmoid_derivative",
        "import numpy as np\ndef sigmoid_derivative(x):\n    s = 1 / (1 + np.exp(-x))\n"
        "    return np.multiply(s, 1 - s)\n",
    ),
    (
        "image2vector",
        "def image2vector(image):\n    return image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)\n",
    ),
    ("image2vector", "def image2vector(image):\n    return image.reshape(-1, 1)\n"),
    ("image2vector", "import numpy as np\ndef image2vector(image):\n    return np.reshape(image, (image.size, 1))\n"),
    (
        "normalize_rows",
        "import numpy as np\ndef normalize_rows(x):\n    x_norm = np.linalg.norm(x, ord=2, axis=1, keepdims=True)\n"
        "    x = x / x_norm\n    return x\n",
    ),
    (
        "normalize_rows",
        "import numpy as np\ndef normalize_rows(x):\n    return x / np.sqrt(np.sum(x ** 2, axis=1, keepdims=True))\n",
    ),
    (
        "softmax",
        "import numpy as np\ndef softmax(x):\n    x_exp = np.exp(x)\n    x_sum = np.sum(x_exp, axis=1, keepdims=True)\n"
        "    s = x_exp / x_sum\n    return s\n",
    ),
    (
        "softmax",
        "import numpy as np\ndef softmax(x):\n    e = np.exp(x)\n    return e / e.sum(axis=1).reshape(-1, 1)\n",
    ),
    ("l1", "import numpy as np\ndef L1(yhat, y):\n    loss = np.sum(np.abs(y - yhat))\n    return loss\n"),
    ("l1", "import numpy as np\ndef L1(yhat, y):\n    return np.sum(abs(yhat - y))\n"),
    ("l2", "import numpy as np\ndef L2(yhat, y):\n    loss = np.sum((y - yhat) ** 2)\n    return loss\n"),
    ("l2", "import numpy as np\ndef L2(yhat, y):\n    return np.dot(y - yhat, y - yhat)\n"),
    ("l2", "import numpy as np\ndef L2(yhat, y):\n    return np.sum(np.square(yhat - y))\n"),
]


@pytest.mark.parametrize("op, code", COURSE_FORMS, ids=[f"{op}-{i}" for i, (op, _) in enumerate(COURSE_FORMS)])
def test_every_answer_form_the_course_accepts_passes_every_course_check(op, code):
    result = native.grade(op, code)
    course = [case for case in result["cases"] if case["tier"] == "course"]
    assert course and all(case["status"] == "pass" for case in course), [
        c["name"] for c in course if c["status"] != "pass"
    ]
    assert result["all_passed"]


@pytest.mark.parametrize("op", OPS)
def test_the_starting_stub_fails_every_case_at_the_type_check(op):
    name = catalogue.EXERCISE_BY_NAME[op]["function"]
    params = ", ".join(catalogue.exercise_params(op))
    stub = f'import numpy as np\n\ndef {name}({params}):\n    """Doc."""\n'
    stub += "    # YOUR CODE HERE\n    s = None\n\n    return s\n"
    result = native.grade(op, stub)
    assert result["passed"] == result["extra_passed"] == 0
    for case in result["cases"]:
        if case["checks"][0][0] == "raises":  # basic_sigmoid's "a list must raise" cases
            assert case["failed"] == "raises"
        else:
            assert case["failed"] == "type"
            assert "returned None" in en(case["message"])


def test_the_reference_example_has_the_courses_expected_values():
    result = native.grade("sigmoid", COURSE_SOLUTIONS["sigmoid"])
    example = by_name(result)["example"]
    assert example["args"] == "x = np.array([1, 2, 3])"
    assert example["call"] == "sigmoid(x)"
    assert example["expected"] == "np.array([0.73105858, 0.88079708, 0.95257413])"
    assert by_name(native.grade("l2", COURSE_SOLUTIONS["l2"]))["example"]["expected"] == "0.43"


# --------------------------------------------------------------------------- typical mistakes


@pytest.mark.parametrize(
    "op, code, case, check",
    MISTAKES,
    ids=[f"{op}-{case}-{check}-{i}" for i, (op, _, case, check) in enumerate(MISTAKES)],
)
def test_a_typical_mistake_fails_the_right_case_and_check(op, code, case, check):
    result = native.grade(op, code)
    failed = by_name(result)[case]
    assert failed["status"] == "fail"
    assert failed["failed"] == check
    statuses = dict(failed["checks"])
    assert statuses[check] == "fail"
    names = [name for name, _ in failed["checks"]]
    assert all(statuses[name] == "pass" for name in names[: names.index(check)])  # checked in order
    assert all(statuses[name] == "skipped" for name in names[names.index(check) + 1 :])
    assert failed["hint"]  # the lesson of the case is shown with the failure
    assert not result["all_passed" if failed["tier"] == "course" else "all_extra_passed"]


def test_checks_come_in_the_courses_order_type_shape_values():
    wrong_shape = native.grade("sigmoid", "import numpy as np\ndef sigmoid(x):\n    return np.zeros((1, 1))\n")
    example = by_name(wrong_shape)["example"]
    assert example["checks"] == [["runs", "pass"], ["type", "pass"], ["shape", "fail"], ["values", "skipped"]]
    assert en(example["message"]) == "expected shape (3,), got shape (1, 1)"
    wrong_values = native.grade("sigmoid", "import numpy as np\ndef sigmoid(x):\n    return np.zeros(np.shape(x))\n")
    example = by_name(wrong_values)["example"]
    assert example["failed"] == "values"
    assert en(example["message"]).startswith("np.allclose(expected, result) is False: 3 of 3 values differ")
    assert example["got"] == "np.array([0., 0., 0.])"


def test_using_np_exp_in_basic_sigmoid_is_explained():
    result = native.grade("basic_sigmoid", MISTAKES[13][1])
    array = by_name(result)["array"]
    assert array["failed"] == "raises"
    assert "expected it to raise TypeError, but it returned np.array([" in en(array["message"])
    assert "np.exp" in en(array["hint"]) and "math.exp takes one real number" in en(array["hint"])
    assert by_name(result)["example"]["status"] == "pass"


def test_nan_from_an_overflow_is_pointed_out():
    result = native.grade("softmax", MISTAKES[1][1])
    large = by_name(result)["large-values"]
    assert "nan" in large["got"] and "Your result has nan in it" in en(large["message"])
    assert "maximum" in en(large["hint"])


# --------------------------------------------------------------------------- the worker's interface


def test_events_come_plan_first_then_each_case_as_it_is_done():
    events = []
    result = native.grade(
        "l1",
        "print('top')\nimport numpy as np\ndef L1(yhat, y):\n    return np.sum(np.abs(y - yhat), axis=-1)\n",
        events.append,
    )
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
        native.grade("no_such_card", "def f(x):\n    return x\n")


def test_a_numpy_submodule_first_imported_by_learner_code_stays_usable_after_the_check():
    assert "numpy.lib.recfunctions" not in sys.modules, "pick a submodule nothing imported yet"
    code = "import numpy.lib.recfunctions\n" + COURSE_SOLUTIONS["sigmoid"]
    assert native.grade("sigmoid", code)["all_passed"]
    import numpy.lib.recfunctions as recfunctions  # the attribute the import set is still there

    assert np.lib.recfunctions is recfunctions is sys.modules["numpy.lib.recfunctions"]


def test_the_courses_sigmoid_derivative_calls_sigmoid_which_the_check_provides():
    course = (
        "import numpy as np\n\ndef sigmoid_derivative(x):\n    s = sigmoid(x)\n    ds = s * (1 - s)\n    return ds\n"
    )
    assert [used["function"] for used in grader.plan("sigmoid_derivative")["uses"]] == ["sigmoid"]
    assert native.grade("sigmoid_derivative", course)["all_passed"]  # the course's own sigmoid, by default
    own = [
        {"function": "sigmoid", "code": "import numpy as np\ndef sigmoid(x):\n    return np.full(np.shape(x), 0.5)\n"}
    ]
    assert native.grade("sigmoid_derivative", course, context=own)["passed"] == 0  # a wrong one of the learner's shows
    alone = native.grade("sigmoid_derivative", course, context=[])
    assert "NameError: name 'sigmoid' is not defined" in en(alone["cases"][0]["message"])
    assert all(grader.plan(op)["uses"] == [] for op in OPS if op != "sigmoid_derivative")


# --------------------------------------------------------------------------- exercises of one card, integer answers


@pytest.fixture
def fake(monkeypatch):
    """A card of two exercises whose answers are integers (practice/fake_card.py), for one test."""
    return fake_card.add(monkeypatch)


def test_each_exercise_of_a_card_is_planned_and_graded_by_its_own_name(fake):
    for exercise in fake["exercises"]:
        planned = grader.plan(exercise["name"])
        assert planned["function"] == planned["job"]["function"] == exercise["function"]
        assert planned["cases"][0]["call"] == f"{exercise['function']}(x1, x2)"
        assert native.grade(exercise["name"], exercise["solution"])["all_passed"], exercise["name"]
    with pytest.raises(KeyError):
        grader.plan(fake["name"])  # a card of several exercises is no exercise itself


def test_an_integer_expected_accepts_an_integer_or_a_float_of_its_value(fake):
    assert grader.expected_values("fake_dot_loop")[0] == 278 and type(grader.expected_values("fake_dot_loop")[0]) is int
    assert isinstance(grader.expected_values("fake_dot_vectorized")[0], np.integer)
    for answer in ("278", "278.0", "np.int64(278)", "np.int32(278)", "np.float64(278)"):
        code = f"import numpy as np\ndef fake_dot_loop(x1, x2):\n    return {answer}\n"
        assert by_name(native.grade("fake_dot_loop", code))["example"]["status"] == "pass", answer
    wrong = by_name(native.grade("fake_dot_loop", "def fake_dot_loop(x1, x2):\n    return 277\n"))["example"]
    assert wrong["failed"] == "values" and "277" in en(wrong["message"])


@pytest.mark.parametrize("answer", ["True", "np.bool_(True)", "np.float32(278)", "'278'", "[278]", "np.array(278)"])
def test_a_bool_or_what_is_no_int_or_float_fails_the_type_check_of_an_integer(fake, answer):
    code = f"import numpy as np\ndef fake_dot_loop(x1, x2):\n    return {answer}\n"
    example = by_name(native.grade("fake_dot_loop", code))["example"]
    assert example["failed"] == "type" and "expected int" in en(example["message"]), answer


def test_a_float_expected_accepts_an_integer_of_its_value(fake):
    floats = grader.cases("fake_dot_vectorized")[-1]
    assert floats.name == "floats" and grader.expected_values("fake_dot_vectorized")[-1] == 7.0
    for answer, status in (("7", "pass"), ("np.int64(7)", "pass"), ("8", "fail"), ("True", "fail")):
        code = f"import numpy as np\ndef fake_dot_vectorized(x1, x2):\n    return {answer}\n"
        assert by_name(native.grade("fake_dot_vectorized", code))["floats"]["status"] == status, answer
