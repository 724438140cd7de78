"""The page: index.html rendered from its templates and the catalogue, the manifest of the page's
Python files (python.json) and the preloads of the page's own modules."""

from __future__ import annotations

import html
import importlib
import importlib.util
import itertools
import json
import os
import re
import sys
from pathlib import Path

from .config import BuildError, Config
from .pins import NUMPY_VERSION, PYODIDE

#: The HTML templates of a card and its parts, in the order render_index takes them.
CARD_TEMPLATES = (
    "cards/card.html",
    "cards/field.html",
    "cards/upload.html",
    "cards/timing.html",
    "practice/practice.html",
    "practice/picker.html",
)


def templates(web: Path) -> set[str]:
    """The files of web/ rendered into index.html, not shipped themselves."""
    return {
        *CARD_TEMPLATES,
        "cards/first-paint.json",
        "cards/first_paint.py",  # the examples' results, and what makes them
        # words only the page's embedded bundle holds (no Python reads them)
        *(f"i18n/{path.parent.name}/errors.json" for path in (web / "i18n").glob("*/errors.json")),
    }


def load_module(path: Path):
    """A module of the site's own Python by its path (build.py runs without NumPy: only modules that
    need neither NumPy nor their package are loaded so)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_page_module(web: Path, name: str):
    """The module ``name`` (e.g. ``i18n.words``) of the page's package, the folder ``web`` of this
    build's sources -- a copy of its own, whatever the running process imported as ``web``."""
    package = f"_build_{next(_COPIES)}"
    spec = importlib.util.spec_from_file_location(package, web / "__init__.py", submodule_search_locations=[str(web)])
    sys.modules[package] = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(sys.modules[package])
        return importlib.import_module(f"{package}.{name}")
    finally:
        for loaded in [key for key in sys.modules if key == package or key.startswith(package + ".")]:
            del sys.modules[loaded]


_COPIES = itertools.count()


def embedded_json(element_id: str, text: str) -> str:
    """Data for the page's scripts, never run: a JSON script element."""
    return f'<script type="application/json" id="{element_id}">' + text.strip().replace("</", "<\\/") + "</script>"


def practice_tab(practice: str, picker: str, exercises: tuple[dict, ...], card: str) -> str:
    """A card's Practice tab: one practice section per exercise (``practice``, the template, its
    ids built from the exercise's name); for a card of several exercises (``catalogue.card_exercises``),
    a labelled picker (``picker``) above them, the first shown and the others hidden."""
    sections = [
        practice.format(
            exercise=exercise["name"],
            title=exercise["title"],
            stub=html.escape(exercise["stub"]),
            formula=exercise["formula"],
            hidden=" hidden" if index else "",
        )
        for index, exercise in enumerate(exercises)
    ]
    if len(exercises) == 1:
        return sections[0]
    options = "\n      ".join(
        f'<option value="{exercise["name"]}">{html.escape(exercise["title"])}</option>' for exercise in exercises
    )
    return "\n  ".join([picker.format(card=card, options=options).strip(), *sections])


def render_index(config: Config, template: str, operations: list[dict], preloads: list[str], editor: str = "") -> str:
    """web/index.html with one card per operation, the table of contents, preloads, the
    practice editor's bundle (``editor``: its path, or empty without one) and the page's
    words: English in the HTML, every language embedded for switching (web/i18n/i18n.js)."""
    card, field, upload, timing, practice, picker = ((config.web / name).read_text() for name in CARD_TEMPLATES)
    catalogue = load_page_module(config.web, "catalogue")
    # each card's example result, in the HTML itself: on screen at the first paint, before any script
    # (the printed result is the same in every language; the rest comes from the embedded JSON)
    first_paint = (config.web / "cards" / "first-paint.json").read_text()
    printed = {name: example["text"] for name, example in json.loads(first_paint)["en"].items()}
    cards = []
    for op in operations:
        fields = "\n".join(
            field.format(
                op=op["name"], name=param["name"], rows=param.get("rows", 1), example=html.escape(param["example"])
            )
            for param in op["params"]
        )
        cards.append(
            card.format(
                op=op["name"],
                title=op["title"],
                formula=op["formula"],
                result=html.escape(printed[op["name"]]),
                fields=fields,
                extra=upload.format(op=op["name"]) if op.get("upload") else "",
                after=timing.format(op=op["name"], sizes=html.escape(op["timing"]["sizes"]))
                if op.get("timing")
                else "",
                practice=practice_tab(practice, picker, catalogue.card_exercises(op), op["name"]),
            )
        )
    toc = "\n        ".join(
        f'<li><a href="#{op["name"]}"><code>{html.escape(op["title"].split("(")[0])}</code></a></li>'
        for op in operations
    )
    versions = {"numpy": NUMPY_VERSION, "pyodide": PYODIDE.version}
    words = load_page_module(config.web, "i18n.words")  # the package's English messages are words too:
    bundle = words.bundle(load_module(config.py / "nnbasics" / "errors.py").MESSAGES, operations)
    # one option per language, each in its own words (words.LANGUAGES: the one list of them)
    languages = "\n            ".join(
        f'<option value="{lang}" lang="{lang}">{html.escape(bundle[lang]["page.language-name"])}</option>'
        for lang in words.LANGUAGES
    )
    page = (
        template.replace("<!-- CARDS -->", "\n".join(cards))
        .replace("<!-- LANGUAGES -->", languages)
        .replace("<!-- TOC -->", toc)
        .replace("<!-- PRELOADS -->", "\n  ".join(preloads))
        .replace("<!-- VERSIONS -->", json.dumps(versions))
        .replace("__EDITOR_BUNDLE__", editor)
    )
    return (
        words.worded_page(page, bundle["en"])
        .replace("<!-- WORDS -->", embedded_json("i18n", json.dumps(bundle, ensure_ascii=False)))
        # each card's example result, shown before Python has loaded (data, never run: JSON)
        .replace("<!-- FIRST-PAINT -->", embedded_json("first-paint", first_paint))
    )


def page_files(web: Path) -> list[str]:
    """What of the page's package goes into the page's interpreter: shared.json's ``files.page``
    (paths in web/, the same in the site), each glob as the files it matches, in order."""
    files = []
    for pattern in json.loads((web / "shared.json").read_text("utf-8"))["files"]["page"]:
        found = sorted(web.glob(pattern))
        if not found:
            raise BuildError(f"web/shared.json lists {pattern} for the page's interpreter: no such file in web/")
        files += [path.relative_to(web).as_posix() for path in found]
    return files


def python_manifest(web: Path) -> dict:
    """python.json: the files start/python-worker.js writes into Pyodide's home before the page's
    Python is imported -- the nnbasics package (an archive, unpacked) and the page's own package ``web``."""
    return {"files": {"./nnbasics.zip": "./*", **{f"./{path}": f"./web/{path}" for path in page_files(web)}}}


# `import "./x.js"`, `import … from "./x.js"`, `export … from "./x.js"` (one statement, maybe over lines)
STATIC_IMPORT = re.compile(
    r'^(?:import\s*(?:[^"\'`;()]*?\sfrom\s*)?|export\s[^"\'`;()]*?\sfrom\s*)'
    r'["\'](\.{1,2}/[^"\']+)["\']',
    re.MULTILINE,
)


def module_graph(web: Path, entries: list[str]) -> list[str]:
    """The page's own modules that ``entries`` (paths in web/) import, directly or not, entries
    first and each once, in the order they are found."""
    found = []
    for entry in entries:  # the first entry's whole graph first: it runs first
        index = len(found)
        found.append(entry)
        while index < len(found):
            path, index = found[index], index + 1
            for specifier in STATIC_IMPORT.findall((web / path).read_text()):
                imported = os.path.normpath(os.path.join(os.path.dirname(path), specifier))
                if imported not in found:
                    found.append(imported)
    return found


def preload_links(web: Path, modules: list[str]) -> list[str]:
    """The page's modules' imports (``modules``: the page's module scripts, in web/), so the
    examples' results need no chain of round trips. (Python's files are fetched by its worker, which a
    page's preload would not serve: start/python-worker.js asks for them from the <head> on.)"""
    imported = [name for name in module_graph(web, modules) if name not in modules]
    return [f'<link rel="modulepreload" href="./{name}">' for name in imported]
