"""Practice mode's wording: the phrases the page shows in its language (a key of
web/i18n/<lang>/practice.json and its parameters: the page words them, so a language switch
words them anew), and a value as Python source a learner would type.
"""

from __future__ import annotations

import numpy as np

from nnbasics.printing import NUMPY_DEFAULT_PRINT_OPTIONS

from ..i18n.words import MARKUP, say
from .sandbox import clip

PRINT_OPTIONS = {**NUMPY_DEFAULT_PRINT_OPTIONS, "threshold": 200}  # long values shortened


def phrase(key: str, **params) -> dict:
    """Words the page shows in its language: ``practice.<key>`` with ``params`` (as text)."""
    return {"key": f"practice.{key}", "params": {name: str(value) for name, value in params.items()}}


def render(lang: str, phrases) -> str:
    """A phrase, or a list of them, in ``lang`` as plain text (for files and tests): the words
    the page shows, without their marks of `code` and **emphasis**."""
    phrases = [phrases] if isinstance(phrases, dict) else phrases
    text = " ".join(say(lang, item["key"], **item["params"]) for item in phrases)
    return MARKUP.sub(lambda match: match.group(1) or match.group(2) or match.group(4) or "", text)


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
            return clip(f"np.array({body}{'' if plain else f', dtype={value.dtype}'})")
        return clip(repr(value))
