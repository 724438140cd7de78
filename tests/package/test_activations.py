"""basic_sigmoid, sigmoid and sigmoid_derivative, checked against SciPy and finite differences."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import expit

from nnbasics import basic_sigmoid, format_array, sigmoid, sigmoid_derivative

from .conftest import float_arrays

WIDE_RANGE = np.concatenate(
    [np.linspace(-800, 800, 4001), [-1000.0, -745.2, -709.8, -1e-300, 0.0, 1e-300, 36.8, 745.2, 1000.0]]
)


# --- basic_sigmoid ---------------------------------------------------------------------------


def test_basic_sigmoid_of_one_is_the_course_value():
    assert basic_sigmoid(1) == 0.7310585786300049


@pytest.mark.parametrize("x", [1, 1.0, np.float64(1.0), np.int64(1), np.array(1.0), np.float32(1.0)])
def test_basic_sigmoid_returns_a_python_float_for_one_number(x):
    result = basic_sigmoid(x)
    assert type(result) is float
    assert math.isclose(result, 0.7310585786300049, rel_tol=1e-7)


@pytest.mark.parametrize("x", [-30.5, -3.0, -0.1, 0.0, 0.1, 2.0, 17.0, 40.0, -700.0, -745.0])
def test_basic_sigmoid_matches_scipy_expit(x):
    assert math.isclose(basic_sigmoid(x), float(expit(x)), rel_tol=1e-14, abs_tol=1e-300)


def test_basic_sigmoid_at_plus_minus_1000_is_exact_and_warning_free(strict_floats):
    assert basic_sigmoid(-1000) == 0.0
    assert basic_sigmoid(1000) == 1.0
    assert basic_sigmoid(-710.0) == 0.0


def test_basic_sigmoid_of_huge_integers_gives_the_limits():
    assert basic_sigmoid(10**400) == 1.0
    assert basic_sigmoid(-(10**400)) == 0.0


def test_basic_sigmoid_refuses_a_list_explaining_that_math_exp_takes_one_number():
    with pytest.raises(TypeError) as error:
        basic_sigmoid([1, 2, 3])
    assert str(error.value) == (
        "basic_sigmoid uses math.exp, which takes one real number, not a list of 3 numbers; "
        "use sigmoid (np.exp) for arrays"
    )


@pytest.mark.parametrize(
    "x, described",
    [
        (np.array([1.0, 2.0, 3.0]), "an array of shape (3,)"),
        (np.zeros((2, 2)), "an array of shape (2, 2)"),
        ([[1, 2], [3, 4]], "a list of 2 items"),
        ((1, 2), "a tuple of 2 numbers"),
        ("3", "the text '3'"),
        (None, "not None"),
    ],
)
def test_basic_sigmoid_refuses_anything_but_one_number_with_a_type_error(x, described):
    with pytest.raises(TypeError, match="math.exp, which takes one real number") as error:
        basic_sigmoid(x)
    assert described in str(error.value)
    assert "use sigmoid (np.exp) for arrays" in str(error.value)


def test_basic_sigmoid_reads_a_one_element_array_as_its_number():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # NumPy >= 1.25 deprecates this conversion
        assert basic_sigmoid(np.array([1.0])) == 0.7310585786300049


@given(st.floats(-1e4, 1e4))
def test_basic_sigmoid_agrees_with_sigmoid(x):
    assert math.isclose(basic_sigmoid(x), float(sigmoid(x)), rel_tol=1e-14, abs_tol=1e-300)


# --- sigmoid ---------------------------------------------------------------------------------


def test_sigmoid_prints_the_course_reference():
    assert format_array(sigmoid(np.array([1, 2, 3]))) == "[0.73105858 0.88079708 0.95257413]"


def test_sigmoid_matches_scipy_expit_over_a_wide_range():
    np.testing.assert_allclose(sigmoid(WIDE_RANGE), expit(WIDE_RANGE), rtol=1e-14, atol=1e-300)


def test_sigmoid_at_plus_minus_1000_is_exactly_0_and_1_and_warning_free(strict_floats):
    result = sigmoid(np.array([-1000.0, -710.0, 0.0, 746.0, 1000.0]))
    assert result.tolist() == [0.0, 0.0, 0.5, 1.0, 1.0]
    assert sigmoid(-1000) == 0.0 and sigmoid(1000) == 1.0


def test_sigmoid_of_infinities_gives_the_limits(strict_floats):
    assert sigmoid(np.array([-np.inf, np.inf])).tolist() == [0.0, 1.0]


@pytest.mark.parametrize(
    "x, shape", [(0, ()), (0.5, ()), ([1, 2, 3], (3,)), ([[1], [2]], (2, 1)), (np.zeros((2, 3, 4)), (2, 3, 4))]
)
def test_sigmoid_accepts_numbers_lists_and_arrays_of_any_shape(x, shape):
    result = sigmoid(x)
    assert np.shape(result) == shape
    assert np.asarray(result).dtype == np.float64


def test_sigmoid_of_an_integer_array_is_float64_and_leaves_the_input_alone():
    x = np.array([1, 2, 3])
    result = sigmoid(x)
    assert result.dtype == np.float64
    assert x.tolist() == [1, 2, 3]


@given(float_arrays(limit=1e300))
def test_sigmoid_keeps_the_shape_and_stays_in_0_1(x):
    result = sigmoid(x)
    assert result.shape == x.shape and result.dtype == np.float64
    assert np.all((result >= 0) & (result <= 1))


@given(float_arrays(min_dims=1, max_dims=1, max_side=30, limit=1e3))
def test_sigmoid_is_monotonic(x):
    result = sigmoid(np.sort(x))
    assert np.all(np.diff(result) >= 0)


@given(float_arrays(limit=700))
def test_sigmoid_is_symmetric_about_one_half(x):
    np.testing.assert_allclose(sigmoid(x) + sigmoid(-x), 1.0, rtol=1e-15, atol=1e-15)


# --- sigmoid_derivative ----------------------------------------------------------------------


def test_sigmoid_derivative_prints_the_course_reference():
    assert format_array(sigmoid_derivative(np.array([1, 2, 3]))) == "[0.19661193 0.10499359 0.04517666]"


def test_sigmoid_derivative_is_a_quarter_at_zero():
    assert sigmoid_derivative(0) == 0.25


def test_sigmoid_derivative_matches_central_finite_differences():
    x = np.linspace(-12, 12, 241)
    h = 1e-5
    slope = (expit(x + h) - expit(x - h)) / (2 * h)
    # Error of the central difference: h**2 truncation plus about eps / h of rounding.
    np.testing.assert_allclose(sigmoid_derivative(x), slope, rtol=1e-8, atol=1e-10)


def test_sigmoid_derivative_is_zero_far_out_and_warning_free(strict_floats):
    assert sigmoid_derivative(np.array([-1000.0, 1000.0])).tolist() == [0.0, 0.0]


@given(float_arrays(limit=1e300))
def test_sigmoid_derivative_keeps_the_shape_and_stays_in_0_to_a_quarter(x):
    result = sigmoid_derivative(x)
    assert result.shape == x.shape
    assert np.all((result >= 0) & (result <= 0.25))
