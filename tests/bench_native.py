"""Native benchmark: each nnbasics operation against the bare NumPy expression of the same maths,
then the vectorization lesson's loops against their one NumPy call.

Run from anywhere:  python tests/bench_native.py [--repeat 7] [--vectorization-repeats 5]

First table: inputs are 1000 x 1000 float64 (image2vector: a (500, 500, 4) image; basic_sigmoid:
one Python float). Each bare expression is wrapped in a plain ``def`` (the course's
unchecked function), so both sides pay one Python call. Package and bare are timed
in the same run, interleaved (the order alternates each repeat), with timeit; the
table shows the best of the repeats per call, and the ratio package / bare.

Second table: ``nnbasics.time_lesson``'s rows (the same function the page runs in Pyodide): for
each size from 10 to 10**6 scalar products and each operation of
``nnbasics.vectorization.OPERATIONS``, the median time per call of the course's loop and of the
NumPy call, and the speed-up loop / vectorized, as ``python -m nnbasics.timing`` prints them. This
is a benchmark only: it asserts nothing.
"""

import argparse
import pathlib
import sys
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "py"), str(ROOT / "tests")]

import nnbasics  # noqa: E402  (after the sys.path insertion above)
from benchmark import best_per_call, cases  # noqa: E402  (tests/benchmark.py, also run in the page)
from nnbasics.timing import SIZES, TABLE_HEADER, timing_row  # noqa: E402

RATIO_TARGET = 1.2
PARSE_TARGET_MS = 1000.0
TO_SPACES = str.maketrans("[],", "   ")


def bare_parse(text):
    """The floor for parsing: no checks, no shape, one split and one conversion."""
    return np.array(text.translate(TO_SPACES).split(), dtype=np.float64).reshape(1000, 1000)


def format_ms(seconds):
    ms = seconds * 1e3
    return f"{ms:.3f}" if ms >= 0.01 else f"{ms:.2e}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="timing repeats per operation (default 7)")
    parser.add_argument(
        "--vectorization-repeats", type=int, default=5, help="readings per loop and per NumPy call (default 5)"
    )
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((1000, 1000))

    print(
        f"nnbasics native benchmark: Python {sys.version.split()[0]}, NumPy {np.__version__}, "
        f"best of {args.repeat} interleaved repeats"
    )
    header = f"{'operation':<20} {'input':<26} {'package ms':>11} {'bare ms':>10} {'ratio':>6}  target"
    print(header)
    print("-" * len(header))
    rows = cases(rng) + [
        ("format_array", "(1000, 1000), summarised", lambda: nnbasics.format_array(x), lambda: str(x), 50)
    ]
    for name, shape, package_call, bare_call, number in rows:
        package, bare = best_per_call(package_call, bare_call, number, args.repeat)
        ratio = package / bare
        verdict = "ok" if ratio <= RATIO_TARGET else "OVER"
        print(
            f"{name:<20} {shape:<26} {format_ms(package):>11} {format_ms(bare):>10} {ratio:>6.2f}"
            f"  <= {RATIO_TARGET} {verdict}"
        )

    a = rng.standard_normal((1000, 1000))
    started = time.perf_counter()
    text = np.array2string(a, separator=", ", threshold=sys.maxsize)
    full_print = time.perf_counter() - started
    package, bare = best_per_call(
        lambda: nnbasics.parse_array(text), lambda: bare_parse(text), 1, max(3, args.repeat // 2)
    )
    verdict = "ok" if package * 1e3 < PARSE_TARGET_MS else "OVER"
    print(
        f"{'parse_array':<20} {'(1000, 1000) with commas':<26} {format_ms(package):>11} {format_ms(bare):>10} "
        f"{package / bare:>6.2f}  < {PARSE_TARGET_MS:.0f} ms {verdict}"
    )
    print("-" * len(header))
    print(
        f"parse_array input: np.array2string(a, separator=', ', threshold=sys.maxsize), {len(text) / 1e6:.1f} MB;"
        f" NumPy itself took {full_print * 1e3:.0f} ms to print it in full."
    )
    print("parse_array 'bare' = str.split + np.array(..., float64): the conversion floor, with no checks.")
    print(
        "format_array is timed on the summarised print (the 1000 x 1000 array has over 1000 elements), bare = str(a)."
    )
    print("bare = the course's unchecked expression in a plain def; softmax bare shifts by the row max too.")
    print()
    vectorization(args.vectorization_repeats)
    return 0


def vectorization(repeats: int) -> None:
    """The second table: each operation's loop against its NumPy call, size by size."""
    print(f"vectorization: the course's loops against one NumPy call, median of {repeats} readings per call")
    print(TABLE_HEADER)
    for row in nnbasics.time_lesson(SIZES, repeats=repeats):
        print(timing_row(row))
    print("-" * len(TABLE_HEADER.splitlines()[-1]))
    print("size = scalar products per call; the loop runs over Python lists (W: an array), NumPy over arrays;")
    print("speed-up = loop / vectorized. Inputs are made before timing; the checks are not timed.")
    print("np.dot runs in BLAS, which may use several threads natively (Pyodide has one: OPENBLAS_NUM_THREADS=1).")


if __name__ == "__main__":
    sys.exit(main())
