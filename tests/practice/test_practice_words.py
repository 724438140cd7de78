"""Practice mode in English and Korean, natively: every case's title and hint, every message of
the grader and every phrase the practice code names are words of web/i18n/<lang>/practice.json
in both languages (one source, no English table in Python), and the exported files are in the
page's language and come back from either language."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from practice import native
from web import catalogue
from web.i18n import words
from web.practice import export, grader
from web.practice.wording import render

ROOT = Path(__file__).resolve().parents[2]
PRACTICE = ROOT / "web" / "practice"
OPS = [exercise["name"] for exercise in catalogue.EXERCISES]
SOLUTIONS = {exercise["name"]: exercise["solution"] for exercise in catalogue.EXERCISES}
HANGUL = re.compile(r"[\uac00-\ud7a3]")
KEYS = {lang: set(words.catalogue(lang, "practice")) for lang in words.LANGUAGES}


def phrases(value):
    """Every phrase in a grader result (or part of one)."""
    if isinstance(value, dict):
        if set(value) == {"key", "params"}:
            yield value
        else:
            for item in value.values():
                yield from phrases(item)
    elif isinstance(value, list):
        for item in value:
            yield from phrases(item)


@pytest.mark.parametrize("op", OPS)
def test_every_case_has_a_title_and_a_hint_from_the_catalogue_in_each_language(op):
    for case in grader.cases(op):
        for part in (case.title, *case.hint):
            assert part["key"].removeprefix("practice.") in KEYS["en"] & KEYS["ko"], (op, case.name)
        assert case.hint, (op, case.name)
        for lang in words.LANGUAGES:
            assert render(lang, case.title) and render(lang, case.hint)
        assert HANGUL.search(render("ko", case.title)) and HANGUL.search(render("ko", case.hint))


def test_every_phrase_the_practice_code_names_is_in_both_languages():
    named = set()
    for path in PRACTICE.glob("*.*"):
        if path.suffix not in (".py", ".js", ".html"):
            continue  # PROTOCOL.md names files (`practice.js`), not phrases
        text = path.read_text()
        named |= set(re.findall(r"""phrase\(\s*["'`]([\w-]+)["'`]""", text))
        named |= set(re.findall(r"""["'`]practice\.([\w-]+)["'`]""", text))
        named |= set(re.findall(r'data-i18n(?:-attr)?="[^"]*?practice\.([\w-]+)', text))
    assert named and named <= KEYS["en"] & KEYS["ko"], named - (KEYS["en"] & KEYS["ko"])


MISTAKES = [
    ("sigmoid", "def sigmoid(x)\n    return x\n"),  # a syntax error
    ("sigmoid", "import numpy as np\ndef sigmoid(x):\n    return np.zeros((1, 1))\n"),  # the shape
    (
        "softmax",
        "import numpy as np\ndef softmax(x):\n    e = np.exp(x)\n    return e / np.sum(e, axis=1, keepdims=True)\n",
    ),
    ("basic_sigmoid", "import numpy as np\ndef basic_sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n"),
    ("l1", "import numpy as np\ndef L1(yhat, y):\n    return np.float32(np.sum(np.abs(y - yhat)))\n"),
    ("l2", "def other(x):\n    pass\n"),
    ("sigmoid", "def sigmoid(x):\n    while True:\n        pass\n"),
]


@pytest.mark.parametrize("op, code", MISTAKES)
def test_what_the_grader_says_is_worded_in_korean_with_the_english_parameters(op, code):
    result = native.grade(op, code, time_limit=0.3)
    said = list(phrases(result))
    assert any(item["key"].startswith("practice.msg-") for item in said)
    for item in said:
        assert HANGUL.search(render("ko", item)), item
        assert render("en", item) != render("ko", item)
    json.dumps(result)  # as the worker sends it


def test_a_korean_export_is_korean_and_comes_back_as_an_english_one_does():
    codes = dict(SOLUTIONS, sigmoid="# 내 풀이\nimport numpy as np\n\ndef sigmoid(x):\n    return x\n")
    expected = {op: code.strip("\n") + "\n" for op, code in codes.items()}
    for lang in words.LANGUAGES:
        py, notebook = export.export_py(codes, lang), export.export_ipynb(codes, lang)
        assert export.split(py) == expected and export.split(notebook) == expected, lang
    korean = export.handle({"export": codes, "lang": "ko"})
    assert HANGUL.search(korean["py"].splitlines()[0]) and not HANGUL.search(export.export_py(codes).splitlines()[0])
    cells = json.loads(korean["ipynb"])["cells"]
    markdown = [" ".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]
    assert all(HANGUL.search(text) for text in markdown)
    assert "수식: " in markdown[1] and "시그모이드" in markdown[1]  # the operation's own Korean explanation


def test_a_korean_notebook_says_in_korean_what_passed_and_what_failed():
    wrong = dict(SOLUTIONS, l1=SOLUTIONS["l1"].replace("np.sum(np.abs(y - yhat))", "np.abs(y - yhat)"))
    namespace: dict = {"__name__": "__main__"}
    printed = []
    for cell in json.loads(export.export_ipynb(wrong, "ko"))["cells"]:
        if cell["cell_type"] == "code":
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile("".join(cell["source"]), "<cell>", "exec"), namespace)
            printed.append(out.getvalue())
    said = dict(zip(OPS, [text for text in printed if text]))
    assert said["sigmoid"] == words.say("ko", "practice.export-check-passed") + "\n"
    assert "강의 예제: 반환값은 float이어야 하는데 ndarray입니다" in said["l1"]


@pytest.mark.parametrize("text", ["def sigmoid(x)\n    return x\n", "print('hello')\n"])
def test_a_file_that_cannot_be_read_is_told_of_in_korean(text):
    error = export.handle({"split": text})["error"]
    assert HANGUL.search(render("ko", error))
