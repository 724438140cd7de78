"""Input checks shared by the operations (private helpers).

Every operation turns its input into a float64 NumPy array here, so each check
and its error message is written once.
"""

import numpy as np

FLOAT64 = np.dtype(np.float64)  # a dtype object: np.asarray checks it faster than the type


def as_float_array(x, function, ndims=None, expected=""):
    """Return `x` as a float64 array, checking its number of dimensions.

    A float64 array is returned as it is (no copy: the operations only read
    it); anything else (numbers, lists, integer arrays) becomes a new float64
    array, so the caller's data is never modified. When `ndims` is given and the array's ``ndim`` is not in
    it, a ValueError names `function`, what it `expected` and the shape it got.
    """
    array = np.asarray(x, dtype=FLOAT64)
    if ndims is not None and array.ndim not in ndims:
        raise ValueError(
            f"{function} expects {expected}, but got an array of shape {array.shape}"
        )
    return array


def as_same_shape_arrays(yhat, y, function):
    """Return `yhat` and `y` as float64 arrays of the same shape, at least 1-D.

    Any number of dimensions from 1 up is accepted. Different shapes raise a
    ValueError naming both, instead of letting NumPy broadcast them (``(5,)``
    against ``(5, 1)`` would become ``(5, 5)``). Two 0-d arrays (bare numbers)
    raise a ValueError naming their shape ``()``: there is no vector of
    examples to sum over.
    """
    yhat = as_float_array(yhat, function)
    y = as_float_array(y, function)
    if yhat.shape != y.shape:
        raise ValueError(
            f"{function} expects yhat and y of the same shape, but got yhat of "
            f"shape {yhat.shape} and y of shape {y.shape}"
            + _broadcast_note(yhat.shape, y.shape)
        )
    if yhat.ndim == 0:
        raise ValueError(
            f"{function} expects arrays of at least one dimension (one entry per "
            f"example), but got yhat and y of shape {yhat.shape}"
        )
    return yhat, y


def _broadcast_note(shape1, shape2):
    """Explain what NumPy broadcasting would silently have done, if anything."""
    try:
        shape = np.broadcast_shapes(shape1, shape2)
    except ValueError:
        return ""
    return f" (y - yhat would silently broadcast them to shape {shape})"
