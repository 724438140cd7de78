"""Taking practice code away and back (web/practice/export.py): the exported .py is Python
whose functions pass the course checks; the notebook is valid nbformat 4 and, run cell by
cell, says "All tests passed." for each correct exercise and not for a wrong one; any file
comes back split into exercises without being run."""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import io
import json
import numbers

import nbformat
import numpy as np
import pytest

from practice import fake_card, native
from web import catalogue
from web.practice import export, wording

SOLUTIONS = {exercise["name"]: exercise["solution"] for exercise in catalogue.EXERCISES}
STUBS = {exercise["name"]: exercise["stub"] for exercise in catalogue.EXERCISES}
NAMES = [exercise["name"] for exercise in catalogue.EXERCISES]


def run_cells(notebook_text: str) -> list[str]:
    """Run a notebook's code cells in order in one namespace, as Jupyter would; their outputs."""
    namespace: dict = {"__name__": "__main__"}
    outputs = []
    for cell in json.loads(notebook_text)["cells"]:
        if cell["cell_type"] != "code":
            continue
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile("".join(cell["source"]), "<cell>", "exec"), namespace)
        outputs.append(printed.getvalue())
    return outputs


def test_the_py_file_holds_every_exercise_under_a_comment_naming_it_and_parses(tmp_path):
    text = export.export_py(SOLUTIONS)
    compile(text, "nnbasics_practice.py", "exec")
    for exercise in catalogue.EXERCISES:
        assert f"{export.MARKER}{exercise['name']} -- {exercise['title']}\n" in text
    path = tmp_path / "nnbasics_practice.py"
    path.write_text(text)
    spec = importlib.util.spec_from_file_location("nnbasics_practice", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for exercise in catalogue.EXERCISES:  # each function, imported, passes the course checks
        function = getattr(module, exercise["function"])
        for title, args, expected in export.course_cases(exercise["name"]):
            got = function(*args)
            kind = np.ndarray if isinstance(expected, np.ndarray) else numbers.Real  # an int expected: 278
            assert isinstance(got, kind) and not isinstance(got, bool), title
            assert np.shape(got) == np.shape(expected) and np.allclose(got, expected), (exercise["name"], title)


def test_an_untouched_exercise_is_exported_as_its_stub():
    text = export.export_py({"sigmoid": SOLUTIONS["sigmoid"]})
    assert STUBS["softmax"].strip("\n") in text and SOLUTIONS["sigmoid"].strip("\n") in text


def test_the_notebook_is_valid_nbformat_4_with_explanation_code_and_checks_per_exercise():
    notebook = nbformat.reads(export.export_ipynb(SOLUTIONS), as_version=4)
    nbformat.validate(notebook)
    kinds = [cell.cell_type for cell in notebook.cells]
    assert kinds == ["markdown", "code"] + ["markdown", "code", "code"] * len(NAMES)
    softmax = notebook.cells[2 + 3 * NAMES.index("softmax")]
    assert "## `softmax(x)`" in softmax.source and "Formula: softmax(x)_ij = " in softmax.source
    assert "<code>" not in softmax.source


def test_the_notebook_run_cell_by_cell_says_all_tests_passed_for_each_correct_exercise():
    outputs = [text for text in run_cells(export.export_ipynb(SOLUTIONS)) if text]
    assert outputs == ["All tests passed.\n"] * len(NAMES)


def test_the_notebook_says_what_failed_for_a_wrong_exercise_and_passes_the_others():
    wrong = dict(
        SOLUTIONS, l1=SOLUTIONS["l1"].replace("np.sum(np.abs(y - yhat))", "np.abs(y - yhat)"), softmax=STUBS["softmax"]
    )
    outputs = [text for text in run_cells(export.export_ipynb(wrong)) if text]
    names = NAMES
    wrong_says = {"l1": "expected float, got ndarray", "softmax": "expected ndarray, got NoneType"}
    for name, text in zip(names, outputs):
        if name in wrong_says:
            assert wrong_says[name] in text and "All tests passed." not in text, (name, text)
        else:
            assert text == "All tests passed.\n", name


def test_an_exported_file_comes_back_exactly_py_and_notebook():
    codes = dict(SOLUTIONS, sigmoid="# my own try\nimport numpy as np\n\ndef sigmoid(x):\n    return x\n")
    expected = {op: code.strip("\n") + "\n" for op, code in codes.items()}
    assert export.split(export.export_py(codes)) == expected
    assert export.split(export.export_ipynb(codes)) == expected


def test_a_file_of_ones_own_is_split_by_top_level_functions_with_its_imports_and_helpers():
    text = (
        "import numpy as np\n\n\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n\n\n"
        "def sigmoid_derivative(x):\n    s = sigmoid(x)\n    return s * (1 - s)\n\n\n"
        "def unrelated():\n    pass\n"
    )
    codes = export.split(text)
    assert set(codes) == {"sigmoid", "sigmoid_derivative"}
    assert codes["sigmoid"].startswith("import numpy as np\n\n\ndef sigmoid(x):")
    assert "def sigmoid(x):" in codes["sigmoid_derivative"] and "def unrelated" not in codes["sigmoid_derivative"]
    assert native.grade("sigmoid_derivative", codes["sigmoid_derivative"])["all_passed"]


def test_a_file_is_read_never_run(tmp_path):
    marker = tmp_path / "ran"
    text = f"open({str(marker)!r}, 'w').write('x')\n\ndef L2(yhat, y):\n    return 0.0\n"
    assert set(export.split(text)) == {"l2"}
    assert not marker.exists()


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("def sigmoid(x)\n    return x\n", "line 1"),
        ("print('hello')\n", "no exercise function"),
        ('{"cells": []}', "no exercise function"),
    ],
)
def test_a_file_that_holds_no_exercise_says_why(text, fragment):
    response = export.handle({"split": text})
    assert fragment in wording.render("en", response["error"]).lower()


COURSE_DERIVATIVE = (
    "import numpy as np\n\ndef sigmoid_derivative(x):\n    s = sigmoid(x)\n    ds = s * (1 - s)\n    return ds\n"
)


@pytest.mark.parametrize("own", [False, True], ids=["the course's sigmoid", "the learner's own"])
def test_the_notebook_gives_an_exercise_the_earlier_function_the_panel_gave_it_and_runs_as_the_panel_did(own):
    sigmoid = "import numpy as np\n\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n" if own else STUBS["sigmoid"]
    codes = dict(SOLUTIONS, sigmoid=sigmoid, sigmoid_derivative=COURSE_DERIVATIVE)
    given = [{"function": "sigmoid", "code": sigmoid if own else SOLUTIONS["sigmoid"], "own": own}]
    notebook = export.export_ipynb(codes, "en", {"sigmoid_derivative": given})
    outputs = dict(zip(NAMES, [text for text in run_cells(notebook) if text]))
    assert outputs["sigmoid_derivative"] == "All tests passed.\n"
    assert (outputs["sigmoid"] == "All tests passed.\n") == own
    whose = "yours, as it passed its check" if own else "the course's own"
    assert f"The `sigmoid` the practice panel gave this exercise: {whose}" in notebook
    assert export.split(notebook) == {
        op: code.strip("\n") + "\n" for op, code in codes.items()
    }  # it comes back without it


# --------------------------------------------------------------------------- a card of several exercises


@pytest.fixture
def fake(monkeypatch):
    """A card of two exercises whose answers are integers (practice/fake_card.py), for one test."""
    return fake_card.add(monkeypatch)


def test_each_exercise_of_a_card_has_its_marker_and_comes_back_by_its_own_name(fake):
    codes = {exercise["name"]: exercise["solution"] for exercise in catalogue.EXERCISES}
    text = export.export_py(codes)
    for exercise in fake["exercises"]:
        assert f"{export.MARKER}{exercise['name']} -- {exercise['title']}\n" in text
    assert f"{export.MARKER}{fake['name']} " not in text  # the card itself is no exercise
    expected = {name: code.strip("\n") + "\n" for name, code in codes.items()}
    assert export.split(text) == expected and export.split(export.export_ipynb(codes)) == expected
    loop, vectorized = (exercise["solution"] for exercise in fake["exercises"])
    assert set(export.split(loop + "\n\n" + vectorized)) == set(fake_card.NAMES)  # a file of one's own: by function


def test_the_notebook_checks_an_integer_expected_as_a_number_and_never_a_bool(fake):
    cell = export.check_cell("fake_dot_loop")
    assert cell.startswith("check(fake_dot_loop, [") and "\n     278),\n" in cell  # the int, as Python writes it

    def said(answer: str) -> str:
        code = f"import numpy as np\n\ndef fake_dot_loop(x1, x2):\n    return {answer}\n"
        notebook = export.export_ipynb(dict(SOLUTIONS, fake_dot_loop=code))
        return dict(zip(NAMES + fake_card.NAMES, [text for text in run_cells(notebook) if text]))["fake_dot_loop"]

    passed = "All tests passed.\n"
    for right in ("sum(a * b for a, b in zip(x1.tolist(), x2.tolist()))", "np.dot(x1, x2)", "float(np.dot(x1, x2))"):
        assert said(right) == passed, right
    assert "expected int, got bool" in said("True")
    assert "expected int, got str" in said("'278'")
    assert "np.allclose(expected, result) is False" in said("278")  # right for the example only
