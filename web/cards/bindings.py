"""The one layer between the page and the ``nnbasics`` package.

The page hands this module what the user typed (strings, keyed by parameter name) and
gets back everything a card shows: the result exactly as NumPy prints it, its
full-precision value, a plot spec for the plotting component and a text alternative for
the plot (plots.py), worded in the page's language -- or the package's own message for the
field the problem is in, with its code and parameters for the page to word it.
Every operation is evaluated the same way, from its catalogue entry: parse each parameter,
call the package function, build the plot. Pure functions: no DOM, tested natively.
"""

from __future__ import annotations

import inspect
import json
import math
import string
import warnings

import numpy as np

import nnbasics
import nnbasics.course
from nnbasics.errors import MESSAGES, InputError

from .. import catalogue
from ..i18n.words import say
from .plots import PLOTS


class FieldError(ValueError):
    """A problem with what the user typed in one field: the English message, its code and
    the parameters as its template shows them (so the page can word it in another language)."""

    def __init__(self, field: str, error: Exception):
        code = getattr(error, "code", None)
        params = getattr(error, "params", {})
        super().__init__(str(error))
        self.field = field
        self.code = code
        self.params = shown_params(MESSAGES.get(code, ""), params)


class FieldErrors(Exception):
    """Every field that cannot be used, each with its own refusal (FieldError)."""

    def __init__(self, errors: list[FieldError]):
        super().__init__(errors)
        self.errors = errors


def shown_params(template: str, params: dict) -> dict[str, str]:
    """Each parameter as the template writes it (``{word!r}`` quoted, ``{n:,}`` grouped); for
    ``{n:number/numbers}`` just the number, since other languages word plurals their own way."""
    shown = {}
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name:
            value = repr(params[name]) if conversion == "r" else params[name]
            shown[name] = str(value) if spec is None or "/" in spec else format(value, spec)
    return shown


def function_of(op: str):
    """The package function behind the card ``op`` (KeyError for an unknown card)."""
    return getattr(nnbasics, catalogue.BY_NAME[op]["function"])


def _jsonable(a):
    """Full-precision value for ``data-value``; non-finite numbers become strings, integers stay
    integers. A lesson (several results) becomes an object of them (:func:`_lesson_value`)."""
    if isinstance(a, nnbasics.Lesson):
        return _lesson_value(a)
    if isinstance(a, (int, np.integer)) and not isinstance(a, (bool, np.bool_)):
        return int(a)
    if isinstance(a, np.ndarray):
        if np.all(np.isfinite(a)):
            return a.tolist()
        return [_jsonable(v) for v in a] if a.ndim else _jsonable(a.item())
    a = float(a)
    return a if math.isfinite(a) else repr(a)


def _lesson_value(lesson) -> dict:
    """A lesson's results: for each operation, the loop's and NumPy's; then W and its seed."""
    value = {
        name: {"loop": _jsonable(loop), "numpy": _jsonable(vectorized)}
        for name, (loop, vectorized) in lesson.pairs.items()
    }
    return {**value, "W": _jsonable(lesson.W), "seed": int(lesson.seed)}


def parse_field(inputs: dict[str, str], field: str, integers: bool = False) -> np.ndarray:
    """A field's array; with ``integers`` (the catalogue's ``"integers": true``), whole numbers
    written as such are int64, as NumPy reads the same literal (nnbasics.parse_array)."""
    try:
        array = nnbasics.parse_array(inputs.get(field, ""), integers=integers)
    except ValueError as error:
        raise FieldError(field, error) from None
    if array.size == 0:
        raise FieldError(field, InputError("empty-array", {"shape": array.shape}))
    return array


def _blamed_field(names: tuple[str, ...], args: tuple, edited: str | None, error, scalars=()) -> str:
    """The field a refusal of the package is about: the argument the refusal names, if it is a
    field. Fields that do not match each other: the one the learner just edited (``edited``), else
    the first whose shape differs from the first field's -- ``scalars`` (one number each, as a seed)
    aside. Otherwise the first field (its own shape is the problem)."""
    named = getattr(error, "params", {}).get("argument")
    if named in names:
        return named
    shaped = [name for name in names if name not in scalars]  # a number (a seed) has no shape to match
    mismatched = [name for name in shaped[1:] if args[names.index(name)].shape != args[names.index(shaped[0])].shape]
    if mismatched:
        return edited if edited in shaped else mismatched[0]
    return names[0]


def _compute(op: str, inputs: dict[str, str], lang: str, edited: str | None):
    names = catalogue.params(op)
    integers = catalogue.BY_NAME[op].get("integers", False)
    args, errors = [], []
    for name in names:  # each field read on its own: every one that cannot be used is told of
        try:
            args.append(parse_field(inputs, name, integers))
        except FieldError as error:
            errors.append(error)
    if errors:
        raise FieldErrors(errors)
    try:
        result = function_of(op)(*args)
    except (ValueError, TypeError) as error:
        scalars = {param["name"] for param in catalogue.BY_NAME[op]["params"] if param.get("scalar")}
        blamed = _blamed_field(names, tuple(args), edited, error, scalars)
        raise FieldErrors([FieldError(blamed, error)]) from None
    return result, PLOTS[op](tuple(args), result, lang), tuple(args)


def _finite_only(spec):
    """The plot spec with non-finite numbers as None (JSON null: the plot skips them)."""
    if isinstance(spec, dict):
        return {key: _finite_only(value) for key, value in spec.items()}
    if isinstance(spec, list):
        return [_finite_only(value) for value in spec]
    if isinstance(spec, float) and not math.isfinite(spec):
        return None
    return spec


def _arrays(result) -> tuple:
    """Every array a result holds: a lesson's results, or the result itself."""
    return result.arrays() if isinstance(result, nnbasics.Lesson) else (result,)


def _not_finite_note(result, lang: str) -> str | None:
    finite = all(np.all(np.isfinite(np.asarray(a, dtype=float))) for a in _arrays(result))
    return None if finite else say(lang, "page.not-finite")


def _lesson_note(result, lang: str) -> str | None:
    """Where a lesson's loop and NumPy do not give the same numbers: floats rounded in another order
    (NumPy sums in its own order), or integers past int64 (NumPy's wrap around, Python's never do)."""
    if not isinstance(result, nnbasics.Lesson):
        return None
    differ = {name: gap for name, gap in result.differences().items() if gap}
    if not differ:
        return None
    names = ", ".join(f"{name}_loop" for name in differ)  # the package's loops, by name
    integer = np.issubdtype(result.x1.dtype, np.integer) and np.issubdtype(result.x2.dtype, np.integer)
    overflowed = [name for name in differ if integer and name != "general_dot"]
    if overflowed:
        return say(lang, "page.lesson-overflow", operations=", ".join(f"{name}_loop" for name in overflowed))
    return say(lang, "page.lesson-rounding", operations=names, difference=f"{max(differ.values()):.2g}")


MAX_SHOWN = 160  # characters of the course's result quoted in a note


def _course_note(op: str, args: tuple, result, lang: str) -> str | None:
    """What the course's own plain code (nnbasics.course) does here, when it is not what the card
    shows: it raises, gives other numbers (nan, ...) or makes NumPy warn; None when it agrees, or when
    the course has no such operation (nnbasics.course holds only the course's own)."""
    course = getattr(nnbasics.course, catalogue.BY_NAME[op]["function"], None)
    if course is None:
        return None
    # NumPy's default error state, as in the learner's notebook: overflow, 0/0 and x/0 warn; underflow not
    with (
        warnings.catch_warnings(record=True) as caught,
        np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"),
    ):
        warnings.simplefilter("always")
        try:
            theirs = course(*args)
        except (ArithmeticError, ValueError, TypeError, IndexError) as error:
            return say(lang, "page.course-raises", error=type(error).__name__, message=str(error))
    warned = "; ".join(dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught))
    theirs = np.asarray(theirs, dtype=float)
    same = theirs.shape == np.shape(result) and np.allclose(theirs, result, rtol=1e-12, atol=0)
    if not same:
        shown = " ".join(nnbasics.format_array(theirs).split())  # one line in the note
        shown = shown if len(shown) <= MAX_SHOWN else shown[:MAX_SHOWN] + " …"
        if warned:
            return say(lang, "page.course-differs-warned", theirs=shown, warning=warned)
        return say(lang, "page.course-differs", theirs=shown)
    return say(lang, "page.course-warns", warning=warned) if warned else None


def refusal(errors: list[FieldError]) -> dict:
    """What the page shows for fields that cannot be used: ``{"errors": [{"field", "message",
    "code", "params"}, ...]}``, the English message and its code and parameters for other languages."""
    return {
        "errors": [
            {"field": error.field, "message": str(error), "code": error.code, "params": error.params}
            for error in errors
        ]
    }


def evaluate(op: str, inputs: dict[str, str], lang: str = "en", edited: str | None = None) -> dict:
    """Everything the card ``op`` shows for the given field texts, in the language ``lang``.

    Returns ``{"text", "value", "plot", "alt", "note"}`` on success, or ``{"errors": [{"field",
    "message", "code", "params"}, ...]}``, one for each field that cannot be used: the English
    message, and its code and shown parameters for other languages. ``edited``: the field the
    learner changed last, blamed when the fields do not match each other.
    """
    if op not in catalogue.BY_NAME:
        raise KeyError(f"unknown operation {op!r}")
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            result, (plot, alt), args = _compute(op, inputs, lang, edited)
        course = _course_note(op, args, result, lang)
    except FieldErrors as refused:
        return refusal(refused.errors)
    notes = (_not_finite_note(result, lang), _lesson_note(result, lang), course)
    return {
        "text": result.printed() if isinstance(result, nnbasics.Lesson) else nnbasics.format_array(result),
        "value": _jsonable(result),
        "plot": _finite_only(plot),
        "alt": alt,
        "note": " ".join(note for note in notes if note) or None,
    }


def evaluate_json(op: str, inputs_json: str, lang: str = "en", edited: str | None = None) -> str:
    """:func:`evaluate` over JSON strings, the form the page's JavaScript uses."""
    return json.dumps(evaluate(op, json.loads(inputs_json), lang, edited), allow_nan=False)


def _source(op: dict) -> str:
    """What a card's "show the code" holds: its function's source, then that of each of the
    package's names its ``"sources"`` list (operations.json) adds, such as the loops a lesson runs."""
    shown = [function_of(op["name"])]
    for dotted in op.get("sources", ()):
        module, _, name = dotted.rpartition(".")
        shown.append(getattr(getattr(nnbasics, module) if module else nnbasics, name))
    return "\n\n".join(inspect.getsource(each) for each in shown)


def sources() -> dict[str, str]:
    """The source of each operation's function, as the package has it."""
    return {op["name"]: _source(op) for op in catalogue.OPERATIONS}
