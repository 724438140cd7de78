"""Timing the vectorization lesson: each operation's loop against its one NumPy call.

The course times each pair once, with ``time.process_time()`` around one call of 15 numbers,
too short to tell them apart. ``time_operation`` times them at any size from 1 to 10**6 scalar
products, natively (``tests/bench_native.py``) and in Pyodide (in a worker): each version's
median of a few readings, each reading long enough for a browser's coarse clock.

Examples
--------
>>> loop, vectorized = time_operation("multiply", 100, repeats=1)
>>> loop > 0 and vectorized > 0
True
"""

import math
import time

import numpy as np

from ._arrays import check_whole_number, shown
from .errors import InputError
from .vectorization import OPERATIONS, SEED, UNCHECKED

__all__ = ["time_operation"]

#: The largest ``size`` (scalar products per call) ``time_operation`` takes: a loop of 10**6
#: lasts about 0.1 to 1 s natively, a few times that in Pyodide.
MAX_TIMING_SIZE = 10**6
#: A reading runs 1, 2, 5, 10, 20, 50, ... calls, until one run lasts at least this long (seconds),
#: so that a coarse clock (a browser's ticks by up to 0.1 ms) still measures a call of 1 µs ...
MIN_READING_SECONDS = 0.01
#: ... and at most this many (a clock that does not move stops there).
MAX_CALLS = 10**5


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
    if not 1 <= size <= MAX_TIMING_SIZE:
        params = {"function": "time_operation", "size": int(size), "max_size": MAX_TIMING_SIZE}
        raise InputError("timing-size", params)
    check_whole_number(repeats, "repeats", "time_operation", minimum=1)
    loop, vectorized = UNCHECKED[name]
    loop_args, vectorized_args = timing_inputs(name, int(size), seed)
    loop_calls, loop_times = _settle(loop, loop_args, clock)
    vectorized_calls, vectorized_times = _settle(vectorized, vectorized_args, clock)
    for _ in range(repeats - 1):
        loop_times.append(_run(loop, loop_args, loop_calls, clock) / loop_calls)
        vectorized_times.append(_run(vectorized, vectorized_args, vectorized_calls, clock) / vectorized_calls)
    return _median(loop_times), _median(vectorized_times)


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
