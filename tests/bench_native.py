"""Native benchmark: each nnbasics operation against the bare NumPy expression of the same maths.

Run from anywhere:  python tests/bench_native.py [--repeat 7]

Inputs are 1000 x 1000 float64 (image2vector: a (500, 500, 4) image; basic_sigmoid:
one Python float). Each bare expression is wrapped in a plain ``def`` (the course's
unchecked function), so both sides pay one Python call. Package and bare are timed
in the same run, interleaved (the order alternates each repeat), with timeit; the
table shows the best of the repeats per call, and the ratio package / bare.
This is a benchmark only: it asserts nothing.
"""

import argparse
import math
import pathlib
import sys
import time
import timeit

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "py"))

import nnbasics  # noqa: E402  (after the sys.path insertion above)

RATIO_TARGET = 1.2
PARSE_TARGET_MS = 1000.0
TO_SPACES = str.maketrans("[],", "   ")


# --- the bare expressions, as the course writes them (no checks) ---------------------------

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
    return np.sum(np.abs(y - yhat), axis=-1)


def bare_L2(yhat, y):
    return np.sum((y - yhat) ** 2, axis=-1)


def bare_parse(text):
    """The floor for parsing: no checks, no shape, one split and one conversion."""
    return np.array(text.translate(TO_SPACES).split(), dtype=np.float64).reshape(1000, 1000)


def best_per_call(package_call, bare_call, number, repeat):
    """Best-of-`repeat` seconds per call for both, timed interleaved in one run."""
    package_times, bare_times = [], []
    for r in range(repeat):
        pair = [(package_call, package_times), (bare_call, bare_times)]
        for call, times in pair if r % 2 == 0 else reversed(pair):
            times.append(timeit.timeit(call, number=number) / number)
    return min(package_times), min(bare_times)


def cases(rng):
    """(operation, input, package call, bare call, calls per timing) rows."""
    x = rng.standard_normal((1000, 1000)) * 4
    yhat, y = rng.random((1000, 1000)), rng.random((1000, 1000))
    image = rng.random((500, 500, 4))
    scalar = 0.5
    return [
        ("basic_sigmoid", "one float", lambda: nnbasics.basic_sigmoid(scalar), lambda: bare_basic_sigmoid(scalar), 200_000),
        ("sigmoid", "(1000, 1000)", lambda: nnbasics.sigmoid(x), lambda: bare_sigmoid(x), 10),
        ("sigmoid_derivative", "(1000, 1000)", lambda: nnbasics.sigmoid_derivative(x), lambda: bare_sigmoid_derivative(x), 10),
        ("image2vector", "(500, 500, 4)", lambda: nnbasics.image2vector(image), lambda: bare_image2vector(image), 200_000),
        ("normalize_rows", "(1000, 1000)", lambda: nnbasics.normalize_rows(x), lambda: bare_normalize_rows(x), 10),
        ("softmax", "(1000, 1000)", lambda: nnbasics.softmax(x), lambda: bare_softmax(x), 10),
        ("L1", "2 x (1000, 1000)", lambda: nnbasics.L1(yhat, y), lambda: bare_L1(yhat, y), 10),
        ("L2", "2 x (1000, 1000)", lambda: nnbasics.L2(yhat, y), lambda: bare_L2(yhat, y), 10),
        ("format_array", "(1000, 1000), summarised", lambda: nnbasics.format_array(x), lambda: str(x), 50),
    ]


def format_ms(seconds):
    ms = seconds * 1e3
    return f"{ms:.3f}" if ms >= 0.01 else f"{ms:.2e}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="timing repeats per operation (default 7)")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)

    print(f"nnbasics native benchmark: Python {sys.version.split()[0]}, NumPy {np.__version__}, "
          f"best of {args.repeat} interleaved repeats")
    header = f"{'operation':<20} {'input':<26} {'package ms':>11} {'bare ms':>10} {'ratio':>6}  target"
    print(header)
    print("-" * len(header))
    for name, shape, package_call, bare_call, number in cases(rng):
        package, bare = best_per_call(package_call, bare_call, number, args.repeat)
        ratio = package / bare
        verdict = "ok" if ratio <= RATIO_TARGET else "OVER"
        print(f"{name:<20} {shape:<26} {format_ms(package):>11} {format_ms(bare):>10} {ratio:>6.2f}"
              f"  <= {RATIO_TARGET} {verdict}")

    a = rng.standard_normal((1000, 1000))
    started = time.perf_counter()
    text = np.array2string(a, separator=", ", threshold=sys.maxsize)
    full_print = time.perf_counter() - started
    package, bare = best_per_call(lambda: nnbasics.parse_array(text), lambda: bare_parse(text), 1, max(3, args.repeat // 2))
    verdict = "ok" if package * 1e3 < PARSE_TARGET_MS else "OVER"
    print(f"{'parse_array':<20} {'(1000, 1000) with commas':<26} {format_ms(package):>11} {format_ms(bare):>10} "
          f"{package / bare:>6.2f}  < {PARSE_TARGET_MS:.0f} ms {verdict}")
    print("-" * len(header))
    print(f"parse_array input: np.array2string(a, separator=', ', threshold=sys.maxsize), {len(text) / 1e6:.1f} MB;"
          f" NumPy itself took {full_print * 1e3:.0f} ms to print it in full.")
    print("parse_array 'bare' = str.split + np.array(..., float64): the conversion floor, with no checks.")
    print("format_array is timed on the summarised print (the 1000 x 1000 array has over 1000 elements),"
          " bare = str(a).")
    print("bare = the course's unchecked expression in a plain def; softmax bare shifts by the row max too.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
