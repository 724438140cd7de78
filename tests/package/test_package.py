"""The package as a whole: exports, docstrings, and imports (numpy and the standard library only)."""

import ast
import inspect
import pathlib
import sys

import pytest

import nnbasics
import nnbasics.timing
import nnbasics.vectorization
from web import catalogue

# The operations' functions (from the catalogue, web/operations.json), reading / printing arrays, and
# the vectorization lesson's loops, vectorized versions and timing (each module's own __all__).
PUBLIC = (
    [op["function"] for op in catalogue.OPERATIONS]
    + ["parse_array", "format_array"]
    + nnbasics.vectorization.__all__
    + nnbasics.timing.__all__
)
PACKAGE_DIR = pathlib.Path(nnbasics.__file__).parent


def test_the_package_exports_exactly_the_public_functions():
    assert sorted(nnbasics.__all__) == sorted(PUBLIC)
    assert all(callable(getattr(nnbasics, name)) for name in PUBLIC)


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_function_has_a_numpydoc_docstring(name):
    doc = inspect.getdoc(getattr(nnbasics, name))
    for section in ("Parameters", "Returns", "Raises", "Notes", "Examples"):
        assert f"\n{section}\n{'-' * len(section)}\n" in doc, f"{name} lacks a {section} section"
    assert ">>> " in doc


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
