"""Practice mode's two tiers (web/practice/exercises.py, graded by grader.py), natively: what
the course's public tests accept passes every course check and what they refuse fails one;
the course checks' random inputs are of the kind of the course's example; going-further
cases never change the verdict; and the JSON the page reads carries both tiers' counts.
"""

from __future__ import annotations

import numpy as np
import pytest

from practice import native
from web import catalogue
from web.practice import exercises, grader
from web.practice.wording import render

OPS = [exercise["name"] for exercise in catalogue.EXERCISES]


def course_failures(result: dict) -> dict[str, str]:
    return {
        case["name"]: case["failed"]
        for case in result["cases"]
        if case["tier"] == "course" and case["status"] == "fail"
    }


def extra_failures(result: dict) -> dict[str, str]:
    return {
        case["name"]: case["failed"] for case in result["cases"] if case["tier"] == "extra" and case["status"] == "fail"
    }


def function(name: str, params: str, *body: str, imports: str = "import numpy as np\n") -> str:
    return imports + f"\ndef {name}({params}):\n" + "".join(f"    {line}\n" for line in body)


SIGMOID = "def sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n"

# Answers the course's notebook leads to, which its public tests accept: (exercise, code).
COURSE_ANSWERS = {
    "basic_sigmoid-math-exp": (
        "basic_sigmoid",
        function("basic_sigmoid", "x", "s = 1 / (1 + math.exp(-x))", "return s", imports="import math\n"),
    ),
    "sigmoid-np-exp": ("sigmoid", function("sigmoid", "x", "s = 1 / (1 + np.exp(-x))", "return s")),
    "sigmoid_derivative-own-sigmoid": (
        "sigmoid_derivative",
        "import numpy as np\n\n"
        + SIGMOID
        + function("sigmoid_derivative", "x", "s = sigmoid(x)", "ds = s * (1 - s)", "return ds", imports=""),
    ),
    "sigmoid_derivative-package-sigmoid": (
        "sigmoid_derivative",
        function(
            "sigmoid_derivative", "x", "s = sigmoid(x)", "return s * (1 - s)", imports="from nnbasics import sigmoid\n"
        ),
    ),
    "image2vector-shape-product": (
        "image2vector",
        function(
            "image2vector",
            "image",
            "v = image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)",
            "return v",
            imports="",
        ),
    ),
    "image2vector-minus-one": ("image2vector", function("image2vector", "image", "return image.reshape(-1, 1)")),
    "normalize_rows-norm-keepdims": (
        "normalize_rows",
        function(
            "normalize_rows", "x", "x_norm = np.linalg.norm(x, axis=1, keepdims=True)", "x = x / x_norm", "return x"
        ),
    ),
    "normalize_rows-ord-2": (
        "normalize_rows",
        function(
            "normalize_rows",
            "x",
            "x_norm = np.linalg.norm(x, ord=2, axis=1, keepdims=True)",
            "x = x / x_norm",
            "return x",
        ),
    ),
    "softmax-exp-sum-keepdims": (
        "softmax",
        function(
            "softmax",
            "x",
            "x_exp = np.exp(x)",
            "x_sum = np.sum(x_exp, axis=1, keepdims=True)",
            "s = x_exp / x_sum",
            "return s",
        ),
    ),
    "l1-sum-abs": ("l1", function("L1", "yhat, y", "loss = np.sum(np.abs(y - yhat))", "return loss")),
    "l1-sum-abs-last-axis": ("l1", function("L1", "yhat, y", "return np.sum(np.abs(y - yhat), axis=-1)")),
    "l1-builtin-abs": ("l1", function("L1", "yhat, y", "return np.sum(abs(y - yhat))")),
    "l2-dot": ("l2", function("L2", "yhat, y", "loss = np.dot(y - yhat, y - yhat)", "return loss")),
    "l2-sum-squares": ("l2", function("L2", "yhat, y", "return np.sum((y - yhat) ** 2)")),
    "l2-sum-np-square": ("l2", function("L2", "yhat, y", "return np.sum(np.square(y - yhat))")),
}

# Answers the course's public tests refuse, and where they fail: (exercise, code, case, check).
REFUSED = {
    "softmax-no-keepdims": (
        "softmax",
        function("softmax", "x", "e = np.exp(x)", "return e / np.sum(e, axis=1)"),
        "example",
        "runs",
    ),
    "softmax-columns": (
        "softmax",
        function("softmax", "x", "e = np.exp(x)", "return e / np.sum(e, axis=0, keepdims=True)"),
        "example",
        "values",
    ),
    "l1-no-sum": ("l1", function("L1", "yhat, y", "return np.abs(y - yhat)"), "example", "type"),
    "l2-no-sum": ("l2", function("L2", "yhat, y", "return (y - yhat) ** 2"), "example", "type"),
    "l2-absolute": ("l2", function("L2", "yhat, y", "return np.sum(np.abs(y - yhat))"), "example", "values"),
    "image2vector-flat": (
        "image2vector",
        function("image2vector", "image", "return image.reshape(-1)"),
        "example",
        "shape",
    ),
    "image2vector-row": (
        "image2vector",
        function("image2vector", "image", "return image.reshape(1, -1)"),
        "example",
        "shape",
    ),
    "image2vector-transposed": (
        "image2vector",
        function("image2vector", "image", "return image.reshape(-1, 1).T"),
        "example",
        "shape",
    ),
    "image2vector-fortran": (
        "image2vector",
        function("image2vector", "image", "return image.reshape(-1, 1, order='F')"),
        "example",
        "values",
    ),
    "image2vector-hard-coded": (
        "image2vector",
        function("image2vector", "image", "return image.reshape(18, 1)"),
        "random-1",
        "runs",
    ),
    "normalize_rows-no-keepdims": (
        "normalize_rows",
        function("normalize_rows", "x", "return x / np.linalg.norm(x, axis=1)"),
        "example",
        "runs",
    ),
    "normalize_rows-in-place-on-integers": (
        "normalize_rows",
        function("normalize_rows", "x", "x /= np.linalg.norm(x, axis=1, keepdims=True)", "return x"),
        "example",
        "runs",
    ),
    "sigmoid-math-exp": (
        "sigmoid",
        function("sigmoid", "x", "return 1 / (1 + math.exp(-x))", imports="import math\n"),
        "example",
        "runs",
    ),
    "sigmoid_derivative-sigmoid-only": (
        "sigmoid_derivative",
        function("sigmoid_derivative", "x", "return 1 / (1 + np.exp(-x))"),
        "example",
        "values",
    ),
    "basic_sigmoid-float32": (
        "basic_sigmoid",
        function("basic_sigmoid", "x", "return np.float32(1 / (1 + np.exp(-x)))"),
        "example",
        "type",
    ),
    "basic_sigmoid-rounded": (  # an int is a number, as the float expected: its value is wrong
        "basic_sigmoid",
        function("basic_sigmoid", "x", "return round(1 / (1 + math.exp(-x)))", imports="import math\n"),
        "example",
        "values",
    ),
} | {
    f"{op}-returns-none": (
        op,
        function(catalogue.EXERCISE_BY_NAME[op]["function"], ", ".join(catalogue.exercise_params(op)), "return None"),
        "example",
        "type",
    )
    for op in OPS
}


# --------------------------------------------------------------------------- the tiers


def test_a_case_is_an_extra_one_unless_it_says_course():
    assert exercises.Case("x", "X", (1,)).tier == "extra"
    assert exercises.TIERS == ("course", "extra")


@pytest.mark.parametrize("op", OPS)
def test_the_course_tier_is_the_courses_example_then_seeded_random_inputs_checked_as_the_course_does(op):
    course = [(case, expected, entry) for case, expected, entry in grader._plan(op) if case.tier == "course"]
    assert [case.name for case, _, _ in course] == ["example"] + [
        f"random-{i}" for i in range(1, exercises.RANDOM_CASES + 1)
    ]
    example = exercises.course_example(op)
    assert len(course[0][0].args) == len(example)
    assert all(np.array_equal(a, b) for a, b in zip(course[0][0].args, example))
    for case, expected, entry in course:
        assert case.raises is None  # the course's tests only call the function
        assert entry["checks"] == (
            ["runs", "type", "shape", "values"] if isinstance(expected, np.ndarray) else ["runs", "type", "values"]
        )


@pytest.mark.parametrize("op", OPS)
def test_the_random_course_inputs_are_of_the_kind_of_the_courses_example(op):
    example, *randoms = [case for case in grader.cases(op) if case.tier == "course"]
    for case in randoms:
        assert len(case.args) == len(example.args)
        for got, model in zip(case.args, example.args):
            assert type(got) is type(model)  # an int for an int, an array for an array
            if isinstance(model, np.ndarray):
                assert got.ndim == model.ndim and got.dtype.kind == model.dtype.kind
        assert not all(np.array_equal(a, b) for a, b in zip(case.args, example.args))


@pytest.mark.parametrize("op", ["softmax", "normalize_rows"])
def test_the_random_course_matrices_are_wide_or_tall_so_a_missing_keepdims_cannot_broadcast(op):
    for case in grader.cases(op):
        if case.tier == "course":
            m, n = case.args[0].shape
            assert m >= 2 and m != n


def test_the_course_tier_of_l2_uses_vectors_only_as_np_dot_needs():
    for case in grader.cases("l2"):
        assert all(arg.ndim == 1 for arg in case.args) == (case.tier == "course")


# --------------------------------------------------------------------------- what the course accepts


@pytest.mark.parametrize("op, code", COURSE_ANSWERS.values(), ids=COURSE_ANSWERS.keys())
def test_an_answer_the_course_accepts_passes_every_course_check(op, code):
    result = native.grade(op, code)
    assert course_failures(result) == {}
    assert result["all_passed"] and result["passed"] == result["total"] and result["error"] is None


@pytest.mark.parametrize("op, code, case, check", REFUSED.values(), ids=REFUSED.keys())
def test_an_answer_the_course_refuses_fails_a_course_check(op, code, case, check):
    result = native.grade(op, code)
    failed = {entry["name"]: entry for entry in result["cases"]}[case]
    assert failed["tier"] == "course" and failed["failed"] == check and failed["hint"]
    assert not result["all_passed"] and result["passed"] < result["total"]


@pytest.mark.parametrize("name", ["softmax-no-keepdims", "normalize_rows-no-keepdims"])
def test_a_missing_keepdims_fails_every_course_case_not_only_the_example(name):
    op, code, _, _ = REFUSED[name]
    result = native.grade(op, code)
    assert set(course_failures(result).values()) == {"runs"} and result["passed"] == 0


def test_the_type_check_is_the_courses_isinstance_float():
    def l1(expression):
        return native.grade("l1", function("L1", "yhat, y", f"return {expression}"))

    for accepted in ("float(np.sum(np.abs(y - yhat)))", "np.float64(np.sum(np.abs(y - yhat)))"):
        assert l1(accepted)["all_passed"], accepted
    for refused, text in [
        ("np.float32(np.sum(np.abs(y - yhat)))", "got numpy.float32"),
        ("np.array(np.sum(np.abs(y - yhat)))", "of shape ()"),
        ("[np.sum(np.abs(y - yhat))]", "got list"),
    ]:
        example = l1(refused)["cases"][0]
        assert example["failed"] == "type" and text in render("en", example["message"]), refused
    assert "isinstance(result, float)" in render(
        "en", l1("np.float32(np.sum(np.abs(y - yhat)))")["cases"][0]["message"]
    )


def test_the_values_check_is_the_courses_np_allclose_expected_first():
    # np.allclose(a, b) allows rtol * |b|: a result just above 1.1 by more than 1e-8 + 1e-5 * 1.1
    # is close to 1.1 as the course asks (np.allclose(expected, result)), not the other way round.
    got = 1.1 + 1.1e-5 + 1e-8 + 5e-11
    assert np.allclose(1.1, got) and not np.allclose(got, 1.1)
    code = function(
        "L1", "yhat, y", "loss = np.sum(np.abs(y - yhat))", f"return loss if abs(loss - 1.1) > 1e-9 else {got!r}"
    )
    assert native.grade("l1", code)["cases"][0]["status"] == "pass"


# --------------------------------------------------------------------------- going further


@pytest.mark.parametrize(
    "op, code, failed",
    [
        ("softmax", COURSE_ANSWERS["softmax-exp-sum-keepdims"][1], {"one-row": "runs", "large-values": "values"}),
        ("l2", COURSE_ANSWERS["l2-dot"][1], {"matrix": "runs", "column-vectors": "runs"}),
        ("normalize_rows", COURSE_ANSWERS["normalize_rows-norm-keepdims"][1], {"zero-row": "values"}),
        ("basic_sigmoid", function("basic_sigmoid", "x", "return 1 / (1 + np.exp(-x))"), {"array": "raises"}),
    ],
)
def test_a_course_answer_may_fail_going_further_without_changing_the_verdict(op, code, failed):
    result = native.grade(op, code)
    assert extra_failures(result) == failed
    assert result["all_passed"] and not result["all_extra_passed"]
    assert result["extra_passed"] == result["extra_total"] - len(failed)


def test_the_going_further_cases_keep_their_lessons():
    hints = {
        (op, case.name): render("en", case.hint) for op in OPS for case in grader.cases(op) if case.tier == "extra"
    }
    assert "maximum" in hints["softmax", "large-values"] and "axis=-1" in hints["softmax", "one-row"]
    assert "np.where" in hints["normalize_rows", "zero-row"] and "keepdims" in hints["normalize_rows", "square"]
    assert "np.dot" in hints["l2", "column-vectors"] and "math.exp" in hints["basic_sigmoid", "list"]
    assert all(hints.values())


# --------------------------------------------------------------------------- the page's JSON


def test_every_case_entry_carries_its_tier_course_first_and_the_result_counts_each_tier():
    events = []
    code = COURSE_ANSWERS["softmax-exp-sum-keepdims"][1]
    result = native.grade("softmax", code, events.append)
    plan = events[0]["cases"]
    tiers = [entry["tier"] for entry in plan]
    assert tiers == sorted(tiers, key=exercises.TIERS.index) and set(tiers) == {"course", "extra"}
    assert [event["case"]["tier"] for event in events if event["type"] == "case"] == tiers
    assert [case["tier"] for case in result["cases"]] == tiers
    assert (result["passed"], result["total"], result["all_passed"]) == (4, 4, True)
    assert (result["extra_passed"], result["extra_total"], result["all_extra_passed"]) == (0, 2, False)


def test_a_syntax_error_is_reported_once_and_fails_both_tiers():
    result = native.grade("softmax", "def softmax(x)\n    return x\n")
    assert result["error"]["kind"] == "syntax"
    assert {case["failed"] for case in result["cases"]} == {"runs"}
    assert result["passed"] == result["extra_passed"] == 0
    assert not result["all_passed"] and not result["all_extra_passed"]
