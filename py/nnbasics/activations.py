"""Activation functions: the sigmoid, one number at a time and element-wise."""

import math
import numbers

import numpy as np

from ._arrays import as_float_array, shown
from .errors import InputTypeError


def basic_sigmoid(x):
    """Sigmoid of one real number, computed with ``math.exp``.

    Parameters
    ----------
    x : int or float
        One real number (a NumPy scalar or a 0-d array also counts as one).

    Returns
    -------
    float
        ``1 / (1 + e^-x)``, a number in [0, 1].

    Raises
    ------
    TypeError
        If `x` is a list, an array of several numbers or anything else that
        is not one number: ``math.exp`` takes exactly one real number.

    Notes
    -----
    For ``x < -709``, ``e^-x`` is too large for a float and ``math.exp``
    raises OverflowError. The sigmoid there is below ``1e-308``, so 0.0 is
    returned: the same limit as ``1 / (1 + inf)`` in ``sigmoid``.

    Examples
    --------
    >>> from nnbasics import basic_sigmoid
    >>> basic_sigmoid(1)
    0.7310585786300049
    >>> basic_sigmoid(-1000), basic_sigmoid(1000)
    (0.0, 1.0)
    >>> basic_sigmoid([1, 2, 3])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nnbasics.errors.InputTypeError: basic_sigmoid uses math.exp, which takes one real number, ...
    """
    try:
        return 1 / (1 + math.exp(-x))
    except OverflowError:  # e^-x is too large for a float (x < -709, or a huge int)
        return 0.0 if x < 0 else 1.0  # the limits of 1 / (1 + e^-x)
    except TypeError:
        if isinstance(x, np.ndarray):
            raise InputTypeError("one-number-only-array", {"shape": x.shape}) from None
        raise InputTypeError("one-number-only", {"given": _describe(x)}) from None


def _describe(x):
    """Name what was passed instead of one number (not an array), for the error message."""
    if isinstance(x, (list, tuple)):
        kind = "numbers" if all(isinstance(v, numbers.Real) for v in x) else "items"
        return f"a {type(x).__name__} of {len(x)} {kind}"
    if isinstance(x, str):
        return f"the text {x!r}"
    return shown(x)


def sigmoid(x):
    """Element-wise sigmoid ``1 / (1 + e^-x)``, computed with ``np.exp``.

    Parameters
    ----------
    x : array_like
        A number, a (nested) list or an array of any shape.

    Returns
    -------
    numpy.ndarray or numpy.float64
        The sigmoid of each element, as float64, with the shape of `x`.

    Raises
    ------
    ValueError
        If `x` cannot be read as an array of numbers (e.g. ragged lists).

    Notes
    -----
    For ``x < -709``, ``e^-x`` is beyond the largest float and becomes
    ``inf``; ``1 / (1 + inf)`` is exactly 0.0, the correct limit. For
    ``x > 745``, ``e^-x`` rounds to 0.0 and the result is exactly 1.0.
    Both are the correctly rounded answers (this is the formula of SciPy's
    ``expit``), never NaN, so these two floating-point events are not
    reported as warnings.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbasics import sigmoid
    >>> print(sigmoid(np.array([1, 2, 3])))
    [0.73105858 0.88079708 0.95257413]
    >>> print(sigmoid(np.array([-1000, 0, 1000])))
    [0.  0.5 1. ]
    """
    x = as_float_array(x, "sigmoid")
    with np.errstate(over="ignore", under="ignore"):  # inf -> 0.0 and 0.0 -> 1.0 are exact
        return 1 / (1 + np.exp(-x))


def sigmoid_derivative(x):
    """Gradient of the sigmoid, ``s * (1 - s)`` with ``s = sigmoid(x)``.

    Parameters
    ----------
    x : array_like
        A number, a (nested) list or an array of any shape.

    Returns
    -------
    numpy.ndarray or numpy.float64
        The slope of the sigmoid at each element, float64, shape of `x`.

    Raises
    ------
    ValueError
        If `x` cannot be read as an array of numbers.

    Notes
    -----
    Reusing ``s`` avoids a second exponential. Since ``sigmoid`` is exact
    0.0 or 1.0 far out, the derivative is exactly 0.0 there, with no warning.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbasics import sigmoid_derivative
    >>> print(sigmoid_derivative(np.array([1, 2, 3])))
    [0.19661193 0.10499359 0.04517666]
    >>> print(sigmoid_derivative(0))
    0.25
    """
    s = sigmoid(x)
    return s * (1 - s)
