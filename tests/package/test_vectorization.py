"""The vectorization lesson ("Python Basics with Numpy", part 2): each of the four operations as the
course's loop and as one NumPy call, giving the course's printed numbers and the same result as
each other; every refusal with its code and the argument it names (check_refusal, which
test_timing.py and test_lesson.py use too)."""

import math
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nnbasics
from nnbasics import (
    dot_loop,
    dot_vectorized,
    example_weights,
    general_dot_loop,
    general_dot_vectorized,
    multiply_loop,
    multiply_vectorized,
    outer_loop,
    outer_vectorized,
)
from nnbasics.errors import MESSAGES, InputError, InputTypeError
from nnbasics.vectorization import OPERATIONS, SEED, UNCHECKED

from .test_parsing import placeholders, render

# The notebook's vectors and what it prints, typed from it.
X1 = [9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0]
X2 = [9, 2, 2, 9, 0, 9, 2, 5, 0, 0, 9, 2, 5, 0, 0]
COURSE_DOT = 278
COURSE_OUTER_FIRST_ROW = [81, 18, 18, 81, 0, 81, 18, 45, 0, 0, 81, 18, 45, 0, 0]
COURSE_ELEMENTWISE = [81, 4, 10, 0, 0, 63, 10, 0, 0, 0, 81, 4, 25, 0, 0]
NAMES = ["dot", "outer", "multiply", "general_dot"]
EPS = np.finfo(np.float64).eps


# --------------------------------------------------------------------------- the course's numbers


def test_the_loop_dot_product_of_the_course_vectors_is_the_python_int_278():
    dot = dot_loop(X1, X2)
    assert dot == COURSE_DOT and type(dot) is int


def test_the_vectorized_dot_product_is_278_as_numpy_computes_it():
    assert dot_vectorized(X1, X2) == COURSE_DOT == np.dot(np.array(X1), np.array(X2))


def test_the_loop_outer_product_is_a_15_by_15_float_matrix_whose_first_row_the_course_prints():
    outer = outer_loop(X1, X2)
    assert outer.shape == (15, 15) and outer.dtype == np.float64
    assert outer[0].tolist() == COURSE_OUTER_FIRST_ROW
    assert np.array_equal(outer, np.outer(np.array(X1), np.array(X2)))


def test_the_vectorized_outer_product_is_numpys_in_the_inputs_dtype():
    outer = outer_vectorized(X1, X2)
    assert outer.dtype == np.int64 and outer[0].tolist() == COURSE_OUTER_FIRST_ROW
    assert np.array_equal(outer, np.outer(np.array(X1), np.array(X2)))


def test_both_element_wise_products_print_the_courses_numbers():
    loop, vectorized = multiply_loop(X1, X2), multiply_vectorized(X1, X2)
    assert loop.dtype == np.float64 and loop.tolist() == COURSE_ELEMENTWISE
    assert vectorized.dtype == np.int64 and vectorized.tolist() == COURSE_ELEMENTWISE
    assert np.array_equal(vectorized, np.multiply(np.array(X1), np.array(X2)))


def test_the_general_dot_product_of_the_courses_w_and_x1():
    W = example_weights(len(X1))
    expected = np.array([math.fsum(w * x for w, x in zip(row, X1)) for row in W.tolist()])
    loop, vectorized = general_dot_loop(W, X1), general_dot_vectorized(W, X1)
    assert loop.shape == vectorized.shape == (3,) and loop.dtype == np.float64
    assert np.array_equal(vectorized, np.dot(W, np.array(X1)))
    np.testing.assert_allclose(loop, expected, rtol=16 * EPS)
    np.testing.assert_allclose(vectorized, expected, rtol=16 * EPS)


def test_the_courses_w_is_seeded_three_rows_of_uniform_numbers():
    W = example_weights(15)
    assert W.shape == (3, 15) and W.dtype == np.float64
    assert np.array_equal(W, np.random.default_rng(SEED).random((3, 15)))
    assert np.array_equal(W, example_weights(15)) and not np.array_equal(W, example_weights(15, seed=SEED + 1))
    assert ((0 <= W) & (W < 1)).all()


def test_the_operations_are_listed_once_in_the_courses_order_with_their_public_pairs():
    assert [name for name, _, _ in OPERATIONS] == NAMES == list(UNCHECKED)
    for name, loop, vectorized in OPERATIONS:
        assert loop.__name__ == f"{name}_loop" and vectorized.__name__ == f"{name}_vectorized"
        assert getattr(nnbasics, loop.__name__) is loop and getattr(nnbasics, vectorized.__name__) is vectorized


# --------------------------------------------------------------------------- loop == vectorized


@st.composite
def vector_pairs(draw, elements, same_length=True, max_size=30):
    n = draw(st.integers(1, max_size))
    m = n if same_length else draw(st.integers(1, max_size))
    return draw(st.lists(elements, min_size=n, max_size=n)), draw(st.lists(elements, min_size=m, max_size=m))


@st.composite
def matrix_and_vector(draw, elements, dtype, max_size=30):
    """W, an array of 0 to 5 rows, and x, a list of the same length as its rows."""
    rows, n = draw(st.integers(0, 5)), draw(st.integers(1, max_size))
    W = np.array([draw(st.lists(elements, min_size=n, max_size=n)) for _ in range(rows)], dtype=dtype)
    return W.reshape(rows, n), draw(st.lists(elements, min_size=n, max_size=n))


INTEGERS = st.integers(-1000, 1000)
FLOATS = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
# k / 8 with |k| < 2**20: every product and every sum of up to 30 of them is exact in float64,
# whatever order it is summed in, so a loop and BLAS must agree to the last bit.
DYADIC = st.integers(-(2**20), 2**20).map(lambda k: k / 8)


@given(vector_pairs(INTEGERS))
def test_for_integers_the_dot_loop_is_an_exact_python_int_equal_to_np_dot(pair):
    x1, x2 = pair
    loop = dot_loop(x1, x2)
    assert type(loop) is int and loop == sum(a * b for a, b in zip(x1, x2)) == dot_vectorized(x1, x2)


@given(vector_pairs(DYADIC))
def test_for_floats_summed_exactly_the_dot_loop_equals_np_dot_to_the_last_bit(pair):
    assert dot_loop(*pair) == dot_vectorized(*pair) == math.fsum(a * b for a, b in zip(*pair))


@given(vector_pairs(FLOATS))
def test_for_any_floats_the_dot_loop_and_np_dot_agree_to_rounding(pair):
    x1, x2 = pair
    products = [a * b for a, b in zip(x1, x2)]
    bound = 2 * len(x1) * EPS * math.fsum(abs(p) for p in products)
    for dot in (dot_loop(x1, x2), dot_vectorized(x1, x2)):
        assert abs(dot - math.fsum(products)) <= bound


@pytest.mark.parametrize("elements", [INTEGERS, FLOATS], ids=["integers", "floats"])
@given(data=st.data())
def test_outer_and_element_wise_loops_equal_numpy_exactly(elements, data):
    x1, x2 = data.draw(vector_pairs(elements, same_length=False))  # no sums: each product is exact
    assert np.array_equal(outer_loop(x1, x2), outer_vectorized(x1, x2))
    assert np.array_equal(outer_loop(x1, x2), np.outer(np.array(x1), np.array(x2)))
    x1, x2 = data.draw(vector_pairs(elements))
    assert np.array_equal(multiply_loop(x1, x2), multiply_vectorized(x1, x2))
    assert np.array_equal(multiply_loop(x1, x2), np.multiply(np.array(x1), np.array(x2)))


@pytest.mark.parametrize(
    "elements, dtype", [(INTEGERS, np.int64), (DYADIC, np.float64)], ids=["integers", "floats-summed-exactly"]
)
@given(data=st.data())
def test_the_general_dot_loop_equals_np_dot_exactly_when_the_sums_are_exact(elements, dtype, data):
    W, x = data.draw(matrix_and_vector(elements, dtype))
    loop = general_dot_loop(W, x)
    assert loop.shape == (W.shape[0],) and loop.dtype == np.float64
    assert np.array_equal(loop, general_dot_vectorized(W, x))
    assert np.array_equal(loop, np.dot(W, np.array(x)))


@given(matrix_and_vector(FLOATS, np.float64))
def test_for_any_floats_the_general_dot_loop_and_np_dot_agree_to_rounding(Wx):
    W, x = Wx
    for row, loop, vectorized in zip(W.tolist(), general_dot_loop(W, x), general_dot_vectorized(W, x)):
        products = [w * v for w, v in zip(row, x)]
        bound = 2 * len(x) * EPS * math.fsum(abs(p) for p in products)
        assert abs(loop - math.fsum(products)) <= bound and abs(vectorized - math.fsum(products)) <= bound


def test_numpy_arrays_of_any_real_dtype_are_taken_and_never_modified():
    x1, x2 = np.array(X1, dtype=np.uint8), np.array(X2, dtype=np.float32)
    W = np.arange(45, dtype=np.int32).reshape(3, 15)
    copies = x1.copy(), x2.copy(), W.copy()
    for loop, vectorized in [(dot_loop, dot_vectorized), (outer_loop, outer_vectorized)]:
        assert np.array_equal(loop(x1, x2), vectorized(x1, x2))
    assert np.array_equal(multiply_loop(x1, x2), multiply_vectorized(x1, x2))
    assert np.array_equal(general_dot_loop(W, x1), general_dot_vectorized(W, x1))
    assert all(np.array_equal(a, b) for a, b in zip((x1, x2, W), copies))


def test_a_nested_list_is_a_matrix_and_a_tuple_a_vector():
    assert general_dot_loop([[1, 0], [2, 3]], (4, 5)).tolist() == [4.0, 23.0]
    assert general_dot_vectorized([[1, 0], [2, 3]], (4, 5)).tolist() == [4, 23]


def test_w_without_rows_gives_an_empty_result_both_ways():
    W = np.zeros((0, 3))
    assert general_dot_loop(W, [1, 2, 3]).shape == general_dot_vectorized(W, [1, 2, 3]).shape == (0,)


# --------------------------------------------------------------------------- refusals

# (call, its arguments, the code, the exception type the caller knows it as, the argument(s) named)
REFUSALS = [
    (dot_loop, ([[1, 2]], [1, 2]), "expects-vector", ValueError, ("x1",)),
    (dot_vectorized, ([1, 2], 3), "expects-vector", ValueError, ("x2",)),
    (outer_loop, ([], [1]), "empty-vector", ValueError, ("x1",)),
    (outer_vectorized, ([1], np.zeros(0)), "empty-vector", ValueError, ("x2",)),
    (multiply_loop, ([True, False], [1, 2]), "expects-real-numbers", TypeError, ("x1",)),
    (multiply_vectorized, ([1, 2], ["a", "b"]), "expects-real-numbers", TypeError, ("x2",)),
    (dot_loop, ([1, 2, 3], [1, 2]), "length-mismatch", ValueError, ("x1", "x2")),
    (multiply_vectorized, ([1], [1, 2]), "length-mismatch", ValueError, ("x1", "x2")),
    (general_dot_loop, ([1, 2, 3], [1, 2, 3]), "expects-matrix", ValueError, ("W",)),
    (general_dot_vectorized, (np.zeros((1, 1, 1)), [1]), "expects-matrix", ValueError, ("W",)),
    (general_dot_loop, ([[1j, 2]], [1, 2]), "expects-real-numbers", TypeError, ("W",)),
    (general_dot_vectorized, (np.zeros((3, 2)), [[1, 2]]), "expects-vector", ValueError, ("x",)),
    (general_dot_loop, (np.zeros((3, 0)), []), "empty-vector", ValueError, ("x",)),
    (general_dot_vectorized, (np.zeros((3, 4)), np.zeros(5)), "columns-mismatch", ValueError, ("W", "x")),
    (example_weights, (2.5,), "expects-whole-number", TypeError, ("n",)),
    (example_weights, (True,), "expects-whole-number", TypeError, ("n",)),
    (example_weights, (0,), "too-small", ValueError, ("n",)),
]
VECTORIZATION_CODES = {code for _, _, code, _, _ in REFUSALS}  # every template: test_errors.py


def check_refusal(function, args, code, kind, named):
    """``function(*args)`` raises `code` as `kind` (ValueError: an InputError; TypeError: an
    InputTypeError), whose params are its message's, plain values, with "argument" the first
    name of `named` when it has one, and whose message names every name of `named`."""
    with pytest.raises(kind) as refused:
        function(*args)
    error = refused.value
    assert isinstance(error, InputTypeError if kind is TypeError else InputError)
    assert error.code == code and error.params["function"] == function.__name__
    assert set(error.params) == placeholders(MESSAGES[code])
    for value in error.params.values():  # plain values, as a page receives them
        assert type(value) in (str, int) or (type(value) is tuple and all(type(n) is int for n in value))
    assert render(MESSAGES[code], error.params) == str(error)
    if "argument" in error.params:
        assert error.params["argument"] == named[0]
    for name in named:
        assert re.search(rf"(?<![\w.]){name}(?!\w)", str(error)), f"{name} is not named: {error}"
    return error


@pytest.mark.parametrize(
    "function, args, code, kind, named", REFUSALS, ids=[f"{f.__name__}-{code}" for f, _, code, _, _ in REFUSALS]
)
def test_every_refusal_has_its_code_names_the_argument_and_renders_from_its_params(function, args, code, kind, named):
    check_refusal(function, args, code, kind, named)


def test_the_refusals_say_what_was_got():
    with pytest.raises(InputError, match=r"x1 of length 3 and x2 of length 2"):
        dot_vectorized([1, 2, 3], [1, 2])
    with pytest.raises(InputError, match=r"W of shape \(3, 4\) and x of length 5"):
        general_dot_loop(np.zeros((3, 4)), np.zeros(5))
    with pytest.raises(InputTypeError, match=r"x2 to hold real numbers \(int or float\), but got .* dtype <U1"):
        dot_loop([1], ["a"])


def test_the_first_argument_at_fault_is_the_one_named():
    with pytest.raises(InputError) as refused:
        multiply_loop([], [[1]])
    assert refused.value.params["argument"] == "x1"
