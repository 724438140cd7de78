"""The course's own plain formulas ("Python Basics with Numpy", Deep Learning Specialization course 1,
week 2), written as its notebook writes them: no input checks, no stabilising step.

The package's functions give the same numbers wherever these are finite and quiet. Where they are
not -- ``math.exp`` overflowing, ``np.exp(1000)`` becoming ``inf``, ``0 / 0`` in a row of zeros --
the page says beside its result what the course's code would do instead (see
``web/cards/bindings.py``).

Examples
--------
>>> import numpy as np
>>> softmax(np.array([[1.0, 2.0]]))
array([[0.26894142, 0.73105858]])
>>> with np.errstate(all="ignore"):
...     softmax(np.array([[1000.0, 1000.0]]))
array([[nan, nan]])
"""

from __future__ import annotations

import math

import numpy as np


def basic_sigmoid(x):
    """The sigmoid of one number with ``math.exp``, which raises OverflowError past ``exp(709)``.

    Examples
    --------
    >>> basic_sigmoid(3)
    0.9525741268224334
    >>> basic_sigmoid(-1000)
    Traceback (most recent call last):
    ...
    OverflowError: math range error
    """
    return 1 / (1 + math.exp(-x))


def sigmoid(x):
    """The element-wise sigmoid with ``np.exp``: ``exp(1000)`` overflows to ``inf`` (with a warning).

    Examples
    --------
    >>> sigmoid(np.array([0.0, 2.0]))
    array([0.5       , 0.88079708])
    """
    return 1 / (1 + np.exp(-x))


def sigmoid_derivative(x):
    """``s * (1 - s)`` with ``s = sigmoid(x)``.

    Examples
    --------
    >>> sigmoid_derivative(np.array([0.0]))
    array([0.25])
    """
    s = sigmoid(x)
    return s * (1 - s)


def image2vector(image):
    """The image unrolled into a column.

    Examples
    --------
    >>> image2vector(np.zeros((2, 2, 3))).shape
    (12, 1)
    """
    return image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)


def normalize_rows(x):
    """Each row divided by its norm: a row of zeros gives ``0 / 0 = nan`` (with a warning).

    Examples
    --------
    >>> normalize_rows(np.array([[3.0, 4.0]]))
    array([[0.6, 0.8]])
    """
    x_norm = np.linalg.norm(x, ord=2, axis=1, keepdims=True)
    return x / x_norm


def softmax(x):
    """``exp(x)`` over its row sums: scores like 1000 give ``inf / inf = nan`` (with warnings).

    Examples
    --------
    >>> softmax(np.array([[0.0, 0.0]]))
    array([[0.5, 0.5]])
    """
    x_exp = np.exp(x)
    x_sum = np.sum(x_exp, axis=1, keepdims=True)
    return x_exp / x_sum


def L1(yhat, y):
    """The sum of ``|y - yhat|``.

    Examples
    --------
    >>> float(L1(np.array([0.5, 0.25]), np.array([1, 0])))
    0.75
    """
    return np.sum(np.abs(y - yhat))


def L2(yhat, y):
    """The sum of ``(y - yhat) ** 2``.

    Examples
    --------
    >>> float(L2(np.array([0.5]), np.array([1])))
    0.25
    """
    return np.sum((y - yhat) ** 2)
