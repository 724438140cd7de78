"""Benchmark of the built site in headless Chromium, each figure against a reference
measured in the same run (absolute times drift on shared machines):

1. cold time-to-ready of the page / that of a bare PyScript + Pyodide + NumPy page
2. warm time-to-ready (second visit, from the service worker) / the page's own cold time
3. bytes a cold visit transfers, gzip-compressed as the server sends them
4. interaction: input change -> new result and plot on screen, median over the cards
5. compute: each operation on 1000 x 1000 input in the page / the same call natively

Run it with ``python3 build.py bench`` (which builds first). A benchmark, not a test:
it prints figures and asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "py"), str(ROOT / "web"), str(ROOT / "tests")]

import benchmark as timings  # noqa: E402  (tests/benchmark.py: the same code runs in the page)
import build  # noqa: E402
from conftest import CHROMIUM_FLAGS, chromium_executable  # noqa: E402

TARGETS = {"cold": 0.8, "warm": 0.5, "bytes": 8e6, "interaction": 50.0}
REFERENCE_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>bare reference</title>
<link rel="stylesheet" href="./{pyscript}/core.css">
<script type="module" src="./{pyscript}/core.js"></script></head>
<body><script type="py" src="./main.py" config="./pyscript.json"></script></body></html>
"""
REFERENCE_MAIN = """import numpy
from pyscript import document, window
window.performance.mark("nn:ready")
document.documentElement.classList.add("ready")
"""


class CountingHandler(build.SiteHandler):
    """The site's own server, keeping a log of the bytes of every response body."""

    log: list[tuple[str, int]] = []
    lock = threading.Lock()

    def send_body(self, head_only: bool) -> None:
        self.body_bytes = 0
        super().send_body(head_only)
        with self.lock:
            self.log.append((self.path, self.body_bytes))


def reference_site(folder: Path) -> Path:
    """The bare page: PyScript + the same Pyodide, untrimmed, ``packages = ["numpy"]``."""
    pyodide = build.tar_members(build.fetch_npm(build.PYODIDE))
    official = json.loads(pyodide["pyodide-lock.json"])
    vendor = folder / build.VENDOR_PYODIDE
    for name in build.PYODIDE_CORE + ("pyodide-lock.json",):
        build.write(vendor / name, pyodide[name])
    sources = build.WheelSources(None)
    for name in ("numpy", "micropip", "packaging"):
        entry = official["packages"][name]
        build.write(vendor / entry["file_name"], sources.fetch(entry["file_name"], entry["sha256"]))
    for name, data in build.tar_members(build.fetch_npm(build.PYSCRIPT)).items():
        if name.startswith("dist/") and not name.endswith(".map"):
            build.write(folder / build.VENDOR_PYSCRIPT / name[len("dist/"):], data)
    build.write(folder / "index.html", REFERENCE_PAGE.format(pyscript=build.VENDOR_PYSCRIPT))
    build.write(folder / "main.py", REFERENCE_MAIN)
    config = {"interpreter": f"./{build.VENDOR_PYODIDE}/pyodide.mjs", "packages": ["numpy"]}
    build.write(folder / "pyscript.json", json.dumps(config))
    return folder


BENCH_HOOK = """import json
from pyodide.ffi import create_proxy
from pyscript import window
import benchmark
window.nnBenchmark = create_proxy(lambda repeat: json.dumps(benchmark.run(repeat)))
"""


def site_with_benchmark(folder: Path) -> Path:
    """A copy of dist/ whose page also exposes tests/benchmark.py as ``window.nnBenchmark``.

    The shipped site carries no benchmark code; only this copy, for figure 5, does.
    """
    shutil.copytree(build.DIST, folder)
    shutil.copy(Path(__file__).with_name("benchmark.py"), folder / "benchmark.py")
    (folder / "bench_hook.py").write_text(BENCH_HOOK)
    config = json.loads((folder / "pyscript.json").read_text())
    config["files"]["./benchmark.py"] = "./benchmark.py"
    (folder / "pyscript.json").write_text(json.dumps(config))
    page = (folder / "index.html").read_text()
    hook = '<script type="py" src="./bench_hook.py" config="./pyscript.json"></script>\n</body>'
    (folder / "index.html").write_text(page.replace("</body>", hook))
    return folder


def start(directory: Path) -> str:
    server = build.site_server(directory, handler=CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def time_to_ready(page, url: str) -> float:
    """Milliseconds from navigation start to the page's ``nn:ready`` mark."""
    page.goto(url)
    page.wait_for_selector("html.ready", timeout=120_000)
    return page.evaluate("performance.getEntriesByName('nn:ready')[0].startTime")


def transferred(since: int) -> int:
    return sum(size for _, size in CountingHandler.log[since:])


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
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="nnbasics-bench-"))
    app_url = start(build.DIST)
    ref_url = start(reference_site(scratch / "reference"))
    bench_url = start(site_with_benchmark(scratch / "bench"))
    cold_app, cold_ref, warm_app, bytes_app, bytes_ref = [], [], [], [], []
    with sync_playwright() as playwright:
        executable = chromium_executable()
        browser = playwright.chromium.launch(
            args=CHROMIUM_FLAGS, **({"executable_path": executable} if executable else {}))
        for run in range(args.runs):
            print(f"[bench] cold loads, run {run + 1}/{args.runs}", flush=True)
            for url, cold, sizes in ((ref_url, cold_ref, bytes_ref), (app_url, cold_app, bytes_app)):
                context = browser.new_context()  # empty cache, no service worker
                mark = len(CountingHandler.log)
                page = context.new_page()
                cold.append(time_to_ready(page, url))
                if url == app_url:
                    page.evaluate("navigator.serviceWorker.ready")  # precache complete
                    sizes.append(transferred(mark))
                    warm_app.append(time_to_ready(context.new_page(), url))
                else:
                    sizes.append(transferred(mark))
                context.close()
        context = browser.new_context()
        page = context.new_page()
        time_to_ready(page, app_url)
        interaction = page.evaluate(INTERACTION_JS)
        context.close()
        context = browser.new_context()
        page = context.new_page()
        page.goto(bench_url)
        page.wait_for_function("window.nnBenchmark !== undefined", timeout=120_000)
        in_page = json.loads(page.evaluate("window.nnBenchmark(5)"))
        context.close()
        browser.close()
    native = timings.run(5)

    app_cold, ref_cold = median(cold_app), median(cold_ref)
    rows = [
        ("1. cold time-to-ready", f"{app_cold / 1000:.2f} s", f"{ref_cold / 1000:.2f} s (bare page)",
         app_cold / ref_cold, f"<= {TARGETS['cold']}"),
        ("2. warm time-to-ready", f"{median(warm_app) / 1000:.2f} s", f"{app_cold / 1000:.2f} s (own cold)",
         median(warm_app) / app_cold, f"<= {TARGETS['warm']}"),
        ("3. bytes, cold visit (gzip)", f"{median(bytes_app) / 1e6:.2f} MB",
         f"{median(bytes_ref) / 1e6:.2f} MB (bare page)", median(bytes_app) / median(bytes_ref),
         f"<= {TARGETS['bytes'] / 1e6:.0f} MB"),
        ("4. interaction, median", f"{median(interaction):.1f} ms",
         f"p90 {sorted(interaction)[int(0.9 * len(interaction))]:.1f} ms", None,
         f"<= {TARGETS['interaction']:.0f} ms"),
    ]
    print(f"\nSite benchmark: medians of {args.runs} alternating cold loads per page "
          f"(interaction: {len(interaction)} changes over every card)\n")
    print("| figure | this site | reference | ratio | target |\n|---|---|---|---|---|")
    for name, ours, reference, ratio, target in rows:
        print(f"| {name} | {ours} | {reference} | {'' if ratio is None else f'{ratio:.2f}'} | {target} |")
    print("\n5. Compute per call, 1000 x 1000 float64 (image2vector (500, 500, 4), basic_sigmoid one "
          "float), best of 5.\n   Bare = the course's unchecked NumPy expression, timed beside the package "
          "in the same runtime.\n")
    print("| operation | page: package | page: bare | native: package | native: bare "
          "| page / native, package | page / native, bare |\n|---|---|---|---|---|---|---|")
    for name, (package, bare) in native.items():
        page_package, page_bare = in_page[name]
        print(f"| {name} | {ms(page_package)} | {ms(page_bare)} | {ms(package)} | {ms(bare)} "
              f"| {page_package / package:.2f} | {page_bare / bare:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
