"""The cards' JS ↔ Python contract (web/cards/CONTRACT.md) without a browser: every row is in the code where
it says, every crossing in the code is a row, and every answer of the bindings has the documented form."""

from __future__ import annotations

import ast
import inspect
import json
import re

import pytest
from contract_doc import CONTRACT_MD, TABLES, WEB, column, files, outcome_problems, plain, problems, rows

from web import catalogue
from web.cards import bindings, main
from web.i18n import words
from web.shared import SHARED

OPS = [op["name"] for op in catalogue.OPERATIONS]
GLOBALS = ("nn.app", "nn.status", "nn.i18n")
# The cards' code whose crossings are all in the contract (tabs.js, reachable.js, image.js handle no
# Python data: only their uses of the globals and their events are).
CROSSING_JS = ("cards/app.js", "cards/boot.js", "cards/state.js", "cards/timing.js", "i18n/i18n.js")
CARDS_CODE = sorted(f"cards/{path.name}" for path in (WEB / "cards").glob("*.[jp][sy]")) + [
    "i18n/i18n.js",
    "start/python.js",
]
# Where the page and the page's Python's worker talk (the contract's messages).
MESSAGING_JS = ("start/prepare.js", "start/python.js", "start/python-worker.js")


def source(path: str) -> str:
    return (WEB / path).read_text("utf-8")


def written_as(name: str) -> str:
    """A pattern for the global ``name`` (nn.i18n) as code writes it (nn.i18n, nn?.i18n)."""
    return r"\bnn\??\." + name.split(".")[1]


def defines(text: str, name: str) -> bool:
    """Whether ``text`` sets the global ``name``: ``nn.app = ...`` or ``(window.nn = ... || {}).app = ...``."""
    member = name.split(".")[1]
    return bool(re.search(rf"(?:\bnn|\((?:window\.|globalThis\.)?nn\s*=[^;]*?\))\.{member}\s*=(?!=)", text))


def aliases(text: str, name: str) -> set[str]:
    """The local names ``text`` gives the global ``name``: a const holding it, or one destructured from nn."""
    member = name.split(".")[1]
    found = set(re.findall(rf"(?:const|let|var)\s+(\w+)\s*=\s*(?:window\.|globalThis\.)?{written_as(name)}\s*;", text))
    if re.search(rf"(?:const|let|var)\s*\{{[^}}]*\b{member}\b[^}}]*\}}\s*=\s*(?:window\.|globalThis\.)?nn\b", text):
        found.add(member)
    return found


def uses(text: str, name: str) -> set[str]:
    """The members of the global ``name`` that ``text`` reads or calls (itself or through an alias)."""
    found = set(re.findall(rf"{written_as(name)}\??\.(\w+)", text))
    for alias in aliases(text, name):
        found |= set(re.findall(rf"(?<![\w.]){re.escape(alias)}\??\.(\w+)", text))
    return found


def arguments(text: str, callee: str) -> list[str]:
    """The arguments of the first call of ``callee`` in ``text``, as written."""
    start = re.search(rf"(?<![\w.]){re.escape(callee)}\(", text).end()
    depth, parts, current = 0, [], ""
    for char in text[start:]:
        if char == ")" and depth == 0:
            break
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [*parts, current.strip()] if current.strip() else parts


def body(text: str, function: str) -> str:
    """A top-level JavaScript function's text, up to its closing brace."""
    return re.search(rf"\nfunction {function}\(.*?\n}}\n", text, re.S).group(0)


def test_contract_md_has_every_table_the_tests_read():
    sections = (
        "calls messages evaluate result refusal field-error practice words events status elements attributes limits"
    )
    assert set(TABLES) >= {*GLOBALS, *sections.split()}, CONTRACT_MD


# --------------------------------------------------------------------------- the globals


@pytest.mark.parametrize("name", GLOBALS)
def test_each_global_member_is_defined_and_used_where_the_contract_says(name):
    for row in rows(name):
        member, [defined_in] = plain(row["member"]), files(row["defined in"])
        assert defines(source(defined_in), name), f"{defined_in} defines no {name}"
        assert re.search(rf"\b{member}\b", source(defined_in)), f"{defined_in} defines no {name}.{member}"
        for path in files(row["used in"]):
            assert member in uses(source(path), name), f"{path} does not use {name}.{member}"


@pytest.mark.parametrize("path", CARDS_CODE)
def test_every_use_of_the_globals_in_the_cards_code_is_in_the_contract(path):
    text = source(path)
    assert not re.search(r"\bwindow\.(?!nn\b)nn\w", text), f"{path} uses a window.nn* global the contract lacks"
    for name in GLOBALS:
        documented = {plain(row["member"]): files(row["used in"]) + files(row["defined in"]) for row in rows(name)}
        for member in uses(text, name):
            assert path in documented.get(member, []), f"{path} uses {name}.{member}: not in CONTRACT.md's {name}"


# --------------------------------------------------------------------------- the calls


def test_the_calls_are_main_py_s_and_each_is_made_where_the_contract_says():
    assert list(main.CALLS) == column("calls", "name")
    for row in rows("calls"):
        for path in files(row["called in"]):
            assert f'"{plain(row["name"])}"' in source(path), (row["name"], path)
    called = set(re.findall(r'\bcall\("(\w+)"', source("cards/app.js")))
    assert called == {plain(row["name"]) for row in rows("calls") if "cards/app.js" in files(row["called in"])}


def test_each_call_answers_a_json_string():
    assert json.loads(main.sources_json()) == bindings.sources()
    assert "errors" in json.loads(main.evaluate_json("sigmoid", json.dumps({"x": "[1,"}), "ko", None))
    assert json.loads(main.practice_json(json.dumps({"uses": "sigmoid"}))) == {"uses": []}


def literals(text: str, kind: str) -> list[str]:
    """Each object literal of a message of type ``kind`` in ``text`` (up to its first closing brace)."""
    return re.findall(rf'\{{\s*type: "{kind}"(.*?)\}}', text, re.S)


def test_each_message_is_sent_with_its_fields_and_handled_where_the_contract_says():
    for row in rows("messages"):
        kind = plain(row["type"])
        for path in files(row["sent in"]):
            found = literals(source(path), kind)
            assert found, (kind, path)
            for field in files(row["fields"]):
                assert any(re.search(rf"\b{field}\b", literal) for literal in found), (kind, field, path)
        for path in files(row["handled in"]):
            assert re.search(rf'\.type === "{kind}"', source(path)), (kind, path)


def assert_rows_name(section: str, key: str, paths, found: dict[str, str]) -> dict[str, dict]:
    """Each name a pattern of ``found`` ({column: pattern}) finds in ``paths`` is a row of ``section``
    (by its column ``key``) whose column names that path; returns the section's rows by name."""
    documented = {plain(row[key]): row for row in rows(section)}
    for path in paths:
        for column_name, pattern in found.items():
            for name in re.findall(pattern, source(path)):
                assert name in documented and path in files(documented[name][column_name]), (name, path)
    return documented


def test_every_message_the_page_and_its_python_exchange_is_in_the_contract():
    found = {"sent in": r'\{\s*type: "(\w+)"', "handled in": r'\.type === "(\w+)"'}
    assert_rows_name("messages", "type", MESSAGING_JS, found)


def test_evaluate_takes_what_app_js_passes_in_the_documented_order():
    assert list(inspect.signature(bindings.evaluate_json).parameters) == column("evaluate", "name")
    assert list(inspect.signature(main.evaluate_json).parameters) == column("evaluate", "name")
    assert arguments(source("cards/app.js"), "evaluate") == column("evaluate", "JS passes")


def test_practice_requests_are_the_ones_checking_and_export_handle():
    handled = {}
    for path in ("practice/checking.py", "practice/export.py"):
        handler = ast.get_source_segment(
            text := source(path),
            next(node for node in ast.parse(text).body if isinstance(node, ast.FunctionDef) and node.name == "handle"),
        )
        for kind in re.findall(r'"(\w+)" in request|request\["(\w+)"\]', handler):
            handled.setdefault(kind[0] or kind[1], path)
    assert handled == {plain(row["request"]): plain(row["handled in"]) for row in rows("practice")}


def test_the_page_s_python_never_touches_the_browser():
    for path in (
        "cards/main.py",
        "cards/bindings.py",
        "cards/plots.py",
        "cards/first_paint.py",
        "i18n/words.py",
        "catalogue.py",
    ):
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(ast.parse(source(path)))
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        imported |= {
            node.module.split(".")[0]
            for node in ast.walk(ast.parse(source(path)))
            if isinstance(node, ast.ImportFrom) and node.module
        }
        assert not imported & {"js", "pyscript", "pyodide"}, path


# --------------------------------------------------------------------------- what crosses


def test_app_js_reads_exactly_the_documented_keys_of_an_answer():
    text = source("cards/app.js")
    read = set(re.findall(r"\boutcome\.(\w+)", text))
    assert read == set(column("result", "key")) | set(column("refusal", "key"))
    errors = body(text, "showFieldErrors") + body(text, "showError")
    shown = {key for key, where in zip(column("field-error", "key"), column("field-error", "shown in")) if where != "—"}
    assert set(re.findall(r"\b(?:error|each)\.(\w+)", errors)) == shown


def test_what_an_answer_is_shown_in_is_an_element_or_attribute_of_the_contract():
    known = set(column("elements", "selector")) | set(column("attributes", "attribute"))
    for section in ("result", "refusal", "field-error"):
        assert {where for where in column(section, "shown in") if where != "—"} <= known, section


REFUSED = {
    "sigmoid": [{"x": ""}, {"x": "[1, 2"}, {"x": "hello"}, {"x": "[1, nan]"}, {"x": "1e400"}],
    "basic_sigmoid": [{"x": "[1, 2]"}],
    "l1": [{"yhat": "[1, 2]", "y": "[1, 2, 3]"}, {"yhat": "", "y": "x"}],
    "softmax": [{"x": "[[[[1]]]]"}],
    "image2vector": [{"image": "[1, 2]"}],
}
STRAINED = {
    "l2": [{"yhat": "[0]", "y": "[1e200]"}],
    "softmax": [{"x": "[1000, -1000]"}],
    "sigmoid": [{"x": "[[-1000, 0], [1000, 3]]"}],
    "normalize_rows": [{"x": "[[0, 0], [1e-320, 0]]"}],
}


def answers():
    for op in OPS:
        for lang in words.LANGUAGES:
            yield pytest.param(op, catalogue.examples(op), lang, None, id=f"{op}-example-{lang}")
        for i, inputs in enumerate(REFUSED.get(op, []) + STRAINED.get(op, [])):
            yield pytest.param(op, inputs, "ko", list(inputs)[-1], id=f"{op}-{i}")


@pytest.mark.parametrize("op, inputs, lang, edited", answers())
def test_every_answer_of_evaluate_is_a_documented_result_or_refusal(op, inputs, lang, edited):
    answer = bindings.evaluate_json(op, json.dumps(inputs), lang, edited)
    assert outcome_problems(answer) == []
    for error in json.loads(answer).get("errors", []):
        assert error["field"] in catalogue.params(op) and "key" not in error  # Python names a field; key is app.js's
    if op in REFUSED and inputs in REFUSED[op]:
        assert "errors" in json.loads(answer)


def test_the_first_paint_is_a_documented_result_for_every_language_and_card():
    first_paint = json.loads((WEB / "cards" / "first-paint.json").read_text("utf-8"))
    assert list(first_paint) == list(words.LANGUAGES)
    for lang, cards in first_paint.items():
        assert sorted(cards) == sorted(OPS)
        assert [p for op, shown in cards.items() for p in problems(shown, "result", f"{lang}.{op}")] == []


def test_the_sources_python_hands_over_are_one_string_per_operation():
    sources = json.loads(json.dumps(bindings.sources()))
    assert problems(sources, "object of string") == [] and sorted(sources) == sorted(OPS)


def test_words_are_filled_in_with_the_same_patterns_on_both_sides():
    for row in rows("words"):
        name, key = plain(row["pattern"]), plain(row["shared.json"])
        kind, entry = key.split(".")
        assert getattr(words, name).pattern == SHARED[kind][entry], name
        assert f'var {name} = new RegExp(SHARED.{key}, "g");' in source(plain(row["JS"])), name


# --------------------------------------------------------------------------- events, status, elements, limits


def js_files() -> list[str]:
    return sorted(
        path.relative_to(WEB).as_posix()
        for pattern in ("**/*.js", "**/*.mjs")
        for path in WEB.glob(pattern)
        if "vendor" not in path.parts
    )


def test_events_are_dispatched_and_listened_to_where_the_contract_says():
    for row in rows("events"):
        event = plain(row["event"])
        for path in files(row["dispatched in"]):
            assert f'new CustomEvent("{event}"' in source(path), (event, path)
        for path in files(row["listened to in"]):
            assert f'addEventListener("{event}"' in source(path), (event, path)


def test_every_event_the_cards_dispatch_or_listen_to_is_in_the_contract():
    found = {"dispatched in": r'new CustomEvent\("([^"]+)"', "listened to in": r'addEventListener\("(nn:[\w-]+)"'}
    documented = assert_rows_name("events", "event", CARDS_CODE, found)
    dispatched = [event for event, row in documented.items() if row["dispatched in"].startswith("cards/")]
    for path in js_files():
        for event in dispatched:
            if f'addEventListener("{event}"' in source(path):
                assert path in files(documented[event]["listened to in"]), (event, path)


def test_each_status_is_set_where_the_contract_says_with_words_for_its_params_in_every_language():
    for row in rows("status"):
        key, params = plain(row["key"]), set(files(row["params"]))
        assert plain(row["state"]) in {"loading", "ready", "failed"}, key
        for path in files(row["set in"]):
            assert f'{key}"' in source(path), (key, path)
        for lang in words.LANGUAGES:
            template = words.catalogue(lang, "page")[key]
            assert {match[0] for match in words.PLACEHOLDER.findall(template)} == params, (key, lang)


def test_every_status_the_cards_set_is_in_the_contract():
    documented = {plain(row["key"]): files(row["set in"]) for row in rows("status")}
    for path in CARDS_CODE:
        for key in re.findall(r'(?<![\w.])(?<!getElementById\()"(status-[\w-]+)"', source(path)):
            assert path in documented.get(key, []), (key, path)


def written(selector: str) -> list[str]:
    """How the JavaScript may write an element's selector."""
    if selector.startswith("#"):
        return [f'getElementById("{selector[1:]}")']
    return [f'"{selector}"', f"'{selector}'"] + ([f'"{selector[1:]}"'] if re.fullmatch(r"\.[\w-]+", selector) else [])


def test_every_element_is_made_and_used_where_the_contract_says():
    for row in rows("elements"):
        selector, markup = plain(row["selector"]), plain(row["markup"])
        for path in files(row["made in"]):
            assert markup in source(path), (selector, path, markup)
        for path in files(row["used in"]):
            assert any(form in source(path) for form in written(selector)), (selector, path)


def test_every_element_the_cards_look_up_is_in_the_contract():
    documented = {plain(row["selector"]): files(row["used in"]) for row in rows("elements")}
    for path in CROSSING_JS:
        text = source(path)
        found = [
            m[1] for m in re.findall(r"""(?:querySelector(?:All)?|closest|matches)\(\s*(["'])(.+?)\1\s*\)""", text)
        ]
        found += ["#" + name for name in re.findall(r'getElementById\(\s*"([\w-]+)"\s*\)', text)]
        for selector in found:
            assert path in documented.get(selector, []), (selector, path)


def attribute_forms(attribute: str) -> list[str]:
    if attribute.startswith("class "):
        return [f'"{attribute[6:]}"']
    forms = [f'"{attribute}"', f"{attribute}="]
    if attribute.startswith("data-"):
        forms.append("dataset." + re.sub(r"-(\w)", lambda m: m.group(1).upper(), attribute[5:]))
    return forms


def test_every_attribute_is_written_and_read_where_the_contract_says():
    for row in rows("attributes"):
        attribute = plain(row["attribute"])
        for path in files(row["written in"]) + files(row["read in"]):
            assert any(form in source(path) for form in attribute_forms(attribute)), (attribute, path)


def test_every_data_attribute_and_class_the_cards_set_is_in_the_contract():
    documented = {
        plain(row["attribute"]): files(row["written in"]) + files(row["read in"]) for row in rows("attributes")
    }
    for path in CROSSING_JS:
        text = source(path)
        found = [
            "data-" + re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), name)
            for name in re.findall(r"\bdataset\.(\w+)", text)
        ]
        found += re.findall(r'(?:set|remove|toggle)Attribute\(\s*"(data-[\w-]+)"', text)
        found += [
            "class " + name
            for names in re.findall(r"classList\??\.(?:add|remove|toggle)\(([^)]*)\)", text)
            for name in re.findall(r'"([\w-]+)"', names)
        ]
        for attribute in found:
            assert path in documented.get(attribute, []), (attribute, path)


def constant(text: str, name: str) -> int:
    """A module's integer constant as written: ``1_000``, or a power, ``10**6``."""
    base, power = re.search(rf"\b{name}\s*=\s*([\d_]+)(?:\s*\*\*\s*(\d+))?\b", text).groups()
    return int(base.replace("_", "")) ** int(power or 1)


def test_each_limit_has_the_value_the_contract_gives():
    for row in rows("limits"):
        assert constant(source(plain(row["in"])), plain(row["name"])) == int(plain(row["value"])), row["name"]


def test_every_numeric_constant_of_the_cards_is_a_limit_of_the_contract():
    documented = {(plain(row["name"]), plain(row["in"])) for row in rows("limits")}
    for path in CARDS_CODE:
        text = source(path)
        pattern = r"^const ([A-Z][A-Z_]+) = [\d_]+;" if path.endswith(".js") else r"^([A-Z][A-Z_]+) = [\d_]+\b"
        for name in re.findall(pattern, text, re.M):
            assert (name, path) in documented, (name, path)
