"""Each start-up optimisation measured on and off in one run: one build with all of them on and one
with each left out alone (py/sitebuild/optimisations.py), each served and loaded in turn, run after
run (interleaved, the order turning), for its cold start (a fresh browser context) and its warm start
(a second visit in that context, once the first one's snapshots are stored), timed to ``nn:ready``
as tests/bench_site.py times them. Prints, per build, the medians and the difference to all on.

Run it with ``python3 build.py bench --optimisations [--runs N]``. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench_site import median, snapshot_stored, time_to_ready  # also puts py/ and tests/ on sys.path
from bench_sites import start
from pages import CHROMIUM_FLAGS, chromium_executable
from sitebuild.assemble import build
from sitebuild.config import Config
from sitebuild.optimisations import NAMES


def variants() -> list[tuple[str, frozenset[str]]]:
    """All on, then each optimisation off alone: (label, what is off)."""
    return [("all on", frozenset())] + [(f"{name} off", frozenset({name})) for name in NAMES]


def cold_and_warm(browser, url: str, snapshots: bool) -> tuple[float, float]:
    """A first visit in a fresh context and, once it left what a warm start uses, a second one (ms)."""
    context = browser.new_context()
    page = context.new_page()
    cold = time_to_ready(page, url)
    page.evaluate("navigator.serviceWorker.ready")  # installed: the second visit is served from its cache
    if snapshots:
        snapshot_stored(page)
    page.close()
    page = context.new_page()
    warm = time_to_ready(page, url)
    started = page.get_attribute("html", "data-start")
    context.close()
    if started != ("snapshot" if snapshots else "normal"):
        raise RuntimeError(f"the warm visit to {url} started {started}")
    return cold, warm


def difference(value: float, reference: float) -> str:
    return f"{(value - reference) / 1000:+.2f} s ({(value - reference) / reference:+.0%})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold and warm loads of each build (default 5)")
    parser.add_argument("--lang", choices=("en", "ko"), default="en", help="the page's language (default en)")
    args, _ = parser.parse_known_args(argv)  # bench_site.py's other options mean nothing here

    scratch = Path(tempfile.mkdtemp(prefix="nnbasics-optimisations-"))
    builds = []
    for index, (label, off) in enumerate(variants()):
        config = Config(out=scratch / f"dist-{index}", off=off)
        builds.append((label, start(build(config)) + f"?lang={args.lang}", config.snapshots))
    times = {label: ([], []) for label, _, _ in builds}
    with sync_playwright() as playwright:
        executable = chromium_executable()
        browser = playwright.chromium.launch(
            args=CHROMIUM_FLAGS, **({"executable_path": executable} if executable else {})
        )
        for run in range(args.runs):
            print(f"[bench] optimisations on and off, run {run + 1}/{args.runs}", flush=True)
            turn = run % len(builds)
            for label, url, snapshots in builds[turn:] + builds[:turn]:
                cold, warm = cold_and_warm(browser, url, snapshots)
                print(f"[bench]   {label}: cold {cold / 1000:.2f} s, warm {warm / 1000:.2f} s", flush=True)
                times[label][0].append(cold)
                times[label][1].append(warm)
        browser.close()
    shutil.rmtree(scratch, ignore_errors=True)  # the builds: about 17 MB each

    cold_on, warm_on = (median(values) for values in times["all on"])
    print(f"\nStart-up optimisations: medians of {args.runs} interleaved runs per build (time to ready)\n")
    print("| build | cold | warm | cold − all on | warm − all on |\n|---|---|---|---|---|")
    for label, (cold, warm) in times.items():
        print(
            f"| {label} | {median(cold) / 1000:.2f} s | {median(warm) / 1000:.2f} s "
            f"| {difference(median(cold), cold_on)} | {difference(median(warm), warm_on)} |"
        )
    print("\nEvery time (ms):", json.dumps({label: {"cold": c, "warm": w} for label, (c, w) in times.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
