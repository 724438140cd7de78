"""The site's languages (web/i18n/<lang>/*.json, words.py): every key is in every language
with the same parameters, Korean words are Korean, every refusal the page can show is worded
in both languages from its code and parameters, and templates fill in as the page fills them."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from nnbasics.errors import MESSAGES
from package.test_errors import REFUSALS
from package.test_parsing import REFUSED
from web import catalogue
from web.cards import bindings
from web.i18n import words

SECTIONS = sorted({path.stem for lang in words.LANGUAGES for path in (words.HERE / lang).glob("*.json")})
HANGUL = re.compile(r"[\uac00-\ud7a3]")
BUNDLE = words.bundle(MESSAGES, catalogue.OPERATIONS)


def params_of(template: str) -> set[str]:
    return {match[0] for match in words.PLACEHOLDER.findall(template)}


def english(section: str) -> dict[str, str]:
    """A section's English words (the errors' are the package's own messages)."""
    return words.english_errors(MESSAGES) if section == "errors" else words.catalogue("en", section)


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_has_the_same_keys_in_every_language(section):
    for lang in words.LANGUAGES:
        theirs = english(section) if lang == "en" else words.catalogue(lang, section)
        assert set(theirs) == set(english(section)), f"{lang}/{section}.json"


@pytest.mark.parametrize("section", SECTIONS)
def test_a_translation_takes_the_same_parameters_as_the_english(section):
    for key, template in english(section).items():
        for lang in words.LANGUAGES[1:]:
            assert params_of(words.catalogue(lang, section)[key]) == params_of(template), f"{lang}: {section}.{key}"


def test_every_language_of_the_page_has_the_same_words_for_its_operations():
    assert BUNDLE["ko"].keys() == BUNDLE["en"].keys()


@pytest.mark.parametrize("key", sorted(k for k in BUNDLE["ko"]))
def test_korean_words_are_korean_with_no_stray_braces(key):
    korean = BUNDLE["ko"][key]
    # a solution without comments is code alone, the same in every language (tests/practice/test_solutions.py)
    assert HANGUL.search(korean) or key.endswith(".solution") and "#" not in korean, key
    assert "{" not in words.PLACEHOLDER.sub("", korean.replace("{...}", "")), f"braces that are not a parameter: {key}"


def test_the_english_of_a_refusal_is_the_packages_message_filled_in_as_the_page_fills_it():
    for text, code, _ in REFUSED:
        shown = bindings.evaluate("sigmoid", {"x": text}, "en")["errors"][0]
        assert shown["code"] == code
        assert words.fill(BUNDLE["en"][f"errors.{code}"], shown["params"]) == shown["message"]


@pytest.mark.parametrize("function, args, code, kind", REFUSALS, ids=[code for _, _, code, _ in REFUSALS])
def test_every_refusal_of_an_operation_reaches_the_page_with_words_in_every_language(function, args, code, kind):
    op = next(op for op in catalogue.OPERATIONS if op["function"] == function.__name__)
    inputs = dict(zip(catalogue.params(op["name"]), (json.dumps(np.asarray(arg).tolist()) for arg in args)))
    shown = bindings.evaluate(op["name"], inputs, "ko")["errors"][0]
    # typed in the page, a scalar is a 1-element array (and a list an array): refused as such
    assert shown["code"] in (code, "one-number-only-array", "shape-mismatch")
    korean = words.fill(BUNDLE["ko"][f"errors.{shown['code']}"], shown["params"])
    assert HANGUL.search(korean) and "{" not in korean
    assert words.fill(BUNDLE["en"][f"errors.{shown['code']}"], shown["params"]) == shown["message"]


def test_an_empty_array_is_refused_in_words_of_every_language():
    shown = bindings.evaluate("softmax", {"x": "[]"}, "ko")["errors"][0]
    assert shown["code"] == "empty-array"
    assert "(0,)" in words.fill(BUNDLE["ko"]["errors.empty-array"], shown["params"])


@pytest.mark.parametrize("lang", words.LANGUAGES)
@pytest.mark.parametrize("op", [op["name"] for op in catalogue.OPERATIONS])
def test_every_plot_is_described_in_the_pages_language(op, lang):
    shown = bindings.evaluate(op, catalogue.examples(op), lang)
    assert bool(HANGUL.search(shown["alt"])) == (lang == "ko")
    labels = [s["label"] for s in shown["plot"].get("legend", [])] + [
        p.get("title") or "" for p in shown["plot"]["panels"]
    ]
    assert not any(HANGUL.search(label) for label in labels) if lang == "en" else True
    assert "{" not in shown["alt"]


def test_a_page_template_gets_its_english_words_and_attributes_at_build_time():
    page = (
        '<p data-i18n="page.footer" data-i18n-params=\'{"numpy": "2.0.2", "pyodide": "0.27.7"}\'>'
        '</p><select data-i18n-attr="aria-label=page.language"></select><p data-i18n="page.lede"></p>'
    )
    worded = words.worded_page(page, BUNDLE["en"])
    assert "Pure NumPy (2.0.2), run by Pyodide (0.27.7)" in worded
    assert 'aria-label="Language"' in worded
    assert "<code>0 3 4; 1 6 4</code>" in worded


def test_an_unknown_language_is_refused():
    with pytest.raises(KeyError, match="fr"):
        words.say("fr", "page.title")
