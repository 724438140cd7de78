"""The vectorization card in the page, in English and Korean: the course's example shows each loop
beside its NumPy call as NumPy prints them (278, the 15 × 15 outer product, W·x for the seed shown)
and draws them side by side; bad input is refused beside the field it concerns; a link restores the
inputs."""

from __future__ import annotations

import json

import numpy as np
import pytest
from playwright.sync_api import expect

from pages import module_page_fixture, open_app
from web import catalogue

pytestmark = pytest.mark.e2e

app = module_page_fixture("One ready page for the vectorization card's tests.")
X1 = [9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0]  # the course's vectors, written out: the reference
X2 = [9, 2, 2, 9, 0, 9, 2, 5, 0, 0, 9, 2, 5, 0, 0]
WORDS = {  # a refusal's words in each language, as errors.json words them
    "en": {"length": "of the same length", "vector": "1-D vector", "seed": "at least 0", "whole": "whole number"},
    "ko": {"length": "길이가 같아야", "vector": "1차원 벡터", "seed": "0 이상", "whole": "정수"},
}


@pytest.fixture(params=["en", "ko"])
def lesson(app, request):
    app.select_option('select[name="lang"]', request.param)
    card = app.locator('section[data-op="vectorization"]')
    yield card, request.param
    for field in card.locator(".inputs textarea[name]").all():  # the examples back
        field.fill(field.evaluate("f => f.defaultValue"))
        field.dispatch_event("change")
    expect(card.locator('output[name="result"]')).to_have_text(catalogue.BY_NAME["vectorization"]["printed"])
    app.select_option('select[name="lang"]', "en")


def enter(card, name, text):
    field = card.locator(f'.inputs textarea[name="{name}"]')
    field.fill(text)
    field.dispatch_event("change")


def test_the_courses_example_shows_each_loop_beside_numpy_as_numpy_prints_them(lesson):
    card, _ = lesson
    output = card.locator('output[name="result"]')
    expect(output).to_have_text(catalogue.BY_NAME["vectorization"]["printed"])
    text = output.text_content()
    assert text.startswith(">>> dot_loop(x1, x2)\n278\n>>> np.dot(x1, x2)\n278\n")
    assert str(np.outer(X1, X2)) in text and str(np.multiply(X1, X2)) in text
    W = np.random.default_rng(1).random((3, 15))  # the seed shown: W rebuilt natively
    assert ">>> W = np.random.default_rng(1).random((3, 15))" in text
    assert text.endswith(f">>> np.dot(W, x1)\n{np.dot(W, X1)}")
    value = json.loads(output.get_attribute("data-value"))
    assert value["dot"] == {"loop": 278, "numpy": 278}
    assert value["outer"]["numpy"] == np.outer(X1, X2).tolist() == value["outer"]["loop"]
    assert np.allclose(value["general_dot"]["numpy"], W @ np.array(X1), rtol=1e-15)


def test_the_plot_shows_them_side_by_side_with_its_figures_in_words(lesson):
    card, lang = lesson
    alt = card.locator("figure.plot .plot-text")
    expect(alt).to_contain_text("278")
    expect(alt).to_contain_text("15 × 15")
    assert ("W·x1" in alt.text_content()) and (("반복문" in alt.text_content()) == (lang == "ko"))
    assert card.locator("figure.plot canvas").get_attribute("aria-label") == alt.text_content()


def test_new_vectors_are_computed_both_ways(lesson):
    card, _ = lesson
    enter(card, "x1", "[1, 2, 3]")
    enter(card, "x2", "[4, 5, 6]")
    output = card.locator('output[name="result"]')
    expect(output).to_contain_text(">>> dot_loop(x1, x2)\n32\n>>> np.dot(x1, x2)\n32\n")
    expect(output).to_contain_text(">>> W = np.random.default_rng(1).random((3, 3))")


@pytest.mark.parametrize(
    ("field", "text", "blamed", "words"),
    [
        ("x2", "[1, 2, 3]", "x2", "length"),
        ("x1", "[[1, 2], [3, 4]]", "x1", "vector"),
        ("seed", "-1", "seed", "seed"),
        ("seed", "2.5", "seed", "whole"),
    ],
)
def test_bad_input_is_refused_beside_the_field_it_concerns(lesson, field, text, blamed, words):
    card, lang = lesson
    enter(card, field, text)
    alert = card.locator(f"#vectorization-{blamed}-error")
    expect(alert).to_contain_text(WORDS[lang][words])
    expect(card.locator(f'.inputs textarea[name="{blamed}"]')).to_have_attribute("aria-invalid", "true")
    expect(card.locator('output[name="result"]')).to_have_text("")
    assert card.locator(f'.inputs textarea[name="{field}"]').input_value() == text  # what was typed stays


def test_a_link_with_the_inputs_shows_them_and_their_results(browser, site_url):
    page, watch = open_app(browser, site_url, "/?vectorization.x1=[1,2]&vectorization.x2=[3,4]&vectorization.seed=7")
    try:
        card = page.locator('section[data-op="vectorization"]')
        assert card.locator('.inputs textarea[name="seed"]').input_value() == "7"
        expect(card.locator('output[name="result"]')).to_contain_text(">>> np.dot(x1, x2)\n11\n")
        expect(card.locator('output[name="result"]')).to_contain_text("default_rng(7).random((3, 2))")
    finally:
        page.context.close()
    watch.assert_clean()
