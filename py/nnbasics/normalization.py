"""Normalization: scaling each row to unit length."""

import numpy as np

from ._arrays import as_float_array


def normalize_rows(x):
    """Divide each row of a matrix by its Euclidean (L2) norm.

    Parameters
    ----------
    x : array_like
        A 2-D array of shape ``(m, n)``, one row per example.

    Returns
    -------
    numpy.ndarray
        A new float64 array of shape ``(m, n)`` whose non-zero rows have
        norm 1. `x` itself is never modified.

    Raises
    ------
    ValueError
        If `x` is not 2-D (the message names the shape it got).

    Notes
    -----
    The norms are kept as a column, shape ``(m, 1)`` (``keepdims=True``), so
    the division broadcasts across each row. A row of zeros has norm 0: it
    is divided by 1 instead and stays zeros (no NaN, no warning), as
    ``sklearn.preprocessing.normalize`` does.

    The norm squares each number, so a row of tiny numbers (below about
    1e-154) would get norm 0 and a row of huge ones (above 1e154) norm inf.
    Such rows are first divided by their largest absolute value, which
    changes nothing mathematically but keeps the squares in range.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbasics import normalize_rows
    >>> print(normalize_rows(np.array([[0, 3, 4], [1, 6, 4]])))
    [[0.         0.6        0.8       ]
     [0.13736056 0.82416338 0.54944226]]
    >>> print(normalize_rows(np.array([[0, 0], [3, 4]])))
    [[0.  0. ]
     [0.6 0.8]]
    >>> print(normalize_rows(np.array([[3e-200, 4e-200], [3e200, 4e200]])))
    [[0.6 0.8]
     [0.6 0.8]]
    """
    x = as_float_array(x, "normalize_rows", (2,), "expects-rows")
    with np.errstate(over="ignore", under="ignore"):  # handled below
        x_norm = np.linalg.norm(x, axis=1, keepdims=True)
    x_normalized = x / np.where(x_norm == 0, 1, x_norm)  # a row of zeros stays zeros
    far = ((x_norm < _SQUARES_SAFE[0]) | (x_norm > _SQUARES_SAFE[1]))[:, 0]
    if far.any():  # the squares may have underflowed to 0 or overflowed to inf
        x_normalized[far] = _normalize_rescaled(x[far])
    return x_normalized


_SQUARES_SAFE = (1e-150, 1e150)  # norms whose squares were computed without under/overflow


def _normalize_rescaled(rows):
    """normalize_rows for rows of tiny or huge numbers: scale by the largest |value| first."""
    scale = np.max(np.abs(rows), axis=1, keepdims=True)
    scaled = rows / np.where(scale == 0, 1, scale)
    norm = np.linalg.norm(scaled, axis=1, keepdims=True)
    return scaled / np.where(norm == 0, 1, norm)
