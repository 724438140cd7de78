"""A card of two exercises for the native tests, never in web/operations.json: :func:`add` puts it
into the catalogue (and its functions into ``nnbasics``, its case builders into exercises.py) for
one test, so practice keyed by exercise is tested before a card of several exercises exists. Its
functions return integers, as the course's dot product of two lists does (278 for its vectors).
"""

from __future__ import annotations

import numpy as np

import nnbasics
from web import catalogue
from web.practice import exercises
from web.practice.exercises import Case, hints
from web.practice.wording import phrase

X1 = "[9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0]"  # the course's vectors: their dot product is 278
X2 = "[9, 2, 2, 9, 0, 9, 2, 5, 0, 0, 9, 2, 5, 0, 0]"
PARAMS = [
    {"name": "x1", "label": "x1, a vector", "example": X1},
    {"name": "x2", "label": "x2, a vector", "example": X2},
]
FORMULA = "<math><mi>x1</mi><mo>·</mo><mi>x2</mi></math>"


def _exercise(function: str, body: str) -> dict:
    stub = f"def {function}(x1, x2):\n    # YOUR CODE HERE\n    dot = None\n    return dot\n"
    solution = f"import numpy as np\n\n\ndef {function}(x1, x2):\n{body}"
    return {
        "name": function,
        "function": function,
        "params": PARAMS,
        "title": f"{function}(x1, x2)",
        "formula": FORMULA,
        "summary": f"The dot product, {function.rsplit('_', 1)[1]}.",
        "stub": stub,
        "solution": solution,
        "ko": {
            "summary": "내적",
            "stub": stub.replace("YOUR CODE HERE", "여기에 코드를 작성하세요"),
            "solution": solution,
        },
    }


LOOP = "    dot = 0\n    for a, b in zip(x1.tolist(), x2.tolist()):\n        dot += a * b\n    return dot\n"
VECTORIZED = "    return np.dot(x1, x2)\n"

#: The card: its own texts, and two exercises (the loop, then NumPy's one call).
CARD = {
    "name": "fake_dot",
    "function": "fake_dot_vectorized",
    "title": "fake_dot(x1, x2)",
    "summary": "The dot product, with a loop and with NumPy.",
    "formula": FORMULA,
    "params": PARAMS,
    "plot_label": "Nothing drawn",
    "ko": {"summary": "내적", "plot_label": "그림 없음", "labels": {"x1": "x1, 벡터", "x2": "x2, 벡터"}},
    "exercises": [_exercise("fake_dot_loop", LOOP), _exercise("fake_dot_vectorized", VECTORIZED)],
}
NAMES = [exercise["name"] for exercise in CARD["exercises"]]


def fake_dot_loop(x1, x2):
    """The package's version of the loop: a Python int for integer vectors."""
    return sum(a * b for a, b in zip(x1.tolist(), x2.tolist()))


def fake_dot_vectorized(x1, x2):
    """The package's version with NumPy: a NumPy integer for integer vectors."""
    return np.dot(x1, x2)


def _cases(name: str):
    def build(rng):
        return [
            Case(
                "example",
                phrase("case-course-example"),
                exercises.course_example(name),
                hint=hints("basic"),
                tier="course",
            ),
            Case(
                "random-1",
                phrase("case-course-example"),
                tuple(rng.integers(-5, 6, (2, 4))),
                hint=hints("basic"),
                tier="course",
            ),
            Case("floats", phrase("case-matrix"), (np.array([0.5, 1.5]), np.array([2.0, 4.0])), hint=hints("basic")),
        ]

    return build


def add(monkeypatch) -> dict:
    """Put the card into the catalogue, after the others, for one test; returns its entry."""
    operations = (*catalogue.OPERATIONS, CARD)
    every = catalogue.exercises_in(operations)
    monkeypatch.setattr(catalogue, "OPERATIONS", operations)
    monkeypatch.setattr(catalogue, "BY_NAME", {op["name"]: op for op in operations})
    monkeypatch.setattr(catalogue, "EXERCISES", every)
    monkeypatch.setattr(catalogue, "EXERCISE_BY_NAME", {exercise["name"]: exercise for exercise in every})
    for name, function in (("fake_dot_loop", fake_dot_loop), ("fake_dot_vectorized", fake_dot_vectorized)):
        monkeypatch.setattr(nnbasics, name, function, raising=False)
        monkeypatch.setitem(exercises.EXERCISES, name, _cases(name))
    return CARD
