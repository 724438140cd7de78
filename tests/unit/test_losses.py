"""L1 and L2: sums over the last axis, same shapes only, Python float for vectors."""

import math
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnbasics import L1, L2, format_array

YHAT = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
Y = np.array([1, 0, 0, 1, 1])


@pytest.mark.parametrize("loss, printed", [(L1, "1.1"), (L2, "0.43")])
def test_losses_print_the_course_reference_to_the_digit(loss, printed):
    result = loss(YHAT, Y)
    assert type(result) is float
    assert str(result) == printed and format_array(result) == printed


def test_l2_equals_the_course_dot_product_form_for_vectors():
    assert L2(YHAT, Y) == float(np.dot(Y - YHAT, Y - YHAT))


@pytest.mark.parametrize("loss", [L1, L2])
def test_losses_of_integer_vectors_are_python_floats(loss):
    result = loss([1, 2, 3], [1, 2, 5])
    assert type(result) is float
    assert result == {L1: 2.0, L2: 4.0}[loss]


def test_losses_of_matrices_are_one_loss_per_row():
    yhat = np.array([[0.5, 1.0, -2.0], [3.0, 0.0, 0.25]])
    y = np.array([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]])
    l1, l2 = L1(yhat, y), L2(yhat, y)
    assert l1.shape == l2.shape == (2,)
    assert l1.tolist() == [sum(abs(b - a) for a, b in zip(r, s)) for r, s in zip(yhat.tolist(), y.tolist())]
    assert l2.tolist() == [math.fsum((b - a) ** 2 for a, b in zip(r, s)) for r, s in zip(yhat.tolist(), y.tolist())]


def test_l2_of_column_vectors_gives_one_loss_per_row():
    yhat, y = YHAT.reshape(5, 1), Y.reshape(5, 1)
    with pytest.raises(ValueError):
        np.dot(y - yhat, y - yhat)  # why the course's np.dot form is not used
    np.testing.assert_allclose(L2(yhat, y), (Y - YHAT) ** 2, rtol=1e-15)
    assert L2(yhat, y).shape == (5,)


@pytest.mark.parametrize("loss", [L1, L2])
def test_losses_refuse_different_shapes_instead_of_broadcasting(loss):
    with pytest.raises(ValueError) as error:
        loss(YHAT, Y.reshape(5, 1))
    message = str(error.value)
    assert "yhat of shape (5,)" in message and "y of shape (5, 1)" in message
    assert "broadcast them to shape (5, 5)" in message


@pytest.mark.parametrize("loss", [L1, L2])
def test_losses_refuse_unbroadcastable_shapes_naming_both(loss):
    with pytest.raises(ValueError, match=re.escape("yhat of shape (3,) and y of shape (4,)")):
        loss(np.zeros(3), np.zeros(4))


@pytest.mark.parametrize("loss", [L1, L2])
@pytest.mark.parametrize("shape", [(), (2, 2, 2)])
def test_losses_refuse_other_dimensions(loss, shape):
    with pytest.raises(ValueError, match=re.escape(f"got an array of shape {shape}")):
        loss(np.zeros(shape), np.zeros(shape))


FINITE = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
# A (yhat, y) pair of the same 1-D or 2-D shape, stacked along a first axis of length 2.
SAME_SHAPE_PAIRS = hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=6).flatmap(
    lambda shape: hnp.arrays(np.float64, (2,) + shape, elements=FINITE)
)


@given(SAME_SHAPE_PAIRS)
def test_losses_are_zero_for_perfect_predictions_and_never_negative(pair):
    yhat, y = pair
    for loss in (L1, L2):
        assert np.all(np.asarray(loss(y, y)) == 0)
        assert np.all(np.asarray(loss(yhat, y)) >= 0)
        np.testing.assert_array_equal(loss(yhat, y), loss(y, yhat))


@given(SAME_SHAPE_PAIRS)
def test_losses_match_explicit_sums_over_the_last_axis(pair):
    yhat, y = pair
    rows_yhat, rows_y = np.atleast_2d(yhat).tolist(), np.atleast_2d(y).tolist()
    l1 = [math.fsum(abs(b - a) for a, b in zip(r, s)) for r, s in zip(rows_yhat, rows_y)]
    l2 = [math.fsum((b - a) ** 2 for a, b in zip(r, s)) for r, s in zip(rows_yhat, rows_y)]
    np.testing.assert_allclose(np.atleast_1d(L1(yhat, y)), l1, rtol=1e-12)
    np.testing.assert_allclose(np.atleast_1d(L2(yhat, y)), l2, rtol=1e-12)
