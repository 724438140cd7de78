"""The starting code and the course-style solution of each exercise, in every language of the page
(operations.json, per exercise: English at the top level, Korean under ``ko``): the same code whatever the
language, only the words differ; a solution is short, uses NumPy or ``math`` only and passes the
panel's own check; the Korean texts are written in Korean."""

from __future__ import annotations

import ast
import io
import re
import tokenize

import pytest

from practice import native
from web import catalogue
from web.i18n.words import LANGUAGES
from web.practice import exercises

NAMES = [exercise["name"] for exercise in catalogue.EXERCISES]
CASES = [(op, lang) for op in NAMES for lang in LANGUAGES]
IDS = [f"{op}-{lang}" for op, lang in CASES]
MAX_SOLUTION_LINES = 12
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
# Words that stay as they are in a Korean text: Python's and NumPy's names, the course's symbols.
KEPT = {
    "math",
    "exp",
    "np",
    "numpy",
    "int",
    "float",
    "nan",
    "sum",
    "TypeError",
    "NumPy",
    "sigmoid",
    "yhat",
    "height",
    "width",
    "channels",
    "L1",
    "L2",
} | {exercise["function"] for exercise in catalogue.EXERCISES}


def text(op: str, lang: str, kind: str) -> str:
    """The stub or the solution of exercise ``op`` in ``lang``."""
    entry = catalogue.EXERCISE_BY_NAME[op]
    return entry[kind] if lang == "en" else entry[lang][kind]


def code_only(source: str) -> str:
    """The code of ``source`` without its docstrings and comments (the AST drops comments)."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree)


def words_of(source: str) -> list[str]:
    """The prose of ``source``: its docstrings and comments, line by line."""
    lines = [
        token.string.lstrip("# ")
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    ]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.Module)) and ast.get_docstring(node):
            lines += ast.get_docstring(node).splitlines()
    return [line for line in lines if line.strip()]


@pytest.mark.parametrize("op", NAMES)
@pytest.mark.parametrize("kind", ["stub", "solution"])
def test_every_language_has_the_same_code_in_its_own_words(op, kind):
    english = text(op, "en", kind)
    for lang in LANGUAGES[1:]:
        assert code_only(text(op, lang, kind)) == code_only(english), f"{op} {kind}: the code differs in {lang}"


@pytest.mark.parametrize("op, lang", CASES, ids=IDS)
def test_a_solution_is_short_and_uses_numpy_or_math_only(op, lang):
    solution = text(op, lang, "solution")
    assert len(solution.strip("\n").splitlines()) <= MAX_SOLUTION_LINES
    imported = {
        alias.name
        for node in ast.walk(ast.parse(solution))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert imported <= {"numpy", "math"}
    assert f"def {catalogue.EXERCISE_BY_NAME[op]['function']}(" in solution


@pytest.mark.parametrize("op, lang", CASES, ids=IDS)
def test_every_shown_solution_passes_the_panels_check(op, lang):
    result = native.grade(op, text(op, lang, "solution"))
    assert result["all_passed"], [case["name"] for case in result["cases"] if case["status"] != "pass"]


@pytest.mark.parametrize("op", NAMES)
@pytest.mark.parametrize("kind", ["stub", "solution"])
def test_the_korean_words_are_korean(op, kind):
    source = text(op, "ko", kind)
    names = {node.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Name)} | {
        node.arg for node in ast.walk(ast.parse(source)) if isinstance(node, ast.arg)
    }
    for line in words_of(source):
        english = [word for word in LATIN_WORD.findall(line) if word not in KEPT | names]
        assert not english, f"{op} {kind}: English in {line!r}"
    if kind == "stub":
        assert HANGUL.search(" ".join(words_of(text(op, "ko", kind))))


# What a stub promises beyond the course's example, and the case of the check that tries it.
PROMISES = [
    ("raises a TypeError", "list"),
    ("raises a TypeError", "array"),
    ("-1000", "large-values"),
    ("Scores like 1000", "large-values"),
    ("A row of zeros", "zero-row"),
    ("a vector of shape (n,)", "one-row"),
    ("a column (m, 1)", "column-vectors"),
    ("or a matrix", "matrix"),
    ("any shape", "matrix"),
]


@pytest.mark.parametrize("op", NAMES)
def test_a_stub_promises_only_what_the_check_tries(op):
    stub = " ".join(text(op, "en", "stub").split())
    names = {case.name for case in exercises.cases(op)}
    promised = {case for words, case in PROMISES if words in stub}
    assert promised <= names, f"{op}: the stub promises {promised - names}, which no case tries"
    assert "(1, m)" not in stub, "no case tries a row (1, m)"
