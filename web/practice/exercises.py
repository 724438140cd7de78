"""Practice mode's exercises: for each operation of the catalogue, the cases a learner's
function is checked on -- the course's example (from the catalogue), edge cases and seeded
random inputs -- each with the hint shown when it fails.

Adding an operation means adding one ``_cases_<name>`` function to :data:`EXERCISES`.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Callable

import numpy as np

import catalogue
import nnbasics


@dataclass(frozen=True)
class Case:
    """One call of the learner's function: its inputs and what it must do."""

    name: str  # a short slug, the page's data-case
    title: str
    args: tuple
    hint: str = ""  # the lesson, shown when the case fails
    raises: type[BaseException] | None = None  # the call must raise this instead


def _rng(op: str) -> np.random.Generator:
    """The seeded generator of one exercise: the same inputs on every check."""
    return np.random.default_rng(zlib.crc32(op.encode()))


_DECIMAL = re.compile(r"[.eE]")


def course_example(op: str) -> tuple:
    """The course's example inputs of ``op`` (the catalogue's examples), as the course writes
    them: integers stay integers (``np.array([1, 2, 3])``), one number is a Python scalar."""
    args = []
    for text in catalogue.examples(op).values():
        array = nnbasics.parse_array(text)
        if not _DECIMAL.search(text):
            array = array.astype(np.int64)
        args.append(array.item() if array.ndim == 0 else array)
    return tuple(args)


LARGE_SIGMOID_HINT = ("np.exp(1000) overflows to inf. Write the sigmoid as 1 / (1 + np.exp(-x)): "
                      "with x = -1000 that is 1 / (1 + inf) = 0, the right answer, never nan.")


BASIC_HINT = "For one number x, return 1 / (1 + math.exp(-x)): a float."
SIGMOID_HINT = ("np.exp works element-wise: 1 / (1 + np.exp(-x)) is an array of the shape of x, "
                "whatever that shape is.")
DERIVATIVE_HINT = "Compute s = 1 / (1 + np.exp(-x)) first, then return s * (1 - s), element-wise."
ONE_NUMBER_HINT = (
    "basic_sigmoid is the math.exp version on purpose: math.exp takes one real number, so "
    "given a list or an array of several numbers it raises a TypeError, and so must your "
    "function. If it returned an array instead, it used np.exp, which works element-wise on "
    "whole arrays: that is the next exercise, sigmoid, and the reason deep learning uses NumPy.")


def _cases_basic_sigmoid(rng):
    return [
        Case("example", "The course's example", course_example("basic_sigmoid"), hint=BASIC_HINT),
        Case("negative", "A negative number", (-2.5,), hint=BASIC_HINT),
        Case("zero", "Zero, as an integer", (0,), hint=BASIC_HINT),
        Case("large", "A large number", (1000,),
             hint="math.exp(1000) overflows (OverflowError): use e^(-x), which is "
                  "math.exp(-1000) = 0.0 here, as in 1 / (1 + math.exp(-x))."),
        Case("list", "A list: math.exp takes one number", ([1, 2, 3],), raises=TypeError,
             hint=ONE_NUMBER_HINT),
        Case("array", "An array: math.exp takes one number", (np.array([1, 2, 3]),),
             raises=TypeError, hint=ONE_NUMBER_HINT),
        Case("random", "A random number (seeded)", (round(float(rng.normal(0, 3)), 4),), hint=BASIC_HINT),
    ]


def _cases_sigmoid(rng):
    return [
        Case("example", "The course's example (integers)", course_example("sigmoid"), hint=SIGMOID_HINT),
        Case("matrix", "A matrix", (np.array([[-1.5, 0.0, 2.0], [0.5, -3.0, 4.0]]),), hint=SIGMOID_HINT),
        Case("large-values", "Large values: -1000 and 1000", (np.array([-1000.0, 0.0, 1000.0]),),
             hint=LARGE_SIGMOID_HINT),
        Case("random", "A random 3 x 4 matrix (seeded)", (rng.normal(0, 3, (3, 4)).round(3),),
             hint=SIGMOID_HINT),
    ]


def _cases_sigmoid_derivative(rng):
    return [
        Case("example", "The course's example (integers)", course_example("sigmoid_derivative"),
             hint=DERIVATIVE_HINT),
        Case("matrix", "A matrix", (np.array([[-2.0, 0.0], [0.5, 3.0]]),), hint=DERIVATIVE_HINT),
        Case("large-values", "Large values: -1000 and 1000", (np.array([-1000.0, 0.0, 1000.0]),),
             hint="Compute s = 1 / (1 + np.exp(-x)) once and return s * (1 - s): it never "
                  "divides inf by inf, so large |x| gives 0, not nan."),
        Case("random", "A random 2 x 5 matrix (seeded)", (rng.normal(0, 3, (2, 5)).round(3),),
             hint=DERIVATIVE_HINT),
    ]


RESHAPE_HINT = ("image.reshape(-1, 1) (or image.reshape(h * w * c, 1)) reads the numbers in "
                "NumPy's default C order: the last axis, the channel, changes fastest. "
                "order='F', a transpose or a hard-coded size gives a different column.")


def _cases_image2vector(rng):
    return [
        Case("example", "The course's 3 x 3 x 2 image", course_example("image2vector"), hint=RESHAPE_HINT),
        Case("integers", "A 2 x 3 x 4 image of integers", (np.arange(24).reshape(2, 3, 4),),
             hint=RESHAPE_HINT),
        Case("one-pixel", "One pixel with 3 channels", (np.array([[[0.2, 0.4, 0.6]]]),),
             hint=RESHAPE_HINT),
        Case("random", "A random 4 x 2 x 3 image (seeded)", (rng.random((4, 2, 3)).round(3),),
             hint=RESHAPE_HINT),
    ]


KEEPDIMS_HINT = ("np.linalg.norm(x, axis=1, keepdims=True) gives the norms as an (m, 1) column, "
                 "so x / norms divides each row by its own norm. Without keepdims the norms have "
                 "shape (m,), and broadcasting divides the columns instead (or fails).")


def _cases_normalize_rows(rng):
    return [
        Case("example", "The course's example (integers)", course_example("normalize_rows"),
             hint=KEEPDIMS_HINT + " With integer input, x /= ... in place cannot store floats: "
                                  "write x = x / ... instead."),
        Case("square", "A square matrix", (np.array([[1.0, 2.0, 2.0], [3.0, 0.0, 4.0], [0.0, 5.0, 12.0]]),),
             hint=KEEPDIMS_HINT),
        Case("zero-row", "A row of zeros", (np.array([[0.0, 0.0, 0.0], [3.0, 4.0, 0.0]]),),
             hint="A row of zeros has norm 0 and 0 / 0 is nan: leave such a row as zeros, for "
                  "example by dividing by np.where(norms == 0, 1, norms)."),
        Case("random", "A random 4 x 3 matrix (seeded)", (rng.normal(0, 2, (4, 3)).round(3),),
             hint=KEEPDIMS_HINT),
    ]


SOFTMAX_AXIS_HINT = ("Softmax works along each row: np.sum(x_exp, axis=-1, keepdims=True) gives "
                     "one sum per row as a column, so each row is divided by its own sum. "
                     "axis=0 sums the columns instead.")


def _cases_softmax(rng):
    return [
        Case("example", "The course's example (integers)", course_example("softmax"),
             hint=SOFTMAX_AXIS_HINT),
        Case("one-row", "A vector: one row of scores", (np.array([1.0, 2.0, 3.0]),),
             hint="A 1-D vector is one row. axis=1 does not exist for it (AxisError): "
                  "axis=-1, the last axis, is the row for both vectors and matrices."),
        Case("large-values", "Large scores: 1000 and -1000",
             (np.array([[1000.0, 999.0, 998.0], [-1000.0, -1000.0, -1000.0]]),),
             hint="np.exp(1000) is inf and np.exp(-1000) is 0, so e^x / sum(e^x) becomes inf / inf "
                  "or 0 / 0 = nan. Subtract each row's maximum first, "
                  "x - np.max(x, axis=-1, keepdims=True): the result is the same, and the "
                  "largest exponent is e^0 = 1."),
        Case("random", "A random 3 x 4 matrix (seeded)", (rng.normal(0, 3, (3, 4)).round(3),),
             hint=SOFTMAX_AXIS_HINT),
    ]


def _loss_cases(rng, op, square):
    name = catalogue.BY_NAME[op]["function"]
    what = "squared differences" if square else "absolute differences"
    total_hint = (f"{name} is one number: the sum of the {what} between y and yhat over all the "
                  "elements, np.sum(...) with no axis.")
    column_hint = ("Column vectors of shape (m, 1) hold m examples, and the loss is still one number: "
                   f"np.sum(...) adds the {what} of every element, whatever the shape.")
    if square:
        column_hint += " np.dot(x, x) fails for two (m, 1) columns (shapes not aligned)."
    return [
        Case("example", "The course's example", course_example(op), hint=total_hint),
        Case("matrix", "A matrix: the loss adds every element",
             (np.array([[.9, 0.2, 0.1], [.4, .9, .5]]), np.array([[1, 0, 0], [1, 1, 0]])), hint=total_hint),
        Case("column-vectors", "Column vectors of shape (5, 1)",
             (np.array([[.9], [0.2], [0.1], [.4], [.9]]), np.array([[1], [0], [0], [1], [1]])),
             hint=column_hint),
        Case("random", "Random predictions and labels (seeded)",
             (rng.random(6).round(3), rng.integers(0, 2, 6).astype(float)), hint=total_hint),
    ]


#: Each operation's case builder, keyed by the catalogue's card names.
EXERCISES: dict[str, Callable[[np.random.Generator], list[Case]]] = {
    "basic_sigmoid": _cases_basic_sigmoid,
    "sigmoid": _cases_sigmoid,
    "sigmoid_derivative": _cases_sigmoid_derivative,
    "image2vector": _cases_image2vector,
    "normalize_rows": _cases_normalize_rows,
    "softmax": _cases_softmax,
    "l1": lambda rng: _loss_cases(rng, "l1", square=False),
    "l2": lambda rng: _loss_cases(rng, "l2", square=True),
}


def cases(op: str) -> list[Case]:
    """The cases of one exercise, built with its own seeded generator."""
    return EXERCISES[op](_rng(op))
