"""Benchmark of the built site in headless Chromium, each figure against a reference
measured in the same run (absolute times drift on shared machines):

0. time to the first visible result (the first frame showing an example's printed result, an
   Element Timing entry) / cold time-to-ready
1. cold time-to-ready of the page / that of a bare PyScript + Pyodide + NumPy page
2. warm time-to-ready (second visit, from the service worker, restored from the memory snapshot
   the first visit left) / the page's own cold time, in a fresh browser context; and on a
   persistent profile (launch_persistent_context: the browser restarted between the visits, its
   HTTP and code caches kept); and with snapshots off (``?snapshot=off``), for comparison
2c. the first practice check on a warm visit to a card open on its Practice tab (#softmax-practice:
   Python for practice starts with the page), clicked as the page gets ready: how long after ready
   it ends; beside it, that visit's time-to-ready
2d. later checks on that page, each a second after the one before: from the click to its end
3. bytes a cold visit transfers, gzip-compressed as the server sends them; and what the same files
   weigh under brotli q5 and q11 (tests/bench_wire.py)
6. the main thread: the longest task (Long Tasks API) and the total blocking time of a cold visit
   (to its snapshot stored) and of a warm visit (to a second after ready)
4. interaction: input change -> new result and plot on screen, median over the cards
5. compute: each operation on 1000 x 1000 input in the page / the same call natively

Run it with ``python3 build.py bench`` (which builds first). A benchmark, not a test:
it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DIST = Path(os.environ.get("NNBASICS_DIST", ROOT / "dist"))  # build.py bench builds it first
sys.path[:0] = [str(ROOT), str(ROOT / "py"), str(ROOT / "web"), str(ROOT / "tests")]

import benchmark as timings  # noqa: E402  (tests/benchmark.py: the same code runs in the page)
from bench_sites import CountingHandler, ReferenceHandler, reference_site, site_with_benchmark, start  # noqa: E402
from bench_wire import visit_weights  # noqa: E402
from pages import CHROMIUM_FLAGS, chromium_executable  # noqa: E402
from web import catalogue  # noqa: E402

TARGETS = {
    "first": 0.15,
    "cold": 0.8,
    "warm": 0.5,
    "persistent": 0.3,
    "practice": 1.0,
    "later": 0.5,
    "bytes": 8e6,
    "brotli q5": 6.7e6,
    "brotli q11": 6.0e6,
    "longest cold": 200,
    "longest warm": 100,
    "interaction": 50.0,
}
SNAPSHOT_MS = 180_000


def time_to_ready(page, url: str) -> float:
    """Milliseconds from navigation start to the page's ``nn:ready`` mark."""
    page.goto(url)
    page.wait_for_selector("html.ready", timeout=120_000)
    return page.evaluate("performance.getEntriesByName('nn:ready')[0].startTime")


# The first frame that shows an example's printed result (an Element Timing entry of a card's
# <output elementtiming="result">, which the build fills in the HTML itself).
FIRST_RESULT_JS = """window.nnFirstResult = Infinity;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.identifier === "result") window.nnFirstResult = Math.min(window.nnFirstResult, entry.renderTime);
  }
}).observe({ type: "element", buffered: true });"""


# Every task of the main thread over 50 ms, from the start of the page (buffered).
LONG_TASKS_JS = """window.nnLongTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.nnLongTasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });"""


def long_tasks(page) -> tuple[float, float]:
    """The page's longest main-thread task so far and its total blocking time (the sum of each long
    task's time over 50 ms), in ms."""
    tasks = page.evaluate("window.nnLongTasks")
    return max(tasks, default=0.0), sum(task - 50 for task in tasks)


def mark(page, name: str) -> float:
    return page.evaluate("(name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN", name)


def snapshot_stored(page) -> None:
    """Wait until the visit's background worker has stored the memory snapshots."""
    page.wait_for_selector("html[data-snapshot]:not([data-snapshot=making])", timeout=SNAPSHOT_MS)
    if page.get_attribute("html", "data-snapshot") != "stored":
        raise RuntimeError("no snapshot was stored")


# On the warm page: as soon as it is ready, put a correct softmax in its practice panel and press
# Check; nn:first-check marks the end of that check (the panel's data-checks goes up).
FIRST_CHECK_JS = """document.addEventListener("nn:ready", () => {
  const box = document.querySelector('section[data-op="softmax"] [data-practice]');
  const code = box.querySelector('[name="code"]');
  code.value = %s;
  code.dispatchEvent(new Event("input", { bubbles: true }));
  new MutationObserver((_, observer) => {
    if (box.dataset.checks !== "1") return;
    observer.disconnect();
    performance.mark("nn:first-check");
  }).observe(box, { attributes: true, attributeFilter: ["data-checks"] });
  box.querySelector('button[name="check"]').click();
}, { once: true });"""


# Later checks on the same page, each a second after the one before (a learner reads the report):
# from the click to the panel's data-checks going up, in ms.
LATER_CHECKS_JS = """async (count) => {
  const box = document.querySelector('section[data-op="softmax"] [data-practice]');
  const times = [];
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = box.dataset.checks;
    const started = performance.now();
    box.querySelector('button[name="check"]').click();
    await new Promise((resolve) => new MutationObserver((_, observer) => {
      if (box.dataset.checks === before) return;
      observer.disconnect();
      resolve();
    }).observe(box, { attributes: true, attributeFilter: ["data-checks"] }));
    times.push(performance.now() - started);
  }
  return times;
}"""
LATER_CHECKS = 3


def warm_visit(context, url: str) -> tuple[float, float, list[float]]:
    """A warm visit to softmax's Practice tab that checks practice code at ready: (time-to-ready,
    first check's end after ready, the times of LATER_CHECKS later checks)."""
    page = context.new_page()
    solution = next(op["solution"] for op in catalogue.OPERATIONS if op["name"] == "softmax")
    page.add_init_script(FIRST_CHECK_JS % json.dumps(solution))
    ready = time_to_ready(page, url + "#softmax-practice")
    if page.get_attribute("html", "data-start") != "snapshot":
        raise RuntimeError("the warm visit did not restore from the snapshot")
    # polled with evaluate: wait_for_function's predicate is evaluated with eval, which the site's CSP forbids
    waited = 0
    while not page.evaluate("() => performance.getEntriesByName('nn:first-check').length > 0"):
        if waited > 120_000:
            raise RuntimeError("the first check did not end in 120 s")
        page.wait_for_timeout(50)
        waited += 50
    return ready, mark(page, "nn:first-check") - ready, page.evaluate(LATER_CHECKS_JS, LATER_CHECKS)


def persistent_visits(playwright, launch: dict, url: str) -> tuple[float, float]:
    """Cold then warm time-to-ready on a persistent profile, the browser restarted in between."""
    with tempfile.TemporaryDirectory(prefix="nnbasics-profile-") as profile:
        context = playwright.chromium.launch_persistent_context(profile, **launch)
        page = context.new_page()
        cold = time_to_ready(page, url)
        snapshot_stored(page)
        context.close()
        context = playwright.chromium.launch_persistent_context(profile, **launch)
        page = context.new_page()
        warm = time_to_ready(page, url)
        started = page.get_attribute("html", "data-start")
        context.close()
    if started != "snapshot":
        raise RuntimeError("the warm visit on the persistent profile did not restore from the snapshot")
    return cold, warm


def transferred(since: int) -> tuple[int, dict[str, int]]:
    """The bytes sent since the log's entry ``since``, and what the files sent weigh in each encoding."""
    sent = CountingHandler.log[since:]
    return sum(size for _, size in sent), visit_weights([file for file, _ in sent if file is not None])


INTERACTION_JS = """async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const times = [];
  for (const card of document.querySelectorAll("section[data-op]")) {
    const field = card.querySelector("textarea[name]");
    const original = field.value;
    const variant = original.replace(/\\d/, (d) => String((Number(d) + 1) % 10));
    for (const value of [variant, original, variant, original, variant, original]) {
      const start = performance.now();
      field.value = value;
      field.dispatchEvent(new Event("change", { bubbles: true }));
      await frame();  // the new result and plot are on screen
      times.push(performance.now() - start);
    }
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }
  return times;
}"""


def ms(value: float) -> str:
    return f"{value:.3f} ms" if value >= 0.01 else f"{value * 1000:.2f} µs"


def median(values):
    return statistics.median(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold loads of each page (default 5)")
    parser.add_argument("--lang", choices=("en", "ko"), default="en", help="the page's language (default en)")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="nnbasics-bench-"))
    app_url = start(DIST) + f"?lang={args.lang}"
    ref_url = start(reference_site(scratch / "reference"), ReferenceHandler)
    bench_url = start(site_with_benchmark(DIST, scratch / "bench"))
    cold_app, cold_ref, first_app, warm_app, warm_off, checks, bytes_app, bytes_ref = [], [], [], [], [], [], [], []
    cold_persistent, warm_persistent, later_checks, warm_practice = [], [], [], []
    weights_app, weights_ref, tasks_cold, tasks_warm = [], [], [], []
    with sync_playwright() as playwright:
        executable = chromium_executable()
        launch = {"args": CHROMIUM_FLAGS, **({"executable_path": executable} if executable else {})}
        browser = playwright.chromium.launch(**launch)
        for run in range(args.runs):
            print(f"[bench] cold and warm loads, run {run + 1}/{args.runs}", flush=True)
            for url, cold, sizes, weights in (
                (ref_url, cold_ref, bytes_ref, weights_ref),
                (app_url, cold_app, bytes_app, weights_app),
            ):
                context = browser.new_context()  # empty cache, no service worker
                context.add_init_script(LONG_TASKS_JS)
                since = len(CountingHandler.log)
                page = context.new_page()
                page.add_init_script(FIRST_RESULT_JS)
                cold.append(time_to_ready(page, url))
                if url == app_url:
                    first_app.append(page.evaluate("window.nnFirstResult"))
                    page.evaluate("navigator.serviceWorker.ready")  # precache complete
                    snapshot_stored(page)  # made from the cache: no byte more from the server
                    tasks_cold.append(long_tasks(page))
                    sent, weighed = transferred(since)
                    sizes.append(sent)
                    weights.append(weighed)
                    page.close()
                    page = context.new_page()
                    warm_off.append(time_to_ready(page, url + "&snapshot=off"))
                    page.close()
                    page = context.new_page()
                    warm_app.append(time_to_ready(page, url))
                    page.wait_for_timeout(1000)
                    tasks_warm.append(long_tasks(page))
                    page.close()
                    ready, check, later = warm_visit(context, url)
                    warm_practice.append(ready)
                    checks.append(check)
                    later_checks.extend(later)
                else:
                    sent, weighed = transferred(since)
                    sizes.append(sent)
                    weights.append(weighed)
                context.close()
            cold, warm = persistent_visits(playwright, launch, app_url)
            cold_persistent.append(cold)
            warm_persistent.append(warm)
        context = browser.new_context()
        page = context.new_page()
        time_to_ready(page, app_url)
        interaction = page.evaluate(INTERACTION_JS)
        context.close()
        context = browser.new_context()
        page = context.new_page()
        page.goto(bench_url)
        page.wait_for_selector("html.ready", timeout=120_000)
        in_page = json.loads(
            page.evaluate('import("./start/python.js").then(({ call }) => call("benchmark_json", "5"))')
        )
        context.close()
        browser.close()
    native = timings.run(5)

    app_cold, ref_cold, app_warm = median(cold_app), median(cold_ref), median(warm_app)
    rows = [
        (
            "0. first visible result",
            f"{median(first_app) / 1000:.2f} s",
            f"{app_cold / 1000:.2f} s (own cold ready)",
            median(first_app) / app_cold,
            f"<= {TARGETS['first']}",
        ),
        (
            "1. cold time-to-ready",
            f"{app_cold / 1000:.2f} s",
            f"{ref_cold / 1000:.2f} s (bare page)",
            app_cold / ref_cold,
            f"<= {TARGETS['cold']}",
        ),
        (
            "2. warm time-to-ready, fresh context",
            f"{app_warm / 1000:.2f} s",
            f"{app_cold / 1000:.2f} s (own cold)",
            app_warm / app_cold,
            f"<= {TARGETS['warm']}",
        ),
        (
            "2a. warm, persistent profile",
            f"{median(warm_persistent) / 1000:.2f} s",
            f"{median(cold_persistent) / 1000:.2f} s (own cold there)",
            median(warm_persistent) / median(cold_persistent),
            f"aim {TARGETS['persistent']}",
        ),
        (
            "2b. warm, snapshots off",
            f"{median(warm_off) / 1000:.2f} s",
            f"{app_cold / 1000:.2f} s (own cold)",
            median(warm_off) / app_cold,
            "(reference)",
        ),
        (
            "2c. first practice check after ready, warm, on Practice",
            f"{median(checks) / 1000:.2f} s",
            f"{median(warm_practice) / 1000:.2f} s (that visit's ready)",
            median(checks) / median(warm_practice),
            f"<= {TARGETS['practice']:.1f} s",
        ),
        (
            "2d. later practice checks, 1 s apart",
            f"{median(later_checks) / 1000:.2f} s",
            f"{median(checks) / 1000:.2f} s (first check)",
            median(later_checks) / median(checks),
            f"<= {TARGETS['later']:.1f} s",
        ),
        (
            "3. bytes, cold visit (gzip)",
            f"{median(bytes_app) / 1e6:.2f} MB",
            f"{median(bytes_ref) / 1e6:.2f} MB (bare page)",
            median(bytes_app) / median(bytes_ref),
            f"<= {TARGETS['bytes'] / 1e6:.0f} MB",
        ),
        *(
            (
                f"3{letter}. bytes, cold visit's files in {name}",
                f"{median([w[name] for w in weights_app]) / 1e6:.2f} MB",
                f"{median([w[name] for w in weights_ref]) / 1e6:.2f} MB (bare page)",
                median([w[name] for w in weights_app]) / median([w[name] for w in weights_ref]),
                f"<= {TARGETS[name] / 1e6:.1f} MB" if name in TARGETS else "",
            )
            for letter, name in zip("abc", weights_app[0])
        ),
        (
            "4. interaction, median",
            f"{median(interaction):.1f} ms",
            f"p90 {sorted(interaction)[int(0.9 * len(interaction))]:.1f} ms",
            None,
            f"<= {TARGETS['interaction']:.0f} ms",
        ),
        *(
            (
                f"6{letter}. longest main-thread task, {visit} visit",
                f"{median([t[0] for t in tasks]):.0f} ms",
                f"{median([t[1] for t in tasks]):.0f} ms total blocking",
                None,
                f"<= {TARGETS['longest ' + visit]} ms",
            )
            for letter, visit, tasks in (("a", "cold", tasks_cold), ("b", "warm", tasks_warm))
        ),
    ]
    print(
        f"\nSite benchmark ({args.lang}): medians of {args.runs} alternating cold loads per page, each followed "
        f"by warm loads (interaction: {len(interaction)} changes over every card)\n"
    )
    print("| figure | this site | reference | ratio | target |\n|---|---|---|---|---|")
    for name, ours, reference, ratio, target in rows:
        print(f"| {name} | {ours} | {reference} | {'' if ratio is None else f'{ratio:.2f}'} | {target} |")
    print(
        "\n5. Compute per call, 1000 x 1000 float64 (image2vector (500, 500, 4), basic_sigmoid one "
        "float), best of 5.\n   Bare = the course's unchecked NumPy expression, timed beside the package "
        "in the same runtime.\n"
    )
    print(
        "| operation | page: package | page: bare | native: package | native: bare "
        "| page / native, package | page / native, bare |\n|---|---|---|---|---|---|---|"
    )
    for name, (package, bare) in native.items():
        page_package, page_bare = in_page[name]
        print(
            f"| {name} | {ms(page_package)} | {ms(page_bare)} | {ms(package)} | {ms(bare)} "
            f"| {page_package / package:.2f} | {page_bare / bare:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
