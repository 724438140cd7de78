"""Timing the vectorization lesson: each operation's loop against its one NumPy call.

The course times each pair once, with ``time.process_time()`` around one call of 15 numbers,
too short to tell them apart. ``time_operation`` times them at any size from 1 to 10**6 scalar
products, natively (``tests/bench_native.py``) and in Pyodide (in a worker): each version's
median of a few readings, each reading long enough for a browser's coarse clock. ``time_lesson``
times all four at several sizes (checked by ``timing_sizes``), and ``python -m nnbasics
[SIZES]`` (with ``py/`` on the path) prints that as a table, on a learner's own machine.

Examples
--------
>>> loop, vectorized = time_operation("multiply", 100, repeats=1)
>>> loop > 0 and vectorized > 0
True
"""

import math
import platform
import sys
import time

import numpy as np

from ._arrays import as_real_vector, check_whole_number, shown
from .errors import InputError, InputTypeError
from .parsing import parse_array
from .vectorization import OPERATIONS, SEED, UNCHECKED

__all__ = ["time_operation", "time_lesson"]

#: The largest ``size`` (scalar products per call) ``time_operation`` takes: a loop of 10**6
#: lasts about 0.1 to 1 s natively, a few times that in Pyodide.
MAX_TIMING_SIZE = 10**6
#: A reading runs 1, 2, 5, 10, 20, 50, ... calls, until one run lasts at least this long (seconds),
#: so that a coarse clock (a browser's ticks by up to 0.1 ms) still measures a call of 1 µs ...
MIN_READING_SECONDS = 0.01
#: ... and at most this many (a clock that does not move stops there).
MAX_CALLS = 10**5
#: The sizes ``time_lesson`` times by default: 10 to 10**6 scalar products per call.
SIZES = (10, 100, 1000, 10_000, 100_000, 1_000_000)
#: The most sizes ``time_lesson`` takes (the default's six, and two more).
MAX_TIMING_SIZES = 8
#: The head of ``python -m nnbasics``'s table; ``timing_row`` writes its rows.
TABLE_HEADER = f"{'operation':<12} {'size':>9}  {'inputs':<26} {'loop':>9} {'NumPy':>9} {'speed-up':>9}\n" + "-" * 80


def time_operation(name, size, repeats=5, seed=SEED, clock=time.perf_counter):
    """Median seconds per call of an operation's loop, and of its vectorized version.

    Parameters
    ----------
    name : str
        An operation of ``nnbasics.vectorization.OPERATIONS``: ``"dot"``, ``"outer"``,
        ``"multiply"`` or ``"general_dot"``.
    size : int
        About how many scalar products one call does, from 1 to ``MAX_TIMING_SIZE``: vectors of
        length `size` for ``dot`` and ``multiply``, of length ``round(sqrt(size))`` for
        ``outer``; for ``general_dot``, W of shape ``(3, max(1, size // 3))``.
    repeats : int, optional
        How many readings of each version the medians are taken from: at least 1.
    seed : int, optional
        The seed of the random inputs, uniform in [0, 1) (by default the lesson's ``SEED``).
    clock : callable, optional
        The time in seconds, as ``time.perf_counter`` (the default) gives it.

    Returns
    -------
    tuple of float
        ``(loop_seconds, vectorized_seconds)``: each version's median over its `repeats`
        readings, a reading being a run's duration divided by its number of calls.

    Raises
    ------
    InputError
        If `name` is not an operation's, `size` is not from 1 to ``MAX_TIMING_SIZE``, or
        `repeats` is less than 1.
    InputTypeError
        If `size` or `repeats` is not a whole number (a bool is not).

    Notes
    -----
    The inputs are made before the clock runs (``timing_inputs``), and only the course's code is
    timed, not the checks: the loop over Python lists (the course's ``x1`` and ``x2``; its ``W``
    is an array), the NumPy call over arrays. First the loop, then the vectorized version, runs
    1, 2, 5, 10, 20, 50, ... calls (at most ``MAX_CALLS``, as ``timeit``'s autorange) until a run
    lasts ``MIN_READING_SECONDS``: that run is its first reading, and its number of calls is kept.
    The other readings then alternate, loop first. `clock` is read just before and just after
    each run, and at no other time.

    Examples
    --------
    >>> from nnbasics import time_operation
    >>> loop, vectorized = time_operation("dot", 1000, repeats=3)
    >>> loop > 0 and vectorized > 0
    True
    """
    if not isinstance(name, str) or name not in UNCHECKED:
        operations = ", ".join(repr(known) for known, _, _ in OPERATIONS)
        params = {"function": "time_operation", "given": shown(name), "operations": operations}
        raise InputError("unknown-operation", params)
    check_whole_number(size, "size", "time_operation")
    _check_size(size, "time_operation")
    check_whole_number(repeats, "repeats", "time_operation", minimum=1)
    loop, vectorized = UNCHECKED[name]
    loop_args, vectorized_args = timing_inputs(name, int(size), seed)
    loop_calls, loop_times = _settle(loop, loop_args, clock)
    vectorized_calls, vectorized_times = _settle(vectorized, vectorized_args, clock)
    for _ in range(repeats - 1):
        loop_times.append(_run(loop, loop_args, loop_calls, clock) / loop_calls)
        vectorized_times.append(_run(vectorized, vectorized_args, vectorized_calls, clock) / vectorized_calls)
    return _median(loop_times), _median(vectorized_times)


def time_lesson(sizes=SIZES, repeats=5, seed=SEED, clock=time.perf_counter):
    """Every operation's loop and NumPy call timed at each size: the lesson's timing table.

    Parameters
    ----------
    sizes : array_like, optional
        The sizes, as ``timing_sizes`` takes them (by default ``SIZES``, 10 to 10**6).
    repeats : int, optional
        Readings per version and size, as ``time_operation`` takes them: at least 1.
    seed : int, optional
        The seed of the random inputs (by default the lesson's ``SEED``).
    clock : callable, optional
        The time in seconds, as ``time.perf_counter`` (the default) gives it.

    Returns
    -------
    list of tuple
        ``(name, size, loop_seconds, vectorized_seconds)`` for each size, ascending, and within a
        size each operation in the course's order (``OPERATIONS``): ``time_operation``'s medians.

    Raises
    ------
    InputError
        If `sizes` is refused by ``timing_sizes``, or `repeats` is less than 1.
    InputTypeError
        If `sizes` holds a number that is not whole, or `repeats` is not a whole number.

    Notes
    -----
    Everything is checked before the first reading. The default sizes take some seconds natively
    (the loops at 10**6 most of them), a few times that in Pyodide.

    Examples
    --------
    >>> from nnbasics import time_lesson
    >>> rows = time_lesson([100, 10], repeats=1)
    >>> [(name, size) for name, size, _, _ in rows][:5]
    [('dot', 10), ('outer', 10), ('multiply', 10), ('general_dot', 10), ('dot', 100)]
    >>> all(loop > 0 and vectorized > 0 for _, _, loop, vectorized in rows)
    True
    """
    sizes = timing_sizes(sizes)
    check_whole_number(repeats, "repeats", "time_lesson", minimum=1)
    return [
        (name, size, *time_operation(name, size, repeats, seed, clock)) for size in sizes for name, _, _ in OPERATIONS
    ]


def timing_sizes(values):
    """The sizes ``time_lesson`` is given, checked: whole numbers, ascending, each once.

    Not exported from ``nnbasics``; the page checks a typed list of sizes with it.

    Parameters
    ----------
    values : array_like
        A 1-D list or array of whole numbers from 1 to ``MAX_TIMING_SIZE``: ints, or floats that
        are whole (``1e6``, as ``parse_array`` reads ``"10 100 1e6"``); at most
        ``MAX_TIMING_SIZES`` different ones, in any order, repeated or not.

    Returns
    -------
    tuple of int
        The different sizes, ascending.

    Raises
    ------
    InputError
        If `values` is not 1-D or is empty, holds more than ``MAX_TIMING_SIZES`` different
        numbers, or a number outside 1 to ``MAX_TIMING_SIZE``.
    InputTypeError
        If `values` holds other than real numbers, or a number that is not whole (2.5, nan).

    Notes
    -----
    The number of different sizes is checked first, then each size, smallest first.

    Examples
    --------
    >>> from nnbasics.timing import timing_sizes
    >>> timing_sizes([1e6, 10, 100, 10])
    (10, 100, 1000000)
    """
    sizes = np.unique(as_real_vector(values, "sizes", "timing_sizes")).tolist()  # ascending, each once
    if len(sizes) > MAX_TIMING_SIZES:
        params = {"function": "timing_sizes", "argument": "sizes", "max_sizes": MAX_TIMING_SIZES, "count": len(sizes)}
        raise InputError("too-many-sizes", params)
    whole = [int(size) if isinstance(size, float) and size.is_integer() else size for size in sizes]
    for size in whole:
        check_whole_number(size, "sizes", "timing_sizes")
        _check_size(size, "timing_sizes")
    return tuple(whole)


def timing_row(row):
    """One row of ``time_lesson`` as a line of the table under ``TABLE_HEADER``.

    Examples
    --------
    >>> print(TABLE_HEADER.splitlines()[0])
    operation         size  inputs                          loop     NumPy  speed-up
    >>> print(timing_row(("outer", 10**6, 0.25, 0.0005)))
    outer        1,000,000  (1000,) and (1000,)           250 ms    500 µs      ×500
    """
    name, size, loop, vectorized = row
    inputs = " and ".join(str(a.shape) for a in timing_inputs(name, size)[1])
    return (
        f"{name:<12} {size:>9,}  {inputs:<26} {_seconds(loop):>9} {_seconds(vectorized):>9}"
        f" {_speed_up(loop, vectorized):>9}"
    )


def main(argv=(), clock=time.perf_counter):
    """``python -m nnbasics [SIZES]``: the lesson timed here, as a table, a size at a time.

    `argv` holds the sizes as text (``10 100 1e6``, read by ``parse_array``; by default
    ``SIZES``). Returns the exit status: 0, or 2 with the refusal on stderr.
    """
    try:
        sizes = timing_sizes(np.atleast_1d(parse_array(" ".join(argv)))) if argv else SIZES
    except (InputError, InputTypeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"The course's loops against NumPy: Python {platform.python_version()}, NumPy {np.__version__}")
    print(TABLE_HEADER)
    for size in sizes:
        for row in time_lesson([size], clock=clock):
            print(timing_row(row), flush=True)
    return 0


def timing_inputs(name, size, seed=SEED):
    """``(loop_args, vectorized_args)``: the arguments ``time_operation`` gives each version.

    The same random numbers for both: Python lists for the loop's vectors, NumPy arrays for the
    vectorized call (``W`` is the same array for both). Not exported from ``nnbasics``; `name`
    and `size` as ``time_operation`` takes them, unchecked.

    Examples
    --------
    >>> loop_args, vectorized_args = timing_inputs("outer", 10**6)
    >>> len(loop_args[0]), vectorized_args[0].shape
    (1000, (1000,))
    >>> [a.shape for a in timing_inputs("general_dot", 10)[1]]
    [(3, 3), (3,)]
    """
    rng = np.random.default_rng(seed)
    if name == "general_dot":
        columns = max(1, size // 3)
        W, x = rng.random((3, columns)), rng.random(columns)
        return (W, x.tolist()), (W, x)
    n = round(math.sqrt(size)) if name == "outer" else size
    x1, x2 = rng.random(n), rng.random(n)
    return (x1.tolist(), x2.tolist()), (x1, x2)


def _check_size(size, function):
    """Refuse a `size` (a whole number) outside 1 to MAX_TIMING_SIZE, naming `function`."""
    if not 1 <= size <= MAX_TIMING_SIZE:
        raise InputError("timing-size", {"function": function, "size": int(size), "max_size": MAX_TIMING_SIZE})


def _seconds(seconds):
    """`seconds` as a person reads it: three digits and a unit (s, ms, µs or ns)."""
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def _speed_up(loop, vectorized):
    """How many times faster NumPy was: ×N (one decimal under 10); n/a for a clock that did not move."""
    if vectorized <= 0:
        return "n/a"
    ratio = loop / vectorized
    return f"×{ratio:,.0f}" if ratio >= 10 else f"×{ratio:.1f}"


def _run(function, args, calls, clock):
    """Seconds taken by `calls` calls of ``function(*args)``: two readings of `clock`."""
    started = clock()
    for _ in range(calls):
        function(*args)
    return clock() - started


def _settle(function, args, clock):
    """The calls a reading runs (1, 2, 5, 10, 20, 50, ... until a run lasts MIN_READING_SECONDS,
    or MAX_CALLS), and a list holding that run's reading: its seconds per call."""
    power = 1
    while True:
        for calls in (power, 2 * power, 5 * power):
            seconds = _run(function, args, calls, clock)
            if seconds >= MIN_READING_SECONDS or calls >= MAX_CALLS:
                return calls, [seconds / calls]
        power *= 10


def _median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return float(ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2)
