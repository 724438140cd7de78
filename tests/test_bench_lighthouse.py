"""tests/bench_lighthouse.py without a browser or the network: a hand-written Lighthouse report turned
into the printed table and findings, the skip without Node, and the pin in tests/lighthouse/."""

from __future__ import annotations

import json
import re

import bench_lighthouse as lighthouse

SOURCE = {"type": "source-location", "url": "http://x/a.js", "line": 9, "column": 4}


def report(performance: float = 0.28, fcp: float = 3900.0) -> dict:
    """A tiny report in Lighthouse 12's shape: one audit of each kind the printer meets."""
    audits = {
        "first-contentful-paint": {"id": "first-contentful-paint", "score": 0.3, "numericValue": fcp},
        "cumulative-layout-shift": {"id": "cumulative-layout-shift", "score": 1, "numericValue": 0.0453},
        "deprecations": {
            "id": "deprecations",
            "title": "Uses deprecated APIs",
            "score": 0,
            "displayValue": "1 warning found",
            "details": {
                "type": "table",
                "headings": [{"key": "value", "valueType": "text", "label": "Warning"}, {"key": "source"}],
                "items": [{"value": "SharedArrayBuffer needs isolation", "source": SOURCE}],
            },
        },
        "valid-source-maps": {
            "id": "valid-source-maps",
            "title": "Missing source maps",
            "score": 0,
            "details": {
                "type": "table",
                "headings": [{"key": "scriptUrl", "valueType": "url", "label": "URL"}],
                "items": [{"scriptUrl": "http://x/big.js", "subItems": {"items": [{"error": "no map"}]}}],
            },
        },
        "meta-description": {"id": "meta-description", "title": "Has a description", "score": 1},
        "structured-data": {"id": "structured-data", "title": "Structured data", "score": None},
        "unused-javascript": {
            "id": "unused-javascript",
            "title": "Reduce unused JavaScript",
            "score": 0.5,
            "metricSavings": {"FCP": 150, "LCP": 300},
            "details": {
                "type": "opportunity",
                "headings": [
                    {"key": "url", "valueType": "url", "label": "URL"},
                    {"key": "wastedBytes", "valueType": "bytes", "label": "Est Savings"},
                ],
                "items": [{"url": f"http://x/{n}.js", "wastedBytes": 2048 * n} for n in range(1, 9)],
            },
        },
        "long-tasks": {
            "id": "long-tasks",
            "title": "Avoid long main-thread tasks",
            "score": None,
            "displayValue": "2 long tasks found",
            "metricSavings": {"TBT": 9000},
            "details": {
                "type": "list",
                "items": [
                    {
                        "type": "table",
                        "headings": [{"key": "duration", "valueType": "ms", "label": "Duration"}],
                        "items": [{"duration": 6973.4}],
                    }
                ],
            },
        },
        "uses-http2": {"id": "uses-http2", "title": "HTTP/2", "score": 1, "details": {"items": [{"url": "u"}]}},
    }
    refs = {
        "performance": [("first-contentful-paint", "metrics"), ("cumulative-layout-shift", "metrics")]
        + [("unused-javascript", "diagnostics"), ("long-tasks", "diagnostics"), ("uses-http2", "diagnostics")],
        "accessibility": [],
        "best-practices": [("deprecations", "general"), ("valid-source-maps", "general")],
        "seo": [("meta-description", "content"), ("structured-data", None)],
    }
    scores = {"performance": performance, "accessibility": 1, "best-practices": 0.82, "seo": 1}
    categories = {
        key: {"score": scores[key], "auditRefs": [{"id": id, "group": group} for id, group in ids]}
        for key, ids in refs.items()
    }
    return {"categories": categories, "audits": audits, "runWarnings": []}


def test_figures_are_scores_out_of_100_and_the_metrics_values():
    figures = lighthouse.figures(report())
    assert [figures[key] for key in lighthouse.CATEGORIES] == [28, 100, 82, 100]
    assert figures["first-contentful-paint"] == 3900.0 and figures["cumulative-layout-shift"] == 0.0453
    assert figures["speed-index"] is None  # not in the report: shown as a dash


def test_the_table_holds_each_form_factors_medians():
    runs = [report(0.2, 3000), report(0.4, 5000), report(0.3, 4000)]
    rows = lighthouse.summary_rows({"mobile": runs, "desktop": [report(0.9, 800)]})
    assert rows[:2] == ["| | mobile | desktop |", "|---|---|---|"]
    assert "| Performance | 30 | 90 |" in rows and "| Best practices | 82 | 82 |" in rows
    assert "| FCP | 4.00 s | 0.80 s |" in rows and "| CLS | 0.045 | 0.045 |" in rows and "| SI | – | – |" in rows


def test_findings_name_every_audit_below_1_with_its_details_and_the_performance_problems():
    first, second = report(), report()
    second["audits"] = {**second["audits"], "valid-source-maps": {**second["audits"]["valid-source-maps"], "score": 1}}
    text = "\n".join(lighthouse.findings("mobile", [first, second]))
    assert "mobile, Best practices: 2 audit(s) below 1" in text and "mobile, SEO: 0 audit(s) below 1" in text
    assert "- deprecations: Uses deprecated APIs (0, 1 warning found; 2/2 runs)" in text
    assert "Warning: SharedArrayBuffer needs isolation; source: http://x/a.js:10:5" in text
    assert "- valid-source-maps: Missing source maps (0; 1/2 runs)\n    URL: http://x/big.js; no map" in text
    assert "meta-description" not in text and "structured-data" not in text  # passed; no score
    problems = text.split("Performance: the main problems")[1]
    assert problems.index("long-tasks") < problems.index("unused-javascript")  # most estimated savings first
    assert "Duration: 6,973 ms" in problems and "URL: http://x/1.js; Est Savings: 2.0 KiB" in problems
    assert "... 2 more" in problems and "uses-http2" not in problems  # six rows an audit; a pass is no problem


def test_without_node_the_audit_is_skipped_and_says_why(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(lighthouse.shutil, "which", lambda name: None if name == "node" else "/usr/bin/" + name)
    command, why = lighthouse.lighthouse_command(tmp_path)
    assert command is None and why.startswith("no node on PATH")
    monkeypatch.setattr(lighthouse, "default_cache", lambda: tmp_path)
    assert lighthouse.main([]) == 0
    assert "Lighthouse audit skipped: no node on PATH" in capsys.readouterr().out
    assert not (tmp_path / "lighthouse").exists()


def test_lighthouse_is_pinned_to_one_version_with_a_lock_of_integrity_hashes():
    wanted = json.loads((lighthouse.PIN / "package.json").read_text())["dependencies"]["lighthouse"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", wanted), "an exact version, no range"
    lock = json.loads((lighthouse.PIN / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/lighthouse"]["version"] == wanted
    packages = [entry for path, entry in lock["packages"].items() if path]
    assert packages and all(entry["integrity"].startswith("sha512-") for entry in packages)
