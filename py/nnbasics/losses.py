"""Loss functions: L1 (sum of absolute errors) and L2 (sum of squared errors)."""

import numpy as np

from ._arrays import as_same_shape_arrays, float_if_0d


def L1(yhat, y):
    """L1 loss: the sum of ``|y - yhat|`` along the last axis.

    Parameters
    ----------
    yhat : array_like
        Predictions, shape ``(n,)`` or ``(m, n)``.
    y : array_like
        True labels, the same shape as `yhat`.

    Returns
    -------
    float or numpy.ndarray
        For 1-D inputs a Python float; for 2-D inputs the loss of each row,
        float64 of shape ``(m,)``.

    Raises
    ------
    ValueError
        If `yhat` and `y` have different shapes (both are named), or are
        not 1-D or 2-D.

    Notes
    -----
    The shapes must match exactly: NumPy would otherwise broadcast, and
    ``(5,)`` against ``(5, 1)`` would silently become a 5 x 5 matrix.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbasics import L1
    >>> yhat = np.array([.9, 0.2, 0.1, .4, .9])
    >>> y = np.array([1, 0, 0, 1, 1])
    >>> print(L1(yhat, y))
    1.1
    """
    yhat, y = as_same_shape_arrays(yhat, y, "L1")
    return float_if_0d(np.sum(np.abs(y - yhat), axis=-1))


def L2(yhat, y):
    """L2 loss: the sum of ``(y - yhat)**2`` along the last axis.

    Parameters
    ----------
    yhat : array_like
        Predictions, shape ``(n,)`` or ``(m, n)``.
    y : array_like
        True labels, the same shape as `yhat`.

    Returns
    -------
    float or numpy.ndarray
        For 1-D inputs a Python float; for 2-D inputs the loss of each row,
        float64 of shape ``(m,)``.

    Raises
    ------
    ValueError
        If `yhat` and `y` have different shapes (both are named), or are
        not 1-D or 2-D.

    Notes
    -----
    The course writes this as ``np.dot(y - yhat, y - yhat)``, which only works
    for 1-D vectors (``np.dot`` of two ``(5, 1)`` columns fails). Summing the
    squares along the last axis gives the same number for vectors and one
    loss per row for matrices, e.g. ``(5, 1)`` columns give shape ``(5,)``.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbasics import L2
    >>> yhat = np.array([.9, 0.2, 0.1, .4, .9])
    >>> y = np.array([1, 0, 0, 1, 1])
    >>> print(L2(yhat, y))
    0.43
    """
    yhat, y = as_same_shape_arrays(yhat, y, "L2")
    return float_if_0d(np.sum((y - yhat) ** 2, axis=-1))
