"""The operations catalogue (web/operations.json) is the one list of operations: the package,
the bindings, the plot builders and the grader's exercises agree with it, and each entry
holds everything the page and the tests need. A new entry without the rest fails here,
by name: missing package function, missing plot builder, missing exercise. Practice is keyed
by exercise (catalogue.EXERCISES: a card's own function, or each of its ``exercises``)."""

from __future__ import annotations

import inspect
import re

import numpy as np
import pytest

import nnbasics
from web import catalogue
from web.cards import plots
from web.i18n.words import LANGUAGES
from web.practice import exercises, grader
from web.practice.wording import render

NAMES = [op["name"] for op in catalogue.OPERATIONS]
EXERCISES = [exercise["name"] for exercise in catalogue.EXERCISES]
REQUIRED = {
    "name": str,
    "function": str,
    "title": str,
    "summary": str,
    "formula": str,
    "params": list,
    "ko": dict,
    "printed": str,
    "plot_label": str,
}
#: What each exercise holds (a card's own exercise: the card's entry).
EXERCISE_REQUIRED = {
    **{key: REQUIRED[key] for key in ("name", "function", "title", "summary", "formula", "params", "ko")},
    "card": str,
    "stub": str,
    "solution": str,
}
PARAM_KEYS = {"name", "label", "example", "rows", "scalar"}


def test_the_catalogue_lists_each_operation_once_in_the_page_order():
    assert NAMES and len(NAMES) == len(set(NAMES))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in NAMES), "card names are ids and URL keys"


def test_the_exercises_are_named_once_each_and_a_cards_own_exercise_is_named_as_the_card():
    assert EXERCISES and len(EXERCISES) == len(set(EXERCISES))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in EXERCISES), "exercise names are ids and keys"
    functions = [exercise["function"] for exercise in catalogue.EXERCISES]
    assert len(functions) == len(set(functions)), "a file of every exercise's code defines each function once"
    for op in catalogue.OPERATIONS:
        own = [exercise["name"] for exercise in catalogue.exercises_of(op["name"])]
        assert own == ([item["name"] for item in op["exercises"]] if "exercises" in op else [op["name"]])
        if "exercises" in op:  # ids and words are built from the names: a card's and its exercises' differ
            assert not set(own) & set(NAMES), f"{op['name']}: an exercise named as a card"
    assert [exercise["card"] for exercise in catalogue.EXERCISES] == [
        op["name"] for op in catalogue.OPERATIONS for _ in catalogue.exercises_of(op["name"])
    ], "in the page's order, each naming its card"


@pytest.mark.parametrize("op", catalogue.OPERATIONS, ids=NAMES)
def test_every_entry_has_every_field_the_page_and_tests_need(op):
    for key, kind in REQUIRED.items():
        assert isinstance(op.get(key), kind) and op[key], f"{op['name']}: {key}"
    for param in op["params"]:
        assert set(param) <= PARAM_KEYS and param["label"] and param["example"]


@pytest.mark.parametrize("exercise", catalogue.EXERCISES, ids=EXERCISES)
def test_every_exercise_has_its_stub_solution_and_texts(exercise):
    for key, kind in EXERCISE_REQUIRED.items():
        assert isinstance(exercise.get(key), kind) and exercise[key], f"{exercise['name']}: {key}"
    assert {"summary", "stub", "solution"} <= set(exercise["ko"]), f"{exercise['name']}: its Korean texts"
    for param in exercise["params"]:
        assert set(param) <= PARAM_KEYS and param["label"] and param["example"]
    assert f"def {exercise['function']}(" in exercise["stub"], "the stub defines the function to write"


@pytest.mark.parametrize("name", NAMES)
def test_missing_package_function(name):
    """Each operation's function exists in nnbasics, exported, with the catalogue's parameters."""
    function_name = catalogue.BY_NAME[name]["function"]
    assert function_name in nnbasics.__all__, f"add {function_name} to py/nnbasics and its __all__"
    signature = inspect.signature(getattr(nnbasics, function_name))
    assert tuple(signature.parameters) == catalogue.params(name)


@pytest.mark.parametrize("name", NAMES)
def test_missing_plot_builder(name):
    assert name in plots.PLOTS, f"add a plot builder for {name} to web/cards/plots.py PLOTS"


@pytest.mark.parametrize("name", EXERCISES)
def test_missing_exercise(name):
    assert name in exercises.EXERCISES, f"add the cases of {name} to web/practice/exercises.py EXERCISES"


@pytest.mark.parametrize("name", EXERCISES)
def test_missing_package_function_of_an_exercise(name):
    function_name = catalogue.EXERCISE_BY_NAME[name]["function"]
    assert function_name in nnbasics.__all__, f"add {function_name} to py/nnbasics and its __all__"
    signature = inspect.signature(getattr(nnbasics, function_name))
    assert tuple(signature.parameters) == catalogue.exercise_params(name)


def test_the_package_bindings_plots_and_grader_agree_on_the_set_of_operations():
    assert set(plots.PLOTS) == set(NAMES), "plot builders for operations the catalogue lacks"
    assert set(exercises.EXERCISES) == set(EXERCISES), "exercises the catalogue lacks"
    assert all(grader.cases(name) for name in EXERCISES)


@pytest.mark.parametrize("name", EXERCISES)
def test_the_grader_calls_each_function_with_the_catalogues_parameters(name):
    for case in exercises.cases(name):
        assert len(case.args) == len(catalogue.exercise_params(name)), case.name
    entry = grader.plan(name)["cases"][0]
    function = catalogue.EXERCISE_BY_NAME[name]["function"]
    assert entry["call"] == f"{function}({', '.join(catalogue.exercise_params(name))})"


@pytest.mark.parametrize("name", NAMES)
def test_the_catalogue_example_prints_the_courses_output(name):
    """The examples are the course's inputs, and ``printed`` is what the course prints for them."""
    op = catalogue.BY_NAME[name]
    args = [
        nnbasics.parse_array(text, integers=op.get("integers", False)) for text in catalogue.examples(name).values()
    ]
    result = getattr(nnbasics, op["function"])(*(a.item() if a.ndim == 0 else a for a in args))
    shown = result.printed() if isinstance(result, nnbasics.Lesson) else nnbasics.format_array(result)
    assert shown == op["printed"]


@pytest.mark.parametrize("op", catalogue.OPERATIONS, ids=NAMES)
def test_every_entry_has_its_korean_texts_with_the_same_code_and_markup(op):
    korean = op["ko"]
    code = set() if "exercises" in op else {"stub", "solution"}  # the code: test_solutions.py
    assert set(korean) == {"summary", "plot_label", "labels"} | code
    assert set(korean["labels"]) == set(catalogue.params(op["name"]))
    assert all(
        re.search(r"[\uac00-\ud7a3]", text)
        for text in [korean["summary"], korean["plot_label"], *korean["labels"].values()]
    )
    code = re.compile(r"<code>.*?</code>")  # the same code is quoted; the markup is balanced
    assert set(code.findall(korean["summary"])) == set(code.findall(op["summary"]))
    assert korean["summary"].count("<em>") == korean["summary"].count("</em>") == op["summary"].count("<em>")
    for param in op["params"]:  # a label starts with the parameter's name, in both languages
        assert korean["labels"][param["name"]].startswith(param["name"] + ",")


@pytest.mark.parametrize("name", EXERCISES)
def test_what_an_exercise_uses_is_an_earlier_exercises_function_the_course_answer_calls(name):
    for used in catalogue.uses(name):
        assert EXERCISES.index(used) < EXERCISES.index(name), f"{name} uses {used}, which comes later"
        stub = catalogue.EXERCISE_BY_NAME[name]["stub"]
        assert f"{catalogue.EXERCISE_BY_NAME[used]['function']}(" in stub, "the stub names it"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_element_wise_operation_can_take_the_plot_and_the_cases_worded_once_for_all(lang):
    """plots.curve and exercises.element_wise, the entries a new element-wise operation takes (web/README.md,
    "Adding an operation"; tests/site/test_adding_an_operation.py adds one), on sigmoid's entry here."""
    x = np.array([1.0, 2.0, 3.0])
    spec, alt = plots.curve("sigmoid")((x,), nnbasics.sigmoid(x), lang)
    curve, marked = spec["panels"][0]["series"]
    assert curve["y"] == nnbasics.sigmoid(np.array(curve["x"])).tolist() and marked["y"] == nnbasics.sigmoid(x).tolist()
    assert "sigmoid(x)" in alt and "0.7311, 0.8808, 0.9526" in alt
    cases = exercises.element_wise("sigmoid")(np.random.default_rng(0))
    assert [case.tier for case in cases] == ["course"] * (1 + exercises.RANDOM_CASES) + ["extra"] * 2
    assert all(render(lang, case.title) and "sigmoid" in render(lang, case.hint) for case in cases)
