"""One source for the facts the page's Python and JavaScript share (web/shared.json): shared.py
reads it for Python, the build writes it into shared.js for every script, and no other file of the
page types one of them again -- so the two sides cannot disagree."""

import json
import re
from pathlib import Path

import pytest

from pages import dist_dir
from web import shared
from web.i18n import words
from web.practice import grader

WEB = Path(__file__).resolve().parent.parent / "web"
SHARED = json.loads((WEB / "shared.json").read_text("utf-8"))
SOURCES = sorted(
    path
    for pattern in ("*.py", "*.js", "*.mjs", "*.html")
    for path in WEB.rglob(pattern)
    if path.name not in ("shared.json", "shared.py") and "__pycache__" not in path.parts  # shared.py: the reader
)


def strings(value):
    """Every string in ``value`` (shared.json or a part of it)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_python_reads_the_shared_facts_from_shared_json():
    assert shared.HOME == SHARED["home"]
    assert grader.CHECKS == tuple(SHARED["checks"]) and grader.FAILURES == tuple(SHARED["failures"])
    assert words.PLACEHOLDER.pattern == SHARED["templates"]["placeholder"]
    assert words.MARKUP.pattern == SHARED["templates"]["markup"]


def test_no_file_of_the_page_types_a_shared_key_path_or_pattern_again():
    # each only in shared.json: as JSON has it, or as a regular expression literal would write it
    typed = [*strings(SHARED["home"]), *strings(SHARED["storage"]), *strings(SHARED["templates"])]
    assert typed, "shared.json holds paths, keys and patterns"
    for path in SOURCES:
        source = path.read_text("utf-8")
        for text in typed:
            for form in {text, text.replace("/", "\\/")}:
                assert form not in source, f"{path.relative_to(WEB)} types {text!r}: read it from shared"


@pytest.mark.parametrize("name", ["checks", "failures", "page_outcomes"])
def test_no_file_of_the_page_lists_the_verdicts_again(name):
    # a list typed again: all its names quoted one after the other, in either language
    typed_again = re.compile(r",\s*".join(rf"""["']{re.escape(item)}["']""" for item in SHARED[name]))
    for path in SOURCES:
        assert not typed_again.search(path.read_text("utf-8")), f"{path.relative_to(WEB)} lists {name} again"


def test_every_verdict_has_words_in_every_language():
    for lang in words.LANGUAGES:
        for name in (*SHARED["checks"], *SHARED["failures"], *SHARED["page_outcomes"]):
            assert words.say(lang, f"practice.verdict-{name}")


@pytest.mark.e2e
def test_the_built_shared_script_gives_every_script_the_same_facts(blank):
    assert "__SHARED__" not in (dist_dir() / "shared.js").read_text("utf-8")
    assert blank.evaluate("nn.shared") == SHARED
    assert blank.evaluate("Object.isFrozen(nn.shared)")
    kept = blank.evaluate("""() => {
        const kept = nn.storage("sessionStorage", nn.shared.storage.input);
        const stored = kept.set("x", "1");
        const value = sessionStorage.getItem(nn.shared.storage.input + "x");
        kept.remove("x");
        return [stored, value, kept.get("x")];
    }""")
    assert kept == [True, "1", None]
