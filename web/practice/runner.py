"""Practice mode's runner: the only Python of the learner's interpreter besides NumPy (no grader, no
reference function, no expected value is there to read). It runs one check's job and tells the
page, message by message, what happened (PROTOCOL.md, "runner"): the top level's output or error,
then for each case what the learner's function returned or raised -- as plain data (plain.py).

Everything learner-controlled runs inside the limits (sandbox.Limits): the top level (once per
check), each call, ``repr``/``__float__`` of what came back, formatting an exception or a warning,
and finalizers (collected inside them). An error's class is reported before its message is
formatted, so a message that never finishes still leaves "raised X" behind. The page compares.
"""

from __future__ import annotations

import builtins
import gc
import json
import linecache
import tracemalloc
import warnings
from typing import Callable

from .plain import decode, describe, describe_error
from .sandbox import FILENAME, MAX_OUTPUT, Limits, Output, OverLimit, TimeUp, captured, clip, format_traceback, one_line

MAX_WARNINGS = 5


LIMITS = (TimeUp, OverLimit, MemoryError)  # exactly these classes: a learner's subclass is its own error


def _limit(error: BaseException) -> dict:
    """Which limit an error of the limits is (the page words it), and where the code stopped."""
    where = format_traceback(error)  # no learner code: these classes and the learner's lines only
    if type(error) is TimeUp:
        return {"limit": "time", "seconds": error.seconds, "traceback": where}
    if type(error) is OverLimit:
        return {
            "limit": "memory",
            "reason": error.reason,
            "megabytes": error.params.get("megabytes", 0),
            "traceback": where,
        }
    return {"limit": "memory", "reason": "python", "megabytes": 0, "traceback": where}


def _shown(limits: Limits, make: Callable[[], str]) -> str | None:
    """Text made by learner code (an error's message, a warning), inside the limits; None if it
    cannot be made in them."""
    try:
        with limits.active():
            text = make()
        return text if type(text) is str else None
    except BaseException:  # noqa: BLE001 -- whatever it raised, its text could not be shown
        return None


def _warnings(limits: Limits, caught: list) -> list[str]:
    def text(warning) -> str:
        where = f"{FILENAME}:{warning.lineno}: " if warning.filename == FILENAME else ""
        return clip(f"{where}{warning.category.__name__}: {warning.message}", 500)  # as Python shows it

    shown: list[str] = []
    for warning in caught[:50]:
        line = _shown(limits, lambda: text(warning))
        if line is not None and line not in shown:
            shown.append(line)
    return shown[:MAX_WARNINGS]


def _raised(limits: Limits, error: BaseException, post, **where) -> dict:
    """An error of the learner's: its class at once (posted), then its message and traceback."""
    head = describe_error(error)
    post({"type": "raised", **where, "error": head})
    # str() first: format_exception_only would swallow what it raises, the limits' stop too
    return {
        **head,
        "message": _shown(limits, lambda: (str(error), one_line(error))[1]),
        "traceback": _shown(limits, lambda: format_traceback(error)),
    }


def run(job: dict, post: Callable[[dict], None]) -> None:
    """Run one check's ``job`` (``function``, ``code``, ``cases``: each a list of plain inputs,
    ``time_limit``, ``memory_limit``, and ``context``: the code of earlier exercises' functions
    (``{"function", "code"}``), run first in the same namespace), calling ``post`` with each message
    of PROTOCOL.md in order: ``top``, then per case ``case-start``, maybe ``raised``, ``case``; then ``done``."""
    limits = Limits(job["time_limit"], job["memory_limit"])
    tracemalloc.start()  # on for the whole check: the memory limit's measure, started once
    code, name = job["code"], job["function"]
    printed = Output()
    top = {"type": "top", "output": "", "error": None, "defined": False}
    try:
        compiled = compile(code, FILENAME, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:  # ValueError: null bytes in the source
        top["error"] = {"kind": "syntax", "traceback": format_traceback(error)}
        tracemalloc.stop()
        post(top)
        post({"type": "done"})
        return
    linecache.cache[FILENAME] = (len(code), None, code.splitlines(True), FILENAME)
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    try:
        with limits.active(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for given in job.get("context", ()):  # earlier exercises' functions the course's answer calls
                with captured(Output()):
                    exec(compile(given["code"], f"<{given['function']}>", "exec", dont_inherit=True), namespace)
            with captured(printed):
                exec(compiled, namespace)
    except BaseException as error:  # SystemExit and KeyboardInterrupt too: the learner's own
        top["error"] = (
            {"kind": "limit", **_limit(error)}
            if type(error) in LIMITS
            else {"kind": "top-level", **_raised(limits, error, post, index=None)}
        )
    function = namespace.get(name)
    top.update(output=printed.getvalue(), defined=callable(function))
    post(top)
    if top["error"] is None and top["defined"]:
        for index, inputs in enumerate(job["cases"]):
            if limits.expired():
                break
            post({"type": "case-start", "index": index})
            post({"type": "case", "index": index, **_call(limits, function, inputs, post, index)})
    namespace.clear()
    _collect(limits)
    tracemalloc.stop()
    post({"type": "done"})


def _call(limits: Limits, function, inputs: list, post, index: int) -> dict:
    """One call of the learner's function on fresh inputs, and what came back."""
    output = Output()
    result = {"output": "", "warnings": [], "returned": None, "raised": None, "limit": None}
    caught: list = []
    try:
        args = [decode(item) for item in inputs]
        with limits.active(), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            with captured(output):
                got = function(*args)
            result["returned"] = describe(got)
            del got, args  # the learner's finalizers run now, inside the limits (cycles: at the end, in them too)
    except BaseException as error:  # the learner's own error, SystemExit too: part of the result
        if type(error) in LIMITS:
            result["limit"] = _limit(error)
        else:
            result["raised"] = _raised(limits, error, post, index=index)
    result["output"] = output.getvalue()[: MAX_OUTPUT + 200]
    result["warnings"] = _warnings(limits, caught)
    return result


def _collect(limits: Limits) -> None:
    try:
        with limits.active():
            gc.collect()
    except BaseException:  # noqa: BLE001 -- a finalizer over the limits: the check is over anyway
        pass


def run_json(job_json: str, post_json: Callable[[str], None]) -> None:
    """:func:`run` over JSON strings, the form the practice worker passes between JavaScript and Python."""
    run(json.loads(job_json), lambda message: post_json(json.dumps(message)))
