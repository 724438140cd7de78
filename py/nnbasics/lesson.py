"""The vectorization lesson on one input: each of the course's four loops beside its NumPy call.

``vectorization_lesson(x1, x2)`` runs the four pairs of ``nnbasics.vectorization`` on one pair of
vectors (and a seeded ``W``) and keeps the results in a :class:`Lesson`, which prints them as a
notebook would show them and says how far each loop and its NumPy call differ.
"""

import numbers
from dataclasses import dataclass

import numpy as np

from ._arrays import as_vector_pair, check_whole_number
from .errors import InputError
from .printing import format_array
from .vectorization import SEED, UNCHECKED, example_weights

#: The longest `x1` a lesson takes: its outer loop does ``len(x1) ** 2`` products in Python, and
#: the card carries both outer products in full (90,000 numbers each at this length).
MAX_LESSON_LENGTH = 300

__all__ = ["vectorization_lesson", "Lesson"]

#: How each operation's two calls are written in the course: (the loop's, NumPy's).
CALLS = {
    "dot": ("dot_loop(x1, x2)", "np.dot(x1, x2)"),
    "outer": ("outer_loop(x1, x2)", "np.outer(x1, x2)"),
    "multiply": ("multiply_loop(x1, x2)", "np.multiply(x1, x2)"),
    "general_dot": ("general_dot_loop(W, x1)", "np.dot(W, x1)"),
}


@dataclass(frozen=True, eq=False)
class Lesson:
    """The four operations of the vectorization lesson computed both ways on one input.

    Parameters
    ----------
    x1, x2 : numpy.ndarray
        The two vectors, 1-D, of the same length, in their own real dtype.
    W : numpy.ndarray
        The general dot product's matrix: ``np.random.default_rng(seed).random((3, len(x1)))``.
    seed : int
        The seed `W` was drawn with.
    pairs : dict
        ``{"dot": (loop_result, numpy_result), "outer": ..., "multiply": ..., "general_dot": ...}``,
        in the course's order (``nnbasics.vectorization.OPERATIONS``).

    Methods
    -------
    printed()
        Every call and its result, as a notebook shows them.
    arrays()
        Every result as a float64 array.
    differences()
        The largest absolute difference between each loop and its NumPy call.

    Notes
    -----
    Made by :func:`vectorization_lesson`, which checks the inputs. Frozen; two lessons are equal
    only when they are the same object (their arrays cannot be compared with ``==``).

    Examples
    --------
    >>> from nnbasics import vectorization_lesson
    >>> lesson = vectorization_lesson([1, 2, 3], [4, 5, 6])
    >>> list(lesson.pairs), lesson.seed, lesson.W.shape
    (['dot', 'outer', 'multiply', 'general_dot'], 1, (3, 3))
    """

    x1: np.ndarray
    x2: np.ndarray
    W: np.ndarray
    seed: int
    pairs: dict

    def printed(self):
        """Every call and its result, as a notebook shows them: the loop first, then NumPy.

        Returns
        -------
        str
            Doctest style, one ``>>> call`` line before each result, each result as ``print``
            shows it (``nnbasics.format_array``); before the general dot product, the line that
            makes `W` with plain NumPy. No newline at the end.

        Examples
        --------
        >>> from nnbasics import vectorization_lesson
        >>> lines = vectorization_lesson([1, 2, 3], [4, 5, 6]).printed().splitlines()
        >>> lines[:6]
        ['>>> dot_loop(x1, x2)', '32', '>>> np.dot(x1, x2)', '32', '>>> outer_loop(x1, x2)', '[[ 4.  5.  6.]']
        >>> lines[-7:]  # doctest: +NORMALIZE_WHITESPACE
        ['>>> np.multiply(x1, x2)', '[ 4 10 18]',
         '>>> W = np.random.default_rng(1).random((3, 3))',
         '>>> general_dot_loop(W, x1)', '[2.84522786 2.8422917  3.29488193]',
         '>>> np.dot(W, x1)', '[2.84522786 2.8422917  3.29488193]']
        """
        lines = []
        for name, results in self.pairs.items():
            if name == "general_dot":
                lines.append(f">>> W = np.random.default_rng({self.seed}).random((3, {len(self.x1)}))")
            for call, result in zip(CALLS[name], results):
                lines += [f">>> {call}", format_array(result)]
        return "\n".join(lines)

    def arrays(self):
        """Every result as a float64 array, to check them all at once (``np.isfinite``, say).

        Returns
        -------
        tuple of numpy.ndarray
            Eight float64 arrays, for each operation in turn the loop's result and NumPy's (the
            dot products as 0-d arrays).

        Examples
        --------
        >>> from nnbasics import vectorization_lesson
        >>> [a.shape for a in vectorization_lesson([1, 2], [3, 4]).arrays()]
        [(), (), (2, 2), (2, 2), (2,), (2,), (3,), (3,)]
        """
        return tuple(np.asarray(result, dtype=np.float64) for results in self.pairs.values() for result in results)

    def differences(self):
        """The largest absolute difference between each loop's result and its NumPy call's.

        Returns
        -------
        dict
            Operation name -> float: 0.0 where the two are identical (the same infinities
            included), else the largest ``abs(loop - numpy)``, nan where one of them is nan.

        Examples
        --------
        >>> from nnbasics import vectorization_lesson
        >>> x1, x2 = [9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0], [9, 2, 2, 9, 0, 9, 2, 5, 0, 0, 9, 2, 5, 0, 0]
        >>> differences = vectorization_lesson(x1, x2).differences()
        >>> differences["dot"], differences["multiply"], differences["general_dot"] < 1e-14
        (0.0, 0.0, True)
        """
        return {name: _largest_difference(*results) for name, results in self.pairs.items()}


def vectorization_lesson(x1, x2, seed=SEED):
    """The course's four loops and their NumPy calls, all on `x1` and `x2` (and a seeded `W`).

    Parameters
    ----------
    x1, x2 : array_like
        Two 1-D vectors of real numbers, of the same length (at least 1): lists or NumPy arrays.
    seed : int, optional
        The seed of `W` (by default the lesson's ``SEED``), at least 0: an int, a NumPy integer, a
        0-d array or a whole float (``1.0``).

    Returns
    -------
    Lesson
        The inputs as arrays, `W` (``example_weights(len(x1), seed)``), the seed as an int and
        each operation's ``(loop_result, numpy_result)``.

    Raises
    ------
    InputError
        If `x1` or `x2` is not 1-D or is empty, their lengths differ, they are longer than
        ``MAX_LESSON_LENGTH``, or `seed` is negative.
    InputTypeError
        If `x1` or `x2` holds other than real numbers, or `seed` is not a whole number (2.5, a
        bool, a 1-D array).

    Notes
    -----
    As in the course, the loops get Python lists (``x.tolist()``), so that integers give Python
    ints (``dot_loop`` gives the exact ``278``) and NumPy gets the arrays; ``W·x`` is ``W`` times
    `x1`. For floats, ``np.dot`` (BLAS) may sum in another order than the loop:
    :meth:`Lesson.differences` says by how much.

    Examples
    --------
    >>> from nnbasics import vectorization_lesson
    >>> x1, x2 = [9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0], [9, 2, 2, 9, 0, 9, 2, 5, 0, 0, 9, 2, 5, 0, 0]
    >>> lesson = vectorization_lesson(x1, x2)
    >>> lesson.pairs["dot"]
    (278, np.int64(278))
    >>> lesson.printed().splitlines()[-3:]
    ['[23.83648138 22.00974503 25.05476988]', '>>> np.dot(W, x1)', '[23.83648138 22.00974503 25.05476988]']
    """
    x1, x2 = as_vector_pair(x1, x2, "vectorization_lesson", same_length=True)
    if len(x1) > MAX_LESSON_LENGTH:
        params = {"function": "vectorization_lesson", "max_length": MAX_LESSON_LENGTH, "length": len(x1)}
        raise InputError("lesson-too-long", params)
    seed = _as_number(seed)
    check_whole_number(seed, "seed", "vectorization_lesson", minimum=0)
    W = example_weights(len(x1), int(seed))
    return Lesson(x1=x1, x2=x2, W=W, seed=int(seed), pairs=_pairs(x1, x2, W))


def _as_number(value):
    """A 0-d array as the number it holds, and a whole float as an int; anything else as it is
    (``check_whole_number`` then refuses what is not a whole number)."""
    number = value.item() if isinstance(value, np.ndarray) and value.ndim == 0 else value
    is_float = isinstance(number, numbers.Real) and not isinstance(number, numbers.Integral)
    return int(number) if is_float and float(number).is_integer() else number


def _pairs(x1, x2, W):
    """Each operation's ``(loop_result, numpy_result)``: the loops over Python lists, NumPy over
    the arrays (the course's code, unchecked: the inputs are checked already)."""
    a, b = x1.tolist(), x2.tolist()
    arguments = {
        "dot": ((a, b), (x1, x2)),
        "outer": ((a, b), (x1, x2)),
        "multiply": ((a, b), (x1, x2)),
        "general_dot": ((W, a), (W, x1)),
    }
    return {
        name: (loop(*arguments[name][0]), vectorized(*arguments[name][1]))
        for name, (loop, vectorized) in UNCHECKED.items()
    }


def _largest_difference(loop, vectorized):
    """max |loop - vectorized| as a float: 0.0 where they are equal, infinities included (inf -
    inf would be nan, and warn), so only entries that differ are subtracted."""
    loop, vectorized = np.asarray(loop, dtype=np.float64), np.asarray(vectorized, dtype=np.float64)
    different = loop != vectorized
    gaps = np.subtract(loop, vectorized, out=np.zeros(loop.shape), where=different)
    return float(np.max(np.abs(gaps)))
