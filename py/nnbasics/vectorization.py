"""Vectorization: the course's Python loops, and the one NumPy call that does the same.

"Python Basics with Numpy" (course 1, week 2), part 2, writes four operations with loops (its
"CLASSIC ... IMPLEMENTATION" cells), then with NumPy: the dot product (``np.dot``), the outer
product (``np.outer``), the element-wise product (``np.multiply``) and the general dot product
(``np.dot(W, x)``). ``OPERATIONS`` lists them as ``(name, loop, vectorized)``, in that order;
``nnbasics.timing`` times each pair. Every function checks its inputs first (the refusals:
errors.py); a loop is then the notebook's, line for line, over its inputs as given, so Python
ints give Python ints, as the notebook's ``dot = 278``.
"""

import numpy as np

from ._arrays import as_matrix_and_vector, as_vector_pair, check_whole_number

__all__ = [
    "dot_loop",
    "dot_vectorized",
    "outer_loop",
    "outer_vectorized",
    "multiply_loop",
    "multiply_vectorized",
    "general_dot_loop",
    "general_dot_vectorized",
    "example_weights",
]

#: The seed of the lesson's random numbers: ``example_weights``' W, ``nnbasics.timing``'s inputs.
SEED = 1


def dot_loop(x1, x2):
    """Dot product with a Python loop: the course's "CLASSIC DOT PRODUCT OF VECTORS".

    Parameters
    ----------
    x1, x2 : array_like
        Two 1-D vectors of real numbers, of the same length (at least 1).

    Returns
    -------
    number
        ``x1[0] * x2[0] + x1[1] * x2[1] + ...``: a Python int for lists of ints (float for floats).

    Raises
    ------
    InputError
        If `x1` or `x2` is not 1-D or is empty, or their lengths differ (the error names them).
    InputTypeError
        If `x1` or `x2` holds other than real numbers (bools, text, complex numbers).

    Notes
    -----
    ``dot = 0``, then ``dot += x1[i] * x2[i]`` for each ``i``. Python ints never overflow (``np.dot``
    of ints wraps around past 2**63); ``np.dot`` may sum floats in another order.

    Examples
    --------
    >>> from nnbasics import dot_loop
    >>> dot_loop([9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0], [9, 2, 2, 9, 0, 9, 2, 5, 0, 0, 9, 2, 5, 0, 0])
    278
    """
    as_vector_pair(x1, x2, "dot_loop", same_length=True)
    return _dot(x1, x2)


def dot_vectorized(x1, x2):
    """Dot product with ``np.dot(x1, x2)``: the course's "VECTORIZED DOT PRODUCT OF VECTORS".

    Parameters
    ----------
    x1, x2 : array_like
        Two 1-D vectors of real numbers, of the same length (at least 1).

    Returns
    -------
    numpy.int64 or numpy.float64
        The sum of the products ``x1[i] * x2[i]``, in the inputs' dtype.

    Raises
    ------
    InputError
        If `x1` or `x2` is not 1-D or is empty, or their lengths differ (the error names them).
    InputTypeError
        If `x1` or `x2` holds other than real numbers (bools, text, complex numbers).

    Notes
    -----
    One call, its loop compiled (BLAS for floats). Unchecked, ``np.dot(x1, 2)`` would scale `x1`.

    Examples
    --------
    >>> from nnbasics import dot_vectorized
    >>> x1, x2 = [9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0], [9, 2, 2, 9, 0, 9, 2, 5, 0, 0, 9, 2, 5, 0, 0]
    >>> print(dot_vectorized(x1, x2))
    278
    """
    return np.dot(*as_vector_pair(x1, x2, "dot_vectorized", same_length=True))


def outer_loop(x1, x2):
    """Outer product with two Python loops: the course's "CLASSIC OUTER PRODUCT IMPLEMENTATION".

    Parameters
    ----------
    x1, x2 : array_like
        Two 1-D vectors of real numbers, each of length at least 1 (the lengths may differ).

    Returns
    -------
    numpy.ndarray
        Float64, of shape ``(len(x1), len(x2))``: entry ``[i, j]`` is ``x1[i] * x2[j]``.

    Raises
    ------
    InputError
        If `x1` or `x2` is not 1-D or is empty (the error names which).
    InputTypeError
        If `x1` or `x2` holds other than real numbers (bools, text, complex numbers).

    Notes
    -----
    ``outer = np.zeros((len(x1), len(x2)))``, then ``outer[i, j] = x1[i] * x2[j]``: float64 always.

    Examples
    --------
    >>> from nnbasics import outer_loop
    >>> x1, x2 = [9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0], [9, 2, 2, 9, 0, 9, 2, 5, 0, 0, 9, 2, 5, 0, 0]
    >>> outer = outer_loop(x1, x2)
    >>> print(outer.shape, outer[0])
    (15, 15) [81. 18. 18. 81.  0. 81. 18. 45.  0.  0. 81. 18. 45.  0.  0.]
    """
    as_vector_pair(x1, x2, "outer_loop", same_length=False)
    return _outer(x1, x2)


def outer_vectorized(x1, x2):
    """Outer product with ``np.outer(x1, x2)``: the course's "VECTORIZED OUTER PRODUCT".

    Parameters
    ----------
    x1, x2 : array_like
        Two 1-D vectors of real numbers, each of length at least 1 (the lengths may differ).

    Returns
    -------
    numpy.ndarray
        Of shape ``(len(x1), len(x2))``, in the inputs' dtype (int64 for ints).

    Raises
    ------
    InputError
        If `x1` or `x2` is not 1-D or is empty (the error names which).
    InputTypeError
        If `x1` or `x2` holds other than real numbers (bools, text, complex numbers).

    Notes
    -----
    Unchecked, ``np.outer`` would flatten inputs of any shape: here both must be vectors.

    Examples
    --------
    >>> from nnbasics import outer_vectorized
    >>> x1, x2 = [9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0], [9, 2, 2, 9, 0, 9, 2, 5, 0, 0, 9, 2, 5, 0, 0]
    >>> print(outer_vectorized(x1, x2)[:2])
    [[81 18 18 81  0 81 18 45  0  0 81 18 45  0  0]
     [18  4  4 18  0 18  4 10  0  0 18  4 10  0  0]]
    """
    return np.outer(*as_vector_pair(x1, x2, "outer_vectorized", same_length=False))


def multiply_loop(x1, x2):
    """Element-wise product with a Python loop: the course's "CLASSIC ELEMENTWISE IMPLEMENTATION".

    Parameters
    ----------
    x1, x2 : array_like
        Two 1-D vectors of real numbers, of the same length (at least 1).

    Returns
    -------
    numpy.ndarray
        Float64, of shape ``(len(x1),)``: entry ``i`` is ``x1[i] * x2[i]``.

    Raises
    ------
    InputError
        If `x1` or `x2` is not 1-D or is empty, or their lengths differ (the error names them).
    InputTypeError
        If `x1` or `x2` holds other than real numbers (bools, text, complex numbers).

    Notes
    -----
    ``mul = np.zeros(len(x1))``, then ``mul[i] = x1[i] * x2[i]``: float64 whatever the inputs.

    Examples
    --------
    >>> from nnbasics import multiply_loop
    >>> x1, x2 = [9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0], [9, 2, 2, 9, 0, 9, 2, 5, 0, 0, 9, 2, 5, 0, 0]
    >>> print(multiply_loop(x1, x2))
    [81.  4. 10.  0.  0. 63. 10.  0.  0.  0. 81.  4. 25.  0.  0.]
    """
    as_vector_pair(x1, x2, "multiply_loop", same_length=True)
    return _multiply(x1, x2)


def multiply_vectorized(x1, x2):
    """Element-wise product with ``np.multiply(x1, x2)``: the course's "VECTORIZED ELEMENTWISE".

    Parameters
    ----------
    x1, x2 : array_like
        Two 1-D vectors of real numbers, of the same length (at least 1).

    Returns
    -------
    numpy.ndarray
        Of shape ``(len(x1),)``, in the inputs' dtype (int64 for ints).

    Raises
    ------
    InputError
        If `x1` or `x2` is not 1-D or is empty, or their lengths differ (the error names them).
    InputTypeError
        If `x1` or `x2` holds other than real numbers (bools, text, complex numbers).

    Notes
    -----
    ``x1 * x2`` for arrays. Unchecked, NumPy would broadcast a vector of length 1 to any length.

    Examples
    --------
    >>> from nnbasics import multiply_vectorized
    >>> x1, x2 = [9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0], [9, 2, 2, 9, 0, 9, 2, 5, 0, 0, 9, 2, 5, 0, 0]
    >>> print(multiply_vectorized(x1, x2))
    [81  4 10  0  0 63 10  0  0  0 81  4 25  0  0]
    """
    return np.multiply(*as_vector_pair(x1, x2, "multiply_vectorized", same_length=True))


def general_dot_loop(W, x):
    """Matrix-vector product with two Python loops: the course's "CLASSIC GENERAL DOT PRODUCT".

    Parameters
    ----------
    W : array_like
        A 2-D matrix of real numbers, with one column per entry of `x` (and any number of rows).
    x : array_like
        A 1-D vector of real numbers, of length at least 1.

    Returns
    -------
    numpy.ndarray
        Float64, of shape ``(W.shape[0],)``: entry ``i`` is the sum of ``W[i, j] * x[j]``.

    Raises
    ------
    InputError
        If `W` is not 2-D, `x` is not 1-D or is empty, or ``W.shape[1] != len(x)``.
    InputTypeError
        If `W` or `x` holds other than real numbers (bools, text, complex numbers).

    Notes
    -----
    ``gdot = np.zeros(W.shape[0])``, then ``gdot[i] += W[i, j] * x[j]``; `W` as an array (a nested
    list has no ``W[i, j]``), `x` as given.

    Examples
    --------
    >>> from nnbasics import example_weights, general_dot_loop
    >>> x1 = [9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0]
    >>> print(general_dot_loop(example_weights(len(x1)), x1))
    [23.83648138 22.00974503 25.05476988]
    """
    W, _ = as_matrix_and_vector(W, x, "general_dot_loop")
    return _general_dot(W, x)


def general_dot_vectorized(W, x):
    """Matrix-vector product with ``np.dot(W, x)``: the course's "VECTORIZED GENERAL DOT PRODUCT".

    Parameters
    ----------
    W : array_like
        A 2-D matrix of real numbers, with one column per entry of `x` (and any number of rows).
    x : array_like
        A 1-D vector of real numbers, of length at least 1.

    Returns
    -------
    numpy.ndarray
        Of shape ``(W.shape[0],)``, in the inputs' dtype.

    Raises
    ------
    InputError
        If `W` is not 2-D, `x` is not 1-D or is empty, or ``W.shape[1] != len(x)``.
    InputTypeError
        If `W` or `x` holds other than real numbers (bools, text, complex numbers).

    Notes
    -----
    For floats, BLAS may sum in another order than the loop: they agree to rounding, exactly when
    every sum is exact (for integers, say).

    Examples
    --------
    >>> from nnbasics import example_weights, general_dot_vectorized
    >>> x1 = [9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0]
    >>> print(general_dot_vectorized(example_weights(len(x1)), x1))
    [23.83648138 22.00974503 25.05476988]
    """
    return np.dot(*as_matrix_and_vector(W, x, "general_dot_vectorized"))


def example_weights(n, seed=SEED):
    """A seeded random W of shape ``(3, n)``, the course's W for the general dot product.

    Parameters
    ----------
    n : int
        Its number of columns, ``len(x)``: at least 1.
    seed : int, optional
        The generator's seed (by default ``SEED``).

    Returns
    -------
    numpy.ndarray
        Float64, of shape ``(3, n)``, uniform in [0, 1): ``default_rng(seed).random((3, n))``.

    Raises
    ------
    InputTypeError
        If `n` is not a whole number (a bool is not).
    InputError
        If `n` is less than 1.

    Notes
    -----
    The course's ``W = np.random.rand(3, len(x1))`` is new at each run; one seed gives one W.

    Examples
    --------
    >>> from nnbasics import example_weights
    >>> W = example_weights(15)
    >>> print(W.shape, W[0, :3])
    (3, 15) [0.51182162 0.9504637  0.14415961]
    """
    check_whole_number(n, "n", "example_weights", minimum=1)
    return np.random.default_rng(seed).random((3, n))


def _dot(x1, x2):  # the course's loops, unchecked (the functions above check first)
    dot = 0
    for i in range(len(x1)):
        dot += x1[i] * x2[i]
    return dot


def _outer(x1, x2):
    outer = np.zeros((len(x1), len(x2)))
    for i in range(len(x1)):
        for j in range(len(x2)):
            outer[i, j] = x1[i] * x2[j]
    return outer


def _multiply(x1, x2):
    mul = np.zeros(len(x1))
    for i in range(len(x1)):
        mul[i] = x1[i] * x2[i]
    return mul


def _general_dot(W, x):
    gdot = np.zeros(W.shape[0])
    for i in range(W.shape[0]):
        for j in range(len(x)):
            gdot[i] += W[i, j] * x[j]
    return gdot


#: Each operation of the lesson as (name, loop, vectorized), in the course's order.
OPERATIONS = (
    ("dot", dot_loop, dot_vectorized),
    ("outer", outer_loop, outer_vectorized),
    ("multiply", multiply_loop, multiply_vectorized),
    ("general_dot", general_dot_loop, general_dot_vectorized),
)
#: The same, unchecked: the course's loops and NumPy's functions (what ``nnbasics.timing`` times).
UNCHECKED = {
    "dot": (_dot, np.dot),
    "outer": (_outer, np.outer),
    "multiply": (_multiply, np.multiply),
    "general_dot": (_general_dot, np.dot),
}
