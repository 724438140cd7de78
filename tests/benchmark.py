"""Timings of every operation against the bare NumPy expression of the same maths.

The same module runs natively (``tests/bench_native.py``) and in a copy of the
page made by ``tests/bench_site.py``, so ``build.py bench`` compares the two
runtimes call for call. Inputs are 1000 x 1000 float64 (image2vector: a (500, 500, 4) image;
basic_sigmoid: one float). Each bare expression is the course's unchecked code
in a plain ``def``, so both sides pay one Python call; package and bare are
timed interleaved in the same run, best of the repeats.
"""

from __future__ import annotations

import math
import timeit

import numpy as np

import nnbasics


def bare_basic_sigmoid(x):
    return 1 / (1 + math.exp(-x))


def bare_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def bare_sigmoid_derivative(x):
    s = 1 / (1 + np.exp(-x))
    return s * (1 - s)


def bare_image2vector(image):
    return image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)


def bare_normalize_rows(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def bare_softmax(x):
    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))
    return x_exp / np.sum(x_exp, axis=1, keepdims=True)


def bare_L1(yhat, y):
    return float(np.sum(np.abs(y - yhat)))


def bare_L2(yhat, y):
    return float(np.sum((y - yhat) ** 2))


def cases(rng: np.random.Generator, scale: int = 1) -> list[tuple]:
    """(operation, input, package call, bare call, calls per timing) rows.

    ``scale`` divides the calls per timing (the page runs fewer than native).
    """
    x = rng.standard_normal((1000, 1000)) * 4
    yhat, y = rng.random((1000, 1000)), rng.random((1000, 1000))
    image = rng.random((500, 500, 4))
    scalar = 0.5
    return [
        (
            "basic_sigmoid",
            "one float",
            lambda: nnbasics.basic_sigmoid(scalar),
            lambda: bare_basic_sigmoid(scalar),
            200_000 // scale,
        ),
        ("sigmoid", "(1000, 1000)", lambda: nnbasics.sigmoid(x), lambda: bare_sigmoid(x), 10),
        (
            "sigmoid_derivative",
            "(1000, 1000)",
            lambda: nnbasics.sigmoid_derivative(x),
            lambda: bare_sigmoid_derivative(x),
            10,
        ),
        (
            "image2vector",
            "(500, 500, 4)",
            lambda: nnbasics.image2vector(image),
            lambda: bare_image2vector(image),
            200_000 // scale,
        ),
        ("normalize_rows", "(1000, 1000)", lambda: nnbasics.normalize_rows(x), lambda: bare_normalize_rows(x), 10),
        ("softmax", "(1000, 1000)", lambda: nnbasics.softmax(x), lambda: bare_softmax(x), 10),
        ("L1", "2 x (1000, 1000)", lambda: nnbasics.L1(yhat, y), lambda: bare_L1(yhat, y), 10),
        ("L2", "2 x (1000, 1000)", lambda: nnbasics.L2(yhat, y), lambda: bare_L2(yhat, y), 10),
    ]


def best_per_call(package_call, bare_call, number: int, repeat: int) -> tuple[float, float]:
    """Best-of-``repeat`` seconds per call for both, timed interleaved in one run."""
    package_times, bare_times = [], []
    for r in range(repeat):
        pair = [(package_call, package_times), (bare_call, bare_times)]
        for call, times in pair if r % 2 == 0 else reversed(pair):
            times.append(timeit.timeit(call, number=number) / number)
    return min(package_times), min(bare_times)


def run(repeat: int = 5, scale: int = 20) -> dict[str, list[float]]:
    """{operation: [package ms, bare ms]} per call, in this runtime."""
    rows = cases(np.random.default_rng(0), scale)
    return {
        name: [1e3 * t for t in best_per_call(package, bare, number, repeat)] for name, _, package, bare, number in rows
    }
