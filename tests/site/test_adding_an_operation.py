"""Adding an operation, for real (web/README.md, "Adding an operation"): a test-only operation,
``tanh(x)``, is added to a temporary copy of the checkout by editing only the files the recipe
names, as a contributor would; its first paint is generated and the site is built from that copy.
The recipe's list is the list of files edited (at most six); the new card is on the page and in its
table of contents, shows NumPy's result at first paint, recomputes and keeps a typed input in the
URL, draws its plot with a text alternative, speaks Korean, and its exercise grades a right and a
wrong answer."""

from __future__ import annotations

import ast
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import expect

from pages import module_page_fixture, open_app, python_held_back
from practice.practice_page import check, failed_check, grade, panel, statuses
from sitebuild.assemble import build
from sitebuild.config import Config
from sitebuild.runner import first_paint
from sitebuild.serve import site_server

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "web" / "README.md"
# What the build reads (web/, py/, netlify.toml), and what the catalogue's tests need to run in the copy.
COPIED = ("web", "py", "netlify.toml", "tests", "pyproject.toml")
MAX_EDITED = 6

# --------------------------------------------------------------------------- what the contributor writes

STUB = '''import numpy as np


def tanh(x):
    """
    {doc}
    """
    # {todo}
    t = None

    return t
'''
SOLUTION = "import numpy as np\n\n\ndef tanh(x):\n    t = np.tanh(x)\n    return t\n"
E_X, E_MINUS_X = (
    "<msup><mi>e</mi><msub><mi>x</mi><mi>i</mi></msub></msup>",
    "<msup><mi>e</mi><mrow><mo>−</mo><msub><mi>x</mi><mi>i</mi></msub></mrow></msup>",
)
TANH = {  # web/operations.json: the entry
    "name": "tanh",
    "function": "tanh",
    "title": "tanh(x)",
    "summary": "The hyperbolic tangent squashes any real number into (−1, 1), centred on 0. "
    "<code>np.tanh</code> works element-wise and never overflows, even for 1000.",
    "formula": f'<math display="block"><mrow><mi>tanh</mi><mo>(</mo><mi>x</mi><msub><mo>)</mo><mi>i</mi></msub>'
    f"<mo>=</mo><mfrac><mrow>{E_X}<mo>−</mo>{E_MINUS_X}</mrow><mrow>{E_X}<mo>+</mo>{E_MINUS_X}</mrow>"
    f"</mfrac></mrow></math>",
    "params": [{"name": "x", "label": "x, an array", "example": "[1, 2, 3]", "rows": 2}],
    "printed": "[0.76159416 0.96402758 0.99505475]",
    "plot_label": "The tanh curve with every input element marked on it",
    "stub": STUB.format(
        doc="Compute the hyperbolic tangent of x, element-wise.\n\n    Arguments:\n    x -- a "
        "numpy array of any shape\n\n    Return:\n    t -- tanh(x), an array of the shape of x",
        todo="YOUR CODE HERE (about 1 line)",
    ),
    "solution": SOLUTION,
    "ko": {
        "summary": "쌍곡탄젠트는 어떤 실수든 0을 중심으로 한 (−1, 1) 구간의 값으로 바꿉니다. "
        "<code>np.tanh</code>는 원소별로 계산하며, 1000을 넣어도 오버플로가 일어나지 않습니다.",
        "plot_label": "입력의 모든 원소를 표시한 tanh 곡선",
        "labels": {"x": "x, 배열"},
        "stub": STUB.format(
            doc="x의 쌍곡탄젠트를 원소마다 계산합니다.\n\n    인자:\n    x -- 어떤 모양이든 되는 "
            "numpy 배열\n\n    반환값:\n    t -- tanh(x), x와 모양이 같은 배열",
            todo="여기에 코드를 작성하세요 (1줄 정도)",
        ),
        "solution": SOLUTION,
    },
}
MODULE = '''"""The hyperbolic tangent, element-wise (added by tests/site/test_adding_an_operation.py)."""

import numpy as np

from ._arrays import as_float_array


def tanh(x):
    """Element-wise hyperbolic tangent ``(e^x - e^-x) / (e^x + e^-x)``, with ``np.tanh``.

    Parameters
    ----------
    x : array_like
        A number, a (nested) list or an array of any shape.

    Returns
    -------
    numpy.ndarray or numpy.float64
        The tanh of each element, in [-1, 1], as float64, with the shape of `x`.

    Raises
    ------
    ValueError
        If `x` cannot be read as an array of numbers (e.g. ragged lists).

    Notes
    -----
    The formula with ``np.exp`` gives ``inf / inf = nan`` far out; ``np.tanh``
    gives exactly -1.0 and 1.0 there.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbasics import tanh
    >>> print(tanh(np.array([1, 2, 3])))
    [0.76159416 0.96402758 0.99505475]
    >>> print(tanh(np.array([-1000, 0, 1000])))
    [-1.  0.  1.]
    """
    return np.tanh(as_float_array(x, "tanh"))
'''


def append_to_catalogue(text: str) -> str:
    """The entry after the last one, every other byte of the file kept."""
    entry = textwrap.indent(json.dumps(TANH, ensure_ascii=False, indent=2), "  ")
    return text.rstrip().removesuffix("]").rstrip() + ",\n" + entry + "\n]\n"


def append_to_literal(name: str, item: str):
    """An edit: ``item`` as the last line of the module's multi-line ``name = [...]`` or ``{...}``."""

    def change(text: str) -> str:
        match = re.search(rf"^{name}\b.*[\[{{]\n(?:    .*\n)*?(?=[\]}}]\n)", text, re.M)
        assert match, f"no {name} literal"
        return text[: match.end()] + f"    {item},\n" + text[match.end() :]

    return change


def import_after_the_last(text: str) -> str:
    """``from .tanh import tanh`` after the package's last import of its own modules (which may
    span several lines, its names in parentheses)."""
    last = [node for node in ast.parse(text).body if isinstance(node, ast.ImportFrom) and node.level == 1][-1]
    lines = text.splitlines(keepends=True)
    return "".join(lines[: last.end_lineno]) + "from .tanh import tanh\n" + "".join(lines[last.end_lineno :])


class Contributor:
    """Edits files of a checkout, each edit a change of one file's text, and keeps the list."""

    def __init__(self, root: Path):
        self.root = root
        self.edited: list[str] = []

    def edit(self, path: str, change) -> None:
        file = self.root / path
        file.write_text(change(file.read_text("utf-8") if file.exists() else ""), "utf-8")
        if path not in self.edited:
            self.edited.append(path)


def add_tanh(root: Path) -> list[str]:
    """Add tanh(x) to the checkout at ``root`` as a contributor would; the files edited, in order."""
    contributor = Contributor(root)
    contributor.edit("web/operations.json", append_to_catalogue)
    contributor.edit("py/nnbasics/tanh.py", lambda _: MODULE)
    contributor.edit("py/nnbasics/__init__.py", import_after_the_last)
    contributor.edit("py/nnbasics/__init__.py", append_to_literal("__all__", '"tanh"'))
    contributor.edit("web/cards/plots.py", append_to_literal("PLOTS", '"tanh": curve("tanh")'))
    contributor.edit("web/practice/exercises.py", append_to_literal("EXERCISES", '"tanh": element_wise("tanh")'))
    return contributor.edited


def recipe() -> list[str]:
    """The files web/README.md's recipe lists: the path that opens each item of its numbered list."""
    section = README.read_text("utf-8").split("\n## Adding an operation\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\d+\. `([^`]+)`", section, re.M)


def generate_first_paint(root: Path) -> None:
    """``python3 build.py first-paint`` in the copy, run by this Python."""
    assert first_paint(Config(root=root), Path(sys.executable)) == 0


# --------------------------------------------------------------------------- the copy, built and served


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> tuple[Path, list[str]]:
    """A copy of the checkout with tanh added and its first paint generated; the files edited."""
    root = tmp_path_factory.mktemp("checkout")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / name)
    edited = add_tanh(root)
    generate_first_paint(root)
    return root, edited


@pytest.fixture(scope="module")
def site_url(checkout):
    """The site built from the copy (the default cache holds every download), served as Netlify would:
    in this module, in place of the checkout's own."""
    root, _ = checkout
    build(Config(root=root, out=root / "dist"))
    server = site_server(root / "dist", root=root)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


app = module_page_fixture("One ready page of the copy's site, in English, shared by the tests in order.")


def card(page):
    return page.locator('section[data-op="tanh"]')


def result(page):
    return card(page).locator('output[name="result"]')


def numpys(x: list) -> str:
    """NumPy's own print of tanh, independent of the package."""
    return str(np.tanh(np.array(x)))


# --------------------------------------------------------------------------- the recipe, and the copy's tests


def test_the_recipe_lists_exactly_the_files_a_new_operation_edits_at_most_six(checkout):
    _, edited = checkout
    listed = recipe()
    assert len(edited) <= MAX_EDITED and len(listed) == len(edited), (listed, edited)
    for pattern, path in zip(listed, edited):  # in the recipe's order; <module> is the new module's name
        assert fnmatch.fnmatchcase(path, re.sub(r"<\w+>", "*", pattern)), (pattern, path)


# The quick tests that check a new entry against the package, the words, the plot spec and the first paint
# (the whole quick tier passes in the copy as well, but takes a minute and a half).
COPY_TESTS = [
    "tests/test_catalogue.py",
    "tests/package/test_package.py",
    "py/nnbasics/tanh.py",
    "tests/i18n/test_words.py",
    "tests/plot/test_spec.py",
    "tests/cards/test_first_paint.py",
    "tests/practice/test_practice_words.py",
]


def test_the_catalogue_package_words_and_spec_tests_pass_in_the_copy(checkout):
    root, _ = checkout
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not e2e and not build", *COPY_TESTS],
        cwd=root,
        capture_output=True,
        text=True,
        env={key: value for key, value in os.environ.items() if key != "PYTHONPATH"},
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]


# --------------------------------------------------------------------------- the page


@pytest.mark.e2e
def test_the_new_card_is_on_the_page_and_in_the_table_of_contents(app):
    expect(card(app).locator("h2")).to_have_text("tanh(x)")
    expect(app.locator('.toc a[href="#tanh"]')).to_have_text("tanh")
    assert app.locator("section[data-op]").last.get_attribute("data-op") == "tanh"  # the catalogue's order


@pytest.mark.e2e
def test_its_example_shows_numpys_result_at_first_paint_and_the_same_once_python_is_ready(browser, site_url):
    with python_held_back(browser, site_url) as (page, release):
        expect(result(page)).to_have_text(numpys([1, 2, 3]))
        assert "ready" not in page.locator("html").get_attribute("class")
        first = (result(page).get_attribute("data-value"), card(page).locator("canvas").get_attribute("aria-label"))
        np.testing.assert_allclose(json.loads(first[0]), np.tanh([1.0, 2.0, 3.0]), rtol=1e-15)
        assert "Marked: tanh(x) at x = 1, 2, 3 is 0.7616, 0.964, 0.9951." in first[1]
        release()
        expect(result(page)).to_have_text(numpys([1, 2, 3]))
        assert (
            result(page).get_attribute("data-value"),
            card(page).locator("canvas").get_attribute("aria-label"),
        ) == first


def drawn(canvas) -> bool:
    """Whether the canvas holds anything but a blank one of its size would."""
    return canvas.evaluate("""c => {
        const blank = document.createElement("canvas");
        [blank.width, blank.height] = [c.width, c.height];
        return c.width > 0 && c.toDataURL() !== blank.toDataURL();
    }""")


@pytest.mark.e2e
def test_its_plot_is_drawn_with_a_text_alternative(app):
    canvas = card(app).locator("canvas")
    assert drawn(canvas)
    alt = "The curve of tanh(x) for x from -6 to 6. Marked: tanh(x) at x = 1, 2, 3 is 0.7616, 0.964, 0.9951."
    expect(canvas).to_have_attribute("aria-label", alt)
    expect(card(app).locator(".plot-text")).to_have_text(alt)


@pytest.mark.e2e
def test_typing_a_new_input_recomputes_redraws_and_the_url_keeps_it(app, browser, site_url):
    before = card(app).locator("canvas").evaluate("c => c.toDataURL()")
    card(app).locator('[name="x"]').fill("[0, 0.5, -4]")
    expect(result(app)).to_have_text(numpys([0, 0.5, -4]))
    assert card(app).locator("canvas").evaluate("c => c.toDataURL()") != before
    expect(app).to_have_url(re.compile(r"[?&]tanh\.x="))
    other, watcher = open_app(browser, site_url, app.url[len(site_url) :])
    try:
        assert card(other).locator('[name="x"]').input_value() == "[0, 0.5, -4]"
        expect(result(other)).to_have_text(numpys([0, 0.5, -4]))
        watcher.assert_clean()
    finally:
        other.context.close()


@pytest.mark.e2e
def test_practice_the_catalogues_solution_passes_and_a_wrong_answer_fails(app):
    box = check(app, "tanh", SOLUTION)
    cases = statuses(app, "tanh")
    assert len(cases) == 6 and set(cases.values()) == {"pass"}
    passed, total = grade(app, "tanh")
    assert passed == total == 4
    expect(box.locator('output[name="grade"]')).to_have_attribute("data-status", "pass")
    expect(box.locator('output[name="extra"]')).to_have_attribute("data-status", "pass")
    check(app, "tanh", "import numpy as np\n\n\ndef tanh(x):\n    return np.sinh(x)\n")
    assert grade(app, "tanh") == (0, 4) and failed_check(app, "tanh", "example") == "values"
    expect(box.locator('output[name="grade"]')).to_have_attribute("data-status", "fail")
    expect(box.locator(".practice-hint").first).to_contain_text("tanh")


# --------------------------------------------------------------------------- Korean


@pytest.mark.e2e
def test_in_korean_the_card_and_its_exercise_speak_korean(browser, site_url):
    page, watcher = open_app(browser, site_url, "/?lang=ko", viewport={"width": 1280, "height": 900})
    try:
        expect(card(page).locator(".summary")).to_have_text(re.sub(r"<[^>]+>", "", TANH["ko"]["summary"]))
        expect(card(page).locator('label[for="tanh-x"]')).to_have_text("x, 배열")
        expect(card(page).locator(".plot-text")).to_have_text(
            "-6 ≤ x ≤ 6 구간의 tanh(x) 곡선입니다. 표시한 점: x = 1, 2, 3일 때 tanh(x) = 0.7616, 0.964, 0.9951."
        )
        # tanh written with np.exp: right on the course tier's cases, nan for large values
        naive = "import numpy as np\n\n\ndef tanh(x):\n    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))\n"
        box = check(page, "tanh", naive)
        assert grade(page, "tanh") == (4, 4) and statuses(page, "tanh")["large-values"] == "fail"
        hints = " ".join(box.locator(".practice-hint").all_text_contents())
        assert "오버플로" in hints and "tanh" in hints  # the words of every element-wise exercise, in Korean
        expect(panel(page, "tanh").locator(".practice-status")).to_contain_text("채점을 마쳤습니다")
        watcher.assert_clean()
    finally:
        page.context.close()
