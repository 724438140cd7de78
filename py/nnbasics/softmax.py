"""Softmax: turning each row of scores into probabilities."""

import numpy as np

from ._arrays import as_float_array


def softmax(x):
    """Row-wise softmax, ``e^x / sum(e^x)`` along each row.

    Parameters
    ----------
    x : array_like
        A 2-D array of shape ``(m, n)`` (one row of scores per example), or
        a 1-D vector, which is treated as one row.

    Returns
    -------
    numpy.ndarray
        Float64, same shape as `x`; each row is positive and sums to 1.

    Raises
    ------
    ValueError
        If `x` is neither 1-D nor 2-D (the message names the shape it got).

    Notes
    -----
    Each row is first shifted by its maximum. This changes nothing
    mathematically (``e^(x - c) / sum(e^(x - c))`` cancels ``e^-c``), but the
    largest exponent becomes ``e^0 = 1``, so ``np.exp`` can never overflow:
    ``softmax([[1000, 1000]])`` is ``[[0.5, 0.5]]`` instead of NaN. Scores
    far below the maximum give ``e^x`` that rounds to 0.0, which is the
    correct answer and is not reported as an underflow warning.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbasics import softmax
    >>> print(softmax(np.array([[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]])))
    [[9.80897665e-01 8.94462891e-04 1.79657674e-02 1.21052389e-04
      1.21052389e-04]
     [8.78679856e-01 1.18916387e-01 8.01252314e-04 8.01252314e-04
      8.01252314e-04]]
    >>> print(softmax(np.array([[1000, 1000]])))
    [[0.5 0.5]]
    """
    x = as_float_array(x, "softmax", (1, 2), "expects-vector-or-rows")
    with np.errstate(under="ignore"):  # e^(very negative) rounds to 0.0: that is right
        x_exp = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return x_exp / np.sum(x_exp, axis=-1, keepdims=True)
