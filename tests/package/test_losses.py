"""L1 and L2: the course's sums over all elements, one Python float for any same-shape pair of 1 or
more dimensions; absolute_errors and squared_errors: their per-element terms."""

import math
import re

import numpy as np
import pytest
import scipy.spatial.distance
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnbasics import L1, L2, format_array
from nnbasics.losses import absolute_errors, squared_errors

from .conftest import COURSE_IMAGE

YHAT = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
Y = np.array([1, 0, 0, 1, 1])

# The course example as a vector (5,), a column (5, 1), a row (1, 5), and a row that is a
# transposed view of the column (not a copy).
COURSE_SHAPES = {
    "vector": lambda a: a,
    "column": lambda a: a.reshape(5, 1),
    "row": lambda a: a.reshape(1, 5),
    "transposed-column": lambda a: a.reshape(5, 1).T,
}


def reference_l1(yhat, y):
    """Independent reference: an explicit loop over the flattened elements, summed exactly."""
    return math.fsum(abs(b - a) for a, b in zip(np.ravel(yhat).tolist(), np.ravel(y).tolist()))


def reference_l2(yhat, y):
    """Independent reference: an explicit loop over the flattened elements, summed exactly."""
    return math.fsum((b - a) * (b - a) for a, b in zip(np.ravel(yhat).tolist(), np.ravel(y).tolist()))


REFERENCES = {L1: reference_l1, L2: reference_l2}


# --------------------------------------------------------------------------- the course's example


@pytest.mark.parametrize("shape", COURSE_SHAPES)
@pytest.mark.parametrize("loss, printed", [(L1, "1.1"), (L2, "0.43")])
def test_losses_print_the_course_reference_to_the_digit_for_vectors_columns_and_rows(loss, printed, shape):
    result = loss(COURSE_SHAPES[shape](YHAT), COURSE_SHAPES[shape](Y))
    assert type(result) is float
    assert str(result) == printed and format_array(result) == printed


def test_l2_equals_the_course_dot_product_form_for_vectors():
    assert L2(YHAT, Y) == float(np.dot(Y - YHAT, Y - YHAT))


def test_l2_of_column_vectors_is_one_number_where_the_course_dot_product_fails():
    yhat, y = YHAT.reshape(5, 1), Y.reshape(5, 1)
    with pytest.raises(ValueError):
        np.dot(y - yhat, y - yhat)  # why the course's np.dot form is not used
    assert L2(yhat, y) == L2(YHAT, Y) == 0.43


# --------------------------------------------------------------------------- any shape: one float


@pytest.mark.parametrize("loss", [L1, L2])
def test_losses_of_integer_inputs_are_python_floats(loss):
    vector = loss([1, 2, 3], [1, 2, 5])
    matrix = loss(np.array([[1, 2], [3, 4]]), np.array([[0, 2], [3, 7]]))
    assert type(vector) is float and type(matrix) is float
    assert vector == {L1: 2.0, L2: 4.0}[loss]
    assert matrix == {L1: 4.0, L2: 10.0}[loss]


@pytest.mark.parametrize("loss", [L1, L2])
def test_losses_of_matrices_are_one_sum_over_all_elements_not_one_per_row(loss):
    yhat = np.array([[0.5, 1.0, -2.0], [3.0, 0.0, 0.25]])
    y = np.array([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]])
    result = loss(yhat, y)
    assert type(result) is float
    assert result == {L1: 0.5 + 0 + 3 + 3 + 0 + 0.25, L2: 0.25 + 0 + 9 + 9 + 0 + 0.0625}[loss]
    assert result == REFERENCES[loss](yhat, y)


@pytest.mark.parametrize("loss", [L1, L2])
def test_losses_of_three_and_four_dimensional_arrays_are_the_sum_over_all_elements(loss):
    labels = np.round(COURSE_IMAGE)
    three_d = loss(COURSE_IMAGE, labels)
    four_d = loss(COURSE_IMAGE[np.newaxis], labels[np.newaxis])
    assert type(three_d) is float and type(four_d) is float
    assert three_d == pytest.approx(REFERENCES[loss](COURSE_IMAGE, labels), rel=1e-15)
    assert four_d == three_d
    assert loss([[[1]]], [[[1]]]) == 0.0  # the (1, 1, 1) pair the web page used to refuse


@pytest.mark.parametrize("loss", [L1, L2])
@pytest.mark.parametrize("shape", [(0,), (3, 0), (0, 2, 1)])
def test_losses_of_empty_arrays_are_zero(loss, shape):
    result = loss(np.zeros(shape), np.zeros(shape))
    assert type(result) is float and result == 0.0


@pytest.mark.parametrize("loss", [L1, L2])
def test_losses_never_modify_their_inputs(loss):
    yhat, y = YHAT.reshape(5, 1).copy(), Y.reshape(5, 1).astype(np.float64)
    yhat.flags.writeable = y.flags.writeable = False  # any write would raise
    as_lists = ([[0.5, 2.0]], [[1, 1]])
    loss(yhat, y)
    loss(*as_lists)
    np.testing.assert_array_equal(yhat, YHAT.reshape(5, 1))
    np.testing.assert_array_equal(y, Y.reshape(5, 1))
    assert as_lists == ([[0.5, 2.0]], [[1, 1]])


@pytest.mark.parametrize("loss", [L1, L2])
def test_losses_give_inf_for_an_infinite_difference_and_nan_for_a_nan(loss):
    assert loss([np.inf, 0.0], [0.0, 1.0]) == math.inf
    assert loss([[0.0], [-np.inf]], [[1.0], [2.0]]) == math.inf
    assert math.isnan(loss([np.nan, 0.0], [0.0, 1.0]))


# --------------------------------------------------------------------------- refused inputs


@pytest.mark.parametrize("loss, name", [(L1, "L1"), (L2, "L2")])
def test_losses_refuse_different_shapes_naming_both_instead_of_broadcasting(loss, name):
    with pytest.raises(ValueError) as error:
        loss(YHAT, Y.reshape(5, 1))
    assert str(error.value) == (
        f"{name} expects yhat and y of the same shape, but got yhat of shape (5,) and y of "
        "shape (5, 1) (y - yhat would silently broadcast them to shape (5, 5))"
    )


@pytest.mark.parametrize("loss", [L1, L2])
@pytest.mark.parametrize(
    "yhat_shape, y_shape, broadcast",
    [
        ((5, 1), (1, 5), (5, 5)),
        ((1, 5), (5,), (1, 5)),
        ((2, 3, 1), (3, 4), (2, 3, 4)),
        ((), (5,), (5,)),
    ],
)
def test_losses_refuse_broadcastable_shapes_naming_both_and_the_broadcast(loss, yhat_shape, y_shape, broadcast):
    expected = (
        f"yhat of shape {yhat_shape} and y of shape {y_shape} "
        f"(y - yhat would silently broadcast them to shape {broadcast})"
    )
    with pytest.raises(ValueError, match=re.escape(expected)):
        loss(np.zeros(yhat_shape), np.zeros(y_shape))


@pytest.mark.parametrize("loss, name", [(L1, "L1"), (L2, "L2")])
def test_losses_refuse_unbroadcastable_shapes_naming_both(loss, name):
    with pytest.raises(ValueError) as error:
        loss(np.zeros(3), np.zeros(4))
    assert str(error.value) == (
        f"{name} expects yhat and y of the same shape, but got yhat of shape (3,) and y of shape (4,)"
    )


@pytest.mark.parametrize("loss, name", [(L1, "L1"), (L2, "L2")])
@pytest.mark.parametrize("pair", [(0.5, 1), (np.float64(0.5), np.array(1))], ids=["numbers", "0-d arrays"])
def test_losses_refuse_two_bare_numbers_naming_the_shape(loss, name, pair):
    with pytest.raises(ValueError) as error:
        loss(*pair)
    assert str(error.value) == (
        f"{name} expects arrays of at least one dimension (one entry per example), but got yhat and y of shape ()"
    )


# --------------------------------------------------------------------------- the terms (for the web page's plot)


def test_the_terms_of_the_course_example_are_each_elements_error():
    np.testing.assert_allclose(absolute_errors(YHAT, Y), [0.1, 0.2, 0.1, 0.6, 0.1], rtol=1e-14)
    np.testing.assert_allclose(squared_errors(YHAT, Y), [0.01, 0.04, 0.01, 0.36, 0.01], rtol=1e-14)


@pytest.mark.parametrize("terms", [absolute_errors, squared_errors])
def test_terms_keep_the_shape_are_float64_and_leave_the_inputs_alone(terms):
    yhat, y = COURSE_SHAPES["column"](YHAT).copy(), COURSE_SHAPES["column"](Y)
    yhat.flags.writeable = False
    result = terms(yhat, y)
    assert result.shape == (5, 1) and result.dtype == np.float64
    assert not np.shares_memory(result, yhat)
    np.testing.assert_array_equal(yhat, YHAT.reshape(5, 1))


@pytest.mark.parametrize("terms, name", [(absolute_errors, "absolute_errors"), (squared_errors, "squared_errors")])
def test_terms_refuse_different_shapes_and_bare_numbers_as_the_losses_do(terms, name):
    with pytest.raises(
        ValueError,
        match=re.escape(
            f"{name} expects yhat and y of the same shape, but got yhat of shape (5,) and y of shape (5, 1)"
        ),
    ):
        terms(YHAT, Y.reshape(5, 1))
    with pytest.raises(ValueError, match=re.escape(f"{name} expects arrays of at least one dimension")):
        terms(1.0, 2.0)


# --------------------------------------------------------------------------- properties

FINITE = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
# Relative rounding, plus an absolute slack for sums of squares below 1e-300, which are
# subnormal floats and round differently in np.dot (it may fuse multiply and add).
UP_TO_ROUNDING = {"rel": 1e-12, "abs": 1e-300}


def same_shape_pairs(min_dims=1, max_dims=4, min_side=0, max_side=5):
    """Hypothesis strategy: a (yhat, y) pair of float64 arrays of one shape."""
    shapes = hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side)
    return shapes.flatmap(
        lambda shape: st.tuples(
            hnp.arrays(np.float64, shape, elements=FINITE), hnp.arrays(np.float64, shape, elements=FINITE)
        )
    )


@given(same_shape_pairs())
def test_losses_are_python_floats_matching_explicit_loops_over_all_elements(pair):
    yhat, y = pair
    for loss, reference in REFERENCES.items():
        result = loss(yhat, y)
        assert type(result) is float
        assert result == pytest.approx(reference(yhat, y), **UP_TO_ROUNDING)


@given(same_shape_pairs(min_side=1))
def test_losses_match_scipy_distances_of_the_flattened_arrays(pair):
    yhat, y = pair
    u, v = yhat.ravel(), y.ravel()
    assert L1(yhat, y) == pytest.approx(scipy.spatial.distance.cityblock(u, v), **UP_TO_ROUNDING)
    assert L2(yhat, y) == pytest.approx(scipy.spatial.distance.sqeuclidean(u, v), **UP_TO_ROUNDING)


@given(same_shape_pairs())
def test_l2_equals_the_dot_product_of_the_flattened_differences_up_to_rounding(pair):
    yhat, y = pair
    difference = (y - yhat).ravel()
    assert L2(yhat, y) == pytest.approx(float(np.dot(difference, difference)), **UP_TO_ROUNDING)


@given(same_shape_pairs())
def test_losses_are_never_negative_zero_for_perfect_predictions_and_symmetric(pair):
    yhat, y = pair
    for loss in (L1, L2):
        assert loss(yhat, y) >= 0
        assert loss(y, y) == 0.0 and loss(yhat, yhat) == 0.0
        assert loss(yhat, y) == loss(y, yhat)


@given(same_shape_pairs())
def test_losses_do_not_depend_on_the_shape_only_on_the_elements_up_to_rounding(pair):
    yhat, y = pair
    for loss in (L1, L2):
        flat = loss(yhat.ravel(), y.ravel())
        assert loss(yhat.T, y.T) == pytest.approx(flat, **UP_TO_ROUNDING)
        assert loss(yhat.reshape(-1, 1), y.reshape(-1, 1)) == pytest.approx(flat, **UP_TO_ROUNDING)
        assert loss(np.asfortranarray(yhat), np.asfortranarray(y)) == pytest.approx(flat, **UP_TO_ROUNDING)


@given(same_shape_pairs(), st.data())
def test_l1_obeys_the_triangle_inequality_and_bounds_the_square_root_of_l2(pair, data):
    yhat, y = pair
    middle = data.draw(hnp.arrays(np.float64, y.shape, elements=FINITE))
    assert L1(yhat, y) <= (L1(yhat, middle) + L1(middle, y)) * (1 + 1e-12)
    # The absolute slack covers squares below 1e-308, which lose precision (subnormal floats).
    assert math.sqrt(L2(yhat, y)) <= L1(yhat, y) * (1 + 1e-12) + 1e-150


@given(same_shape_pairs())
def test_each_loss_is_exactly_the_sum_of_its_terms(pair):
    yhat, y = pair
    assert L1(yhat, y) == float(np.sum(absolute_errors(yhat, y)))
    assert L2(yhat, y) == float(np.sum(squared_errors(yhat, y)))
    np.testing.assert_array_equal(squared_errors(yhat, y), absolute_errors(yhat, y) ** 2)
