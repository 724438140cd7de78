"""The page's reading of the runner's ``top`` and ``case`` messages (PROTOCOL.md): every field is
checked and clipped, and anything not as documented is refused (:class:`plain.Refused`), so the
grader only ever judges plain data of the documented form. The page's JavaScript has checked the
messages' kinds and order before (practice/protocol.js); this checks their content.
"""

from __future__ import annotations

from .plain import Refused, restore, restore_error
from .runner import MAX_WARNINGS
from .sandbox import MAX_OUTPUT, clip

MAX_TRACEBACK = 6000  # characters of a traceback
MAX_WARNING = 600  # characters of one warning


def _texts(value, count: int, limit: int) -> list[str]:
    if type(value) is not list or len(value) > count or not all(type(item) is str for item in value):
        raise Refused("a list of texts that is not one")
    return [clip(item, limit) for item in value]


def _text_or_none(value, limit: int) -> str | None:
    if value is not None and type(value) is not str:
        raise Refused("a text that is no text")
    return None if value is None else clip(value, limit)


def read_limit(value) -> dict:
    """A limit that was hit: ``{"limit": "time", "seconds"}`` or ``{"limit": "memory", "reason",
    "megabytes"}``, each with the ``traceback`` of where the code stopped (or None)."""
    if type(value) is not dict or value.get("limit") not in ("time", "memory"):
        raise Refused("a limit that is none of the limits")
    traceback = _text_or_none(value.get("traceback"), MAX_TRACEBACK)
    if value["limit"] == "time":
        if value.keys() != {"limit", "seconds", "traceback"} or type(value["seconds"]) is not str:
            raise Refused("a time limit without its fields")
        return {"limit": "time", "seconds": clip(value["seconds"], 12), "traceback": traceback}
    reason, megabytes = value.get("reason"), value.get("megabytes")
    if (
        value.keys() != {"limit", "reason", "megabytes", "traceback"}
        or reason not in ("limit", "tracemalloc", "python")
        or type(megabytes) is not int
    ):
        raise Refused("a memory limit without its fields")
    return {"limit": "memory", "reason": reason, "megabytes": megabytes, "traceback": traceback}


def read_raised(value) -> dict:
    """An error of the learner's: its class (:func:`plain.restore_error`), message and traceback
    (each None when it could not be made inside the limits)."""
    if type(value) is not dict or value.keys() != {"type", "builtins", "message", "traceback"}:
        raise Refused("an error without its fields")
    error = restore_error({"type": value["type"], "builtins": value["builtins"]})
    error["message"] = _text_or_none(value["message"], 500)
    error["traceback"] = _text_or_none(value["traceback"], MAX_TRACEBACK)
    return error


def read_top(message) -> dict:
    """The ``top`` message: ``output``, ``defined`` and ``error`` (None, or its ``kind`` --
    "syntax", "limit" or "top-level" -- with a ``traceback`` and the limit's or the error's fields)."""
    if (
        type(message) is not dict
        or message.keys() != {"type", "output", "error", "defined"}
        or message["type"] != "top"
        or type(message["defined"]) is not bool
    ):
        raise Refused("a top message without its fields")
    error = message["error"]
    if error is not None:
        if type(error) is not dict or error.get("kind") not in ("syntax", "limit", "top-level"):
            raise Refused("a top-level error of no known kind")
        fields = {name: value for name, value in error.items() if name != "kind"}
        if error["kind"] == "syntax":
            if fields.keys() != {"traceback"}:
                raise Refused("a syntax error without its fields")
            error = {"kind": "syntax", "traceback": _text_or_none(fields["traceback"], MAX_TRACEBACK)}
        elif error["kind"] == "limit":
            error = {"kind": "limit", **read_limit(fields)}
        else:
            error = {"kind": "top-level", **read_raised(fields)}
    return {
        "output": _texts([message["output"]], 1, MAX_OUTPUT + 200)[0],
        "error": error,
        "defined": message["defined"],
    }


def read_case(message, index: int) -> dict:
    """The ``case`` message of case ``index``: ``output``, ``warnings`` and exactly one of
    ``returned`` (a :class:`plain.Returned`), ``raised`` (:func:`read_raised`) and ``limit``."""
    if (
        type(message) is not dict
        or message.keys() != {"type", "index", "output", "warnings", "returned", "raised", "limit"}
        or message["type"] != "case"
        or message["index"] != index
        or type(message["index"]) is not int
    ):
        raise Refused("a case message without its fields")
    answers = [name for name in ("returned", "raised", "limit") if message[name] is not None]
    if len(answers) != 1:
        raise Refused("a case that did not return, raise or hit a limit, or did more than one")
    read = {"returned": restore, "raised": read_raised, "limit": read_limit}
    return {
        "output": _texts([message["output"]], 1, MAX_OUTPUT + 200)[0],
        "warnings": _texts(message["warnings"], MAX_WARNINGS, MAX_WARNING),
        "returned": None,
        "raised": None,
        "limit": None,
        answers[0]: read[answers[0]](message[answers[0]]),
    }
