"""normalize_rows: every non-zero row scaled to unit L2 norm; zero rows stay zero."""

import math
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnbasics import format_array, normalize_rows

# Entries rounded to 6 decimals: each is 0 or at least 1e-6, so squares never underflow.
ROWS = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=6),
    elements=st.floats(-1e3, 1e3).map(lambda v: round(v, 6)),
)


def test_normalize_rows_prints_the_course_reference():
    assert format_array(normalize_rows(np.array([[0, 3, 4], [1, 6, 4]]))) == (
        "[[0.         0.6        0.8       ]\n [0.13736056 0.82416338 0.54944226]]"
    )


def test_normalize_rows_divides_each_row_by_its_hypot():
    x = np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0], [-2.5, 0.5, 7.0]])
    expected = [[v / math.hypot(*row) for v in row] for row in x.tolist()]
    np.testing.assert_allclose(normalize_rows(x), expected, rtol=1e-15)


def test_normalize_rows_keeps_a_row_of_zeros_as_zeros_without_warning(strict_floats):
    result = normalize_rows(np.array([[0, 0, 0], [3, 0, 4]]))
    assert result.tolist() == [[0.0, 0.0, 0.0], [0.6, 0.0, 0.8]]


def test_normalize_rows_accepts_integers_and_never_modifies_its_input():
    x_int = np.array([[0, 3, 4], [1, 6, 4]])
    x_float = x_int.astype(float)
    result = normalize_rows(x_int)
    normalize_rows(x_float)
    assert result.dtype == np.float64
    assert x_int.tolist() == [[0, 3, 4], [1, 6, 4]]
    assert x_float.tolist() == [[0, 3, 4], [1, 6, 4]]


@given(ROWS)
def test_normalize_rows_gives_unit_norms_and_keeps_directions(x):
    result = normalize_rows(x)
    assert result.shape == x.shape
    for row, out in zip(x.tolist(), result.tolist()):
        norm = math.hypot(*row)
        if norm == 0:
            assert out == [0.0] * len(row)
        else:
            assert math.isclose(math.hypot(*out), 1.0, rel_tol=1e-12)
            np.testing.assert_allclose(np.multiply(out, norm), row, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("shape", [(), (3,), (2, 2, 2)])
def test_normalize_rows_refuses_anything_not_2d_naming_the_shape(shape):
    with pytest.raises(
        ValueError,
        match=re.escape(f"normalize_rows expects a 2-D array (one row per example), but got an array of shape {shape}"),
    ):
        normalize_rows(np.ones(shape))


@pytest.mark.parametrize("magnitude", [1e-300, 1e-200, 1e-160, 1e160, 1e200, 1e300, 1e307])
def test_rows_of_tiny_or_huge_numbers_still_get_unit_norm(strict_floats, magnitude):
    x = np.array([[3 * magnitude, -4 * magnitude], [3.0, 4.0]])
    np.testing.assert_allclose(normalize_rows(x), [[0.6, -0.8], [0.6, 0.8]], rtol=1e-15)


def test_a_row_of_the_smallest_subnormal_numbers_is_not_taken_for_zeros(strict_floats):
    tiny = 5e-324  # the smallest positive float64
    x = np.array([[tiny, tiny]])
    np.testing.assert_allclose(normalize_rows(x), [[2**-0.5, 2**-0.5]], rtol=1e-15)
