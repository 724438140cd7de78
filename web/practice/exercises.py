"""Practice mode's exercises: for each operation of the catalogue, the cases a learner's
function is checked on, each with the hint shown when it fails, in two tiers.

- **Course checks** (``tier="course"``) decide the verdict. They check what the course's
  public tests check ("Python Basics with Numpy", Deep Learning Specialization course 1
  week 2), the way they check it (the grader's type, shape and ``np.allclose`` checks): the
  course's own example (the catalogue's, :func:`course_example`), then seeded random inputs
  of the same kind -- the same number of dimensions and shape family, the same dtype family
  (an integer example gets integer random inputs). An answer the course accepts passes every
  one; wide or tall matrices (never square) make a missing ``keepdims`` fail here, as it
  fails the course's own test.
- **Going further** (``tier="extra"``): optional challenges beyond the course -- other shapes
  (a 1-D softmax, columns, matrices, one pixel), other dtypes, large values, a row of zeros,
  a list that must raise -- with the lesson of each as its hint.

A case is an extra one unless it says ``tier="course"``: joining the course tier is a
deliberate choice, as every answer the course accepts must pass it. The grader lists the
course cases first. Adding an operation means adding one ``_cases_<name>`` function to
:data:`EXERCISES`.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Callable

import numpy as np

import catalogue
import nnbasics

#: The tiers of the cases, in the order the grader lists them.
TIERS = ("course", "extra")
RANDOM_CASES = 3  # seeded random inputs in each course tier, after the course's example


@dataclass(frozen=True)
class Case:
    """One call of the learner's function: its inputs and what it must do."""

    name: str  # a short slug, the page's data-case
    title: str
    args: tuple
    hint: str = ""  # the lesson, shown when the case fails
    raises: type[BaseException] | None = None  # the call must raise this instead
    tier: str = "extra"  # "course": one of the course's checks, decides the verdict


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


def _course_cases(op: str, title: str, hint: str, random_inputs) -> list[Case]:
    """The course tier: the course's example, then ``random_inputs`` -- (title, args) pairs
    of seeded random inputs of the example's kind."""
    cases = [Case("example", title, course_example(op), hint=hint, tier="course")]
    for index, (what, args) in enumerate(random_inputs, 1):
        cases.append(Case(f"random-{index}", f"{what} (seeded)", args, hint=hint, tier="course"))
    assert len(cases) == 1 + RANDOM_CASES, op
    return cases


def _int_vectors(rng, low: int, high: int):
    """1-D integer arrays like the course's np.array([1, 2, 3]), of 3 to 6 numbers."""
    for _ in range(RANDOM_CASES):
        x = rng.integers(low, high + 1, int(rng.integers(3, 7)))
        yield f"Random integers, shape {x.shape}", (x,)


def _wide_or_tall(rng) -> tuple[int, int]:
    """The shape (m, n) of a random matrix, m != n like the course's (2, 3) and (2, 5): there
    a sum or norm without keepdims, shape (m,), cannot broadcast against the rows."""
    while True:
        m, n = int(rng.integers(2, 5)), int(rng.integers(2, 7))
        if m != n:
            return m, n


def _cases_basic_sigmoid(rng):
    integers = [int(rng.integers(-6, 0)), int(rng.integers(2, 7)), int(rng.integers(-6, 7))]
    return _course_cases("basic_sigmoid", "The course's example", BASIC_HINT,
                         [("A random integer", (x,)) for x in integers]) + [
        Case("negative", "A negative float", (-2.5,), hint=BASIC_HINT),
        Case("zero", "Zero", (0,), hint=BASIC_HINT),
        Case("large", "A large number", (1000,),
             hint="math.exp(1000) overflows (OverflowError): use e^(-x), which is "
                  "math.exp(-1000) = 0.0 here, as in 1 / (1 + math.exp(-x))."),
        Case("list", "A list: math.exp takes one number", ([1, 2, 3],), raises=TypeError,
             hint=ONE_NUMBER_HINT),
        Case("array", "An array: math.exp takes one number", (np.array([1, 2, 3]),),
             raises=TypeError, hint=ONE_NUMBER_HINT),
    ]


def _cases_sigmoid(rng):
    return _course_cases("sigmoid", "The course's example (integers)", SIGMOID_HINT,
                         _int_vectors(rng, -5, 5)) + [
        Case("matrix", "A matrix", (np.array([[-1.5, 0.0, 2.0], [0.5, -3.0, 4.0]]),), hint=SIGMOID_HINT),
        Case("large-values", "Large values: -1000 and 1000", (np.array([-1000.0, 0.0, 1000.0]),),
             hint=LARGE_SIGMOID_HINT),
    ]


def _cases_sigmoid_derivative(rng):
    return _course_cases("sigmoid_derivative", "The course's example (integers)", DERIVATIVE_HINT,
                         _int_vectors(rng, -5, 5)) + [
        Case("matrix", "A matrix", (np.array([[-2.0, 0.0], [0.5, 3.0]]),), hint=DERIVATIVE_HINT),
        Case("large-values", "Large values: -1000 and 1000", (np.array([-1000.0, 0.0, 1000.0]),),
             hint="Compute s = 1 / (1 + np.exp(-x)) once and return s * (1 - s): it never "
                  "divides inf by inf, so large |x| gives 0, not nan."),
    ]


RESHAPE_HINT = ("image.reshape(-1, 1) (or image.reshape(h * w * c, 1)) reads the numbers in "
                "NumPy's default C order: the last axis, the channel, changes fastest. "
                "order='F', a transpose or a hard-coded size gives a different column.")


def _random_images(rng):
    """Float images (h, w, c) like the course's 3 x 3 x 2 one (values from 0.01: no 1e-04 shown)."""
    for _ in range(RANDOM_CASES):
        shape = (int(rng.integers(2, 4)), int(rng.integers(2, 4)), int(rng.integers(2, 5)))
        yield f"A random {' x '.join(map(str, shape))} image", (rng.uniform(0.01, 1, shape).round(4),)


def _cases_image2vector(rng):
    return _course_cases("image2vector", "The course's 3 x 3 x 2 image", RESHAPE_HINT,
                         _random_images(rng)) + [
        Case("integers", "A 2 x 3 x 4 image of integers", (np.arange(24).reshape(2, 3, 4),),
             hint=RESHAPE_HINT),
        Case("one-pixel", "One pixel with 3 channels", (np.array([[[0.2, 0.4, 0.6]]]),),
             hint=RESHAPE_HINT),
    ]


KEEPDIMS_HINT = ("np.linalg.norm(x, axis=1, keepdims=True) gives the norms as an (m, 1) column, "
                 "so x / norms divides each row by its own norm. Without keepdims the norms have "
                 "shape (m,), and broadcasting divides the columns instead (or fails).")
IN_PLACE_HINT = (" With integer input, x /= ... in place cannot store floats: "
                 "write x = x / ... instead.")


def _random_rows(rng):
    """Integer matrices like the course's [[0, 3, 4], [1, 6, 4]]: no row of zeros."""
    for _ in range(RANDOM_CASES):
        x = rng.integers(-6, 10, _wide_or_tall(rng))
        while not np.abs(x).sum(axis=1).all():
            x = rng.integers(-6, 10, x.shape)
        yield f"Random integers, shape {x.shape}", (x,)


def _cases_normalize_rows(rng):
    return _course_cases("normalize_rows", "The course's example (integers)",
                         KEEPDIMS_HINT + IN_PLACE_HINT, _random_rows(rng)) + [
        Case("square", "A square matrix", (np.array([[1.0, 2.0, 2.0], [3.0, 0.0, 4.0], [0.0, 5.0, 12.0]]),),
             hint=KEEPDIMS_HINT),
        Case("zero-row", "A row of zeros", (np.array([[0.0, 0.0, 0.0], [3.0, 4.0, 0.0]]),),
             hint="A row of zeros has norm 0 and 0 / 0 is nan: leave such a row as zeros, for "
                  "example by dividing by np.where(norms == 0, 1, norms)."),
    ]


SOFTMAX_HINT = ("Softmax works along each row: np.sum(x_exp, axis=1, keepdims=True) gives one sum "
                "per row as an (m, 1) column, so each row is divided by its own sum. Without "
                "keepdims the sums have shape (m,), and broadcasting fails or divides the columns; "
                "axis=0 sums the columns instead.")


def _random_scores(rng):
    """Integer scores like the course's [[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]."""
    for _ in range(RANDOM_CASES):
        x = rng.integers(0, 10, _wide_or_tall(rng))
        yield f"Random integers, shape {x.shape}", (x,)


def _cases_softmax(rng):
    return _course_cases("softmax", "The course's example (integers)", SOFTMAX_HINT,
                         _random_scores(rng)) + [
        Case("one-row", "A vector: one row of scores", (np.array([1.0, 2.0, 3.0]),),
             hint="A 1-D vector is one row. axis=1 does not exist for it (AxisError): "
                  "axis=-1, the last axis, is the row for both vectors and matrices."),
        Case("large-values", "Large scores: 1000 and -1000",
             (np.array([[1000.0, 999.0, 998.0], [-1000.0, -1000.0, -1000.0]]),),
             hint="np.exp(1000) is inf and np.exp(-1000) is 0, so e^x / sum(e^x) becomes inf / inf "
                  "or 0 / 0 = nan. Subtract each row's maximum first, "
                  "x - np.max(x, axis=-1, keepdims=True): the result is the same, and the "
                  "largest exponent is e^0 = 1."),
    ]


def _random_labels(rng):
    """Predictions and labels like the course's: float yhat in [0, 1], integer y of 0 and 1."""
    for _ in range(RANDOM_CASES):
        m = int(rng.integers(4, 9))
        yield f"Random predictions and labels, shape ({m},)", (rng.random(m).round(2), rng.integers(0, 2, m))


def _loss_cases(rng, op, square):
    name = catalogue.BY_NAME[op]["function"]
    what = "squared differences" if square else "absolute differences"
    total_hint = (f"{name} is one number: the sum of the {what} between y and yhat over all the "
                  "elements, np.sum(...) with no axis.")
    shape_hint = (f"The loss is still one number whatever the shape: np.sum(...) with no axis adds "
                  f"the {what} of every element. With axis=-1 it gives one sum per row, an array.")
    if square:
        shape_hint += (" np.dot(x, x) is that sum only for 1-D vectors: for two (m, 1) columns "
                       "or two matrices it fails (shapes not aligned).")
    return _course_cases(op, "The course's example", total_hint, _random_labels(rng)) + [
        Case("matrix", "A matrix: the loss adds every element",
             (np.array([[.9, 0.2, 0.1], [.4, .9, .5]]), np.array([[1, 0, 0], [1, 1, 0]])), hint=shape_hint),
        Case("column-vectors", "Column vectors of shape (5, 1)",
             (np.array([[.9], [0.2], [0.1], [.4], [.9]]), np.array([[1], [0], [0], [1], [1]])),
             hint=shape_hint),
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
