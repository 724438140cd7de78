"""The page: index.html rendered from its templates and the catalogue, PyScript's config and the
preloads of everything the page will ask for."""

from __future__ import annotations

import html
import importlib.util
import json
import os
import re
from pathlib import Path

from .config import Config
from .pins import NUMPY_VERSION, PYODIDE, PYSCRIPT, PYSCRIPT_FILES, VENDOR_PYSCRIPT, WHEELS


def templates(web: Path) -> set[str]:
    """The files of web/ rendered into index.html, not shipped themselves."""
    return {
        "cards/card.html",
        "cards/field.html",
        "cards/upload.html",
        "practice/practice.html",
        "cards/first-paint.json",
        "cards/first_paint.py",  # the examples' results, and what makes them
        # words only the page's embedded bundle holds (no Python reads them)
        *(f"i18n/{path.parent.name}/errors.json" for path in (web / "i18n").glob("*/errors.json")),
    }


def load_module(path: Path):
    """A module of the site's own Python by its path (build.py runs without the page's path,
    and without NumPy: only modules that need neither are loaded here)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def embedded_json(element_id: str, text: str) -> str:
    """Data for the page's scripts, never run: a JSON script element."""
    return f'<script type="application/json" id="{element_id}">' + text.strip().replace("</", "<\\/") + "</script>"


def render_index(config: Config, template: str, operations: list[dict], preloads: list[str], editor: str = "") -> str:
    """web/index.html with one card per operation, the table of contents, preloads, the
    practice editor's bundle (``editor``: its path, or empty without one) and the page's
    words: English in the HTML, every language embedded for switching (web/i18n/i18n.js)."""
    card, field, upload, practice = (
        (config.web / name).read_text()
        for name in ("cards/card.html", "cards/field.html", "cards/upload.html", "practice/practice.html")
    )
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
                practice=practice.format(
                    op=op["name"], title=op["title"], stub=html.escape(op["stub"]), formula=op["formula"]
                ),
            )
        )
    toc = "\n        ".join(
        f'<li><a href="#{op["name"]}"><code>{html.escape(op["title"].split("(")[0])}</code></a></li>'
        for op in operations
    )
    versions = {"numpy": NUMPY_VERSION, "pyodide": PYODIDE.version, "pyscript": PYSCRIPT.version}
    words = load_module(config.web / "i18n" / "words.py")  # the package's English messages are words too:
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


BINDINGS_WORDS = ("page", "plot", "practice")  # the sections of web/i18n/<lang>/ the page's Python words things with
# practice's Python in the page's interpreter: the grader, its reading of the runner's messages, export
PAGE_PRACTICE = ("checking", "grader", "messages", "plain", "runner", "sandbox", "exercises", "wording", "export")


def pyscript_config(web: Path) -> dict:
    """PyScript's config: the vendored Pyodide (through start/interpreter.mjs), NumPy loaded while the
    interpreter starts."""
    return {
        # start/interpreter.mjs: Pyodide restored from a memory snapshot, or started normally
        "interpreter": "./start/interpreter.mjs",
        "packages": list(WHEELS),
        # passthrough: hand the packages to loadPyodide, which fetches them in parallel with
        # the interpreter's start-up, with no micropip and no IndexedDB cache of our own.
        "packages_cache": "passthrough",
        "files": {
            "./nnbasics.zip": "./*",
            "./catalogue.py": "./catalogue.py",
            "./operations.json": "./operations.json",
            "./cards/bindings.py": "./bindings.py",
            "./cards/plots.py": "./plots.py",
            "./i18n/words.py": "./words.py",
            **{f"./practice/{name}.py": f"./{name}.py" for name in PAGE_PRACTICE},
            # the words the bindings use, in every language, beside words.py
            **{
                f"./i18n/{path.relative_to(web / 'i18n').as_posix()}": f"./{path.relative_to(web / 'i18n').as_posix()}"
                for section in BINDINGS_WORDS
                for path in sorted((web / "i18n").glob(f"*/{section}.json"))
            },
        },
    }


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


def preload_links(web: Path, pyodide_dir: str, shipped: dict[str, bytes], modules: list[str]) -> list[str]:
    """The page's modules' imports (``modules``: the page's module scripts, in web/), so the
    examples' results need no chain of round trips; then PyScript, and the big downloads started
    at once, before PyScript asks for them."""
    imported = [name for name in module_graph(web, modules) if name not in modules]
    links = [f'<link rel="modulepreload" href="./{name}">' for name in imported]
    links += [
        f'<link rel="stylesheet" href="./{VENDOR_PYSCRIPT}/core.css">',
        f'<script type="module" src="./{VENDOR_PYSCRIPT}/core.js"></script>',
    ]
    # PyScript imports these one after the other; fetched now, each is ready when asked for.
    for name in PYSCRIPT_FILES[2:]:
        links.append(f'<link rel="modulepreload" href="./{VENDOR_PYSCRIPT}/{name}">')
    links.append(f'<link rel="modulepreload" href="./{pyodide_dir}/pyodide.mjs">')  # start/interpreter.mjs's
    for name in pyscript_config(web)["files"]:
        links.append(f'<link rel="preload" href="{name}" as="fetch" crossorigin>')
    for name in shipped:
        if name.endswith((".wasm", ".zip", ".whl", ".json")):
            links.append(f'<link rel="preload" href="./{pyodide_dir}/{name}" as="fetch" crossorigin>')
    links.append(f'<link rel="preload" href="./{pyodide_dir}/pyodide.asm.js" as="script" crossorigin>')
    return links
