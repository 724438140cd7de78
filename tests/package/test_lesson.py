"""The vectorization lesson on one input (nnbasics/lesson.py): each pair computed as NumPy computes
it, from lists or arrays, ints or floats; W from the seed the printed text shows; the text a
notebook would print, written out by hand; the differences between a loop and NumPy; and every
refusal, with its code and the argument it names."""

import dataclasses
import math

import numpy as np
import pytest

from nnbasics import Lesson, vectorization_lesson
from nnbasics.errors import InputError
from nnbasics.lesson import MAX_LESSON_LENGTH
from nnbasics.vectorization import SEED

from .test_printing import printed
from .test_vectorization import NAMES, X1, X2, check_refusal

# --------------------------------------------------------------------------- the course's example

COURSE_DOT_LINES = [">>> dot_loop(x1, x2)", "278", ">>> np.dot(x1, x2)", "278"]
COURSE_MULTIPLY_AND_GENERAL_DOT_LINES = [
    ">>> multiply_loop(x1, x2)",
    "[81.  4. 10.  0.  0. 63. 10.  0.  0.  0. 81.  4. 25.  0.  0.]",
    ">>> np.multiply(x1, x2)",
    "[81  4 10  0  0 63 10  0  0  0 81  4 25  0  0]",
    ">>> W = np.random.default_rng(1).random((3, 15))",
    ">>> general_dot_loop(W, x1)",
    "[23.83648138 22.00974503 25.05476988]",
    ">>> np.dot(W, x1)",
    "[23.83648138 22.00974503 25.05476988]",
]


def test_the_course_example_prints_each_loop_then_numpy_as_a_notebook_shows_them():
    outer_lines = (
        [">>> outer_loop(x1, x2)"]
        + printed(np.outer(np.array(X1, dtype=float), np.array(X2, dtype=float))).splitlines()
        + [">>> np.outer(x1, x2)"]
        + printed(np.outer(np.array(X1), np.array(X2))).splitlines()
    )
    assert outer_lines[1] == "[[81. 18. 18. 81.  0. 81. 18. 45.  0.  0. 81. 18. 45.  0.  0.]"
    expected = COURSE_DOT_LINES + outer_lines + COURSE_MULTIPLY_AND_GENERAL_DOT_LINES
    assert vectorization_lesson(X1, X2).printed() == "\n".join(expected)


def test_the_course_example_gives_what_numpy_gives_and_the_loops_python_int_278():
    lesson = vectorization_lesson(X1, X2)
    a1, a2 = np.array(X1), np.array(X2)
    assert list(lesson.pairs) == NAMES
    loop, vectorized = lesson.pairs["dot"]
    assert loop == 278 and type(loop) is int
    assert vectorized == np.dot(a1, a2) and type(vectorized) is np.int64
    for name, numpy_function in [("outer", np.outer), ("multiply", np.multiply)]:
        loop, vectorized = lesson.pairs[name]
        assert loop.dtype == np.float64 and np.array_equal(loop, numpy_function(a1, a2))
        assert vectorized.dtype == np.int64 and np.array_equal(vectorized, numpy_function(a1, a2))


def test_w_is_the_seeded_generators_and_times_x1_as_numpy_computes_it():
    lesson = vectorization_lesson(X1, X2)
    W = np.random.default_rng(1).random((3, 15))
    assert lesson.seed == SEED == 1 and np.array_equal(lesson.W, W)
    loop, vectorized = lesson.pairs["general_dot"]
    assert np.array_equal(vectorized, np.dot(W, np.array(X1)))
    fsum = [math.fsum(w * x for w, x in zip(row, X1)) for row in W.tolist()]
    np.testing.assert_allclose(loop, fsum, rtol=16 * np.finfo(float).eps)


def test_the_printed_w_line_rebuilds_w_with_plain_numpy_for_any_seed_and_length():
    lesson = vectorization_lesson([1.5, 2, 3, 4], [0, 1, 0, 1], seed=42)
    (line,) = [line for line in lesson.printed().splitlines() if line.startswith(">>> W =")]
    assert line == ">>> W = np.random.default_rng(42).random((3, 4))"
    namespace = {"np": np}
    exec(line.removeprefix(">>> "), namespace)
    assert np.array_equal(namespace["W"], lesson.W) and lesson.W.shape == (3, 4)


# --------------------------------------------------------------------------- ints, floats, lists, arrays


@pytest.mark.parametrize(
    "x1, x2",
    [(X1, X2), (np.array(X1), np.array(X2)), (np.array(X1, dtype=np.int64), X2)],
    ids=["lists", "arrays", "array-and-list"],
)
def test_integers_give_a_python_int_from_the_loop_and_numpys_integers_from_numpy(x1, x2):
    lesson = vectorization_lesson(x1, x2)
    assert isinstance(lesson.x1, np.ndarray) and isinstance(lesson.x2, np.ndarray)
    assert np.array_equal(lesson.x1, X1) and np.array_equal(lesson.x2, X2)
    loop, vectorized = lesson.pairs["dot"]
    assert type(loop) is int and type(vectorized) is np.int64 and loop == vectorized == 278
    assert lesson.pairs["outer"][1].dtype == lesson.pairs["multiply"][1].dtype == np.int64
    assert lesson.printed() == vectorization_lesson(X1, X2).printed()


@pytest.mark.parametrize(
    "x1, x2",
    [([0.5, 2, 3], [4, 5, 6.25]), (np.array([0.5, 2.0, 3.0]), np.array([4.0, 5.0, 6.25]))],
    ids=["lists", "arrays"],
)
def test_floats_give_floats_both_ways_each_equal_to_numpys(x1, x2):
    lesson = vectorization_lesson(x1, x2)
    a1, a2 = np.array(x1, dtype=float), np.array(x2, dtype=float)
    loop, vectorized = lesson.pairs["dot"]
    assert type(loop) is float and type(vectorized) is np.float64 and loop == vectorized == 0.5 * 4 + 10 + 18.75
    for name, numpy_function in [("outer", np.outer), ("multiply", np.multiply)]:
        for result in lesson.pairs[name]:
            assert result.dtype == np.float64 and np.array_equal(result, numpy_function(a1, a2))
    assert lesson.printed().splitlines()[:4] == [">>> dot_loop(x1, x2)", "30.75", ">>> np.dot(x1, x2)", "30.75"]


def test_the_inputs_are_never_modified():
    x1, x2 = np.array([1.0, 2.0, 3.0]), np.array([4, 5, 6])
    vectorization_lesson(x1, x2)
    assert x1.tolist() == [1.0, 2.0, 3.0] and x2.tolist() == [4, 5, 6]


@pytest.mark.parametrize(
    "seed", [1, np.int64(1), np.uint8(1), np.array(1), 1.0, np.float64(1.0), np.array(1.0)], ids=repr
)
def test_a_seed_is_taken_as_an_int_from_a_numpy_integer_a_0_d_array_or_a_whole_float(seed):
    lesson = vectorization_lesson(X1, X2, seed=seed)
    assert lesson.seed == 1 and type(lesson.seed) is int
    assert np.array_equal(lesson.W, np.random.default_rng(1).random((3, 15)))


def test_seed_0_and_a_large_seed_are_taken():
    for seed in (0, 2**40):
        assert np.array_equal(vectorization_lesson([1], [2], seed=seed).W, np.random.default_rng(seed).random((3, 1)))


# --------------------------------------------------------------------------- arrays and differences


def test_arrays_are_every_result_in_order_as_float64():
    lesson = vectorization_lesson(X1, X2)
    arrays = lesson.arrays()
    results = [result for pair in lesson.pairs.values() for result in pair]
    assert len(arrays) == 8 and all(a.dtype == np.float64 for a in arrays)
    assert [a.shape for a in arrays] == [(), (), (15, 15), (15, 15), (15,), (15,), (3,), (3,)]
    assert all(np.array_equal(a, np.asarray(r, dtype=float)) for a, r in zip(arrays, results))


def test_the_differences_are_0_where_the_results_agree_and_as_numpy_finds_them_for_general_dot():
    lesson = vectorization_lesson(X1, X2)
    differences = lesson.differences()
    assert list(differences) == NAMES and all(type(d) is float for d in differences.values())
    assert differences["dot"] == differences["outer"] == differences["multiply"] == 0.0
    # the course's loop sums each row from the left (sum() does the same); BLAS may not
    loop = np.array([sum(w * x for w, x in zip(row, X1)) for row in lesson.W.tolist()])
    expected = np.max(np.abs(loop - np.dot(lesson.W, np.array(X1))))
    assert differences["general_dot"] == expected < 1e-13


def test_numpys_integers_wrap_around_where_the_loops_python_ints_do_not_and_the_differences_say_so():
    lesson = vectorization_lesson([2**62, 2**62], [4, 4])
    (dot_loop, dot_numpy), (multiply_loop, multiply_numpy) = lesson.pairs["dot"], lesson.pairs["multiply"]
    assert dot_loop == 2**65 and dot_numpy == np.dot(np.array([2**62] * 2), np.array([4, 4])) == 0
    assert multiply_loop.tolist() == [2.0**64] * 2 and multiply_numpy.tolist() == [0, 0]
    assert lesson.differences()["dot"] == 2.0**65 and lesson.differences()["multiply"] == 2.0**64
    assert lesson.arrays()[0] == 2.0**65


def test_equal_infinities_differ_by_0_and_a_nan_by_nan_without_a_warning(strict_floats):
    with np.errstate(all="ignore"):  # NumPy warns of the overflow and of inf * 0 while computing
        overflowing = vectorization_lesson([1e308, 2.0], [10.0, 3.0])
        invalid = vectorization_lesson([np.inf, 1.0], [0.0, 1.0])
    assert overflowing.pairs["multiply"][1].tolist() == [np.inf, 6.0]
    assert overflowing.differences()["multiply"] == overflowing.differences()["outer"] == 0.0
    assert math.isnan(invalid.differences()["dot"])
    assert not all(np.isfinite(a).all() for a in overflowing.arrays())


def test_a_lesson_is_frozen_and_equal_only_to_itself():
    lesson = vectorization_lesson([1, 2], [3, 4])
    assert isinstance(lesson, Lesson)
    with pytest.raises(dataclasses.FrozenInstanceError):
        lesson.seed = 2
    assert lesson == lesson and lesson != vectorization_lesson([1, 2], [3, 4])


# --------------------------------------------------------------------------- refusals

# (its arguments, the code, the exception type the caller knows it as, the argument(s) named)
REFUSALS = [
    (([[1, 2]], [1, 2]), "expects-vector", ValueError, ("x1",)),
    (([1, 2], np.zeros((2, 1))), "expects-vector", ValueError, ("x2",)),
    (([1, 2], 3), "expects-vector", ValueError, ("x2",)),
    (([], []), "empty-vector", ValueError, ("x1",)),
    (([True], [1]), "expects-real-numbers", TypeError, ("x1",)),
    (([1], [1j]), "expects-real-numbers", TypeError, ("x2",)),
    # a length mismatch names both, with no "argument": its params are x1_length and x2_length
    (([1, 2, 3], [1, 2]), "length-mismatch", ValueError, ("x1", "x2")),
    ((X1, X2, 2.5), "expects-whole-number", TypeError, ("seed",)),
    ((X1, X2, np.array(2.5)), "expects-whole-number", TypeError, ("seed",)),
    ((X1, X2, np.nan), "expects-whole-number", TypeError, ("seed",)),
    ((X1, X2, True), "expects-whole-number", TypeError, ("seed",)),
    ((X1, X2, np.array(True)), "expects-whole-number", TypeError, ("seed",)),
    ((X1, X2, np.array([1])), "expects-whole-number", TypeError, ("seed",)),
    ((X1, X2, "1"), "expects-whole-number", TypeError, ("seed",)),
    ((X1, X2, None), "expects-whole-number", TypeError, ("seed",)),
    ((X1, X2, -1), "too-small", ValueError, ("seed",)),
    ((X1, X2, -1.0), "too-small", ValueError, ("seed",)),
    ((X1, X2, np.array(-3)), "too-small", ValueError, ("seed",)),
]
LESSON_CODES = {code for _, code, _, _ in REFUSALS} | {"lesson-too-long"}  # every template: test_errors.py


@pytest.mark.parametrize(
    "args, code, kind, named", REFUSALS, ids=[f"{code}-{named[-1]}" for _, code, _, named in REFUSALS]
)
def test_every_refusal_has_its_code_names_the_argument_and_renders_from_its_params(args, code, kind, named):
    error = check_refusal(vectorization_lesson, args, code, kind, named)
    assert error.params.get("argument", named[0]) == named[0]


def test_the_refusals_say_what_was_got():
    with pytest.raises(TypeError, match=r"^vectorization_lesson expects seed to be a whole number, but got 2.5$"):
        vectorization_lesson(X1, X2, np.array(2.5))
    with pytest.raises(ValueError, match=r"^vectorization_lesson expects seed to be at least 0, but got -1$"):
        vectorization_lesson(X1, X2, -1.0)
    with pytest.raises(ValueError) as refused:
        vectorization_lesson([1, 2, 3], [1, 2])
    assert "argument" not in refused.value.params
    assert (refused.value.params["x1_length"], refused.value.params["x2_length"]) == (3, 2)


def test_the_vectors_are_checked_before_the_seed():
    with pytest.raises(ValueError) as refused:
        vectorization_lesson([1], [[1]], seed=-1)
    assert refused.value.code == "expects-vector" and refused.value.params["argument"] == "x2"


def test_vectors_longer_than_the_card_can_carry_both_outer_products_of_are_refused():
    assert MAX_LESSON_LENGTH == 300
    vectorization_lesson([1.0] * 300, [2.0] * 300)  # the longest taken
    with pytest.raises(InputError) as refused:
        vectorization_lesson([1.0] * 301, [2.0] * 301)
    assert refused.value.code == "lesson-too-long"
    assert refused.value.params == {"function": "vectorization_lesson", "max_length": 300, "length": 301}
    assert "at most 300 numbers" in str(refused.value) and "got 301" in str(refused.value)
