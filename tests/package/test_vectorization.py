"""The vectorization lesson ("Python Basics with Numpy", part 2): each of the four operations as the
course's loop and as one NumPy call, giving the course's printed numbers and the same result as
each other; every refusal with its code and the argument it names; and time_operation's contract,
checked with a scripted clock (no assertion here depends on how fast anything runs)."""

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
    time_operation,
)
from nnbasics.errors import MESSAGES, InputError, InputTypeError
from nnbasics.timing import MAX_CALLS, MAX_TIMING_SIZE, MIN_READING_SECONDS, timing_inputs
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
    (time_operation, ("cross", 100), "unknown-operation", ValueError, ()),
    (time_operation, (3, 100), "unknown-operation", ValueError, ()),
    (time_operation, ("dot", 0), "timing-size", ValueError, ("size",)),
    (time_operation, ("outer", MAX_TIMING_SIZE + 1), "timing-size", ValueError, ("size",)),
    (time_operation, ("dot", 1e5), "expects-whole-number", TypeError, ("size",)),
    (time_operation, ("dot", 100, 0), "too-small", ValueError, ("repeats",)),
    (time_operation, ("dot", 100, 2.0), "expects-whole-number", TypeError, ("repeats",)),
]
VECTORIZATION_CODES = {code for _, _, code, _, _ in REFUSALS}  # every template: test_errors.py


@pytest.mark.parametrize(
    "function, args, code, kind, named", REFUSALS, ids=[f"{f.__name__}-{code}" for f, _, code, _, _ in REFUSALS]
)
def test_every_refusal_has_its_code_names_the_argument_and_renders_from_its_params(function, args, code, kind, named):
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


def test_the_refusals_say_what_was_got():
    with pytest.raises(InputError, match=r"x1 of length 3 and x2 of length 2"):
        dot_vectorized([1, 2, 3], [1, 2])
    with pytest.raises(InputError, match=r"W of shape \(3, 4\) and x of length 5"):
        general_dot_loop(np.zeros((3, 4)), np.zeros(5))
    with pytest.raises(InputTypeError, match=r"x2 to hold real numbers \(int or float\), but got .* dtype <U1"):
        dot_loop([1], ["a"])
    with pytest.raises(InputError, match=r"from 1 to 1,000,000, but got 1000001"):
        time_operation("dot", MAX_TIMING_SIZE + 1)
    with pytest.raises(InputError, match=r"operations 'dot', 'outer', 'multiply', 'general_dot', not 'cross'"):
        time_operation("cross", 10)


def test_the_first_argument_at_fault_is_the_one_named():
    with pytest.raises(InputError) as refused:
        multiply_loop([], [[1]])
    assert refused.value.params["argument"] == "x1"


# --------------------------------------------------------------------------- timing


def scripted(runs):
    """A clock that makes the runs last ``runs`` seconds, in turn (read twice per run), and then
    refuses to be read again: ``time_operation`` reads it before and after each run, nowhere else."""
    times, now = [], 100.0
    for seconds in runs:
        times += [now, now + seconds]
        now += seconds + 1.0  # what happens between runs is not timed
    return iter(times).__next__


def settled(seconds):
    """A first run long enough to settle on one call per reading."""
    return max(seconds, MIN_READING_SECONDS)


def test_the_medians_are_of_each_versions_readings_in_the_documented_order():
    loop, vectorized = [0.5, 0.1, 0.4, 0.2, 0.3], [0.05, 0.001, 0.04, 0.002, 0.003]
    runs = [loop[0], vectorized[0]] + [t for pair in zip(loop[1:], vectorized[1:]) for t in pair]
    clock = scripted(runs)
    assert time_operation("dot", 10, repeats=5, clock=clock) == pytest.approx((0.3, 0.003))
    with pytest.raises(StopIteration):  # read exactly twice per run
        clock()


def test_an_even_number_of_readings_has_the_mean_of_the_middle_two_as_median():
    runs = [settled(0.4), settled(0.04), 0.1, 0.01, 0.2, 0.02, 0.3, 0.03]
    assert time_operation("multiply", 10, repeats=4, clock=scripted(runs)) == pytest.approx((0.25, 0.025))


def test_one_repeat_is_the_run_that_settled_the_number_of_calls():
    assert time_operation("outer", 10, repeats=1, clock=scripted([0.2, 0.02])) == pytest.approx((0.2, 0.02))


def test_fast_calls_are_run_1_2_5_10_20_50_times_until_a_run_lasts_long_enough():
    short = MIN_READING_SECONDS / 2
    # the loop settles at 10 calls (its fourth run), the vectorized version at 2, then one more each
    runs = [short, short, short, 3.0, short, 0.5, 4.0, 0.6]
    loop, vectorized = time_operation("general_dot", 30, repeats=2, clock=scripted(runs))
    assert loop == pytest.approx((3.0 / 10 + 4.0 / 10) / 2)
    assert vectorized == pytest.approx((0.5 / 2 + 0.6 / 2) / 2)


def test_a_clock_that_does_not_move_stops_at_max_calls_and_reads_zero():
    assert MAX_CALLS == 10**5
    assert time_operation("dot", 1, repeats=1, clock=lambda: 0.0) == (0.0, 0.0)


@pytest.mark.parametrize("name", NAMES)
def test_with_the_real_clock_every_operation_gives_two_finite_positive_medians(name):
    timings = time_operation(name, 100, repeats=2)
    assert type(timings) is tuple and len(timings) == 2
    assert all(type(t) is float and math.isfinite(t) and t > 0 for t in timings)


@pytest.mark.parametrize("size", [1, MAX_TIMING_SIZE])
def test_the_sizes_from_1_to_max_timing_size_are_taken(size):
    assert MAX_TIMING_SIZE == 10**6
    assert time_operation("dot", size, repeats=1, clock=scripted([1.0, 2.0])) == (1.0, 2.0)


@pytest.mark.parametrize("size", [1, 2, 10, 99, 10**4, 10**5 + 1, MAX_TIMING_SIZE])
def test_a_size_is_about_the_number_of_scalar_products_one_call_does(size):
    for name in ("dot", "multiply"):
        x1, x2 = timing_inputs(name, size)[1]
        assert x1.shape == x2.shape == (size,)
    x1, x2 = timing_inputs("outer", size)[1]
    n = round(math.sqrt(size))
    assert x1.shape == x2.shape == (n,) and abs(n * n - size) <= n
    W, x = timing_inputs("general_dot", size)[1]
    assert W.shape == (3, max(1, size // 3)) and x.shape == (W.shape[1],) and W.size <= max(3, size)


@pytest.mark.parametrize("name", NAMES)
def test_the_loop_gets_python_lists_the_vectorized_call_arrays_with_the_same_seeded_numbers(name):
    loop_args, vectorized_args = timing_inputs(name, 300, seed=7)
    for a, b in zip(loop_args, vectorized_args):
        assert isinstance(b, np.ndarray) and b.dtype == np.float64
        assert isinstance(a, list) or a is b  # W is one array for both
        assert np.array_equal(np.asarray(a), b)
    again, other = timing_inputs(name, 300, seed=7), timing_inputs(name, 300, seed=8)
    assert np.array_equal(again[1][-1], vectorized_args[-1]) and not np.array_equal(other[1][-1], vectorized_args[-1])


@pytest.mark.parametrize("name", NAMES)
def test_what_is_timed_is_the_courses_code_computing_the_same_as_the_checked_pair(name):
    loop_args, vectorized_args = timing_inputs(name, 300)
    _, checked_loop, checked_vectorized = next(op for op in OPERATIONS if op[0] == name)
    loop, vectorized = UNCHECKED[name]
    assert np.array_equal(loop(*loop_args), checked_loop(*loop_args))
    assert np.array_equal(vectorized(*vectorized_args), checked_vectorized(*vectorized_args))
    np.testing.assert_allclose(loop(*loop_args), vectorized(*vectorized_args), rtol=1e-12)
