"""What the start-up tests share: a first visit that leaves a memory snapshot behind, the cards'
outputs for the examples and for edited inputs, rewriting the stored snapshot, and a copy of the
site whose page lets a test evaluate Python."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from offline.deploys import controlled_page
from pages import READY_TIMEOUT_MS, dist_dir, serve_directory
from sitebuild.offline import service_worker
from web import catalogue

SNAPSHOT_MS = 120_000  # the background worker starts Pyodide twice over on a busy machine


PROBE = """

def probe_json(expression):  # tests/start: a probe
    return json.dumps(eval(expression))


CALLS["probe_json"] = probe_json
"""


@pytest.fixture
def probe_site(tmp_path):
    """A copy of the built site whose page's Python also answers the call ``probe_json(expression)``:
    the JSON of a Python expression evaluated in the page's interpreter (in its worker)."""
    site = tmp_path / "site"
    shutil.copytree(dist_dir(), site)
    with (site / "cards" / "main.py").open("a") as main:
        main.write(PROBE)
    (site / "sw.js").write_text(service_worker(site))
    url, server = serve_directory(site)
    yield url
    server.shutdown()


def probe(page, expression: str):
    """The value of a Python ``expression`` in the page's interpreter (a probe_site's page)."""
    answer = page.evaluate(
        '(expression) => import("./start/python.js").then(({ call }) => call("probe_json", expression))', expression
    )
    return json.loads(answer)


def first_visit(context, url: str, path: str = "/"):
    """A page of ``context`` on the site, ready, under the service worker, its snapshots stored;
    returns (page, watch)."""
    page = controlled_page(context, url, path)
    assert page.get_attribute("html", "data-start") == "normal"
    page.wait_for_selector("html[data-snapshot]:not([data-snapshot=making])", timeout=SNAPSHOT_MS)
    assert page.get_attribute("html", "data-snapshot") == "stored"
    return page, page.watch


def reload(page) -> str:
    """Reload ``page`` until ready; how Python started (``data-start``)."""
    page.reload()
    page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
    return page.get_attribute("html", "data-start")


def edits() -> list[tuple[str, str, str]]:
    """(card, field, text) for every field: its example, the example with its first digit
    changed, big and small numbers, and a text it refuses (its error is an output too)."""
    found = []
    for op in catalogue.OPERATIONS:
        for param in op["params"]:
            example = param["example"]
            bumped = re.sub(r"\d", lambda d: str((int(d.group()) + 3) % 10), example, count=1)
            extreme = re.sub(r"\d+(\.\d+)?", "1e300", example, count=1)
            for text in (example, bumped, extreme, "[[1, 2], [3"):
                found.append((op["name"], param["name"], text))
    return found


OUTPUTS_JS = """async (edits) => {
    const outputs = [];
    for (const [op, name, text] of edits) {
        const card = document.querySelector(`section[data-op="${op}"]`);
        const field = card.querySelector(`[name="${name}"]`);
        field.value = text;
        field.dispatchEvent(new Event("change", { bubbles: true }));  // computed at once: busy until shown
        const result = card.querySelector('output[name="result"]');
        while (result.hasAttribute("aria-busy")) await new Promise((resolve) => setTimeout(resolve, 2));
        outputs.push([op, name, text, result.textContent, result.dataset.value ?? null,
            card.querySelector('[role="alert"]').textContent, card.querySelector("canvas").getAttribute("aria-label")]);
    }
    return outputs;
}"""


def card_outputs(page) -> list[list]:
    """What every card shows (printed result, data-value, error, plot description) for every edit."""
    return page.evaluate(OUTPUTS_JS, edits())


REWRITE_JS = """async ({ path, headers, flip, garbage, build }) => {
    const stored = await fetch(path);
    let bytes = new Uint8Array(await stored.arrayBuffer());
    const kept = Object.fromEntries([...stored.headers].filter(([name]) => name.startsWith("x-nnbasics-")));
    if (flip) bytes[bytes.length >> 1] ^= 0xff;
    if (build) {
        bytes[16] ^= 0xff;  // Pyodide's build id, in the snapshot's header: its restore refuses it
        kept["x-nnbasics-sha256"] = await nn.start.sha256(bytes);
    }
    if (garbage) {
        bytes = crypto.getRandomValues(new Uint8Array(65536));
        kept["x-nnbasics-sha256"] = await nn.start.sha256(bytes);  // intact bytes, but no snapshot
    }
    const response = await fetch(path, { method: "PUT", body: bytes, headers: { ...kept, ...headers } });
    await response.arrayBuffer();  // the request ends before the page reloads
    return response.status;
}"""


def rewrite_snapshot(
    page,
    headers: dict | None = None,
    flip: bool = False,
    garbage: bool = False,
    build: bool = False,
    path: str = "./start/snapshot",
) -> None:
    """Replace what the service worker keeps at ``path`` (the page's snapshot, the practice one,
    NumPy's files): other metadata ``headers``, one byte flipped, random bytes, or another Pyodide
    build's id (a snapshot's; each with a matching sha256 but ``flip``)."""
    assert (
        page.evaluate(
            REWRITE_JS, {"path": path, "headers": headers or {}, "flip": flip, "garbage": garbage, "build": build}
        )
        == 201
    )
