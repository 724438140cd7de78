"""Practice keyed by exercise (web/catalogue.py's ``EXERCISES``), natively: a card without
``exercises`` is its own one exercise, named as the card (so every name, key and id stays as it
was); a card with several gives one per item, in order, each naming its card; the page's words and
its Practice tab follow. The card of several here is practice/fake_card.py's, never in
operations.json (the grader and the export take it too: test_grader.py, test_export.py)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from practice import fake_card
from sitebuild.page import practice_tab
from web import catalogue
from web.i18n.words import LANGUAGES, operation_words

ROOT = Path(__file__).resolve().parents[2]
PRACTICE, PICKER = ((ROOT / "web" / "practice" / name).read_text() for name in ("practice.html", "picker.html"))


@pytest.fixture
def fake(monkeypatch):
    """The card of two exercises, in the catalogue for one test."""
    return fake_card.add(monkeypatch)


# --------------------------------------------------------------------------- the catalogue


@pytest.mark.parametrize("op", catalogue.OPERATIONS, ids=[op["name"] for op in catalogue.OPERATIONS])
def test_a_card_without_exercises_is_its_own_one_exercise_named_as_the_card(op):
    if "exercises" in op:
        pytest.skip("a card of several exercises")
    assert catalogue.card_exercises(op) == ({**op, "card": op["name"]},)
    assert catalogue.EXERCISE_BY_NAME[op["name"]]["function"] == op["function"]
    assert catalogue.exercise_params(op["name"]) == catalogue.params(op["name"])
    assert catalogue.exercise_examples(op["name"]) == catalogue.examples(op["name"])


def test_a_card_of_several_gives_one_exercise_per_item_in_order_each_naming_its_card(fake):
    own = catalogue.exercises_of(fake["name"])
    assert [exercise["name"] for exercise in own] == fake_card.NAMES
    assert all(exercise["card"] == fake["name"] for exercise in own)
    assert [exercise["name"] for exercise in catalogue.EXERCISES][-2:] == fake_card.NAMES  # the page's order
    assert fake["name"] not in catalogue.EXERCISE_BY_NAME  # the card itself is no exercise
    for item in fake["exercises"]:
        exercise = catalogue.EXERCISE_BY_NAME[item["name"]]
        assert exercise == {**item, "card": fake["name"]}
        assert catalogue.exercise_params(item["name"]) == ("x1", "x2")
        assert catalogue.exercise_examples(item["name"]) == {"x1": fake_card.X1, "x2": fake_card.X2}
    names = [exercise["name"] for exercise in catalogue.EXERCISES]
    assert len(names) == len(set(names))


# --------------------------------------------------------------------------- the words


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_words_give_each_exercise_its_stub_and_solution_and_the_card_its_own_texts(lang):
    for op in catalogue.OPERATIONS:  # a card's own exercise: the keys of the card, as before
        words = operation_words(op, lang)
        for exercise in catalogue.exercises_of(op["name"]):
            texts = exercise if lang == "en" else exercise[lang]
            assert words[f"op.{exercise['name']}.stub"] == texts["stub"]
            assert words[f"op.{exercise['name']}.solution"] == texts["solution"]
    words = operation_words(fake_card.CARD, lang)
    texts = fake_card.CARD if lang == "en" else fake_card.CARD[lang]
    assert words["op.fake_dot.summary"] == texts["summary"] and "op.fake_dot.stub" not in words
    for item in fake_card.CARD["exercises"]:
        assert words[f"op.{item['name']}.stub"] == (item if lang == "en" else item[lang])["stub"]


# --------------------------------------------------------------------------- the Practice tab


class Elements(HTMLParser):
    """Every element's tag and attributes, in order."""

    def __init__(self, text: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def all(self, tag: str, **attrs) -> list[dict]:
        return [found for name, found in self.found if name == tag and attrs.items() <= found.items()]


def test_a_card_of_one_exercise_gets_its_section_as_before_and_no_picker():
    op = catalogue.BY_NAME["softmax"]
    tab = Elements(practice_tab(PRACTICE, PICKER, catalogue.card_exercises(op), op["name"]))
    (section,) = tab.all("section")
    assert section["data-exercise"] == "softmax" and "hidden" not in section and "data-practice" in section
    assert tab.all("textarea", id="softmax-code", name="code") and not tab.all("select")


def test_a_card_of_several_exercises_gets_a_labelled_picker_and_shows_the_first_of_its_sections():
    tab = Elements(practice_tab(PRACTICE, PICKER, catalogue.card_exercises(fake_card.CARD), "fake_dot"))
    (picker,) = tab.all("select", name="exercise")
    (label,) = tab.all("label", **{"for": picker["id"]})
    assert label["data-i18n"] == "practice.exercise-picker"
    assert [option["value"] for option in tab.all("option")] == fake_card.NAMES
    sections = tab.all("section")
    assert [section["data-exercise"] for section in sections] == fake_card.NAMES
    assert ["hidden" in section for section in sections] == [False, True]
    for name in fake_card.NAMES:
        assert tab.all("textarea", id=f"{name}-code", name="code")
    ids = [found["id"] for _, found in tab.found if "id" in found]
    assert len(ids) == len(set(ids)) and picker["id"] == "fake_dot-exercise"
