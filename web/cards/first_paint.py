"""What every card shows for its example before Python has loaded in the page: the bindings'
own output for the catalogue's examples, in every language of the page, kept in first-paint.json beside this file and
embedded in the page by build.py. Regenerate it with ``python3 build.py first-paint``; a
native test fails whenever it differs from what the bindings produce now."""

from __future__ import annotations

import json
from pathlib import Path

from web import catalogue
from web.cards import bindings
from web.i18n.words import LANGUAGES

GOLDEN = Path(__file__).with_name("first-paint.json")


def first_paint() -> dict[str, dict[str, dict]]:
    """Each card's result, value, plot and text alternative for its example, by language."""
    return {
        lang: {
            op["name"]: bindings.evaluate(op["name"], catalogue.examples(op["name"]), lang)
            for op in catalogue.OPERATIONS
        }
        for lang in LANGUAGES
    }


def serialized() -> str:
    return json.dumps(first_paint(), allow_nan=False, separators=(",", ":"), sort_keys=True) + "\n"


if __name__ == "__main__":
    GOLDEN.write_text(serialized(), "utf-8")
    print(f"wrote {GOLDEN}")
