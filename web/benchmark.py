"""Times every operation on 1000 x 1000 float64 input.

The same module runs natively and in the page (``window.nnApp.benchmark``), so
``build.py bench`` can compare the two runtimes call for call.
"""
from __future__ import annotations

import time

import numpy as np

import nnbasics


def _inputs(size: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    return {
        "x": rng.standard_normal((size, size)),
        "y": rng.standard_normal((size, size)),
        "image": rng.random((size, size, 1)),
        "scalars": rng.standard_normal(size),
    }


CALLS = {
    "basic_sigmoid": lambda d: [nnbasics.basic_sigmoid(v) for v in d["scalars"].tolist()],
    "sigmoid": lambda d: nnbasics.sigmoid(d["x"]),
    "sigmoid_derivative": lambda d: nnbasics.sigmoid_derivative(d["x"]),
    "image2vector": lambda d: nnbasics.image2vector(d["image"]),
    "normalize_rows": lambda d: nnbasics.normalize_rows(d["x"]),
    "softmax": lambda d: nnbasics.softmax(d["x"]),
    "L1": lambda d: nnbasics.L1(d["x"], d["y"]),
    "L2": lambda d: nnbasics.L2(d["x"], d["y"]),
}


def run(size: int = 1000, repeat: int = 5) -> dict[str, float]:
    """Best-of-``repeat`` milliseconds per operation (basic_sigmoid: ``size`` scalar calls)."""
    data = _inputs(size)
    best = {}
    for name, call in CALLS.items():
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            call(data)
            times.append(time.perf_counter() - start)
        best[name] = 1000 * min(times)
    return best
