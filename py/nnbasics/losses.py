"""Losses L1 and L2 (sums of absolute / squared errors over all elements) and their per-element terms."""

import numpy as np

from ._arrays import as_same_shape_arrays


def L1(yhat, y):
    """L1 loss: the sum of ``|y - yhat|`` over all elements, as a Python float.

    The course's definition, ``L1(yhat, y) = sum over i of |y[i] - yhat[i]|``,
    with ``i`` running over every element whatever the arrays' shape.

    Parameters
    ----------
    yhat : array_like
        Predictions, an array of any shape with at least one dimension:
        ``(m,)``, a column ``(m, 1)``, a row ``(1, m)``, a matrix or more.
    y : array_like
        True labels, the same shape as `yhat`.

    Returns
    -------
    float
        The sum over all elements, always a Python ``float`` (also for
        integer inputs, matrices and higher dimensions); ``0.0`` for empty
        arrays.

    Raises
    ------
    ValueError
        If `yhat` and `y` have different shapes (both are named), or are
        0-d (bare numbers, shape ``()``).

    Notes
    -----
    The shapes must match exactly: NumPy would otherwise broadcast, and
    ``(5,)`` against ``(5, 1)`` would silently become a 5 x 5 matrix.
    The inputs are never modified. NaN and infinity follow NumPy: a NaN
    gives ``nan``, an infinite difference gives ``inf``.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbasics import L1
    >>> yhat = np.array([.9, 0.2, 0.1, .4, .9])
    >>> y = np.array([1, 0, 0, 1, 1])
    >>> print(L1(yhat, y))
    1.1

    Column vectors of shape ``(5, 1)`` give the same single number:

    >>> yhat = np.array([[.9], [0.2], [0.1], [.4], [.9]])
    >>> y = np.array([[1], [0], [0], [1], [1]])
    >>> print(L1(yhat, y))
    1.1

    And so do rows of shape ``(1, 5)``:

    >>> print(L1(yhat.T, y.T))
    1.1
    >>> type(L1(yhat.T, y.T))
    <class 'float'>
    """
    return float(np.sum(_absolute(*as_same_shape_arrays(yhat, y, "L1"))))


def L2(yhat, y):
    """L2 loss: the sum of ``(y - yhat)**2`` over all elements, as a Python float.

    The course's definition, ``L2(yhat, y) = sum over i of (y[i] - yhat[i])**2``,
    with ``i`` running over every element whatever the arrays' shape.

    Parameters
    ----------
    yhat : array_like
        Predictions, an array of any shape with at least one dimension:
        ``(m,)``, a column ``(m, 1)``, a row ``(1, m)``, a matrix or more.
    y : array_like
        True labels, the same shape as `yhat`.

    Returns
    -------
    float
        The sum over all elements, always a Python ``float`` (also for
        integer inputs, matrices and higher dimensions); ``0.0`` for empty
        arrays.

    Raises
    ------
    ValueError
        If `yhat` and `y` have different shapes (both are named), or are
        0-d (bare numbers, shape ``()``).

    Notes
    -----
    The course writes this as ``np.dot(y - yhat, y - yhat)``, which only works
    for 1-D vectors (``np.dot`` of two ``(5, 1)`` columns fails). A plain sum
    of the squares gives the same number for vectors and works for any shape.
    The shapes must match exactly (no broadcasting), the inputs are never
    modified, and NaN and infinity follow NumPy (an infinite difference, or
    one whose square overflows, gives ``inf``).

    Examples
    --------
    >>> import numpy as np
    >>> from nnbasics import L2
    >>> yhat = np.array([.9, 0.2, 0.1, .4, .9])
    >>> y = np.array([1, 0, 0, 1, 1])
    >>> print(L2(yhat, y))
    0.43

    Column vectors of shape ``(5, 1)`` give the same single number:

    >>> yhat = np.array([[.9], [0.2], [0.1], [.4], [.9]])
    >>> y = np.array([[1], [0], [0], [1], [1]])
    >>> print(L2(yhat, y))
    0.43

    And so do rows of shape ``(1, 5)``:

    >>> print(L2(yhat.T, y.T))
    0.43
    """
    return float(np.sum(_squared(*as_same_shape_arrays(yhat, y, "L2"))))


def absolute_errors(yhat, y):
    """The terms of the L1 loss, ``|y - yhat|`` element by element: `L1` is their sum.

    Not exported from ``nnbasics``: the web page draws these terms beside the
    loss. Same inputs and errors as `L1`; returns a new float64 array of the
    shape of `yhat`.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbasics.losses import absolute_errors
    >>> print(absolute_errors(np.array([[.9], [.4]]), np.array([[1], [1]])))
    [[0.1]
     [0.6]]
    """
    return _absolute(*as_same_shape_arrays(yhat, y, "absolute_errors"))


def squared_errors(yhat, y):
    """The terms of the L2 loss, ``(y - yhat)**2`` element by element: `L2` is their sum.

    Not exported from ``nnbasics`` (drawn by the web page beside the loss);
    as `L2` for inputs and errors. A new float64 array of `yhat`'s shape.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbasics.losses import squared_errors
    >>> print(squared_errors(np.array([.9, .4]), np.array([1, 1])))
    [0.01 0.36]
    """
    return _squared(*as_same_shape_arrays(yhat, y, "squared_errors"))


def _absolute(yhat, y):
    return np.abs(y - yhat)


def _squared(yhat, y):
    return (y - yhat) ** 2
