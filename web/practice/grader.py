"""Practice mode's grader: run a learner's own version of an nnbasics function on cases.

The page's practice Web Worker (its own Pyodide, see web/js/practice-worker.js) calls
:func:`grade_json`; the native tests call :func:`grade`. For one exercise it

1. takes the cases -- the course's example, edge cases and seeded random inputs -- and
   their expected values from :data:`PLANS`, computed once with the package's own
   function when this module is imported, before any learner code can run (read-only);
2. compiles the learner's code as ``<your code>`` and runs its top level once (its
   ``print`` output is captured, a syntax error or exception is reported trimmed to the
   learner's own lines);
3. for each case, runs the code again in a fresh namespace, calls the function on a copy
   of the inputs and checks, in the course's order, that it ran, the type, the exact
   shape and the values (``np.allclose``); the first failing check is named.

Any exception of the learner's -- ``SystemExit`` and ``KeyboardInterrupt`` too -- is part
of a case's result; only the grader's own limits (:class:`TimeUp`, ``MemoryError``) are
reported as such, in the explicit ``failed`` field ("time", "memory").

Learner code is limited to :data:`TIME_LIMIT` seconds in all and :data:`MEMORY_LIMIT`
bytes (a trace function checks both on every line of ``<your code>``); the page's
JavaScript also ends the worker after 8 s for what that cannot stop: a long C loop, or
a bare ``except:`` that swallows the stop (Python unsets a trace function that raised).
What the learner may replace in NumPy (internals too), nnbasics, ``math``, builtins and
the modules the grader uses -- attributes, function code and defaults, class attributes
-- is put back after each run (:class:`_Guard`); ``js`` and ``pyodide`` cannot be imported
while learner code runs; NumPy's error and print state lives in a copied context.
"""
from __future__ import annotations

import builtins
import contextlib
import contextvars
import copy
import dataclasses
import io
import json
import linecache
import sys
import time
import traceback
import types
import warnings
import zlib
from dataclasses import dataclass
from typing import Callable

import numpy as np

import nnbasics
from nnbasics.printing import NUMPY_DEFAULT_PRINT_OPTIONS

import tracemalloc

FILENAME = "<your code>"
TIME_LIMIT = 5.0  # seconds of learner code per check, all cases together
MEMORY_LIMIT = 256 * 2**20  # bytes of Python and NumPy memory the learner's code may hold
MAX_TEXT = 3000  # characters of one shown value
MAX_OUTPUT = 6000  # characters of captured print output per run
MAX_WARNINGS = 5

#: The page's card names and the functions they practise.
FUNCTIONS = {
    "basic_sigmoid": "basic_sigmoid",
    "sigmoid": "sigmoid",
    "sigmoid_derivative": "sigmoid_derivative",
    "image2vector": "image2vector",
    "normalize_rows": "normalize_rows",
    "softmax": "softmax",
    "l1": "L1",
    "l2": "L2",
}

PRINT_OPTIONS = {**NUMPY_DEFAULT_PRINT_OPTIONS, "threshold": 200}  # long values shortened

COURSE_IMAGE = [
    [[0.67826139, 0.29380381], [0.90714982, 0.52835647], [0.4215251, 0.45017551]],
    [[0.92814219, 0.96677647], [0.85304703, 0.52351845], [0.19981397, 0.27417313]],
    [[0.60659855, 0.00533165], [0.10820313, 0.49978937], [0.34144279, 0.94630077]],
]

NAN_HINT = ("Your result has nan in it. nan comes from inf / inf or 0 / 0: did np.exp "
            "overflow to inf, or did a norm of 0 end up in a division?")


@dataclass(frozen=True)
class Case:
    """One call of the learner's function: its inputs and what it must do."""

    name: str  # a short slug, the page's data-case
    title: str
    args: tuple
    hint: str = ""  # the lesson, shown when the case fails
    raises: type[BaseException] | None = None  # the call must raise this instead


# --------------------------------------------------------------------------- the cases


def _rng(op: str) -> np.random.Generator:
    """The seeded generator of one exercise: the same inputs on every check."""
    return np.random.default_rng(zlib.crc32(op.encode()))


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
        Case("example", "The course's example", (1,), hint=BASIC_HINT),
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
        Case("example", "The course's example (integers)", (np.array([1, 2, 3]),), hint=SIGMOID_HINT),
        Case("matrix", "A matrix", (np.array([[-1.5, 0.0, 2.0], [0.5, -3.0, 4.0]]),), hint=SIGMOID_HINT),
        Case("large-values", "Large values: -1000 and 1000", (np.array([-1000.0, 0.0, 1000.0]),),
             hint=LARGE_SIGMOID_HINT),
        Case("random", "A random 3 x 4 matrix (seeded)", (rng.normal(0, 3, (3, 4)).round(3),),
             hint=SIGMOID_HINT),
    ]


def _cases_sigmoid_derivative(rng):
    return [
        Case("example", "The course's example (integers)", (np.array([1, 2, 3]),), hint=DERIVATIVE_HINT),
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
        Case("example", "The course's 3 x 3 x 2 image", (np.array(COURSE_IMAGE),), hint=RESHAPE_HINT),
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
        Case("example", "The course's example (integers)", (np.array([[0, 3, 4], [1, 6, 4]]),),
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
        Case("example", "The course's example (integers)", (np.array([[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]),),
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


def _loss_cases(rng, name, square):
    what = "squared differences" if square else "absolute differences"
    column_hint = (f"A column of shape (m, 1) is a matrix of m rows: the loss is the sum of the {what} "
                   "along the last axis, np.sum(..., axis=-1), one loss per row, shape (m,).")
    if square:
        column_hint += " np.dot(x, x) fails for two (m, 1) columns (shapes not aligned)."
    return [
        Case("example", "The course's example", (np.array([.9, 0.2, 0.1, .4, .9]), np.array([1, 0, 0, 1, 1])),
             hint=f"{name} is the sum of the {what} between y and yhat."),
        Case("matrix", "A matrix: one loss per row",
             (np.array([[.9, 0.2, 0.1], [.4, .9, .5]]), np.array([[1, 0, 0], [1, 1, 0]])),
             hint=f"For a matrix, sum the {what} along the last axis (axis=-1): one loss per row, "
                  "shape (m,)."),
        Case("column-vectors", "Column vectors of shape (5, 1)",
             (np.array([[.9], [0.2], [0.1], [.4], [.9]]), np.array([[1], [0], [0], [1], [1]])),
             hint=column_hint),
        Case("random", "Random predictions and labels (seeded)",
             (rng.random(6).round(3), rng.integers(0, 2, 6).astype(float)),
             hint=f"{name} is the sum of the {what} between y and yhat."),
    ]


CASES: dict[str, Callable[[np.random.Generator], list[Case]]] = {
    "basic_sigmoid": _cases_basic_sigmoid,
    "sigmoid": _cases_sigmoid,
    "sigmoid_derivative": _cases_sigmoid_derivative,
    "image2vector": _cases_image2vector,
    "normalize_rows": _cases_normalize_rows,
    "softmax": _cases_softmax,
    "l1": lambda rng: _loss_cases(rng, "L1", square=False),
    "l2": lambda rng: _loss_cases(rng, "L2", square=True),
}

PARAMS = {op: ("yhat", "y") if op in ("l1", "l2") else ("image",) if op == "image2vector" else ("x",)
          for op in FUNCTIONS}


# --------------------------------------------------------------------------- showing values


def _clip(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[:limit] + f"\n… ({len(text) - limit} more characters)"


_SAFE_SCALARS = (bool, int, float, complex, str, bytes, type(None), np.generic)


def _is_plain(value, depth: int = 0) -> bool:
    """Whether ``repr(value)`` runs only NumPy's and Python's own code (no learner class)."""
    if type(value) is np.ndarray:
        return value.dtype.kind in "biufcSU"
    if type(value).__module__ not in ("builtins", "numpy"):
        return False
    if isinstance(value, _SAFE_SCALARS):
        return True
    if type(value) in (list, tuple) and depth < 4 and len(value) <= 1000:
        return all(_is_plain(item, depth + 1) for item in value)
    return False


def show(value, prefix: str = "") -> str:
    """A value as Python source a learner would type (np.array(...)), shortened if long.

    ``prefix`` is what precedes it on its first line (``"x = "``), so rows line up.
    """
    if not _is_plain(value):
        kind = type(value)
        detail = f" of dtype {value.dtype}, shape {value.shape}" if isinstance(value, np.ndarray) else ""
        return f"<a {kind.__module__}.{kind.__qualname__} object{detail}>"
    with np.printoptions(**PRINT_OPTIONS):
        if isinstance(value, np.ndarray):
            body = np.array2string(value, separator=", ", prefix=prefix + "np.array(")
            plain = value.dtype == np.float64 or value.dtype.kind in "ib"
            return _clip(f"np.array({body}{'' if plain else f', dtype={value.dtype}'})")
        return _clip(repr(value))


def _type_name(value) -> str:
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


# --------------------------------------------------------------------------- limits and capture


class TimeUp(BaseException):
    """The learner's code used up the check's time (a BaseException: `except Exception` misses it)."""


class _Limits:
    """A trace function on the learner's own frames that enforces time and memory limits."""

    def __init__(self, seconds: float, memory: int):
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds
        self.memory = memory

    def expired(self) -> bool:
        return time.monotonic() > self.deadline

    def check(self):
        if time.monotonic() > self.deadline:
            raise TimeUp(f"your code ran for more than {self.seconds:g} s")
        if tracemalloc.is_tracing():
            if tracemalloc.get_traced_memory()[0] > self.memory:
                raise MemoryError(f"your code used more than {self.memory // 2**20} MB")

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename != FILENAME:
            return None  # NumPy's and the standard library's frames run untraced
        self.check()
        return self._local

    def _local(self, frame, event, arg):
        if event in ("line", "return"):
            self.check()
        return self._local

    @contextlib.contextmanager
    def active(self):
        """Trace the learner's frames (and measure memory) inside the block."""
        previous = sys.gettrace()
        tracing = not tracemalloc.is_tracing()
        if tracing:
            tracemalloc.start()
        sys.settrace(self._global)
        try:
            yield
        finally:
            sys.settrace(previous)
            if tracing:
                tracemalloc.stop()


class _Output(io.TextIOBase):
    """Collects what print() writes, up to a limit (an endless print loop cannot fill memory)."""

    def __init__(self, limit: int = MAX_OUTPUT):
        self.parts: list[str] = []
        self.size = 0
        self.dropped = 0
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        text = str(text)
        room = self.limit - self.size
        if room > 0:
            self.parts.append(text[:room])
            self.size += min(len(text), room)
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def getvalue(self) -> str:
        text = "".join(self.parts)
        if self.dropped:
            text += f"\n… ({self.dropped} more characters not shown)"
        return text


@contextlib.contextmanager
def _captured(output: _Output):
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        yield


_HIDDEN = ("js", "pyodide", "pyodide_js", "_pyodide")  # the page's JavaScript, in Pyodide
#: The modules (and their submodules) put back after learner code: what computes and checks
#: the results. Not ``sys`` or ``warnings``, whose state the grader's caller owns.
_GUARDED = {"numpy", "nnbasics", __name__, "math", "builtins", "copy", "copyreg", "json", "traceback",
            "linecache", "contextlib", "contextvars", "io", "zlib", "time", "tracemalloc", "functools",
            "operator", "dataclasses"}


class _Guard:
    """Puts back what learner code may have replaced or deleted in the modules loaded so far.

    For every module imported before any learner code ran (NumPy with all its internals,
    nnbasics, the standard library the grader uses): the module's attributes, and for its
    Python functions and classes their code, defaults and class attributes. Learner code
    also runs with ``js`` and ``pyodide`` unimportable, so it cannot post to the page.
    """

    def __init__(self):
        self.modules = {name: module for name, module in sys.modules.items()
                        if module is not None and name.split(".")[0] in _GUARDED}
        self.saved = []
        self.functions = []
        self.classes = []
        seen: set[int] = set()
        for module in self.modules.values():
            try:
                namespace = vars(module)
            except TypeError:
                continue
            saved = dict(namespace)
            if namespace is globals():
                saved["_GUARD"] = self  # this guard itself, bound just after it is made
            self.saved.append((namespace, saved))
            for value in namespace.values():
                if id(value) in seen:
                    continue
                seen.add(id(value))
                if type(value) is _FUNCTION:
                    self.functions.append((value, value.__code__, value.__defaults__, value.__kwdefaults__))
                elif isinstance(value, type) and not value.__flags__ & _IMMUTABLE_TYPE:
                    self.classes.append((value, dict(vars(value))))
        self.recursion_limit = sys.getrecursionlimit()

    def restore(self):
        for namespace, saved in self.saved:
            if len(namespace) != len(saved):
                for key in [key for key in namespace if key not in saved]:
                    del namespace[key]
            for key, value in saved.items():
                if namespace.get(key, _Guard) is not value:
                    namespace[key] = value
        for function, code, defaults, kwdefaults in self.functions:
            if function.__code__ is not code:
                function.__code__ = code
            if function.__defaults__ is not defaults:
                function.__defaults__ = defaults
            if function.__kwdefaults__ is not kwdefaults:
                function.__kwdefaults__ = kwdefaults
        for cls, saved in self.classes:
            current = vars(cls)
            if len(current) != len(saved):
                for key in [key for key in current if key not in saved]:
                    with contextlib.suppress(AttributeError, TypeError):
                        delattr(cls, key)
            for key, value in saved.items():
                if current.get(key, _Guard) is not value:
                    with contextlib.suppress(AttributeError, TypeError):
                        setattr(cls, key, value)
        for name, module in self.modules.items():
            if sys.modules.get(name) is not module:
                sys.modules[name] = module
        sys.setrecursionlimit(self.recursion_limit)

    @contextlib.contextmanager
    def hidden(self):
        """Inside the block, ``import js`` / ``import pyodide`` fail (sys.modules put back after)."""
        hidden = {name: module for name, module in sys.modules.items() if name.split(".")[0] in _HIDDEN}
        for name in (*_HIDDEN, *hidden):
            sys.modules[name] = None  # None in sys.modules: the import raises ImportError
        try:
            yield
        finally:
            for name in (*_HIDDEN, *hidden):
                if name in hidden:
                    sys.modules[name] = hidden[name]
                else:
                    sys.modules.pop(name, None)


_FUNCTION = type(_clip)
_IMMUTABLE_TYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE: a built-in type, attributes fixed


# --------------------------------------------------------------------------- tracebacks


def _traceback(error: BaseException) -> str:
    """The error as Python shows it, with only the learner's own lines in the stack."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == FILENAME]
    lines = []
    if frames:
        lines.append("Traceback (most recent call last):\n")
        lines += traceback.StackSummary.from_list(frames).format()
    if isinstance(error, TimeUp):
        lines.append(f"Stopped here: {error}\n")
    else:
        lines += traceback.format_exception_only(type(error), error)
    return _clip("".join(lines).rstrip("\n"), MAX_OUTPUT)


def _one_line(error: BaseException) -> str:
    text = traceback.format_exception_only(type(error), error)[-1].strip()
    return _clip(text, 500)


# --------------------------------------------------------------------------- checking


def _expected_type(expected) -> str:
    return "numpy.ndarray" if isinstance(expected, np.ndarray) else "float"


def _type_ok(got, expected) -> bool:
    if isinstance(expected, np.ndarray):
        return isinstance(got, np.ndarray)
    return isinstance(got, (float, np.floating)) and not isinstance(got, np.ndarray)


def _values_message(got, expected) -> str | None:
    """None when np.allclose(got, expected), else what differs."""
    if isinstance(got, np.ndarray) and got.dtype.kind not in "biuf":
        return f"your array holds {got.dtype} values, not real numbers"
    with np.errstate(all="ignore"):
        got_array = np.asarray(got, dtype=float)
        if np.allclose(got_array, expected):
            return None
        close = np.isclose(got_array, expected)
    wrong = np.argwhere(~close)
    count = len(wrong) if got_array.ndim else 1
    message = "np.allclose(result, expected) is False"
    if got_array.ndim:
        index = tuple(int(i) for i in wrong[0])
        where = "[" + ", ".join(map(str, index)) + "]"
        message += (f": {count} of {got_array.size} values differ; the first at {where} is "
                    f"{got_array[index]:.8g}, expected {float(expected[index]):.8g}")
    else:
        message += f": got {float(got_array):.17g}, expected {float(expected):.17g}"
    if np.isnan(got_array).any():
        message += ". " + NAN_HINT
    return message


def _check_value(got, expected) -> tuple[str | None, str]:
    """(the first failing check or None, its message) in the course's order."""
    if not _type_ok(got, expected):
        message = f"expected a {_expected_type(expected)}, got {_type_name(got)}"
        if got is None:
            message += " -- your function returned None: is the line with `= None` still there, or a `return` missing?"
        elif isinstance(got, np.ndarray) and got.ndim == 0:
            message += " of shape () -- return a number, for example float(...)"
        elif isinstance(got, np.ndarray):
            message += f" of shape {got.shape}"
        return "type", message
    if isinstance(expected, np.ndarray) and got.shape != expected.shape:
        return "shape", f"expected shape {expected.shape}, got shape {got.shape}"
    message = _values_message(got, expected)
    if message:
        return "values", message
    return None, "type, shape and values are right" if isinstance(expected, np.ndarray) else \
        "type and value are right"


def _checks_for(expected, raises) -> list[str]:
    if raises is not None:
        return ["raises"]
    if isinstance(expected, np.ndarray):
        return ["runs", "type", "shape", "values"]
    return ["runs", "type", "values"]


def _statuses(names: list[str], failed: str | None) -> list[list[str]]:
    """Each check's status: pass up to the failed one, fail there, skipped after it.

    A failure that is not one of the checks (time, memory, no such function, not run)
    fails the first one: the call did not run to its end.
    """
    if failed is not None and failed not in names:
        failed = names[0]
    result, seen = [], False
    for name in names:
        if seen:
            result.append([name, "skipped"])
        elif name == failed:
            result.append([name, "fail"])
            seen = True
        else:
            result.append([name, "pass"])
    return result


def _warnings(caught) -> list[str]:
    shown = []
    for warning in caught:
        line = f" (line {warning.lineno})" if warning.filename == FILENAME else ""
        text = f"{warning.category.__name__}: {warning.message}{line}"
        if text not in shown:
            shown.append(text)
    return shown[:MAX_WARNINGS]


def _plan_entry(op: str, case: Case, expected) -> dict:
    args = "\n".join(f"{name} = {show(value, f'{name} = ')}" for name, value in zip(PARAMS[op], case.args))
    return {
        "name": case.name,
        "title": case.title,
        "args": args,
        "call": f"{FUNCTIONS[op]}({', '.join(PARAMS[op])})",
        "expected": f"raises {case.raises.__name__}" if case.raises else show(expected),
        "checks": _checks_for(expected, case.raises),
    }


def _result(entry: dict, case: Case, failed: str | None, message: str, **extra) -> dict:
    result = dict(entry)
    result.update(
        status="fail" if failed else "pass",
        failed=failed,
        message=message,
        checks=_statuses(entry["checks"], failed),
        hint=case.hint if failed and failed not in ("time", "memory", "not-run", "defined") else "",
        got=extra.pop("got", ""),
        output=extra.pop("output", ""),
        warnings=extra.pop("warnings", []),
        traceback=extra.pop("traceback", ""),
    )
    return result


def _run_case(compiled, function_name: str, case: Case, expected, entry: dict, limits: _Limits) -> dict:
    """Run the learner's code in a fresh namespace and check one call of its function."""
    if limits.expired():
        return _result(entry, case, "not-run", "not run: the time for this check ran out "
                                                "in an earlier case")
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    output = _Output()
    caught: list = []
    try:
        with _GUARD.hidden(), limits.active(), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            with _captured(_Output()):  # the top level already printed once, above the cases
                exec(compiled, namespace)
            function = namespace.get(function_name)
            if not callable(function):
                return _result(entry, case, "defined", f"your code defines no function {function_name}")
            args = copy.deepcopy(case.args)  # the learner may change its inputs in place
            with _captured(output):
                got = function(*args)
    except TimeUp as error:
        return _result(entry, case, "time", f"timed out: {error} (an endless loop?)",
                       output=output.getvalue(), traceback=_traceback(error))
    except MemoryError as error:
        return _result(entry, case, "memory", f"ran out of memory: {error or 'MemoryError'}",
                       output=output.getvalue())
    except BaseException as error:  # the learner's own error (SystemExit too): part of the result
        matches = case.raises is not None and isinstance(error, case.raises)
        if matches:
            return _result(entry, case, None, f"raised {_one_line(error)}", got=f"raised {_one_line(error)}",
                           output=output.getvalue(), warnings=_warnings(caught))
        check = "raises" if case.raises else "runs"
        prefix = f"expected {case.raises.__name__}, but it " if case.raises else ""
        return _result(entry, case, check, f"{prefix}raised {_one_line(error)}",
                       got=f"raised {_one_line(error)}", output=output.getvalue(),
                       warnings=_warnings(caught), traceback=_traceback(error))
    finally:
        _GUARD.restore()
    shown = show(got)
    extra = dict(got=shown, output=output.getvalue(), warnings=_warnings(caught))
    if case.raises is not None:
        return _result(entry, case, "raises", f"expected it to raise {case.raises.__name__}, but it "
                                              f"returned {_clip(shown, 200)}", **extra)
    failed, message = _check_value(got, expected)
    return _result(entry, case, failed, message, **extra)


def _expected(reference, case: Case):
    """The package's answer (or the exception it raises, for a `raises` case)."""
    if case.raises is not None:
        try:
            reference(*copy.deepcopy(case.args))
        except case.raises:
            return None
        raise AssertionError(f"the reference does not raise {case.raises.__name__} for {case.name}")
    return reference(*copy.deepcopy(case.args))


def _frozen(value):
    """A read-only copy: arrays cannot be written to, lists become tuples."""
    if isinstance(value, np.ndarray):
        value = value.copy()
        value.flags.writeable = False
        return value
    if isinstance(value, tuple):
        return tuple(_frozen(item) for item in value)
    return copy.deepcopy(value)


def _plan(op: str) -> tuple[tuple[Case, object, dict], ...]:
    reference = getattr(nnbasics, FUNCTIONS[op])
    planned = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for case in CASES[op](_rng(op)):
            expected = _frozen(_expected(reference, case))
            case = dataclasses.replace(case, args=_frozen(case.args))
            planned.append((case, expected, _plan_entry(op, case, expected)))
    return tuple(planned)


#: Every exercise's cases, expected values and shown plan, computed once at import --
#: before any learner code can run, so nothing a learner patches can change them.
PLANS = types.MappingProxyType({op: _plan(op) for op in FUNCTIONS})


def cases(op: str) -> list[Case]:
    """The cases of one exercise (seeded: the same on every call; inputs read-only)."""
    return [case for case, _, _ in PLANS[op]]


def expected_values(op: str) -> list:
    """Copies of the expected values of one exercise's cases (None for a `raises` case)."""
    return [copy.deepcopy(expected) for _, expected, _ in PLANS[op]]


def _grade(op: str, code: str, report: Callable[[dict], None], time_limit: float, memory_limit: int) -> dict:
    function_name = FUNCTIONS[op]
    _GUARD.restore()
    planned = [(case, expected) for case, expected, _ in PLANS[op]]
    entries = [copy.deepcopy(entry) for _, _, entry in PLANS[op]]
    report({"type": "plan", "function": function_name, "cases": entries})

    outcome = {"op": op, "function": function_name, "printed": "", "error": None, "recycle": False}
    results: list[dict] = []
    limits = _Limits(time_limit, memory_limit)
    failure: tuple[str, str] | None = None  # (check, message) that fails every case
    try:
        compiled = compile(code, FILENAME, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:  # ValueError: null bytes in the source
        outcome["error"] = {"kind": "syntax", "message": "Your code has a syntax error.",
                            "traceback": _traceback(error)}
        failure = ("runs", "your code has a syntax error (shown above), so it could not run")
    else:
        linecache.cache[FILENAME] = (len(code), None, code.splitlines(True), FILENAME)
        report({"type": "stage", "stage": "top-level"})
        namespace = {"__name__": "__main__", "__builtins__": builtins}
        printed = _Output()
        try:
            with _GUARD.hidden(), limits.active(), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with _captured(printed):
                    exec(compiled, namespace)
        except TimeUp as error:
            failure = ("time", f"timed out: {error} before defining {function_name} (an endless loop?)")
            outcome["error"] = {"kind": "time", "message": failure[1][0].upper() + failure[1][1:] + ".",
                                "traceback": _traceback(error)}
        except MemoryError as error:
            failure = ("memory", f"ran out of memory: {error or 'MemoryError'}")
            outcome["error"] = {"kind": "memory", "message": "Your code ran out of memory.",
                                "traceback": _traceback(error)}
        except BaseException as error:  # SystemExit and KeyboardInterrupt too: the learner's own
            outcome["error"] = {"kind": "top-level",
                                "message": "Your code raised an error before the cases could run.",
                                "traceback": _traceback(error)}
            failure = ("runs", f"your code raised {_one_line(error)} (shown above)")
        else:
            if not callable(namespace.get(function_name)):
                failure = ("defined", f"your code defines no function named {function_name}")
                outcome["error"] = {"kind": "undefined", "traceback": "",
                                    "message": f"Define a function named {function_name}: "
                                               f"def {function_name}({', '.join(PARAMS[op])}):"}
        finally:
            _GUARD.restore()
        outcome["printed"] = printed.getvalue()

    for index, ((case, expected), entry) in enumerate(zip(planned, entries)):
        if failure:
            result = _result(entry, case, *failure)
        else:
            report({"type": "stage", "stage": "case", "index": index})
            result = _run_case(compiled, function_name, case, expected, entry, limits)
        results.append(result)
        report({"type": "case", "index": index, "case": result})

    passed = sum(result["status"] == "pass" for result in results)
    outcome.update(cases=results, passed=passed, total=len(results), all_passed=passed == len(results),
                   recycle=any(result["failed"] == "memory" for result in results)
                   or (outcome["error"] or {}).get("kind") == "memory")
    return outcome


def grade(op: str, code: str, report: Callable[[dict], None] | None = None, *,
          time_limit: float = TIME_LIMIT, memory_limit: int = MEMORY_LIMIT) -> dict:
    """Grade the learner's ``code`` for the exercise ``op`` (a card name, e.g. "softmax").

    ``report``, if given, is called with each event as it happens: ``{"type": "plan",
    "cases": [...]}`` before any learner code runs, ``{"type": "stage", ...}`` when the top
    level or a case starts, and ``{"type": "case", "index", "case"}`` when a case is done.
    Returns ``{"op", "function", "cases", "passed", "total", "all_passed", "printed",
    "error", "recycle"}``; ``recycle`` asks for a fresh interpreter (memory ran out).
    """
    if op not in FUNCTIONS:
        raise KeyError(f"unknown exercise {op!r}")
    context = contextvars.copy_context()  # NumPy's errstate set by the learner stays in it
    streams = sys.stdout, sys.stderr
    print_options = np.get_printoptions()
    try:
        return context.run(_grade, op, code, report or (lambda event: None), time_limit, memory_limit)
    finally:
        sys.stdout, sys.stderr = streams
        np.set_printoptions(**print_options)
        _GUARD.restore()


def grade_json(op: str, code: str, report_json=None) -> str:
    """:func:`grade` over JSON strings, the form the practice worker passes to JavaScript."""
    def report(event: dict) -> None:
        if report_json is not None:
            report_json(json.dumps(event))

    return json.dumps(grade(op, code, report))


_GUARD = _Guard()  # taken last at import: after PLANS, before any learner code has run
