"""The plain data that crosses between the page's interpreter and the learner's (PROTOCOL.md): a
case's inputs one way, what the learner's function returned or raised the other. JSON values only
-- arrays as their dtype, shape and the base64 of their bytes -- so no object and no code crosses.

:func:`encode` and :func:`decode` carry inputs (the page encodes, the learner's interpreter decodes
fresh objects for every call). :func:`describe` and :func:`describe_error` say, in the learner's
interpreter and inside its limits, what came back; :func:`restore` is the page's reading of a
description: it trusts nothing in it and refuses what does not have the documented form.
"""

from __future__ import annotations

import base64
import builtins
import math

import numpy as np

MAX_ELEMENTS = 1_000_000  # elements of an array that cross (a bigger one crosses without its values)
MAX_NAME = 200  # characters of a type's name
MAX_REPR = 3000  # characters of what a value that is no array or number shows
ARRAY_KINDS = "biufc"  # the dtypes whose values cross: booleans and numbers
MAX_NESTING = 4  # lists in lists of inputs

#: Python's own exception classes, by identity, taken before any learner code runs: an error's
#: description names those among its classes (what the course's ``raises`` checks need).
BUILTIN_ERRORS = {
    cls: name for name, cls in vars(builtins).items() if isinstance(cls, type) and issubclass(cls, BaseException)
}


class Refused(ValueError):
    """A description that does not have the documented form (the page's verdict names why)."""


# --------------------------------------------------------------------------- inputs


def encode(value) -> dict:
    """A case input as plain data (arrays, numbers, lists and tuples of them).

    >>> encode(np.array([1.5, 2.0]))["array"]["shape"]
    [2]
    >>> decode(encode([1, (2.5, True)]))
    [1, (2.5, True)]
    """
    if isinstance(value, np.ndarray):
        return {
            "array": {
                "dtype": value.dtype.str,
                "shape": list(value.shape),
                "data": base64.b64encode(np.ascontiguousarray(value).tobytes()).decode(),
            }
        }
    if isinstance(value, (bool, np.bool_)):
        return {"bool": bool(value)}
    if isinstance(value, (int, np.integer)):
        return {"int": str(int(value))}
    if isinstance(value, (float, np.floating)):
        return {"float": repr(float(value))}
    if isinstance(value, (list, tuple)):
        return {type(value).__name__: [encode(item) for item in value]}
    raise TypeError(f"no plain form for {type(value).__name__}")


def decode(plain: dict, depth: int = 0):
    """A fresh object from :func:`encode`'s plain data (a writable array of its own)."""
    ((kind, value),) = plain.items()
    if kind == "array":
        return _array(value)
    if kind in ("list", "tuple") and depth < MAX_NESTING:
        items = [decode(item, depth + 1) for item in value]
        return items if kind == "list" else tuple(items)
    if kind in ("bool", "int", "float"):
        return {"bool": bool, "int": int, "float": float}[kind](value)
    raise Refused(f"no input of kind {kind!r}")


def _array(value: dict) -> np.ndarray:
    dtype = np.dtype(_text(value["dtype"], 8))
    shape = tuple(value["shape"])
    if dtype.kind not in ARRAY_KINDS or dtype.fields or not all(type(n) is int and 0 <= n for n in shape):
        raise Refused(f"an array of dtype {dtype} and shape {shape}")
    try:
        data = base64.b64decode(_text(value["data"], 4 * MAX_ELEMENTS * 16), validate=True)
    except ValueError as error:  # binascii.Error: not base64
        raise Refused("array data that is not base64") from error
    if math.prod(shape) > MAX_ELEMENTS or len(data) != math.prod(shape) * dtype.itemsize:
        raise Refused(f"{len(data)} bytes for {math.prod(shape)} elements of {dtype}")
    return np.frombuffer(data, dtype=dtype).reshape(shape).copy()


def _text(value, limit: int) -> str:
    if type(value) is not str or len(value) > limit:
        raise Refused("a text field is missing or too long")
    return value


# --------------------------------------------------------------------------- what came back


def type_name(cls: type) -> str:
    """A class's name as the learner reads it (``float``, ``numpy.float32``), read from the type's
    own slots (a metaclass cannot answer for it)."""
    module = type.__dict__["__module__"].__get__(cls)
    name = type.__dict__["__qualname__"].__get__(cls)
    module = str.__str__(module) if isinstance(module, str) else "?"
    return (name if module == "builtins" else f"{module}.{name}")[:MAX_NAME]


def is_integer(value) -> bool:
    """Whether ``value`` is an integer, Python's or NumPy's: a bool is not one (nor a number).

    >>> is_integer(278), is_integer(np.int64(278)), is_integer(True), is_integer(278.0)
    (True, True, False, False)
    """
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def describe(value) -> dict:
    """What the learner's function returned, as plain data (runs learner code -- ``__class__``,
    ``__float__``, ``__repr__`` --: call it inside the limits).

    >>> describe(np.float64(0.5))["number"], describe(np.float64(0.5))["float"]
    ('0.5', True)
    >>> describe(np.int64(278))["number"], describe(278)["integer"], describe(True)["number"]
    ('278.0', True, None)
    >>> describe(np.ones((2, 3)))["shape"]
    [2, 3]
    """
    described = {
        "type": type_name(type(value)),
        "ndarray": isinstance(value, np.ndarray),
        "float": isinstance(value, float),
        "floating": isinstance(value, np.floating),
        "integer": is_integer(value),
    }
    if described["ndarray"]:
        array = np.ndarray.view(value, np.ndarray)
        dtype = array.dtype
        kept = dtype.kind in ARRAY_KINDS and not dtype.fields and array.size <= MAX_ELEMENTS
        described.update(dtype=str(dtype)[:MAX_NAME], shape=[int(n) for n in array.shape], data=None)
        if kept:
            described.update(dtype=dtype.str, data=base64.b64encode(np.ascontiguousarray(array).tobytes()).decode())
        return described
    try:  # the value the course's np.allclose compares, for a float or an integer
        described["number"] = repr(float(value)) if described["float"] or described["integer"] else None
    except BaseException:  # noqa: BLE001 -- a float that cannot say its value: its repr says what it is
        described["number"] = None
    try:
        shown = repr(value)
        described["repr"] = str.__str__(shown)[:MAX_REPR] if isinstance(shown, str) else None
    except Exception:  # noqa: BLE001
        described["repr"] = None
    return described


def describe_error(error: BaseException) -> dict:
    """An exception's class as plain data: its name and which of Python's own exception classes
    it is an instance of (read from its class's MRO, by identity). Runs no learner code."""
    classes = type.__dict__["__mro__"].__get__(type(error))
    return {
        "type": type_name(type(error)),
        "builtins": [BUILTIN_ERRORS[cls] for cls in classes if cls in BUILTIN_ERRORS],
    }


# --------------------------------------------------------------------------- the page's reading


class Returned:
    """What the learner's function returned, as the page reads :func:`describe`'s plain data:
    ``type`` (its name), ``ndarray``/``float``/``floating``/``integer`` (``isinstance`` in the
    learner's interpreter), and for an array ``dtype``, ``shape`` and ``array`` (its values, or None when they
    did not cross), else ``number`` (a float or None) and ``repr`` (text or None)."""

    __slots__ = ("type", "ndarray", "float", "floating", "integer", "dtype", "shape", "array", "number", "repr")

    def __init__(self, **fields):
        for name in self.__slots__:
            setattr(self, name, fields.get(name))


def restore(described) -> Returned:
    """:func:`describe`'s plain data read back, every field checked (:class:`Refused` if not as
    documented: missing or extra fields, wrong types, a shape and data that disagree, too big).

    >>> restore(describe(np.arange(3.0))).array
    array([0., 1., 2.])
    >>> restore({"type": "float"})
    Traceback (most recent call last):
    ...
    web.practice.plain.Refused: a result without its fields
    """
    if type(described) is not dict:
        raise Refused("a result that is not an object")
    flags = ("ndarray", "float", "floating", "integer")
    base = {"type", *flags}
    if not base <= described.keys() or not all(type(described[flag]) is bool for flag in flags):
        raise Refused("a result without its fields")
    fields = {"type": _text(described["type"], MAX_NAME), **{flag: described[flag] for flag in flags}}
    if fields["ndarray"]:
        if described.keys() != base | {"dtype", "shape", "data"}:
            raise Refused("an array result without its fields")
        shape = described["shape"]
        if type(shape) is not list or len(shape) > 32 or not all(type(n) is int and 0 <= n < 2**31 for n in shape):
            raise Refused("an array result whose shape is no list of sizes")
        fields.update(dtype=_text(described["dtype"], MAX_NAME), shape=tuple(shape))
        if described["data"] is not None:
            array = _array({"dtype": described["dtype"], "shape": shape, "data": described["data"]})
            fields.update(dtype=str(array.dtype), array=array)
        return Returned(**fields)
    if described.keys() != base | {"number", "repr"}:
        raise Refused("a result without its fields")
    number = described["number"]
    if number is not None:
        try:
            number = float(_text(number, 40))
        except ValueError as error:
            raise Refused("a number that is not one") from error
    shown = described["repr"]
    fields.update(number=number, repr=None if shown is None else _text(shown, MAX_REPR))
    return Returned(**fields)


def restore_error(described) -> dict:
    """:func:`describe_error`'s plain data read back (:class:`Refused` if not as documented)."""
    if type(described) is not dict or described.keys() != {"type", "builtins"}:
        raise Refused("an error without its fields")
    names = described["builtins"]
    if (
        type(names) is not list
        or len(names) > 64
        or not all(type(name) is str and isinstance(getattr(builtins, name, None), type) for name in names)
    ):
        raise Refused("an error's classes that are not Python's")
    return {"type": _text(described["type"], MAX_NAME), "builtins": names}
