"""Practice mode's exercises: for each exercise of the catalogue (``catalogue.EXERCISES``: a
card's own function, or each of its ``exercises``), the cases a learner's function is checked
on, each with the hint shown when it fails, in two tiers. A case's title and hint are phrases:
keys of web/i18n/<lang>/practice.json, whose words are there in each language (``case-*`` and
``hint-*``).

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
course cases first. Adding an operation means adding one entry to :data:`EXERCISES`, keyed by
the exercise's name (a card's own exercise is named as the card): for an
element-wise operation of one array, ``element_wise(name)``, whose words serve every such operation;
else a ``_cases_<name>`` function of its own (and its words in practice.json, in every language).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Callable

import numpy as np

import nnbasics
from nnbasics.vectorization import OPERATIONS

from .. import catalogue
from .wording import phrase

#: The tiers of the cases, in the order the grader lists them.
TIERS = ("course", "extra")
RANDOM_CASES = 3  # seeded random inputs in each course tier, after the course's example


@dataclass(frozen=True)
class Case:
    """One call of the learner's function: its inputs and what it must do."""

    name: str  # a short slug, the page's data-case
    title: dict  # a phrase (wording.phrase): its words are in practice.json, in each language
    args: tuple
    hint: tuple = ()  # the lesson, shown when the case fails: phrases
    raises: type[BaseException] | None = None  # the call must raise this instead
    tier: str = "extra"  # "course": one of the course's checks, decides the verdict


def _rng(op: str) -> np.random.Generator:
    """The seeded generator of one exercise: the same inputs on every check."""
    return np.random.default_rng(zlib.crc32(op.encode()))


def hints(*names: str) -> tuple[dict, ...]:
    """The phrases of a hint: ``hint-<name>`` of practice.json, one after the other."""
    return tuple(phrase(f"hint-{name}") for name in names)


def course_example(op: str) -> tuple:
    """The course's example inputs of exercise ``op`` (the catalogue's examples), as the course
    writes them: integers stay integers (``np.array([1, 2, 3])``), one number is a Python scalar."""
    arrays = (nnbasics.parse_array(text, integers=True) for text in catalogue.exercise_examples(op).values())
    return tuple(array.item() if array.ndim == 0 else array for array in arrays)


def _course_cases(op: str, title: dict, hint: tuple, random_inputs) -> list[Case]:
    """The course tier: the course's example, then ``random_inputs`` -- (title, args) pairs
    of seeded random inputs of the example's kind."""
    cases = [Case("example", title, course_example(op), hint=hint, tier="course")]
    for index, (what, args) in enumerate(random_inputs, 1):
        cases.append(Case(f"random-{index}", what, args, hint=hint, tier="course"))
    assert len(cases) == 1 + RANDOM_CASES, op
    return cases


def _int_vectors(rng, low: int, high: int):
    """1-D integer arrays like the course's np.array([1, 2, 3]), of 3 to 6 numbers."""
    for _ in range(RANDOM_CASES):
        x = rng.integers(low, high + 1, int(rng.integers(3, 7)))
        yield phrase("case-random-integers", shape=x.shape), (x,)


def _wide_or_tall(rng) -> tuple[int, int]:
    """The shape (m, n) of a random matrix, m != n like the course's (2, 3) and (2, 5): there
    a sum or norm without keepdims, shape (m,), cannot broadcast against the rows."""
    while True:
        m, n = int(rng.integers(2, 5)), int(rng.integers(2, 7))
        if m != n:
            return m, n


def _cases_basic_sigmoid(rng):
    hint, one_number = hints("basic"), hints("one-number")
    integers = [int(rng.integers(-6, 0)), int(rng.integers(2, 7)), int(rng.integers(-6, 7))]
    return _course_cases(
        "basic_sigmoid", phrase("case-course-example"), hint, [(phrase("case-random-integer"), (x,)) for x in integers]
    ) + [
        Case("negative", phrase("case-negative"), (-2.5,), hint=hint),
        Case("zero", phrase("case-zero"), (0,), hint=hint),
        Case("large", phrase("case-large-number"), (1000,), hint=hints("basic-large")),
        Case("list", phrase("case-list"), ([1, 2, 3],), raises=TypeError, hint=one_number),
        Case("array", phrase("case-array"), (np.array([1, 2, 3]),), raises=TypeError, hint=one_number),
    ]


def _cases_sigmoid(rng):
    hint = hints("sigmoid")
    return _course_cases("sigmoid", phrase("case-course-integers"), hint, _int_vectors(rng, -5, 5)) + [
        Case("matrix", phrase("case-matrix"), (np.array([[-1.5, 0.0, 2.0], [0.5, -3.0, 4.0]]),), hint=hint),
        Case(
            "large-values",
            phrase("case-large-values"),
            (np.array([-1000.0, 0.0, 1000.0]),),
            hint=hints("sigmoid-large"),
        ),
    ]


def _cases_sigmoid_derivative(rng):
    hint = hints("derivative")
    return _course_cases("sigmoid_derivative", phrase("case-course-integers"), hint, _int_vectors(rng, -5, 5)) + [
        Case("matrix", phrase("case-matrix"), (np.array([[-2.0, 0.0], [0.5, 3.0]]),), hint=hint),
        Case(
            "large-values",
            phrase("case-large-values"),
            (np.array([-1000.0, 0.0, 1000.0]),),
            hint=hints("derivative-large"),
        ),
    ]


def element_wise(op: str) -> Callable[[np.random.Generator], list[Case]]:
    """The case builder of an element-wise operation of one array whose course example is a vector
    of integers, as sigmoid's ``[1, 2, 3]`` (``tanh(x)``): that example and random integer vectors in
    the course tier, then a matrix and large values, with hints worded for every such operation alike."""
    function = catalogue.EXERCISE_BY_NAME[op]["function"]
    hint = (phrase("hint-element-wise", function=function),)
    large = (phrase("hint-element-wise-large", function=function),)

    def build(rng):
        return _course_cases(op, phrase("case-course-integers"), hint, _int_vectors(rng, -5, 5)) + [
            Case("matrix", phrase("case-matrix"), (np.array([[-1.5, 0.0, 2.0], [0.5, -3.0, 4.0]]),), hint=hint),
            Case("large-values", phrase("case-large-values"), (np.array([-1000.0, 0.0, 1000.0]),), hint=large),
        ]

    return build


def _random_images(rng):
    """Float images (h, w, c) like the course's 3 x 3 x 2 one (values from 0.01: no 1e-04 shown)."""
    for _ in range(RANDOM_CASES):
        shape = (int(rng.integers(2, 4)), int(rng.integers(2, 4)), int(rng.integers(2, 5)))
        yield phrase("case-random-image", size=" x ".join(map(str, shape))), (rng.uniform(0.01, 1, shape).round(4),)


def _cases_image2vector(rng):
    hint = hints("reshape")
    return _course_cases("image2vector", phrase("case-course-image"), hint, _random_images(rng)) + [
        Case("integers", phrase("case-integer-image"), (np.arange(24).reshape(2, 3, 4),), hint=hint),
        Case("one-pixel", phrase("case-one-pixel"), (np.array([[[0.2, 0.4, 0.6]]]),), hint=hint),
    ]


def _random_rows(rng):
    """Integer matrices like the course's [[0, 3, 4], [1, 6, 4]]: no row of zeros."""
    for _ in range(RANDOM_CASES):
        x = rng.integers(-6, 10, _wide_or_tall(rng))
        while not np.abs(x).sum(axis=1).all():
            x = rng.integers(-6, 10, x.shape)
        yield phrase("case-random-integers", shape=x.shape), (x,)


def _cases_normalize_rows(rng):
    return _course_cases(
        "normalize_rows", phrase("case-course-integers"), hints("keepdims", "in-place"), _random_rows(rng)
    ) + [
        Case(
            "square",
            phrase("case-square"),
            (np.array([[1.0, 2.0, 2.0], [3.0, 0.0, 4.0], [0.0, 5.0, 12.0]]),),
            hint=hints("keepdims"),
        ),
        Case(
            "zero-row", phrase("case-zero-row"), (np.array([[0.0, 0.0, 0.0], [3.0, 4.0, 0.0]]),), hint=hints("zero-row")
        ),
    ]


def _random_scores(rng):
    """Integer scores like the course's [[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]."""
    for _ in range(RANDOM_CASES):
        x = rng.integers(0, 10, _wide_or_tall(rng))
        yield phrase("case-random-integers", shape=x.shape), (x,)


def _cases_softmax(rng):
    return _course_cases("softmax", phrase("case-course-integers"), hints("softmax"), _random_scores(rng)) + [
        Case("one-row", phrase("case-one-row"), (np.array([1.0, 2.0, 3.0]),), hint=hints("one-row")),
        Case(
            "large-values",
            phrase("case-large-scores"),
            (np.array([[1000.0, 999.0, 998.0], [-1000.0, -1000.0, -1000.0]]),),
            hint=hints("softmax-large"),
        ),
    ]


def _random_labels(rng):
    """Predictions and labels like the course's: float yhat in [0, 1], integer y of 0 and 1."""
    for _ in range(RANDOM_CASES):
        m = int(rng.integers(4, 9))
        yield phrase("case-random-labels", shape=(m,)), (rng.random(m).round(2), rng.integers(0, 2, m))


def _loss_cases(rng, op):
    total_hint = (phrase(f"hint-{op}", function=catalogue.EXERCISE_BY_NAME[op]["function"]),)
    shape_hint = hints(f"{op}-shape")
    return _course_cases(op, phrase("case-course-example"), total_hint, _random_labels(rng)) + [
        Case(
            "matrix",
            phrase("case-loss-matrix"),
            (np.array([[0.9, 0.2, 0.1], [0.4, 0.9, 0.5]]), np.array([[1, 0, 0], [1, 1, 0]])),
            hint=shape_hint,
        ),
        Case(
            "column-vectors",
            phrase("case-column-vectors"),
            (np.array([[0.9], [0.2], [0.1], [0.4], [0.9]]), np.array([[1], [0], [0], [1], [1]])),
            hint=shape_hint,
        ),
    ]


# --------------------------------------------------------------------------- the vectorization lesson


def _random_lists(rng, same_length: bool):
    """Pairs of integer lists like the course's x1 and x2, of 3 to 20 numbers from 0 to 9."""
    for _ in range(RANDOM_CASES):
        m = int(rng.integers(3, 21))
        n = m if same_length else int(rng.integers(3, 21))
        x1, x2 = rng.integers(0, 10, m).tolist(), rng.integers(0, 10, n).tolist()
        yield phrase("case-random-lists", shape=(m,)), (x1, x2)


def _random_weights(rng):
    """A random W of shape (3, n), as the course's np.random.rand(3, len(x1)), and an integer list x."""
    for _ in range(RANDOM_CASES):
        n = int(rng.integers(3, 21))
        yield phrase("case-random-lists", shape=(n,)), (rng.random((3, n)), rng.integers(0, 10, n).tolist())


def _lesson_cases(operation: str, kind: str):
    """The cases of one of the lesson's exercises (``dot_loop``, ``outer_vectorized``, ...): the course's
    example and random lists like it, then floats, NumPy arrays, one number each and the operation's
    own edge; the vectorized versions must refuse vectors of different lengths as NumPy does."""
    name = f"{operation}_{kind}"

    def build(rng):
        hint = hints(f"{kind}-{operation}")
        # the course's example as the course writes it: vectors as Python lists, W an array
        example = tuple(a.tolist() if a.ndim == 1 else a for a in course_example(name))
        if operation == "general_dot":
            randoms = _random_weights(rng)
        else:
            randoms = _random_lists(rng, same_length=operation != "outer")
        cases = [Case("example", phrase("case-course-lists"), example, hint=hint, tier="course")]
        cases += [
            Case(f"random-{i}", what, args, hint=hint, tier="course") for i, (what, args) in enumerate(randoms, 1)
        ]
        floats = rng.normal(size=(2, 6)).round(3)
        if operation == "general_dot":
            cases += [
                Case("floats", phrase("case-floats"), (rng.normal(size=(3, 6)).round(3), floats[0]), hint=hint),
                Case(
                    "one-row", phrase("case-w-one-row"), (np.array([[1.0, 2.0, 3.0]]), np.array([4, 5, 6])), hint=hint
                ),
            ]
        else:
            cases += [
                Case("floats", phrase("case-floats"), (floats[0], floats[1]), hint=hint),
                Case("arrays", phrase("case-numpy-arrays"), tuple(np.array(x) for x in example), hint=hint),
                Case("one-number", phrase("case-one-each"), ([3], [4]), hint=hint),
            ]
        if operation == "outer":
            cases.append(Case("lengths-differ", phrase("case-outer-lengths"), ([1, 2, 3], [1, 2, 3, 4, 5]), hint=hint))
        if operation in ("dot", "multiply") and kind == "vectorized":
            cases.append(
                Case(
                    "lengths-differ",
                    phrase("case-lengths-differ"),
                    ([1, 2, 3], [1, 2]),
                    hint=hints("lengths-differ"),
                    raises=ValueError,
                )
            )
        return cases

    return name, build


#: Each exercise's case builder, keyed by the catalogue's exercise names (a card's own: its name).
EXERCISES: dict[str, Callable[[np.random.Generator], list[Case]]] = {
    "basic_sigmoid": _cases_basic_sigmoid,
    "sigmoid": _cases_sigmoid,
    "sigmoid_derivative": _cases_sigmoid_derivative,
    "image2vector": _cases_image2vector,
    "normalize_rows": _cases_normalize_rows,
    "softmax": _cases_softmax,
    "l1": lambda rng: _loss_cases(rng, "l1"),
    "l2": lambda rng: _loss_cases(rng, "l2"),
    **dict(_lesson_cases(name, kind) for name, _, _ in OPERATIONS for kind in ("loop", "vectorized")),
}


def cases(op: str) -> list[Case]:
    """The cases of one exercise, built with its own seeded generator."""
    return EXERCISES[op](_rng(op))
