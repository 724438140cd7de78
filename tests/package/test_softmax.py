"""softmax: row-wise, stable (shift by the row max), checked against scipy.special.softmax."""

import re

import numpy as np
import pytest
import scipy.special
from hypothesis import given
from hypothesis import strategies as st

from nnbasics import format_array, softmax

from .conftest import float_arrays

COURSE_X = np.array([[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]])


def test_softmax_prints_the_course_reference():
    assert format_array(softmax(COURSE_X)) == (
        "[[9.80897665e-01 8.94462891e-04 1.79657674e-02 1.21052389e-04\n  1.21052389e-04]\n"
        " [8.78679856e-01 1.18916387e-01 8.01252314e-04 8.01252314e-04\n  8.01252314e-04]]"
    )


@given(float_arrays(min_dims=1, max_dims=2, min_side=1, limit=1e3))
def test_softmax_matches_scipy_along_the_last_axis(x):
    np.testing.assert_allclose(softmax(x), scipy.special.softmax(x, axis=-1), rtol=1e-12, atol=1e-300)


@given(float_arrays(min_dims=2, max_dims=2, min_side=1, limit=1e3))
def test_softmax_rows_are_probabilities(x):
    result = softmax(x)
    assert result.shape == x.shape and result.dtype == np.float64
    assert np.all((result >= 0) & (result <= 1))
    np.testing.assert_allclose(result.sum(axis=1), 1.0, rtol=1e-12)


@given(float_arrays(min_dims=2, max_dims=2, min_side=1, limit=1e3), st.floats(-1e3, 1e3))
def test_softmax_is_unchanged_by_adding_a_constant_to_a_row(x, c):
    shifted = x.copy()
    shifted[0] += c
    np.testing.assert_allclose(softmax(shifted), softmax(x), rtol=1e-9, atol=1e-12)


def test_softmax_of_a_vector_is_one_row_and_comes_back_1d():
    vector = np.array([1.0, 2.0, 3.0])
    result = softmax(vector)
    assert result.shape == (3,)
    np.testing.assert_array_equal(result, softmax(vector[np.newaxis, :])[0])


def test_softmax_of_large_inputs_is_finite_and_warning_free(strict_floats):
    assert softmax(np.array([[1000, 1000]])).tolist() == [[0.5, 0.5]]
    assert softmax(np.array([[1000.0, 0.0], [-1000.0, -1000.0]])).tolist() == [[1.0, 0.0], [0.5, 0.5]]
    assert np.all(np.isfinite(softmax(np.array([[1e300, -1e300, 0.0]]))))


def test_softmax_accepts_integers_and_lists():
    np.testing.assert_allclose(softmax([[0, 0], [1, 1]]), [[0.5, 0.5], [0.5, 0.5]])


@pytest.mark.parametrize("shape", [(), (2, 2, 2)])
def test_softmax_refuses_other_dimensions_naming_the_shape(shape):
    with pytest.raises(ValueError, match=re.escape(f"got an array of shape {shape}")):
        softmax(np.ones(shape))
