"""The package as a whole: exports, docstrings, and imports (numpy and the standard library only)."""

import ast
import inspect
import pathlib
import sys

import pytest

import nnbasics
import nnbasics.lesson
import nnbasics.timing
import nnbasics.vectorization
from web import catalogue

# The operations' functions (from the catalogue, web/operations.json), reading / printing arrays, and
# the vectorization lesson's loops, vectorized versions, all four on one input and timing (each
# module's own __all__).
PUBLIC = list(
    dict.fromkeys(  # the vectorization card's function is the lesson's own
        [op["function"] for op in catalogue.OPERATIONS]
        + ["parse_array", "format_array"]
        + nnbasics.vectorization.__all__
        + nnbasics.lesson.__all__
        + nnbasics.timing.__all__
    )
)
PACKAGE_DIR = pathlib.Path(nnbasics.__file__).parent


def test_the_package_exports_exactly_the_public_functions():
    assert sorted(nnbasics.__all__) == sorted(PUBLIC)
    assert all(callable(getattr(nnbasics, name)) for name in PUBLIC)


def assert_numpydoc(doc, sections, name):
    for section in sections:
        assert f"\n{section}\n{'-' * len(section)}\n" in doc, f"{name} lacks a {section} section"
    assert ">>> " in doc, f"{name} has no example"


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_function_has_a_numpydoc_docstring(name):
    public = getattr(nnbasics, name)
    if inspect.isclass(public):  # its fields as Parameters, its Methods, and each method's own docstring
        assert_numpydoc(inspect.getdoc(public), ("Parameters", "Methods", "Notes", "Examples"), name)
        methods = [m for m, _ in inspect.getmembers(public, inspect.isfunction) if not m.startswith("_")]
        assert methods, f"{name} has no public method"
        for method in methods:
            assert_numpydoc(inspect.getdoc(getattr(public, method)), ("Returns", "Examples"), f"{name}.{method}")
    else:
        assert_numpydoc(inspect.getdoc(public), ("Parameters", "Returns", "Raises", "Notes", "Examples"), name)


@pytest.mark.parametrize("path", sorted(PACKAGE_DIR.glob("*.py")), ids=lambda p: p.name)
def test_modules_import_only_numpy_and_the_standard_library(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            assert top == "numpy" or top in sys.stdlib_module_names, f"{path.name} imports {name}"
