"""web/cards/bindings.py: what each card shows for what was typed, as plain data."""

import json
import math
import warnings

import numpy as np
import pytest
import scipy.special

from web import catalogue
from web.cards import bindings

NAMES = [op["name"] for op in catalogue.OPERATIONS]


@pytest.mark.parametrize("op", NAMES)
def test_every_catalogue_example_shows_the_courses_printed_output(op):
    assert bindings.evaluate(op, catalogue.examples(op))["text"] == catalogue.BY_NAME[op]["printed"]


# the one note at a catalogue example: the lesson's W·x, summed by the loop and by BLAS in other orders
EXAMPLE_NOTES = {"vectorization": "general_dot_loop: the loop and NumPy differ in the last digits (by up to 3.6e-15)"}


@pytest.mark.parametrize("op", NAMES)
def test_every_operation_gives_text_value_plot_and_a_text_alternative(op):
    shown = bindings.evaluate(op, catalogue.examples(op))
    assert set(shown) == {"text", "value", "plot", "alt", "note"}
    assert shown["text"]
    assert shown["note"] is None if op not in EXAMPLE_NOTES else EXAMPLE_NOTES[op] in shown["note"]
    assert shown["plot"]["panels"], "something to draw"
    assert len(shown["alt"]) > 30
    json.dumps(shown, allow_nan=False)  # plain data the page can take as JSON


def test_the_text_is_what_numpy_prints_and_the_value_is_full_precision():
    shown = bindings.evaluate("sigmoid", {"x": "[1, 2, 3]"})
    assert shown["text"] == "[0.73105858 0.88079708 0.95257413]"
    np.testing.assert_allclose(shown["value"], scipy.special.expit([1.0, 2.0, 3.0]), rtol=1e-15)


@pytest.mark.parametrize(
    "op, inputs, field, fragment",
    [
        ("sigmoid", {"x": "[1, 2"}, "x", "]"),
        ("basic_sigmoid", {"x": "[1, 2]"}, "x", "math.exp"),
        ("image2vector", {"image": "[1, 2]"}, "image", "(2,)"),
        ("normalize_rows", {"x": "[1, 2]"}, "x", "(2,)"),
        ("l1", {"yhat": "[1, 2]", "y": "oops"}, "y", "oops"),
        ("l1", {"yhat": "[1, 2]", "y": "[[1], [2]]"}, "y", "(2, 1)"),
        ("l2", {"yhat": "", "y": "[1]"}, "yhat", "empty"),
        ("l1", {"yhat": "1", "y": "2"}, "yhat", "shape ()"),
        ("softmax", {"x": "[[]]"}, "x", "empty"),
        ("image2vector", {"image": "[[[]]]"}, "image", "empty"),
        ("sigmoid", {"x": "[]"}, "x", "empty"),
    ],
)
def test_a_problem_is_reported_for_the_field_it_is_in(op, inputs, field, fragment):
    [error] = bindings.evaluate(op, inputs)["errors"]
    assert error["field"] == field
    assert fragment in error["message"]


def test_each_field_that_cannot_be_used_gets_its_own_refusal():
    errors = bindings.evaluate("l1", {"yhat": "", "y": "[1, oops]"})["errors"]
    assert [(error["field"], error["code"]) for error in errors] == [("yhat", "empty"), ("y", "not-a-list-item")]


@pytest.mark.parametrize("edited, blamed", [("yhat", "yhat"), ("y", "y"), (None, "y")])
def test_fields_that_do_not_match_blame_the_one_just_edited(edited, blamed):
    [error] = bindings.evaluate("l2", {"yhat": "[1, 2, 3]", "y": "[1, 2]"}, edited=edited)["errors"]
    assert (error["field"], error["code"]) == (blamed, "shape-mismatch")


def test_an_overflowing_result_says_it_is_not_finite_and_stays_valid_json():
    shown = bindings.evaluate("l2", {"yhat": "[0]", "y": "[1e200]"})
    assert shown["text"] == "inf"
    assert shown["value"] == "inf"
    assert "not finite" in shown["note"]
    json.loads(bindings.evaluate_json("l2", json.dumps({"yhat": "[0]", "y": "[1e200]"})))


def test_sources_are_the_packages_own_code():
    sources = bindings.sources()
    assert list(sources) == NAMES
    assert sources["l1"].startswith("def L1(")


def test_an_unknown_card_is_a_programming_error():
    with pytest.raises(KeyError):
        bindings.evaluate("no_such_card", {})


@pytest.mark.parametrize(
    "op, inputs, code, shown",
    [
        ("sigmoid", {"x": "[1, 2, x]"}, "not-a-list-item", {"word": "'x'", "line": "1", "column": "8"}),
        (
            "softmax",
            {"x": "[[1, 2], [3]]"},
            "ragged-rows",
            {"row": "2", "count": "1", "first_count": "2", "line": "1", "column": "10"},
        ),
        (
            "sigmoid",
            {"x": "[1·2]"},
            "unexpected-character",
            {"char": "'·'", "codepoint": "U+00B7", "charname": "MIDDLE DOT", "line": "1", "column": "3"},
        ),
        (
            "l2",
            {"yhat": "[1, 2]", "y": "[[1], [2]]"},
            "shape-mismatch-broadcast",
            {"function": "L2", "yhat_shape": "(2,)", "y_shape": "(2, 1)", "broadcast_shape": "(2, 2)"},
        ),
        ("basic_sigmoid", {"x": "[1, 2]"}, "one-number-only-array", {"shape": "(2,)"}),
        ("sigmoid", {"x": "[]"}, "empty-array", {"shape": "(0,)"}),
    ],
)
def test_a_refusal_carries_its_code_and_parameters_as_the_message_shows_them(op, inputs, code, shown):
    [error] = bindings.evaluate(op, inputs)["errors"]
    assert error["code"] == code and error["params"] == shown
    for value in shown.values():
        assert value in error["message"]


# --------------------------------------------------------------------------- honest about the course's code

# The course's code as its notebook writes it: this test's own reference, run in NumPy here.
COURSE = {
    "basic_sigmoid": lambda x: 1 / (1 + math.exp(-x)),
    "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "sigmoid_derivative": lambda x: (1 / (1 + np.exp(-x))) * (1 - 1 / (1 + np.exp(-x))),
    "normalize_rows": lambda x: x / np.linalg.norm(x, ord=2, axis=1, keepdims=True),
    "softmax": lambda x: np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True),
}
# Inputs where the course's plain formula does not quietly give what the card shows.
DIFFERENT = [
    ("basic_sigmoid", "-1000"),
    ("sigmoid", "[-1000, 0, 1000]"),
    ("sigmoid_derivative", "[-1000, 1000]"),
    ("normalize_rows", "[[0, 0, 0], [3, 4, 0]]"),
    ("softmax", "[[1000, 1000], [1, 2]]"),
    ("softmax", "[1, 2, 3]"),
]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("op, text", DIFFERENT)
def test_where_the_courses_code_differs_the_card_says_what_it_does(op, text, lang):
    x = np.array(json.loads(text), dtype=float)
    shown = bindings.evaluate(op, {"x": text}, lang)
    with warnings.catch_warnings(record=True) as caught, np.errstate(over="warn", invalid="warn", divide="warn"):
        warnings.simplefilter("always")
        try:
            theirs, raised = COURSE[op](float(x) if op == "basic_sigmoid" else x), None
        except Exception as error:  # noqa: BLE001 -- whatever the course's code raises, the note names it
            theirs, raised = None, error
    note = shown["note"]
    assert note, f"{op}({text}): the card says nothing"
    if raised:
        assert type(raised).__name__ in note and str(raised) in note
    else:
        if not np.allclose(theirs, json.loads(json.dumps(shown["value"])), rtol=1e-12):
            assert " ".join(str(np.asarray(theirs)).split()) in note  # the course's numbers, as NumPy prints them
        for warning in caught:
            assert f"{warning.category.__name__}: {warning.message}" in note
        assert caught or theirs is not None


@pytest.mark.parametrize("op", [name for name in NAMES if name not in EXAMPLE_NOTES])
def test_where_the_courses_code_agrees_quietly_there_is_no_note(op):
    assert bindings.evaluate(op, catalogue.examples(op))["note"] is None


# --------------------------------------------------------------------------- the vectorization lesson

LESSON = {"x1": "[9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0]", "x2": "[9, 2, 2, 9, 0, 9, 2, 5, 0, 0, 9, 2, 5, 0, 0]"}


def lesson(**fields):
    return bindings.evaluate("vectorization", {**LESSON, "seed": "1", **fields})


def test_whole_numbers_reach_the_lesson_as_integers_as_the_course_writes_them():
    shown = lesson()
    assert shown["value"]["dot"] == {"loop": 278, "numpy": 278}
    assert isinstance(shown["value"]["dot"]["loop"], int)
    assert shown["text"].splitlines()[1] == "278"
    assert lesson(x1="[9., 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0]")["text"].splitlines()[1] == "278.0"


def test_the_lessons_w_is_numpys_generator_with_the_seed_shown():
    value = lesson(seed="7")["value"]
    assert value["seed"] == 7
    assert value["W"] == np.random.default_rng(7).random((3, 15)).tolist()


def test_products_past_int64_get_a_note_that_numpy_wraps_around_where_python_does_not():
    shown = lesson(x1="[4000000000000000, 1]", x2="[4000, 1]")
    assert shown["value"]["dot"]["loop"] == 16_000_000_000_000_000_001  # Python's exact int
    assert shown["value"]["dot"]["numpy"] != shown["value"]["dot"]["loop"]  # int64 wrapped around
    assert shown["note"].startswith("dot_loop, outer_loop, multiply_loop: the loop and NumPy differ")
    assert "int64" in lesson(x1="[4000000000000000, 1]", x2="[4000, 1]")["note"]
    assert (
        "int64"
        in bindings.evaluate("vectorization", {"x1": "[4000000000000000, 1]", "x2": "[4000, 1]", "seed": "1"}, "ko")[
            "note"
        ]
    )


@pytest.mark.parametrize(
    ("fields", "edited", "blamed", "code"),
    [
        ({"x2": "[1, 2, 3]"}, "x2", "x2", "length-mismatch"),
        ({"x2": "[1, 2, 3]"}, "seed", "x2", "length-mismatch"),  # a seed has no length: never blamed for one
        ({"x1": "[1, 2, 3]"}, "x1", "x1", "length-mismatch"),
        ({"x1": "[[1, 2], [3, 4]]"}, "x2", "x1", "expects-vector"),
        ({"seed": "-1"}, "x1", "seed", "too-small"),
        ({"seed": "2.5"}, None, "seed", "expects-whole-number"),
        ({"seed": "[1, 2]"}, None, "seed", "expects-whole-number"),
    ],
)
def test_a_lesson_refusal_is_told_beside_the_field_it_concerns(fields, edited, blamed, code):
    (error,) = bindings.evaluate("vectorization", {**LESSON, "seed": "1", **fields}, "en", edited)["errors"]
    assert error["field"] == blamed
    assert error["code"] == code


def test_vectors_longer_than_a_lesson_takes_are_refused_naming_the_limit():
    long = "[" + ", ".join(["1"] * 301) + "]"
    (error,) = lesson(x1=long, x2=long)["errors"]
    assert error["code"] == "lesson-too-long" and error["params"]["max_length"] == "300"


def test_the_lessons_code_shows_the_lesson_and_the_courses_four_loops():
    source = bindings.sources()["vectorization"]
    for name in ("def vectorization_lesson(", "def _dot(", "def _outer(", "def _multiply(", "def _general_dot("):
        assert name in source
