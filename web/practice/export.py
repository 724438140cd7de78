"""Taking practice code away and bringing it back: every exercise's code as one ``.py`` file,
or as a Jupyter notebook whose cells run the course checks with plain NumPy; and a file's text
split back into exercises -- read with ``ast``, never run.

Each exercise's code starts with a marker comment (:data:`MARKER`), so a file exported here
comes back exactly; any other ``.py`` or notebook is split by its top-level functions. The
files' comments, markdown and what their checks print are in the language of the page that
exports them (web/i18n/<lang>/practice.json, ``export-*``); the marker is the same in every
language, so a file comes back whichever language it was exported in.
"""

from __future__ import annotations

import ast
import json
import re
import textwrap

import numpy as np

from .. import catalogue
from ..i18n.words import catalogue as templates
from ..i18n.words import say
from .grader import cases, expected_values
from .wording import phrase, render

MARKER = "# nnbasics exercise: "  # the same in every language: how a file comes back

# The notebook's check; __DOC__ and __WORDS__ are put in the exporting page's language.
CHECK_HELPER = '''import math
import numbers

import numpy as np

WORDS = {
__WORDS__}


def check(function, cases):
    """__DOC__"""
    failed = []
    for title, args, expected in cases:
        try:
            got = function(*args)
        except Exception as error:
            failed.append(WORDS["raised"].format(title=title, error=f"{type(error).__name__}: {error}"))
            continue
        if isinstance(expected, np.ndarray):
            kind = np.ndarray
        elif isinstance(expected, int):
            kind = numbers.Real  # an int, or a float of the same value
        else:
            kind = float
        if not isinstance(got, kind) or isinstance(got, bool):
            failed.append(WORDS["type"].format(title=title, expected=type(expected).__name__, got=type(got).__name__))
        elif kind is np.ndarray and got.shape != expected.shape:
            failed.append(WORDS["shape"].format(title=title, expected=expected.shape, got=got.shape))
        elif not np.allclose(expected, got):
            failed.append(WORDS["values"].format(title=title))
    print("\\n".join(failed) if failed else WORDS["passed"])
'''
CHECK_WORDS = ("raised", "type", "shape", "values", "passed")  # export-check-<name> in practice.json


class Unreadable(ValueError):
    """A file that holds no practice code; ``args[0]`` is the phrase that says why."""


def check_helper(lang: str) -> str:
    """The notebook's ``check`` function, its docstring and what it prints in ``lang``."""
    words = "".join(f"    {name!r}: {templates(lang, 'practice')[f'export-check-{name}']!r},\n" for name in CHECK_WORDS)
    doc = textwrap.fill(say(lang, "practice.export-check-doc"), 92, subsequent_indent="    ")
    return CHECK_HELPER.replace("__WORDS__", words).replace("__DOC__", doc)


def _literal(value) -> str:
    """Python source that rebuilds ``value`` exactly (floats by their round-trip repr)."""
    if isinstance(value, np.ndarray):
        dtype = ", dtype=int" if value.dtype.kind in "iu" else ", dtype=float"
        return f"np.array({value.tolist()!r}{dtype})"
    if isinstance(value, tuple):
        items = [_literal(item) for item in value]
        return f"({items[0]},)" if len(items) == 1 else "(" + ", ".join(items) + ")"
    if isinstance(value, np.generic):
        return repr(value.item())
    return repr(value)


def course_cases(op: str, lang: str = "en") -> list[tuple]:
    """(title, args, expected) of the course checks of exercise ``op``: the cases that decide the grade."""
    return [
        (render(lang, case.title), case.args, expected)
        for case, expected in zip(cases(op), expected_values(op))
        if case.tier == "course" and case.raises is None
    ]


def check_cell(op: str, lang: str = "en") -> str:
    """The code that runs the course checks of ``op`` on the learner's function."""
    lines = [f"check({catalogue.EXERCISE_BY_NAME[op]['function']}, ["]
    for title, args, expected in course_cases(op, lang):
        lines.append(f"    ({title!r},\n     {_literal(args)},\n     {_literal(expected)}),")
    return "\n".join(lines + ["])"])


_TAG = re.compile(r"<(/?)([\w:]+)[^>]*?(/?)>|([^<]+)")


def _tree(mathml: str) -> tuple:
    """MathML (well-formed, as the catalogue writes it) as nested ``(tag, text, children)``."""
    root: tuple = ("", "", [])
    stack = [root]
    for closing, tag, empty, text in _TAG.findall(mathml):
        if text:
            if text.strip():
                stack[-1][2].append(("#text", text.strip(), []))
        elif closing:
            stack.pop()
        else:
            node = (tag, "", [])
            stack[-1][2].append(node)
            if not empty:
                stack.append(node)
    return root


def formula_text(mathml: str) -> str:
    """A MathML formula as linear text a notebook shows: ``σ(x) = 1/(1 + e^(−x))``."""

    def text(node) -> str:
        tag, own, children = node
        parts = [text(child) for child in children]
        if tag == "#text":
            return own
        if tag == "mfrac":
            return f"{_group(parts[0])}/{_group(parts[1])}"
        if tag in ("msup", "msub"):
            return f"{parts[0]}{'^' if tag == 'msup' else '_'}{_group(parts[1])}"
        if tag == "msubsup":
            return f"{parts[0]}_{_group(parts[1])}^{_group(parts[2])}"
        if tag == "msqrt":
            return f"√({''.join(parts).strip()})"
        if tag in ("munder", "munderover"):
            return f"{parts[0]}_{_group(parts[1])}" + (f"^{_group(parts[2])}" if len(parts) > 2 else "") + " "
        if tag == "mover":
            return f"{parts[0]}\u0302" if parts[1] == "^" else "".join(parts)
        if tag == "mspace":
            return "   "
        if tag == "mo" and "".join(parts) in ("=", "←", "→", "+", "−", ","):
            symbol = "".join(parts)
            return f"{symbol} " if symbol == "," else f" {symbol} "
        return "".join(parts)

    linear = re.sub(r"\s+", " ", text(_tree(mathml))).strip()
    return re.sub(r"\(\s*−\s*", "(−", linear).replace("^′", "′")  # a unary minus, a prime


def _group(part: str) -> str:
    return part if re.fullmatch(r"[\w.′\u0302]+", part) else f"({part})"


def _plain(html: str) -> str:
    """A card's explanation (a little HTML) as Markdown."""
    text = re.sub(r"</?code>", "`", html)
    text = re.sub(r"</?em>", "*", text)
    return re.sub(r"<[^>]+>", "", text)


def _text(exercise: dict, lang: str, name: str) -> str:
    """An exercise's text ``name`` (its explanation, its stub) in ``lang``: the catalogue's own,
    English, beside its others."""
    return exercise.get(lang, {}).get(name, exercise[name]) if lang != "en" else exercise[name]


def export_py(codes: dict[str, str], lang: str = "en") -> str:
    """Every exercise's code (``codes``: by exercise name), in the catalogue's order, each under its
    marker comment."""
    parts = [f"# {say(lang, 'practice.export-py-title')}\n# {say(lang, 'practice.export-py-back')}\n"]
    for exercise in catalogue.EXERCISES:
        code = codes.get(exercise["name"], _text(exercise, lang, "stub")).strip("\n")
        parts.append(f"{MARKER}{exercise['name']} -- {exercise['title']}\n{code}\n")
    return "\n\n".join(parts)


def context_cell(given: dict, lang: str = "en") -> str:
    """The code of an earlier exercise's function that the practice panel gave a later one
    (``{"function", "code", "own"}``), under a comment saying whose it is: the notebook then runs
    the later exercise as the panel did. Between the cells of two exercises, so a file brought
    back (``split``) leaves it out."""
    whose = say(lang, f"practice.export-context-{'own' if given['own'] else 'course'}", function=given["function"])
    return f"# {_plain(whose)}\n{given['code'].strip()}"


def export_ipynb(codes: dict[str, str], lang: str = "en", context: dict[str, list[dict]] | None = None) -> str:
    """A notebook (nbformat 4): per exercise its explanation, what the panel gave it of earlier
    exercises (``context``: by exercise name, as practice.js's contextOf), the code, and its course checks."""
    intro = say(lang, "practice.export-nb-intro", passed=say(lang, "practice.export-check-passed"))
    cells = [
        _cell("markdown", f"# {say(lang, 'practice.export-nb-title')}\n\n{intro}"),
        _cell("code", check_helper(lang)),
    ]
    for exercise in catalogue.EXERCISES:
        name, title = exercise["name"], exercise["title"]
        code = codes.get(name, _text(exercise, lang, "stub")).strip("\n")
        formula = say(lang, "practice.export-formula", formula=formula_text(exercise["formula"]))
        cells.append(_cell("markdown", f"## `{title}`\n\n{_plain(_text(exercise, lang, 'summary'))}\n\n{formula}"))
        cells += [_cell("code", context_cell(given, lang)) for given in (context or {}).get(name, ())]
        cells.append(_cell("code", f"{MARKER}{name} -- {title}\n{code}"))
        cells.append(_cell("code", check_cell(name, lang)))
    for index, cell in enumerate(cells):
        cell["id"] = f"cell-{index}"
    notebook = {
        "cells": cells,
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    }
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def _cell(kind: str, source: str) -> dict:
    cell = {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True)}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def split(text: str) -> dict[str, str]:
    """The code of each exercise in a ``.py`` file or a notebook's text: by marker comments if
    there are any, else by top-level functions named as the exercises' (with the file's imports
    and the other exercise functions they call). Never runs the text.

    Raises :class:`Unreadable` with the phrase that tells the learner why, when nothing can be read.
    """
    try:
        notebook = json.loads(text)
    except ValueError:
        notebook = None
    if isinstance(notebook, dict) and isinstance(notebook.get("cells"), list):
        text = "\n\n".join(
            "".join(cell.get("source", ""))
            for cell in notebook["cells"]
            if isinstance(cell, dict) and cell.get("cell_type") == "code"
        )
    if MARKER in text:
        return _split_by_markers(text)
    return _split_by_functions(text)


def _split_by_markers(text: str) -> dict[str, str]:
    codes = {}
    for section in text.split(MARKER)[1:]:
        head, _, body = section.partition("\n")
        name = head.split(" ", 1)[0]
        if name in catalogue.EXERCISE_BY_NAME:
            body = re.sub(r"\ncheck\([\s\S]*\Z", "\n", body)  # a notebook's check cell that followed
            codes[name] = body.strip("\n") + "\n"
    return codes


def _split_by_functions(text: str) -> dict[str, str]:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError) as error:  # ValueError: null bytes
        raise Unreadable(
            phrase(
                "split-not-python", line=getattr(error, "lineno", None) or 1, error=getattr(error, "msg", str(error))
            )
        ) from None
    lines = text.splitlines()
    imports = [
        ast.get_source_segment(text, node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))
    ]
    exercise_of = {exercise["function"]: exercise["name"] for exercise in catalogue.EXERCISES}
    functions = {
        node.name: node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name in exercise_of
    }
    codes = {}
    for name, node in functions.items():
        called = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} & set(functions) - {name}
        parts = [_source(lines, functions[other]) for other in functions if other in called]
        header = "\n".join(imports) + "\n\n\n" if imports else ""
        codes[exercise_of[name]] = header + "\n\n\n".join(parts + [_source(lines, node)]) + "\n"
    if not codes:
        raise Unreadable(phrase("split-no-function"))
    return codes


def _source(lines: list[str], node: ast.FunctionDef) -> str:
    start = min([node.lineno] + [decorator.lineno for decorator in node.decorator_list])
    return "\n".join(lines[start - 1 : node.end_lineno])


def handle(request: dict) -> dict:
    """The page's requests (checking.py): ``{"export": codes, "lang": lang, "context": ...}`` ->
    ``{"py", "ipynb"}`` in that language; ``{"split": text}`` -> ``{"codes"}`` or ``{"error": [phrase]}``."""
    if "export" in request:
        lang = request.get("lang", "en")
        return {
            "py": export_py(request["export"], lang),
            "ipynb": export_ipynb(request["export"], lang, request.get("context")),
        }
    try:
        return {"codes": split(request["split"])}
    except Unreadable as error:
        return {"error": [error.args[0]]}
