"""Input checks shared by the operations (private helpers).

Every operation turns its input into a float64 NumPy array here, so each check
and its error message is written once.
"""

import numpy as np

from .errors import InputError

FLOAT64 = np.dtype(np.float64)  # a dtype object: np.asarray checks it faster than the type


def as_float_array(x, function, ndims=None, expected=None):
    """Return `x` as a float64 array, checking its number of dimensions.

    A float64 array is returned as it is (no copy: the operations only read
    it); anything else (numbers, lists, integer arrays) becomes a new float64
    array, so the caller's data is never modified. When `ndims` is given and the array's ``ndim`` is not in
    it, an InputError with the code `expected` (what the function expects, a key of
    errors.MESSAGES) names `function` and the shape it got.
    """
    array = np.asarray(x, dtype=FLOAT64)
    if ndims is not None and array.ndim not in ndims:
        raise InputError(expected, {"function": function, "shape": array.shape})
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
        params = {"function": function, "yhat_shape": yhat.shape, "y_shape": y.shape}
        try:  # say what NumPy's broadcasting would silently have done, if anything
            params["broadcast_shape"] = np.broadcast_shapes(yhat.shape, y.shape)
        except ValueError:
            raise InputError("shape-mismatch", params) from None
        raise InputError("shape-mismatch-broadcast", params)
    if yhat.ndim == 0:
        raise InputError("no-examples", {"function": function, "shape": yhat.shape})
    return yhat, y
