"""The plain data between the page's interpreter and the learner's (web/practice/plain.py), natively:
inputs cross and come back as fresh equal objects; what a learner's function returned is described
with what the course checks (isinstance, dtype, shape, values) and nothing that runs later; the
page's reading refuses anything not of the documented form, and the grader then says so."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from web.practice import grader, plain, runner


@pytest.mark.parametrize(
    "value",
    [
        np.array([[1.5, -2.0], [0.0, 3.25]]),
        np.arange(24).reshape(2, 3, 4),
        np.array([True, False]),
        np.array([[1e308, -1e-308]], dtype=np.float64),
        np.zeros((0, 3)),
        np.float64(0.5),
        3,
        -2.5,
        True,
        [1, 2, 3],
        ([1.0, 2.0], (3, 4)),
    ],
)
def test_an_input_crosses_as_json_and_comes_back_equal_and_fresh(value):
    again = plain.decode(json.loads(json.dumps(plain.encode(value))))
    assert np.array_equal(np.asarray(value, dtype=object), np.asarray(again, dtype=object))
    if isinstance(value, np.ndarray):
        assert again.dtype == value.dtype and again.shape == value.shape and again.flags.writeable
        assert again is not value and not np.shares_memory(again, value)


def test_an_input_of_no_documented_kind_is_refused():
    with pytest.raises(plain.Refused):
        plain.decode({"pickle": "gASV"})
    with pytest.raises(plain.Refused):
        plain.decode({"array": {"dtype": "|O", "shape": [1], "data": base64.b64encode(bytes(8)).decode()}})


def described(value) -> plain.Returned:
    return plain.restore(json.loads(json.dumps(plain.describe(value))))


def test_what_came_back_is_described_as_the_course_checks_it():
    assert described(np.float64(0.5)).float and described(np.float64(0.5)).number == 0.5
    single = described(np.float32(0.5))
    assert not single.float and single.floating and single.type == "numpy.float32"
    assert described(None).type == "NoneType" and described(None).number is None
    array = described(np.ones((2, 3), dtype=np.float32))
    assert array.ndarray and array.shape == (2, 3) and array.dtype == "float32" and array.array.sum() == 6
    assert described([1, 2]).repr == "[1, 2]" and not described([1, 2]).ndarray


@pytest.mark.parametrize(
    "value, integer, number",
    [
        (278, True, 278.0),
        (np.int64(278), True, 278.0),
        (np.uint8(7), True, 7.0),
        (278.0, False, 278.0),
        (np.float32(0.5), False, None),  # not a float to the course: no number compared
        (True, False, None),  # a bool is no number
        (np.bool_(True), False, None),
        (10**400, True, None),  # an int float() cannot hold: no number
        (np.array(278), False, None),
    ],
)
def test_an_integer_is_described_as_one_with_its_number_and_a_bool_never(value, integer, number):
    assert described(value).integer is integer and plain.is_integer(value) is integer
    if not isinstance(value, np.ndarray):
        assert described(value).number == number


def test_an_array_subclass_is_an_array_and_only_its_values_cross():
    class Sneaky(np.ndarray):
        def __repr__(self):
            return "array([0.5])"

    value = described(np.arange(3.0).view(Sneaky))
    assert value.ndarray and value.type.endswith("Sneaky") and value.array.tolist() == [0.0, 1.0, 2.0]


def test_an_array_of_objects_or_too_many_values_crosses_without_its_values():
    assert described(np.array([object()], dtype=object)).array is None
    big = described(np.zeros(plain.MAX_ELEMENTS + 1))
    assert big.array is None and big.shape == (plain.MAX_ELEMENTS + 1,)


def test_an_error_is_described_by_its_class_and_pythons_own_classes_it_derives_from():
    class Mine(KeyError):
        def __str__(self):
            raise RuntimeError("no")

    head = plain.describe_error(Mine())
    assert head["type"].endswith("Mine") and head["builtins"] == [
        "KeyError",
        "LookupError",
        "Exception",
        "BaseException",
    ]


@pytest.mark.parametrize(
    "hostile",
    [
        "not an object",
        {"type": "float"},
        {"type": "x", "ndarray": 1, "float": False, "floating": False},
        {"type": "int", "ndarray": False, "float": False, "floating": False, "number": "1.0", "repr": "1"},  # integer?
        {
            "type": "int",
            "ndarray": False,
            "float": False,
            "floating": False,
            "integer": 1,
            "number": "1.0",
            "repr": "1",
        },
        {
            "type": "x" * 10_000,
            "ndarray": False,
            "float": True,
            "floating": False,
            "integer": False,
            "number": "1",
            "repr": "1",
        },
        {
            "type": "ndarray",
            "ndarray": True,
            "float": False,
            "floating": False,
            "integer": False,
            "dtype": "<f8",
            "shape": [-1],
            "data": "",
        },
        {
            "type": "ndarray",
            "ndarray": True,
            "float": False,
            "floating": False,
            "integer": False,
            "dtype": "<f8",
            "shape": [2],
            "data": "!!",
        },
        {
            "type": "ndarray",
            "ndarray": True,
            "float": False,
            "floating": False,
            "integer": False,
            "dtype": "<f8",
            "shape": [2**40],
            "data": "",
        },
        {
            "type": "ndarray",
            "ndarray": True,
            "float": False,
            "floating": False,
            "integer": False,
            "dtype": "V8",
            "shape": [1],
            "data": "AAAAAAAAAAA=",
        },
        {
            "type": "float",
            "ndarray": False,
            "float": True,
            "floating": False,
            "integer": False,
            "number": "1",
            "repr": "1",
            "extra": 1,
        },
    ],
)
def test_a_description_not_of_the_documented_form_is_refused(hostile):
    with pytest.raises(plain.Refused):
        plain.restore(hostile)


def test_the_grader_judges_a_hostile_answer_interrupted_and_never_passed():
    message = {
        "type": "case",
        "index": 0,
        "output": "",
        "warnings": [],
        "raised": None,
        "limit": None,
        "returned": {
            "type": "numpy.ndarray",
            "ndarray": True,
            "float": False,
            "floating": False,
            "integer": False,
            "dtype": "<f8",
            "shape": [float("nan")],
            "data": None,
        },
    }
    verdict = grader.judge("sigmoid", 0, message)
    assert verdict["status"] == "fail" and verdict["failed"] == "interrupted"
    assert verdict["message"][0]["key"] == "practice.msg-refused"


def test_a_check_that_stopped_fails_the_running_case_with_why_and_runs_no_other():
    planned = grader.plan("softmax")
    top = {"output": "", "error": None, "defined": True}
    first = grader.judge(
        "softmax",
        0,
        {
            "type": "case",
            "index": 0,
            "output": "",
            "warnings": [],
            "raised": None,
            "limit": None,
            "returned": plain.describe(grader.expected_values("softmax")[0]),
        },
    )
    outcome = grader.conclude("softmax", top, [first], {"kind": "time", "seconds": "8", "raised": "Sneaky"})
    assert [case["failed"] for case in outcome["cases"]][:3] == [None, "time", "not-run"]
    assert outcome["cases"][1]["message"][0]["params"]["error"] == "Sneaky"
    assert outcome["passed"] == 1 and outcome["total"] == sum(
        1 for case in planned["cases"] if case["tier"] == "course"
    )
    nothing = grader.conclude("softmax", None, [], {"kind": "interrupted", "detail": "a message out of order"})
    assert {case["failed"] for case in nothing["cases"]} == {"interrupted"} and nothing["error"][
        "kind"
    ] == "interrupted"


def test_the_runner_reports_in_the_documented_order():
    messages = []
    job = {**grader.plan("sigmoid")["job"], "code": "import numpy as np\ndef sigmoid(x):\n    raise ValueError('no')\n"}
    runner.run(job, messages.append)
    kinds = [message["type"] for message in messages]
    cases = len(job["cases"])
    assert kinds == ["top"] + ["case-start", "raised", "case"] * cases + ["done"]
    assert all(message["raised"]["message"] == "ValueError: no" for message in messages if message["type"] == "case")
