"""The site's words in each language: the catalogues in web/i18n/<lang>/<section>.json, and
the one way a template is filled in (i18n.js fills them in the same way in the page).

A key is ``<section>.<name>``: ``say("ko", "plot.your-x")`` reads ``ko/plot.json``. The
English words of the package's refusals are its own (``nnbasics.errors.MESSAGES``);
:func:`english_errors` turns them into templates of this form for the page.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

from .. import shared
from ..catalogue import card_exercises

LANGUAGES = ("en", "ko")
HERE = Path(__file__).resolve().parent
#: A parameter in a template: {name}, or {name:one/many} for an English plural ("1 row", "2 rows").
PLACEHOLDER = shared.PLACEHOLDER
#: Inline markup in the page's words: `code`, **strong**, and <code>, <em>, <strong> elements.
MARKUP = shared.MARKUP
#: An element the page words (data-i18n, optional data-i18n-params), still empty in a template.
WORDED = re.compile(r"""(<(\w+)\b[^>]*?\sdata-i18n="([^"]+)"(?:\s+data-i18n-params='([^']*)')?[^>]*>)(</\2>)""")
#: An element whose attributes the page words: data-i18n-attr='name=key[=params];...'.
WORDED_ATTRS = re.compile(r"""<\w+\b[^>]*?\sdata-i18n-attr=(?:"([^"]*)"|'([^']*)')[^>]*?(/?>)""")


@cache
def catalogue(lang: str, section: str) -> dict[str, str]:
    """The templates of one section in one language (a KeyError names what is missing)."""
    if lang not in LANGUAGES:
        raise KeyError(f"no language {lang!r}")
    return json.loads((HERE / lang / f"{section}.json").read_text("utf-8"))


def fill(template: str, params: dict) -> str:
    """``template`` with each parameter put in.

    Examples
    --------
    >>> fill("row {row} has {count:number/numbers}", {"row": 2, "count": 1})
    'row 2 has 1 number'
    """

    def put(match: re.Match) -> str:
        name, one, many = match.groups()
        value = params[name]
        return f"{value} {one if str(value) == '1' else many}" if one is not None else str(value)

    return PLACEHOLDER.sub(put, template)


def say(lang: str, key: str, /, **params) -> str:
    """The words for ``key`` in ``lang``, with ``params`` put in.

    Examples
    --------
    >>> say("en", "plot.row", row=0)
    'row 0'
    >>> say("ko", "plot.row", row=0)
    '0행'
    """
    section, _, name = key.partition(".")
    return fill(catalogue(lang, section)[name], params)


def english_errors(messages: dict[str, str]) -> dict[str, str]:
    """The package's English messages (str.format templates) as templates of this form.

    The page gets each parameter already as the message shows it (quoted, grouped), so
    conversions and format specs go, except the plural, which :func:`fill` does itself.

    Examples
    --------
    >>> english_errors({"a": "{word!r} at {n:,}: {{...}} {count:number/numbers}"})
    {'a': '{word} at {n}: {...} {count:number/numbers}'}
    """

    def template(message: str) -> str:
        message = re.sub(
            r"\{(\w+)(?:![rsa])?(?::([^{}]*))?\}",
            lambda m: m.group(0) if m.group(2) and "/" in m.group(2) else "{" + m.group(1) + "}",
            message.replace("{{", "\0").replace("}}", "\1"),
        )
        return message.replace("\0", "{").replace("\1", "}")

    return {code: template(message) for code, message in messages.items()}


def operation_words(op: dict, lang: str) -> dict[str, str]:
    """An operation's own texts from the operations catalogue (English at the top level of its
    entry, other languages under their code), keyed ``op.<name>.<text>``: the card's summary and
    plot label, and for each of its exercises (``op.<exercise>.<text>``; a card's own exercise is
    named as the card) the practice stub and the course-style solution (comments in that language)."""
    texts = op if lang == "en" else op[lang]
    labels = {param["name"]: param["label"] for param in op["params"]} if lang == "en" else texts["labels"]
    words = {f"op.{op['name']}.{text}": texts[text] for text in ("summary", "plot_label")}
    words.update({f"op.{op['name']}.label.{name}": label for name, label in labels.items()})
    for exercise in card_exercises(op):
        code = exercise if lang == "en" else exercise[lang]
        words.update({f"op.{exercise['name']}.{text}": code[text] for text in ("stub", "solution")})
    return words


def bundle(errors: dict[str, str], operations) -> dict[str, dict[str, str]]:
    """Every language's words for the page, keyed ``<section>.<name>``: the catalogues, each
    operation's texts, and ``errors``, the package's English messages, as the English words
    of the ``errors`` section."""
    words = {}
    for lang in LANGUAGES:
        flat = {}
        for path in sorted((HERE / lang).glob("*.json")):
            flat.update({f"{path.stem}.{name}": text for name, text in catalogue(lang, path.stem).items()})
        for op in operations:
            flat.update(operation_words(op, lang))
        words[lang] = flat
    words["en"].update({f"errors.{code}": text for code, text in english_errors(errors).items()})
    return words


def as_html(text: str) -> str:
    """The page's words as HTML: escaped, with their inline markup as elements.

    Examples
    --------
    >>> as_html("rows like `0 3 4; 1 6 4` & **more**")
    'rows like <code>0 3 4; 1 6 4</code> &amp; <strong>more</strong>'
    """
    out, at = [], 0
    for match in MARKUP.finditer(text):
        code, strong, tag, inner = match.groups()
        tag = "code" if code is not None else "strong" if strong is not None else tag
        out += [
            html.escape(text[at : match.start()], quote=False),
            f"<{tag}>{html.escape(code or strong or inner, quote=False)}</{tag}>",
        ]
        at = match.end()
    return "".join(out) + html.escape(text[at:], quote=False)


def worded_page(page: str, words: dict[str, str]) -> str:
    """A page template with its words put in (``words``: one language, keyed as in
    :func:`bundle`): the text of each empty element with ``data-i18n`` and the attributes
    named in ``data-i18n-attr``, as i18n.js puts them in when the language changes."""

    def text(match: re.Match) -> str:
        opening, _, key, params, closing = match.groups()
        return opening + as_html(fill(words[key], json.loads(params or "{}"))) + closing

    def attributes(match: re.Match) -> str:
        added = []
        for pair in (match.group(1) or match.group(2)).split(";"):
            name, key, *params = pair.split("=", 2)
            value = fill(words[key], json.loads(params[0]) if params else {})
            added.append(f' {name}="{html.escape(value)}"')
        whole, end = match.group(0), match.group(3)
        return whole[: len(whole) - len(end)] + "".join(added) + end

    return WORDED_ATTRS.sub(attributes, WORDED.sub(text, page))
