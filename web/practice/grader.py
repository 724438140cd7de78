"""Practice mode's grader: run a learner's own version of an nnbasics function on the cases
of its exercise (exercises.py) and check each result the way the course's public tests do.

The page's practice worker (practice/worker.js, its own Pyodide) calls :func:`grade_json`;
the native tests call :func:`grade`. For one exercise it

1. takes the cases and their expected values from :data:`PLANS`, computed once with the
   package's own function when this module is imported, before any learner code can run
   (read-only); the course checks (tier "course") come first, then the going-further ones
   (tier "extra");
2. compiles the learner's code as ``<your code>`` and runs its top level once (its
   ``print`` output is captured, a syntax error or exception is reported trimmed to the
   learner's own lines);
3. for each case, runs the code again in a fresh namespace, calls the function on a copy
   of the inputs and checks, as the course's tests do, that it ran, the type
   (``isinstance(result, float)`` -- a ``np.float64`` is one, a ``np.float32`` is not -- or
   ``isinstance(result, np.ndarray)``), the exact shape and the values
   (``np.allclose(expected, result)``, default tolerances); the first failing check is named.

Only the course checks decide the verdict: ``passed``, ``total`` and ``all_passed`` count
them; ``extra_passed``, ``extra_total`` and ``all_extra_passed`` count the optional rest.

Any exception of the learner's -- ``SystemExit`` and ``KeyboardInterrupt`` too -- is part
of a case's result; only the grader's own limits (:class:`sandbox.TimeUp`, ``MemoryError``)
are reported as such, in the explicit ``failed`` field ("time", "memory"). Learner code that
changed NumPy, the package or the grader (or brought back a module hidden from it) fails its
case as "tampered": everything is put back, and ``recycle`` asks for a fresh interpreter. The
names of the checks and failures the page shows are :data:`CHECKS` and :data:`FAILURES`.

What a person reads -- a case's title, message and hint, the ``expected`` of a case that must
raise, ``got`` when it raised, an error's message -- are phrases (:func:`wording.phrase`,
lists of them for a message or hint): the page words them in its language, and words them anew
when the language changes; :func:`wording.render` gives the text natively.
"""
from __future__ import annotations

import builtins
import contextvars
import copy
import dataclasses
import hashlib
import json
import linecache
import sys
import types
import warnings
from typing import Callable

import numpy as np

import catalogue
import nnbasics
from exercises import EXERCISES, TIERS, Case, cases as build_cases
from sandbox import Guard, Limits, OverLimit, Output, Tampered, TimeUp, captured
from wording import FILENAME, clip, format_traceback, one_line, phrase, show, type_name

TIME_LIMIT = 5.0  # seconds of learner code per check, all cases together
MEMORY_LIMIT = 256 * 2**20  # bytes of Python and NumPy memory the learner's code may hold
MAX_WARNINGS = 5

#: The checks of a case, in the course's order (a case runs some of them).
CHECKS = ("runs", "type", "shape", "values", "raises")
#: Why a case can fail besides a check: the grader's limits, no such function, not run, and
#: learner code that changed what computes or checks the results.
FAILURES = ("time", "memory", "defined", "not-run", "tampered")

#: The page's card names and the functions they practise (from the catalogue).
FUNCTIONS = {op["name"]: op["function"] for op in catalogue.OPERATIONS}
PARAMS = {op["name"]: catalogue.params(op["name"]) for op in catalogue.OPERATIONS}

TAMPERED = [phrase("msg-tampered")]


def _traceback(error: BaseException) -> str:
    return format_traceback(error, TimeUp)


# --------------------------------------------------------------------------- checking


def _expected_type(expected) -> str:
    return "numpy.ndarray" if isinstance(expected, np.ndarray) else "float"


def _type_ok(got, expected) -> bool:
    """The course's datatype check: ``isinstance(result, np.ndarray)`` or ``float``."""
    return isinstance(got, np.ndarray if isinstance(expected, np.ndarray) else float)


def _values_message(got, expected) -> list[dict] | None:
    """None when np.allclose(expected, got) (the course's order), else what differs."""
    if isinstance(got, np.ndarray) and got.dtype.kind not in "biuf":
        return [phrase("msg-dtype", dtype=got.dtype)]
    with np.errstate(all="ignore"):
        got_array = np.asarray(got, dtype=float)
        if np.allclose(expected, got_array):
            return None
        close = np.isclose(expected, got_array)
    wrong = np.argwhere(~close)
    if got_array.ndim:
        index = tuple(int(i) for i in wrong[0])
        message = [phrase("msg-not-close", count=len(wrong), size=got_array.size,
                          where="[" + ", ".join(map(str, index)) + "]",
                          got=f"{got_array[index]:.8g}", expected=f"{float(expected[index]):.8g}")]
    else:
        message = [phrase("msg-not-close-number", got=f"{float(got_array):.17g}", expected=f"{float(expected):.17g}")]
    if np.isnan(got_array).any():
        message.append(phrase("hint-nan"))
    return message


def _check_value(got, expected) -> tuple[str | None, list[dict]]:
    """(the first failing check or None, its message) in the course's order."""
    if not _type_ok(got, expected):
        kinds = {"expected": _expected_type(expected), "got": type_name(got)}
        if got is None:
            return "type", [phrase("msg-type-none", **kinds)]
        if isinstance(got, np.ndarray) and got.ndim == 0:
            return "type", [phrase("msg-type-0d", **kinds)]
        if isinstance(got, np.floating):
            return "type", [phrase("msg-type-float", **kinds)]
        if isinstance(got, np.ndarray):
            return "type", [phrase("msg-type-array", shape=got.shape, **kinds)]
        return "type", [phrase("msg-type", **kinds)]
    if isinstance(expected, np.ndarray) and got.shape != expected.shape:
        return "shape", [phrase("msg-shape", expected=expected.shape, got=got.shape)]
    message = _values_message(got, expected)
    if message:
        return "values", message
    return None, [phrase("msg-right" if isinstance(expected, np.ndarray) else "msg-right-number")]


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
        where = f"{FILENAME}:{warning.lineno}: " if warning.filename == FILENAME else ""
        text = f"{where}{warning.category.__name__}: {warning.message}"  # as Python's warnings show it
        if text not in shown:
            shown.append(text)
    return shown[:MAX_WARNINGS]


def _plan_entry(op: str, case: Case, expected) -> dict:
    args = "\n".join(f"{name} = {show(value, f'{name} = ')}" for name, value in zip(PARAMS[op], case.args))
    return {
        "name": case.name,
        "title": case.title,
        "tier": case.tier,
        "args": args,
        "call": f"{FUNCTIONS[op]}({', '.join(PARAMS[op])})",
        "expected": phrase("expected-raises", error=case.raises.__name__) if case.raises else show(expected),
        "checks": _checks_for(expected, case.raises),
    }


def _result(entry: dict, case: Case, failed: str | None, message: list[dict], **extra) -> dict:
    result = dict(entry)
    result.update(
        status="fail" if failed else "pass",
        failed=failed,
        message=message,
        checks=_statuses(entry["checks"], failed),
        hint=list(case.hint) if failed and failed not in FAILURES else [],
        got=extra.pop("got", ""),
        output=extra.pop("output", ""),
        warnings=extra.pop("warnings", []),
        traceback=extra.pop("traceback", ""),
    )
    return result


def _run_case(op: str, compiled, case: Case, expected, entry: dict, limits: Limits) -> dict:
    """Run the learner's code in a fresh namespace and check one call of its function. What it
    returned is shown and checked inside the learner's block too, as its methods (``__repr__``,
    ``__array__``, ...) are learner code."""
    if limits.expired():
        return _result(entry, case, "not-run", [phrase("msg-out-of-time")])
    function_name = FUNCTIONS[op]
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    output = Output()
    caught: list = []
    try:
        with _GUARD.running(limits, lambda: _intact(op)):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("default")
                with captured(Output()):  # the top level already printed once, above the cases
                    exec(compiled, namespace)
                function = namespace.get(function_name)
                if not callable(function):
                    return _result(entry, case, "defined", [phrase("msg-no-function", function=function_name)])
                args = copy.deepcopy(case.args)  # the learner may change its inputs in place
                with captured(output):
                    got = function(*args)
            shown = show(got)
            failed, message = _check_value(got, expected) if case.raises is None else (
                "raises", [phrase("msg-returned", error=case.raises.__name__, got=clip(shown, 200))])
    except Tampered:
        return _result(entry, case, "tampered", TAMPERED, output=output.getvalue())
    except TimeUp as error:
        return _result(entry, case, "time", [phrase("msg-time", seconds=error.seconds)],
                       output=output.getvalue(), traceback=_traceback(error))
    except MemoryError as error:
        return _result(entry, case, "memory", [_out_of_memory(error)], output=output.getvalue())
    except BaseException as error:  # the learner's own error (SystemExit too): part of the result
        raised = phrase("got-raised", error=one_line(error))
        if case.raises is not None and isinstance(error, case.raises):
            return _result(entry, case, None, [phrase("msg-raised", error=one_line(error))], got=raised,
                           output=output.getvalue(), warnings=_warnings(caught))
        message = phrase("msg-raised-instead", expected=case.raises.__name__, error=one_line(error)) \
            if case.raises else phrase("msg-raised", error=one_line(error))
        return _result(entry, case, "raises" if case.raises else "runs", [message], got=raised,
                       output=output.getvalue(), warnings=_warnings(caught), traceback=_traceback(error))
    return _result(entry, case, failed, message, got=shown, output=output.getvalue(), warnings=_warnings(caught))


def _out_of_memory(error: MemoryError) -> dict:
    """Why the code ran out of memory: over the grader's limit, or NumPy's or Python's own."""
    if isinstance(error, OverLimit):
        return phrase(f"msg-memory-{error.reason}", **error.params)
    return phrase("msg-memory", detail=str(error) or "MemoryError")


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
    """A read-only copy: arrays live in immutable bytes (so not even ``flags.writeable = True``
    makes them writable), lists become tuples."""
    if isinstance(value, np.ndarray):
        return np.frombuffer(value.tobytes(), dtype=value.dtype).reshape(value.shape)
    if isinstance(value, tuple):
        return tuple(_frozen(item) for item in value)
    return copy.deepcopy(value)


def _plan(op: str) -> tuple[tuple[Case, object, dict], ...]:
    reference = getattr(nnbasics, FUNCTIONS[op])
    built = build_cases(op)
    names = [case.name for case in built]
    assert len(names) == len(set(names)), f"{op}: two cases of the same name"
    assert {case.tier for case in built} <= set(TIERS), f"{op}: a tier not in {TIERS}"
    planned = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for case in sorted(built, key=lambda case: TIERS.index(case.tier)):  # stable: course first
            expected = _frozen(_expected(reference, case))
            case = dataclasses.replace(case, args=_frozen(case.args))
            planned.append((case, expected, _plan_entry(op, case, expected)))
    return tuple(planned)


#: Every exercise's cases, expected values and shown plan (course cases first), computed
#: once at import -- before any learner code can run, so nothing a learner patches can
#: change them.
PLANS = types.MappingProxyType({op: _plan(op) for op in FUNCTIONS  # an operation still without its
                                if op in EXERCISES and hasattr(nnbasics, FUNCTIONS[op])})  # test_catalogue names it


def _digest(op: str) -> str:
    """A hash of one exercise's cases, inputs and expected values, byte for byte."""
    parts = [value.tobytes() + repr((value.dtype, value.shape)).encode() if isinstance(value, np.ndarray)
             else repr(value).encode() for case, expected, _ in PLANS[op]
             for value in (case.name, case.tier, case.raises, *case.args, expected)]
    return hashlib.sha256(b"".join(len(part).to_bytes(8, "little") + part for part in parts)).hexdigest()


_DIGESTS = types.MappingProxyType({op: _digest(op) for op in PLANS})


def _intact(op: str) -> bool:
    """Whether the exercise's cases and expected values are still those computed at import."""
    return PLANS.get(op) is not None and _digest(op) == _DIGESTS[op]


def cases(op: str) -> list[Case]:
    """The cases of one exercise (seeded: the same on every call; inputs read-only)."""
    return [case for case, _, _ in PLANS[op]]


def expected_values(op: str) -> list:
    """Copies of the expected values of one exercise's cases (None for a `raises` case)."""
    return [copy.deepcopy(expected) for _, expected, _ in PLANS[op]]


def _tampered(outcome: dict) -> tuple[str, list[dict]]:
    """The failure of every case when the code changed what it must not (said once, above them)."""
    outcome["error"] = {"kind": "tampered", "message": [phrase("error-tampered")], "traceback": ""}
    return "tampered", TAMPERED


def _top_level(op: str, compiled, limits: Limits, outcome: dict) -> tuple[str, list[dict]] | None:
    """Run the code's top level once (its output is shown above the cases); the failure of every
    case if it fails, with ``outcome["error"]`` saying why."""
    function_name = FUNCTIONS[op]
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    printed = Output()
    failure = None
    try:
        with _GUARD.running(limits, lambda: _intact(op)), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with captured(printed):
                exec(compiled, namespace)
    except Tampered:
        failure = _tampered(outcome)
    except TimeUp as error:
        failure = ("time", [phrase("msg-time-top", seconds=error.seconds, function=function_name)])
        outcome["error"] = {"kind": "time", "traceback": _traceback(error),
                            "message": [phrase("error-time", seconds=error.seconds, function=function_name)]}
    except MemoryError as error:
        failure = ("memory", [_out_of_memory(error)])
        outcome["error"] = {"kind": "memory", "message": [phrase("error-memory")], "traceback": _traceback(error)}
    except BaseException as error:  # SystemExit and KeyboardInterrupt too: the learner's own
        outcome["error"] = {"kind": "top-level", "message": [phrase("error-top-level")],
                            "traceback": _traceback(error)}
        failure = ("runs", [phrase("msg-top-level", error=one_line(error))])
    else:
        if not callable(namespace.get(function_name)):
            failure = ("defined", [phrase("msg-no-function", function=function_name)])
            outcome["error"] = {"kind": "undefined", "traceback": "", "message": [phrase(
                "error-undefined", function=function_name, signature=f"def {function_name}({', '.join(PARAMS[op])}):")]}
    outcome["printed"] = printed.getvalue()
    return failure


def _grade(op: str, code: str, report: Callable[[dict], None], time_limit: float, memory_limit: int) -> dict:
    function_name = FUNCTIONS[op]
    changed_before = _GUARD.restore() or not _intact(op)  # since an earlier check: then nothing runs
    planned = [(case, expected) for case, expected, _ in PLANS[op]]
    entries = [copy.deepcopy(entry) for _, _, entry in PLANS[op]]
    report({"type": "plan", "function": function_name, "cases": entries})

    outcome = {"op": op, "function": function_name, "printed": "", "error": None, "recycle": False}
    results: list[dict] = []
    limits = Limits(time_limit, memory_limit)
    failure: tuple[str, list[dict]] | None = None  # (check, message) that fails every case
    try:
        compiled = compile(code, FILENAME, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:  # ValueError: null bytes in the source
        outcome["error"] = {"kind": "syntax", "message": [phrase("error-syntax")], "traceback": _traceback(error)}
        failure = ("runs", [phrase("msg-syntax")])
    else:
        if changed_before:
            failure = _tampered(outcome)
        else:
            linecache.cache[FILENAME] = (len(code), None, code.splitlines(True), FILENAME)
            report({"type": "stage", "stage": "top-level"})
            failure = _top_level(op, compiled, limits, outcome)

    for index, ((case, expected), entry) in enumerate(zip(planned, entries)):
        if failure:
            result = _result(entry, case, *failure)
        else:
            report({"type": "stage", "stage": "case", "index": index})
            result = _run_case(op, compiled, case, expected, entry, limits)
        results.append(result)
        report({"type": "case", "index": index, "case": result})

    outcome.update(cases=results, **_tally(results, "course", ""), **_tally(results, "extra", "extra_"),
                   recycle=any(result["failed"] in ("memory", "tampered") for result in results))
    return outcome


def _tally(results: list[dict], tier: str, prefix: str) -> dict:
    """``passed``, ``total`` and ``all_passed`` of one tier's cases, names after ``prefix``."""
    statuses = [result["status"] for result in results if result["tier"] == tier]
    passed = statuses.count("pass")
    return {f"{prefix}passed": passed, f"{prefix}total": len(statuses),
            f"all_{prefix}passed": passed == len(statuses)}


def grade(op: str, code: str, report: Callable[[dict], None] | None = None, *,
          time_limit: float = TIME_LIMIT, memory_limit: int = MEMORY_LIMIT) -> dict:
    """Grade the learner's ``code`` for the exercise ``op`` (a card name, e.g. "softmax").

    ``report``, if given, is called with each event as it happens: ``{"type": "plan",
    "cases": [...]}`` before any learner code runs, ``{"type": "stage", ...}`` when the top
    level or a case starts, and ``{"type": "case", "index", "case"}`` when a case is done.
    Each case entry has a ``tier``, "course" or "extra"; course cases come first.
    Returns ``{"op", "function", "cases", "passed", "total", "all_passed", "extra_passed",
    "extra_total", "all_extra_passed", "printed", "error", "recycle"}``: ``passed``,
    ``total`` and ``all_passed`` count the course checks only (they decide the verdict), the
    ``extra_`` ones the going-further cases; ``error`` is set once for a syntax error, an
    error at the top level or a missing function; ``recycle`` asks for a fresh interpreter
    (memory ran out, or the code tampered with NumPy or the grader).
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


_GUARD = Guard(globals(), "_GUARD")  # taken last at import: after PLANS, before any learner code
