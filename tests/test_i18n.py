"""The page's languages (web/i18n/*.json): every message the page can show has its Korean
words, with the same parameters as the English one, and every key is in both languages."""
from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from bindings import OWN_MESSAGES
from nnbasics.errors import MESSAGES

I18N = Path(__file__).resolve().parents[1] / "web" / "i18n"
KOREAN = json.loads((I18N / "ko.json").read_text("utf-8"))
ENGLISH_ERRORS = {**MESSAGES, **OWN_MESSAGES}  # the English words live with the code that refuses
PLACEHOLDER = re.compile(r"\{(\w+)\}")  # how the page fills a template in: {name}
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def english_params(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_refusal_of_the_package_and_the_bindings_has_korean_words():
    assert set(KOREAN["errors"]) == set(ENGLISH_ERRORS)


@pytest.mark.parametrize("code", sorted(ENGLISH_ERRORS))
def test_a_korean_message_takes_the_same_parameters_as_the_english(code):
    korean = KOREAN["errors"][code]
    assert set(PLACEHOLDER.findall(korean)) == english_params(ENGLISH_ERRORS[code])
    assert HANGUL.search(korean)
    assert "{" not in PLACEHOLDER.sub("", korean), "braces that are not a parameter"
