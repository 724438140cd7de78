"""Practice mode's grader, in the page's own interpreter: it plans a check, and judges what the
learner's interpreter reports, the way the course's public tests check. Learner code never runs
here, and nothing here -- expected values, reference functions -- ever reaches the learner's
interpreter: that one only gets a job of plain inputs (runner.py) and sends back plain data
(plain.py), which :func:`judge` reads as untrusted.

For one exercise (PROTOCOL.md gives the messages):

1. :func:`plan` takes the cases (exercises.py; course checks first, then going further) and their
   expected values, computed once per exercise with the package's own function; it returns what
   the page shows and the runner's ``job`` (the inputs only);
2. :func:`judge` reads each case's ``case`` message and checks, as the course does, that it ran,
   the type (``isinstance(result, np.ndarray)``, or for a number ``isinstance(result, float)`` -- a
   ``np.float64`` is one, a ``np.float32`` is not -- or an integer, Python's or NumPy's, never a
   bool, as the learner's interpreter found them), the exact shape and the values
   (``np.allclose(expected, result)``, default tolerances);
3. :func:`conclude` counts: ``passed``, ``total`` and ``all_passed`` over the course checks (they
   decide the verdict), the ``extra_`` ones over the going-further cases; a case with no answer
   (the check stopped: time, a dead or misbehaving interpreter) fails with why, never passes.

``grade`` in tests/practice/native.py does all three natively around :func:`runner.run`, in one
process (the native tests' harness). What a person reads is phrases (:func:`wording.phrase`): the page words them.
"""

from __future__ import annotations

import copy
import functools

import numpy as np

import nnbasics

from .. import catalogue, shared
from .exercises import TIERS, Case
from .exercises import cases as build_cases
from .messages import read_case
from .plain import Refused, Returned, encode, is_integer
from .sandbox import clip
from .wording import phrase, show

TIME_LIMIT = 5.0  # seconds of learner code per check, all cases together
MEMORY_LIMIT = 256 * 2**20  # bytes of Python and NumPy memory the learner's code may hold

#: The checks of a case, in the course's order (a case runs some of them).
CHECKS = shared.CHECKS
#: Why a case can fail besides a check: the limits, no such function, not run, and no (valid)
#: answer from the learner's interpreter.
FAILURES = shared.FAILURES


def _function(op: str) -> str:
    """The name of the function exercise ``op`` practises (the catalogue's)."""
    return catalogue.EXERCISE_BY_NAME[op]["function"]


# --------------------------------------------------------------------------- planning


def _checks_for(expected, raises) -> list[str]:
    if raises is not None:
        return ["raises"]
    if isinstance(expected, np.ndarray):
        return ["runs", "type", "shape", "values"]
    return ["runs", "type", "values"]


def _plan_entry(op: str, case: Case, expected) -> dict:
    params = catalogue.exercise_params(op)
    args = "\n".join(f"{name} = {show(value, f'{name} = ')}" for name, value in zip(params, case.args))
    return {
        "name": case.name,
        "title": case.title,
        "tier": case.tier,
        "args": args,
        "call": f"{_function(op)}({', '.join(params)})",
        "expected": phrase("expected-raises", error=case.raises.__name__) if case.raises else show(expected),
        "checks": _checks_for(expected, case.raises),
    }


def _expected(reference, case: Case):
    """The package's answer (or None for a case that must raise, once it is seen to raise)."""
    if case.raises is not None:
        try:
            reference(*copy.deepcopy(case.args))
        except case.raises:
            return None
        raise AssertionError(f"the reference does not raise {case.raises.__name__} for {case.name}")
    return reference(*copy.deepcopy(case.args))


@functools.cache
def _plan(op: str) -> tuple[tuple[Case, object, dict], ...]:
    """Every case of one exercise with its expected value and shown entry, course cases first."""
    if op not in catalogue.EXERCISE_BY_NAME:
        raise KeyError(f"unknown exercise {op!r}")
    reference = getattr(nnbasics, _function(op))
    built = build_cases(op)
    names = [case.name for case in built]
    assert len(names) == len(set(names)), f"{op}: two cases of the same name"
    assert {case.tier for case in built} <= set(TIERS), f"{op}: a tier not in {TIERS}"
    planned = []
    for case in sorted(built, key=lambda case: TIERS.index(case.tier)):  # stable: course first
        expected = _expected(reference, case)
        planned.append((case, expected, _plan_entry(op, case, expected)))
    return tuple(planned)


def cases(op: str) -> list[Case]:
    """The cases of one exercise (seeded: the same on every call)."""
    return [case for case, _, _ in _plan(op)]


def expected_values(op: str) -> list:
    """Copies of the expected values of one exercise's cases (None for a `raises` case)."""
    return [copy.deepcopy(expected) for _, expected, _ in _plan(op)]


def plan(op: str, time_limit: float = TIME_LIMIT, memory_limit: int = MEMORY_LIMIT) -> dict:
    """What the page shows before the check (``function``, ``cases``: each case's entry) and the
    runner's ``job``: the function's name and every case's inputs as plain data -- no expected value."""
    planned = _plan(op)
    return {
        "function": _function(op),
        "cases": [copy.deepcopy(entry) for _, _, entry in planned],
        "uses": uses(op),
        "job": {
            "function": _function(op),
            "cases": [[encode(arg) for arg in case.args] for case, _, _ in planned],
            "time_limit": time_limit,
            "memory_limit": memory_limit,
        },
    }


def uses(op: str) -> list[dict]:
    """The functions of earlier exercises the course's answer calls (``sigmoid`` in
    ``sigmoid_derivative``): each one's exercise (``op``), ``function`` and the course's own version
    (``reference``), which the check provides unless the learner's own version of that exercise passed."""
    return [
        {"op": used, "function": _function(used), "reference": catalogue.EXERCISE_BY_NAME[used]["solution"]}
        for used in catalogue.uses(op)
    ]


# --------------------------------------------------------------------------- judging


def _expected_type(expected) -> str:
    if isinstance(expected, np.ndarray):
        return "numpy.ndarray"
    return "int" if is_integer(expected) else "float"


def _shown(returned: Returned) -> str:
    """What came back, as the report shows it (arrays formatted here, from their values)."""
    if returned.ndarray:
        if returned.array is not None:
            return show(returned.array)
        return f"<a {returned.type} of dtype {returned.dtype}, shape {returned.shape}>"
    return clip(returned.repr) if returned.repr is not None else f"<a {returned.type} object>"


def _values_message(values: np.ndarray, expected) -> list[dict] | None:
    """None when np.allclose(expected, values) (the course's order), else what differs."""
    with np.errstate(all="ignore"):
        values = np.asarray(values, dtype=float)
        if np.allclose(expected, values):
            return None
        close = np.isclose(expected, values)
    wrong = np.argwhere(~close)
    if values.ndim:
        index = tuple(int(i) for i in wrong[0])
        message = [
            phrase(
                "msg-not-close",
                count=len(wrong),
                size=values.size,
                where="[" + ", ".join(map(str, index)) + "]",
                got=f"{values[index]:.8g}",
                expected=f"{float(expected[index]):.8g}",
            )
        ]
    else:
        message = [phrase("msg-not-close-number", got=f"{float(values):.17g}", expected=f"{float(expected):.17g}")]
    if np.isnan(values).any():
        message.append(phrase("hint-nan"))
    return message


def _check_value(got: Returned, expected) -> tuple[str | None, list[dict]]:
    """(the first failing check or None, its message) in the course's order. A number expected, an
    int or a float, takes either of equal value (the course compares them with np.allclose)."""
    wants_array = isinstance(expected, np.ndarray)
    if not (got.ndarray if wants_array else got.float or got.integer):
        kinds = {"expected": _expected_type(expected), "got": got.type}
        if got.type == "NoneType":
            return "type", [phrase("msg-type-none", **kinds)]
        if got.ndarray and got.shape == ():
            return "type", [phrase("msg-type-0d", **kinds)]
        if got.floating:
            return "type", [phrase("msg-type-float", **kinds)]
        if got.ndarray:
            return "type", [phrase("msg-type-array", shape=got.shape, **kinds)]
        return "type", [phrase("msg-type", **kinds)]
    if wants_array and got.shape != expected.shape:
        return "shape", [phrase("msg-shape", expected=expected.shape, got=got.shape)]
    if wants_array and (got.array is None or got.array.dtype.kind not in "biuf"):
        return "values", [phrase("msg-dtype", dtype=got.dtype)]
    if not wants_array and got.number is None:
        return "values", [phrase("msg-not-number", got=_shown(got))]
    message = _values_message(got.array if wants_array else got.number, expected)
    if message:
        return "values", message
    return None, [phrase("msg-right" if wants_array else "msg-right-number")]


def _statuses(names: list[str], failed: str | None) -> list[list[str]]:
    """Each check's status: pass up to the failed one, fail there, skipped after it.

    A failure that is not one of the checks (time, memory, no such function, not run) fails the
    first one: the call did not run to its end.
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


def _result(entry: dict, case: Case, failed: str | None, message: list[dict], **extra) -> dict:
    return {
        **entry,
        "status": "fail" if failed else "pass",
        "failed": failed,
        "message": message,
        "checks": _statuses(entry["checks"], failed),
        "hint": list(case.hint) if failed and failed not in FAILURES else [],
        "got": extra.get("got", ""),
        "output": extra.get("output", ""),
        "warnings": extra.get("warnings", []),
        "traceback": extra.get("traceback", ""),
    }


def _error_text(error: dict) -> str:
    """An error's last line, or its class when its message could not be shown."""
    return error["message"] if error["message"] is not None else error["type"]


def _raised_message(error: dict, expected: type[BaseException] | None) -> list[dict]:
    unshown = "-unshown" if error["message"] is None else ""
    if expected is None:
        return [phrase(f"msg-raised{unshown}", error=_error_text(error))]
    return [phrase(f"msg-raised-instead{unshown}", expected=expected.__name__, error=_error_text(error))]


def _limit_message(limit: dict) -> tuple[str, list[dict]]:
    if limit["limit"] == "time":
        return "time", [phrase("msg-time", seconds=limit["seconds"])]
    if limit["reason"] in ("limit", "tracemalloc"):
        return "memory", [phrase(f"msg-memory-{limit['reason']}", megabytes=limit["megabytes"])]
    return "memory", [phrase("msg-memory", detail="MemoryError")]


def judge(op: str, index: int, message: dict) -> dict:
    """One case's result from the runner's ``case`` message (untrusted: anything not as
    PROTOCOL.md documents it fails the case as "interrupted", never passes)."""
    case, expected, entry = _plan(op)[index]
    try:
        answer = read_case(message, index)
        shown = {"output": answer["output"], "warnings": answer["warnings"]}
        if answer["limit"] is not None:
            return _result(
                entry, case, *_limit_message(answer["limit"]), traceback=answer["limit"]["traceback"] or "", **shown
            )
        if answer["raised"] is not None:
            error = answer["raised"]
            got = phrase("got-raised", error=_error_text(error))
            if case.raises is not None and case.raises.__name__ in error["builtins"] and error["message"] is not None:
                return _result(entry, case, None, _raised_message(error, None), got=got, **shown)
            return _result(
                entry,
                case,
                "raises" if case.raises else "runs",
                _raised_message(error, case.raises),
                got=got,
                traceback=error["traceback"] or "",
                **shown,
            )
        returned = answer["returned"]
        if case.raises is not None:
            return _result(
                entry,
                case,
                "raises",
                [phrase("msg-returned", error=case.raises.__name__, got=clip(_shown(returned), 200))],
                got=_shown(returned),
                **shown,
            )
        failed, words = _check_value(returned, expected)
        return _result(entry, case, failed, words, got=_shown(returned), **shown)
    except Refused as error:
        return _result(entry, case, "interrupted", [phrase("msg-refused", detail=clip(str(error), 200))])


# --------------------------------------------------------------------------- concluding


def _top_failure(op: str, top: dict, outcome: dict) -> tuple[str, list[dict]] | None:
    """The failure of every case when the top level failed or defined no function (and
    ``outcome["error"]``, said once above the cases)."""
    function = _function(op)
    error = top["error"]
    if error is None and top["defined"]:
        return None
    if error is None:
        outcome["error"] = {
            "kind": "undefined",
            "traceback": "",
            "message": [
                phrase(
                    "error-undefined",
                    function=function,
                    signature=f"def {function}({', '.join(catalogue.exercise_params(op))}):",
                )
            ],
        }
        return "defined", [phrase("msg-no-function", function=function)]
    traceback = error.get("traceback") or ""
    if error["kind"] == "syntax":
        outcome["error"] = {"kind": "syntax", "message": [phrase("error-syntax")], "traceback": traceback}
        return "runs", [phrase("msg-syntax")]
    if error["kind"] == "limit" and error["limit"] == "time":
        outcome["error"] = {
            "kind": "time",
            "traceback": traceback,
            "message": [phrase("error-time", seconds=error["seconds"], function=function)],
        }
        return "time", [phrase("msg-time-top", seconds=error["seconds"], function=function)]
    if error["kind"] == "limit":
        outcome["error"] = {"kind": "memory", "message": [phrase("error-memory")], "traceback": traceback}
        return _limit_message(error)
    outcome["error"] = {"kind": "top-level", "message": [phrase("error-top-level")], "traceback": traceback}
    return "runs", [phrase("msg-top-level", error=_error_text(error))]


def _tally(results: list[dict], tier: str, prefix: str) -> dict:
    """``passed``, ``total`` and ``all_passed`` of one tier's cases, names after ``prefix``."""
    statuses = [result["status"] for result in results if result["tier"] == tier]
    passed = statuses.count("pass")
    return {f"{prefix}passed": passed, f"{prefix}total": len(statuses), f"all_{prefix}passed": passed == len(statuses)}


def conclude(op: str, top: dict | None, results: list[dict], stop: dict | None = None) -> dict:
    """The check's outcome from :func:`read_top`'s ``top`` (None: none came), the cases judged so
    far, in order, and ``stop`` when the check ended early (``{"kind": "time" | "interrupted",
    "seconds", "detail", "raised": the class of an error whose message never came, or None}``):
    the stage that was running fails with why, the cases after it are not run."""
    planned = _plan(op)
    outcome = {"op": op, "function": _function(op), "printed": top["output"] if top else "", "error": None}
    results = list(results[: len(planned)])
    if top is None:  # the top level never answered: every case fails with why
        failure = _stop_words(stop or {"kind": "interrupted"})
        outcome["error"] = {"kind": failure[0], "message": failure[1], "traceback": ""}
    else:
        failure = _top_failure(op, top, outcome)
    stopped_at = len(results)
    for index in range(stopped_at, len(planned)):
        case, _, entry = planned[index]
        if failure:
            results.append(_result(entry, case, *failure))
        elif index == stopped_at and stop is not None:
            results.append(_result(entry, case, *_stop_words(stop)))
        else:
            results.append(_result(entry, case, "not-run", [phrase("msg-out-of-time")]))
    outcome.update(cases=results, **_tally(results, "course", ""), **_tally(results, "extra", "extra_"))
    return outcome


def _stop_words(stop: dict) -> tuple[str, list[dict]]:
    """Why the stage that was running when the check stopped failed."""
    failed = "time" if stop.get("kind") == "time" else "interrupted"
    if stop.get("raised"):
        return failed, [phrase("msg-raised-unshown", error=clip(str(stop["raised"]), 200))]
    if failed == "time":
        return failed, [phrase("msg-no-answer", seconds=clip(str(stop.get("seconds", "")), 12))]
    return failed, [phrase("msg-interrupted", detail=clip(str(stop.get("detail", "")), 300))]
