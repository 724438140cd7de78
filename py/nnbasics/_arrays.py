"""Input checks shared by the operations (private helpers).

Every operation turns its input into a NumPy array here (float64, or, for the
vectorization lesson's loops, its own real dtype), so each check and its error
message is written once.
"""

import numbers

import numpy as np

from .errors import InputError, InputTypeError

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


def as_real_vector(x, argument, function):
    """Return `x` as an array (its own dtype, not copied when it is one), checked to be a 1-D
    vector of real numbers (ints or floats) holding at least one: each refusal names `argument`,
    the parameter of `function` that `x` was given as."""
    array = np.asarray(x)
    if array.ndim != 1:
        raise InputError("expects-vector", {"function": function, "argument": argument, "shape": array.shape})
    _check_real(array, argument, function)
    if len(array) == 0:
        raise InputError("empty-vector", {"function": function, "argument": argument})
    return array


def as_real_matrix(x, argument, function):
    """Return `x` as an array (as `as_real_vector` does), checked to be a 2-D matrix of real numbers."""
    array = np.asarray(x)
    if array.ndim != 2:
        raise InputError("expects-matrix", {"function": function, "argument": argument, "shape": array.shape})
    _check_real(array, argument, function)
    return array


def as_vector_pair(x1, x2, function, same_length):
    """Return `x1` and `x2` as `as_real_vector` does, each named as itself, and when
    `same_length`, refuse vectors of different lengths, naming both lengths."""
    x1, x2 = as_real_vector(x1, "x1", function), as_real_vector(x2, "x2", function)
    if same_length and len(x1) != len(x2):
        raise InputError("length-mismatch", {"function": function, "x1_length": len(x1), "x2_length": len(x2)})
    return x1, x2


def as_matrix_and_vector(W, x, function):
    """Return `W` as a 2-D array of real numbers and `x` as `as_real_vector` does, refusing a
    `W` without one column per entry of `x` (``W @ x`` needs ``W.shape[1] == len(x)``)."""
    W, x = as_real_matrix(W, "W", function), as_real_vector(x, "x", function)
    if W.shape[1] != len(x):
        raise InputError("columns-mismatch", {"function": function, "W_shape": W.shape, "x_length": len(x)})
    return W, x


def check_whole_number(value, argument, function, minimum=None):
    """Refuse `value` unless it is a whole number (an int or a NumPy integer, not a bool) of at
    least `minimum` (when given); each refusal names `argument`, the parameter of `function`."""
    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        params = {"function": function, "argument": argument, "given": shown(value)}
        raise InputTypeError("expects-whole-number", params)
    if minimum is not None and value < minimum:
        params = {"function": function, "argument": argument, "minimum": minimum, "value": int(value)}
        raise InputError("too-small", params)


def shown(value):
    """`value` as a message shows what was passed: its repr, cut to 40 characters.

    >>> shown(2.5), shown("x" * 50)
    ('2.5', "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...")
    """
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_real(array, argument, function):
    # ints and floats (signed, unsigned): not bools, complex numbers, text or Python objects
    if array.dtype.kind not in "iuf":
        params = {"function": function, "argument": argument, "dtype": str(array.dtype)}
        raise InputTypeError("expects-real-numbers", params)
