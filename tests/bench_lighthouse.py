"""Lighthouse's audit of the built site (NNBASICS_DIST, else dist/) served as Netlify serves it, in Debian's
Chromium, mobile (the default) and desktop (``--preset=desktop``): the four category scores and the metrics
(medians of ``--runs N``), every audit below 1 in accessibility, best practices and SEO, and the main
performance problems, with the details Lighthouse gives (URLs, messages, sizes).

Run it with ``python3 build.py bench --lighthouse [--runs N]``. Lighthouse is pinned in tests/lighthouse/
(package.json and its lock) and installed with ``npm ci`` under .cache/lighthouse/; without Node and npm
the audit is skipped. A benchmark, not a test: it prints and asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = Path(os.environ.get("NNBASICS_DIST", ROOT / "dist"))  # build.py bench builds it first
PIN = ROOT / "tests" / "lighthouse"  # package.json + package-lock.json: the exact Lighthouse
sys.path[:0] = [str(ROOT / "py"), str(ROOT / "tests")]

from pages import CHROMIUM_FLAGS, chromium_executable  # noqa: E402
from sitebuild.config import Config, default_cache  # noqa: E402
from sitebuild.serve import load_brotli, site_server  # noqa: E402

CATEGORIES = {"performance": "Performance", "accessibility": "Accessibility", "best-practices": "Best practices"}
CATEGORIES["seo"] = "SEO"
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT"}
METRICS |= {"cumulative-layout-shift": "CLS", "speed-index": "SI", "interactive": "TTI (hidden)"}
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
TOP, ITEMS = 12, 6  # performance problems listed; detail rows per audit


def figures(report: dict) -> dict[str, float | None]:
    """Each category's score (0-100) and each metric's value (ms; CLS unitless); None: not measured."""
    found = {key: report.get("categories", {}).get(key, {}).get("score") for key in CATEGORIES}
    found = {key: None if score is None else round(100 * score) for key, score in found.items()}
    return found | {key: report["audits"].get(key, {}).get("numericValue") for key in METRICS}


def audits(report: dict, category: str) -> list[dict]:  # but the metrics (in the table already)
    refs = report["categories"].get(category, {}).get("auditRefs", [])
    return [report["audits"][ref["id"]] for ref in refs if ref.get("group") != "metrics"]


def scored_below_one(audit: dict) -> bool:  # a score of None: manual, not applicable, informative
    return audit.get("score") is not None and audit["score"] < 1


def savings(audit: dict) -> float:  # estimated ms saved (not the CLS one)
    return sum(value for key, value in (audit.get("metricSavings") or {}).items() if key != "CLS" and value)


def performance_problems(report: dict, top: int = TOP) -> list[dict]:
    """Performance audits beyond the metrics, with details, that fail or estimate savings: most saved first."""
    found = [a for a in audits(report, "performance") if (a.get("details") or {}).get("items")]
    found = [audit for audit in found if savings(audit) or scored_below_one(audit)]
    return sorted(found, key=lambda audit: (-savings(audit), audit.get("score") or 0))[:top]


def cell(value, kind: str | None = None) -> str:
    """One value of a details table, as its heading's valueType says."""
    if isinstance(value, dict):
        if value.get("type") == "source-location":
            return f"{value.get('url')}:{value.get('line', 0) + 1}:{value.get('column', 0) + 1}"
        if value.get("type") == "node":
            return value.get("selector") or value.get("nodeLabel") or value.get("snippet", "")
        known = "url" in value or "value" in value
        return cell(value.get("url", value.get("value")), kind) if known else json.dumps(value)[:120]
    if isinstance(value, float | int) and not isinstance(value, bool):
        if kind == "bytes":
            return f"{value / 1024:,.1f} KiB"
        return f"{value:,.0f} ms" if kind in ("ms", "timespanMs") else f"{value:,.4g}"
    return str(value)


def detail_lines(audit: dict, limit: int = ITEMS) -> list[str]:
    """The rows of an audit's details (tables nested in a list too), each as `heading: value; ...`."""
    details, lines = audit.get("details") or {}, []
    tables = [details] if "headings" in details else [i for i in details.get("items", []) if i.get("type") == "table"]
    for table in tables:
        heads = [(h["key"], h.get("label") or h["key"], h.get("valueType")) for h in table["headings"] if h.get("key")]
        for item in table.get("items", [])[:limit]:
            parts = [f"{label}: {cell(item[key], kind)}" for key, label, kind in heads if item.get(key) is not None]
            subitems = (item.get("subItems") or {}).get("items", [])
            parts += [str(v) for sub in subitems for k, v in sub.items() if isinstance(v, str) and k != "type"]
            lines.append("; ".join(parts))
        if len(table.get("items", [])) > limit:
            lines.append(f"... {len(table['items']) - limit} more")
    return [f"    {line}" for line in lines if line]


def shown(key: str, value: float | None) -> str:
    """A median as the table shows it: a score, seconds, or CLS itself."""
    if value is None or key in CATEGORIES:
        return "–" if value is None else f"{value:.0f}"
    return f"{value:.3f}" if key.startswith("cumulative") else f"{value / 1000:.2f} s"


def summary_rows(reports: dict[str, list[dict]]) -> list[str]:
    """The table: each category's score and each metric, a column per form factor (medians of its runs)."""
    rows = ["| | " + " | ".join(reports) + " |", "|---" * (len(reports) + 1) + "|"]
    for key, label in {**CATEGORIES, **METRICS}.items():
        values = [[figures(report)[key] for report in runs] for runs in reports.values()]
        values = [statistics.median(found) if None not in found else None for found in values]
        rows.append(f"| {label} | " + " | ".join(shown(key, value) for value in values) + " |")
    return rows


def findings(form: str, runs: list[dict]) -> list[str]:
    """What one form factor's runs found: warnings and errors, the audits below 1 but in performance
    (in how many runs; the details of the last), and the performance problems of the run of median score."""
    lines = [f"[{form}] {w}" for r in runs for w in [*r.get("runWarnings", []), r.get("runtimeError")] if w]
    for category in ("accessibility", "best-practices", "seo"):
        failing: dict[str, tuple[int, dict]] = {}
        for report in runs:
            for audit in filter(scored_below_one, audits(report, category)):
                failing[audit["id"]] = (failing.get(audit["id"], (0,))[0] + 1, audit)
        lines.append(f"\n{form}, {CATEGORIES[category]}: {len(failing)} audit(s) below 1")
        for count, audit in failing.values():
            value = f"{audit['score']:.2g}, {audit.get('displayValue') or ''}".rstrip(", ")
            lines += [f"- {audit['id']}: {audit['title']} ({value}; {count}/{len(runs)} runs)", *detail_lines(audit)]
    median_run = sorted(runs, key=lambda report: figures(report)["performance"] or 0)[(len(runs) - 1) // 2]
    lines.append(f"\n{form}, Performance: the main problems (the run of median score)")
    for audit in performance_problems(median_run):
        score = "informative" if audit.get("score") is None else f"{audit['score']:.2g}"
        saved = audit.get("metricSavings") and f"savings {audit['metricSavings']}"
        value = "; ".join(filter(None, [score, audit.get("displayValue"), saved]))
        lines += [f"- {audit['id']}: {audit['title']} ({value})", *detail_lines(audit)]
    return lines


def lighthouse_command(cache: Path) -> tuple[list[str] | None, str]:
    """``node <cli>`` of the pinned Lighthouse (``npm ci``'d into cache/lighthouse/), or None and why not."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return None, f"no {'node' if not node else 'npm'} on PATH (Lighthouse runs on Node >= 18.16)"
    folder, files = cache / "lighthouse", ("package.json", "package-lock.json")
    wanted = hashlib.sha256(b"".join((PIN / name).read_bytes() for name in files)).hexdigest()
    cli, stamp = folder / "node_modules" / "lighthouse" / "cli" / "index.js", folder / ".lock.sha256"
    if not (cli.exists() and stamp.exists() and stamp.read_text() == wanted):
        folder.mkdir(parents=True, exist_ok=True)
        for name in files:
            shutil.copyfile(PIN / name, folder / name)
        print(f"[bench] npm ci --prefix {folder}", flush=True)
        npm_ci = [npm, "ci", "--prefix", str(folder), "--ignore-scripts", "--no-audit", "--no-fund"]
        installed = subprocess.run(npm_ci, capture_output=True)
        if installed.returncode:
            return None, "npm ci failed: " + installed.stderr.decode(errors="replace").strip()[-500:]
        stamp.write_text(wanted)
    return [node, str(cli)], ""


def run_lighthouse(command: list[str], url: str, extra: list[str], out: Path, chromium: str | None) -> dict:
    """One Lighthouse run: its JSON report."""
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    env = {**os.environ, **({"CHROME_PATH": chromium} if chromium else {})}
    args = [url, "--output=json", f"--output-path={out}", f"--chrome-flags={flags}", "--quiet", *extra]
    subprocess.run([*command, *args], check=True, env=env)
    return json.loads(out.read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per form factor (default 1; medians)")
    args, _ = parser.parse_known_args(argv)  # bench_site.py's other options mean nothing here
    command, why = lighthouse_command(default_cache())
    if command is None:
        print(f"[bench] Lighthouse audit skipped: {why}")
        return 0
    server = site_server(DIST, brotli=load_brotli(Config()))  # as Netlify: brotli where accepted
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    reports: dict[str, list[dict]] = {form: [] for form in FORM_FACTORS}
    with tempfile.TemporaryDirectory(prefix="nnbasics-lighthouse-") as scratch:
        for run in range(args.runs):  # one Lighthouse at a time, the form factors in turn
            for form, extra in FORM_FACTORS.items():
                print(f"[bench] Lighthouse {form}, run {run + 1}/{args.runs}", flush=True)
                out = Path(scratch) / f"{form}-{run}.json"
                reports[form].append(run_lighthouse(command, url, extra, out, chromium_executable()))
    server.shutdown()

    first = reports["mobile"][0]
    print(f"\nLighthouse {first['lighthouseVersion']} on {DIST} ({first['environment']['hostUserAgent']})")
    print(f"medians of {args.runs} run(s) per form factor\n", *summary_rows(reports), sep="\n")
    for form, runs in reports.items():
        print(*findings(form, runs), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
