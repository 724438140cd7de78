"""The cards' JS ↔ Python contract (web/cards/CONTRACT.md) in the built page: what crosses while a card is
driven (the messages to and from the page's Python, evaluate, practice, the events, the status) is what
the contract's tables say."""

from __future__ import annotations

import json
import re

import pytest
from contract_doc import column, files, outcome_problems, plain, problems, rows
from playwright.sync_api import expect

from web import catalogue
from web.i18n import words

pytestmark = pytest.mark.e2e

OPS = [op["name"] for op in catalogue.OPERATIONS]
GLOBALS = ("nn.app", "nn.status", "nn.i18n")
READY_TIMEOUT_MS = 60_000

# Before the page's own scripts: records every event of the contract and every message between the page
# and its Python's worker (start/prepare.js starts it, named nnbasics-python), the calls of evaluate_json
# and practice_json with their arguments and answers among them.
OBSERVER = """(() => {
  const log = { messages: [], evaluate: [], practice: [], events: [] };
  Object.defineProperty(globalThis, "__contract", { value: log });
  const typeOf = (value) => (value === null ? "null" : typeof value);
  const ready = () => document.documentElement.classList.contains("ready"); // no <html> yet at first
  const targetOf = (target) => target === document ? "document" : target === window ? "window"
    : target?.matches?.("section[data-op]") ? "section[data-op]" : String(target);
  const note = (event) => log.events.push({
    type: event.type, detail: event.detail ?? null, target: targetOf(event.target),
    ready: ready(), state: document.getElementById("status")?.dataset.state ?? null,
    status: document.getElementById("status-text")?.dataset.i18n ?? null,
    params: document.getElementById("status-text")?.dataset.i18nParams ?? null,
  });
  for (const type of ["nn:ready", "nn:tab", "nn:snapshots"]) document.addEventListener(type, note, true);
  window.addEventListener("nn:progress", note, true);
  const Original = globalThis.Worker;
  globalThis.Worker = class extends Original {
    constructor(url, options) {
      super(url, options);
      if (options?.name !== "nnbasics-python") return;
      const calls = new Map();
      const record = (from, data) => log.messages.push({ from, data, ready: ready(), eventsBefore: log.events.length });
      this.addEventListener("message", ({ data }) => {
        record("worker", data);
        const entry = data?.type === "answer" ? calls.get(data.id) : null;
        const answer = data.json ?? null;
        // the card's result while its answer arrives (this listener runs before the page's own)
        const busy = entry?.op ? document.querySelector(`section[data-op="${entry.op}"] output[name="result"]`)
          .getAttribute("aria-busy") : null;
        if (entry) Object.assign(entry, { answer, busy, error: data.error ?? null, answerType: typeOf(data.json) });
      });
      const post = this.postMessage.bind(this);
      this.postMessage = (message, transfer) => {
        record("page", message);
        if (message?.type === "call") {
          const entry = { args: message.args, at: performance.now(),
                          op: message.name === "evaluate_json" ? message.args[0] : null };
          calls.set(message.id, entry);
          ({ evaluate_json: log.evaluate, practice_json: log.practice })[message.name]?.push(entry);
        }
        return post(message, transfer);
      };
    }
  };
})();"""


@pytest.fixture(scope="module")
def page(browser, site_url):
    """One ready page, observed from its start (no service worker: nothing runs beside it); it fails the
    module on any page error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.add_init_script(OBSERVER)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(site_url + "/")
    page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
    yield page
    context.close()
    assert errors == []


def calls(page, since: int = 0) -> list[dict]:
    """The calls of evaluate recorded since the ``since``-th one."""
    return page.evaluate("(since) => globalThis.__contract.evaluate.slice(since)", since)


def evaluated(page) -> int:
    return page.evaluate("globalThis.__contract.evaluate.length")


def card(page, op):
    return page.locator(f'section[data-op="{op}"]')


def wait_for_calls(page, since: int, count: int) -> list[dict]:
    """The calls of evaluate since the ``since``-th, once ``count`` of them have come and each is answered."""
    answered = "(calls) => calls.every((call) => 'answerType' in call)"
    page.wait_for_function(
        f"([since, count]) => globalThis.__contract.evaluate.length >= since + count"
        f" && ({answered})(globalThis.__contract.evaluate)",
        arg=[since, count],
    )
    page.wait_for_timeout(400)  # DEBOUNCE_MS and a little more: no further call is pending
    page.wait_for_function(f"() => ({answered})(globalThis.__contract.evaluate)")
    return calls(page, since)


def check_call(entry: dict, op: str) -> dict:
    """One call of evaluate, checked against the contract's tables; returns its answer, read."""
    assert len(entry["args"]) == len(rows("evaluate"))
    for value, kind, name in zip(entry["args"], column("evaluate", "type"), column("evaluate", "name")):
        assert problems(value, kind, name) == []
    assert entry["args"][0] == op
    inputs = json.loads(entry["args"][1])
    assert problems(inputs, "object of string", "inputs") == [] and list(inputs) == list(catalogue.params(op))
    assert entry["args"][2] in words.LANGUAGES
    assert entry["answerType"] == "string" and outcome_problems(entry["answer"]) == []
    assert entry["busy"] == "true"  # the card's result says it is on its way until the answer is shown
    return json.loads(entry["answer"])


def reset(page, op):
    for field in card(page, op).locator(".inputs textarea[name]").all():
        field.fill(field.evaluate("f => f.defaultValue"))
    expect(card(page, op).locator('[role="alert"]:not(:empty)')).to_have_count(0)
    page.wait_for_timeout(400)  # the debounced call is made: it counts in no later test


# --------------------------------------------------------------------------- start-up


def test_every_message_between_the_page_and_its_python_has_its_documented_sender_and_fields(page):
    documented = {plain(row["type"]): row for row in rows("messages")}
    messages = page.evaluate("globalThis.__contract.messages")
    assert messages[0]["data"]["type"] == "start" and messages[0]["from"] == "page"
    for message in messages:
        data = message["data"]
        row = documented[data["type"]]
        assert message["from"] == plain(row["from"]), data
        fields = set(data) - {"type"}
        if data["type"] == "answer":  # its json, or its error
            assert fields in ({"id", "json"}, {"id", "error"}), data
        else:
            assert fields == set(files(row["fields"])), data
    kinds = [message["data"]["type"] for message in messages]
    assert kinds.count("start") == 1 and kinds.count("ready") == 1 and "failed" not in kinds
    calls = [message["data"] for message in messages if message["data"]["type"] == "call"]
    assert {call["name"] for call in calls} <= set(column("calls", "name"))
    answered = [message["data"]["id"] for message in messages if message["data"]["type"] == "answer"]
    assert sorted(answered) == sorted(call["id"] for call in calls)  # each call answered once


def test_python_says_ready_once_with_the_sources_then_the_page_is_ready(page):
    messages = page.evaluate("globalThis.__contract.messages")
    [ready_message] = [message for message in messages if message["data"]["type"] == "ready"]
    assert ready_message["data"]["start"] == "normal"  # no service worker here: no snapshot
    sources = json.loads(ready_message["data"]["sources"])
    assert problems(sources, "object of string", "sources") == [] and sorted(sources) == sorted(OPS)
    assert ready_message["ready"] is False
    stages = [message["data"]["stage"] for message in messages if message["data"]["type"] == "progress"]
    assert stages == ["starting", "binding"]
    events = page.evaluate("globalThis.__contract.events")
    ready = [event for event in events if event["type"] == "nn:ready"]
    assert len(ready) == 1 and events.index(ready[0]) >= ready_message["eventsBefore"]
    assert ready[0]["ready"] and ready[0]["state"] == "ready" and ready[0]["status"] == "page.status-ready"
    [status] = [row for row in rows("status") if plain(row["key"]) == "status-ready"]
    params = json.loads(ready[0]["params"])
    assert set(params) == set(files(status["params"])) and re.fullmatch(r"\d+\.\d", params["seconds"])


def test_every_event_crosses_with_the_documented_target_and_detail(page):
    tab = card(page, "softmax").locator('[role="tab"][data-tab="practice"]')
    tab.click()
    card(page, "softmax").locator('[role="tab"][data-tab="explore"]').click()
    documented = {plain(row["event"]): row for row in rows("events")}
    events = page.evaluate("globalThis.__contract.events")
    assert {event["type"] for event in events} == set(documented) - {"nn:snapshots"}, "all came (no service worker)"
    for event in events:
        row = documented[event["type"]]
        assert event["target"] == plain(row["target"]), event
        assert problems(event["detail"], plain(row["detail"]), event["type"]) == []
    assert [event["detail"] for event in events if event["type"] == "nn:tab"][-2:] == ["practice", "explore"]


def test_the_globals_have_exactly_the_documented_members_of_the_documented_types(page):
    for name in GLOBALS:
        found = page.evaluate(
            """(name) => {
            const object = globalThis.nn?.[name.split(".")[1]];
            return object && Object.fromEntries(Object.keys(object).map((key) => [key, typeof object[key]]));
        }""",
            name,
        )
        assert found is not None, f"no {name} in the page"
        expected = {plain(row["member"]): plain(row["type"]).split(" of ")[0] for row in rows(name)}
        assert found == expected, name


def test_the_embedded_first_paint_is_a_documented_result_for_every_language_and_card(page):
    first_paint = page.evaluate('JSON.parse(document.getElementById("first-paint").textContent)')
    assert list(first_paint) == list(words.LANGUAGES)
    for lang, cards in first_paint.items():
        assert sorted(cards) == sorted(OPS)
        assert [p for op, shown in cards.items() for p in problems(shown, "result", f"{lang}.{op}")] == []


def test_every_card_has_the_documented_elements_named_after_the_catalogue(page):
    for row in rows("elements"):
        selector, made_in = plain(row["selector"]), files(row["made in"])
        count = page.locator(selector).count()
        if {"cards/card.html", "cards/field.html"} & set(made_in):
            assert count >= len(OPS), selector
        elif made_in == ["index.html"] or made_in == ["cards/upload.html"]:
            assert count >= 1, selector
    for op in OPS:
        names = card(page, op).locator(".inputs textarea[name]").evaluate_all("fields => fields.map((f) => f.name)")
        assert names == list(catalogue.params(op))
        alerts = card(page, op).locator('.inputs [role="alert"]').evaluate_all("alerts => alerts.map((a) => a.id)")
        assert alerts == [f"{op}-{name}-error" for name in names]


# --------------------------------------------------------------------------- a card driven


def test_typing_calls_evaluate_once_with_the_documented_arguments_and_shows_each_part_of_the_result(page):
    since = evaluated(page)
    card(page, "l1").locator('[name="y"]').fill("[1, 0, 0, 1, 0]")
    [entry] = [call for call in wait_for_calls(page, since, 1) if call["args"][0] == "l1"]  # one, after the debounce
    shown = check_call(entry, "l1")
    assert json.loads(entry["args"][1])["y"] == "[1, 0, 0, 1, 0]" and entry["args"][2:] == ["en", "y"]
    dom = card(page, "l1").evaluate("""(card) => ({
        text: card.querySelector('output[name="result"]').textContent,
        value: JSON.parse(card.querySelector('output[name="result"]').dataset.value),
        alt: card.querySelector(".plot-text").textContent,
        label: card.querySelector("figure.plot canvas").getAttribute("aria-label"),
        stale: card.querySelector("figure.plot canvas").classList.contains("stale"),
        busy: card.querySelector('output[name="result"]').getAttribute("aria-busy"),
        note: card.querySelector(".note").hidden ? null : card.querySelector(".note").textContent })""")
    assert dom == {
        "text": shown["text"],
        "value": shown["value"],
        "alt": shown["alt"],
        "label": shown["alt"],
        "stale": False,
        "busy": None,
        "note": shown["note"],
    }
    reset(page, "l1")


def test_a_refusal_crosses_as_documented_and_is_worded_in_its_fields_alert(page):
    since = evaluated(page)
    card(page, "sigmoid").locator('[name="x"]').fill("[1, 2")
    [entry] = [call for call in wait_for_calls(page, since, 1) if call["args"][0] == "sigmoid"]
    [error] = check_call(entry, "sigmoid")["errors"]
    assert error["field"] == "x" and "key" not in error
    alert = card(page, "sigmoid").locator("#sigmoid-x-error")
    assert alert.locator("span").get_attribute("data-i18n") == f"errors.{error['code']}"
    assert json.loads(alert.locator("span").get_attribute("data-i18n-params") or "{}") == error["params"]
    assert card(page, "sigmoid").locator('[name="x"]').get_attribute("aria-invalid") == "true"
    assert card(page, "sigmoid").locator("canvas").evaluate("c => c.classList.contains('stale')")
    assert card(page, "sigmoid").locator('output[name="result"]').get_attribute("data-value") is None
    reset(page, "sigmoid")


def test_a_language_switch_calls_evaluate_once_for_every_card_in_the_new_language(page):
    for lang in (*words.LANGUAGES[1:], words.LANGUAGES[0]):
        since = evaluated(page)
        page.select_option('select[name="lang"]', lang)
        entries = wait_for_calls(page, since, len(OPS))
        assert sorted(entry["args"][0] for entry in entries) == sorted(OPS)
        for entry in entries:
            check_call(entry, entry["args"][0])
            assert entry["args"][2] == lang


def test_practice_requests_cross_as_json_and_answer_with_the_documented_keys(page):
    answers = {plain(row["request"]): set(re.findall(r'"(\w+)"', row["answer"])) for row in rows("practice")}
    asked = {"uses": "sigmoid_derivative", "split": "def sigmoid(x):\n    return x\n"}
    for request, value in asked.items():
        since = page.evaluate("globalThis.__contract.practice.length")
        answer = page.evaluate("(request) => globalThis.nn.app.practice(request)", {request: value})
        assert isinstance(answer, dict) and set(answer) <= answers[request], (request, answer)
        [entry] = page.evaluate("(since) => globalThis.__contract.practice.slice(since)", since)
        assert json.loads(entry["args"][0]) == {request: value} and json.loads(entry["answer"]) == answer
