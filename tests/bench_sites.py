"""The sites tests/bench_site.py compares, each on the site's own server (which counts the bytes of
every response): the built site, the bare PyScript reference page and a copy of the site that also
runs tests/benchmark.py."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

from sitebuild import pins
from sitebuild.config import Config, write
from sitebuild.fetch import WheelSources, fetch_npm, tar_members
from sitebuild.serve import SiteHandler, site_server

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


class CountingHandler(SiteHandler):
    """The site's own server, keeping a log of every response: the file whose body it sent (None for
    an error or a 304) and the bytes of that body."""

    log: list[tuple[Path | None, int]] = []
    lock = threading.Lock()

    def send_body(self, head_only: bool) -> None:
        self.body_bytes, self.served = 0, None
        super().send_body(head_only)
        with self.lock:
            self.log.append((self.served, self.body_bytes))


def reference_site(folder: Path) -> Path:
    """The bare page: PyScript + the same Pyodide, untrimmed, ``packages = ["numpy"]``."""
    config = Config()
    pyodide = tar_members(fetch_npm(pins.PYODIDE, config))
    official = json.loads(pyodide["pyodide-lock.json"])
    vendor = folder / pins.VENDOR_PYODIDE
    for name in pins.PYODIDE_CORE + ("pyodide.mjs", "pyodide-lock.json"):  # PyScript imports the module
        write(vendor / name, pyodide[name])
    sources = WheelSources(config)
    for name in ("numpy", "micropip", "packaging"):
        entry = official["packages"][name]
        write(vendor / entry["file_name"], sources.fetch(entry["file_name"], entry["sha256"]))
    for name, data in tar_members(fetch_npm(pins.PYSCRIPT, config)).items():
        if name.startswith("dist/") and not name.endswith(".map"):
            write(folder / pins.VENDOR_PYSCRIPT / name[len("dist/") :], data)
    write(folder / "index.html", REFERENCE_PAGE.format(pyscript=pins.VENDOR_PYSCRIPT))
    write(folder / "main.py", REFERENCE_MAIN)
    pyscript = {"interpreter": f"./{pins.VENDOR_PYODIDE}/pyodide.mjs", "packages": ["numpy"]}
    write(folder / "pyscript.json", json.dumps(pyscript))
    return folder


BENCH_HOOK = """

def benchmark_json(repeat):  # tests/bench_sites.py: figure 5
    import benchmark

    return json.dumps(benchmark.run(int(repeat)))


CALLS["benchmark_json"] = benchmark_json
"""


def site_with_benchmark(dist: Path, folder: Path) -> Path:
    """A copy of ``dist`` whose page's Python also answers the call ``benchmark_json(repeat)``
    (tests/benchmark.py, run in the page's interpreter).

    The shipped site carries no benchmark code; only this copy, for figure 5, does.
    """
    shutil.copytree(dist, folder)
    shutil.copy(Path(__file__).with_name("benchmark.py"), folder / "benchmark.py")
    with (folder / "cards" / "main.py").open("a") as main:
        main.write(BENCH_HOOK)
    manifest = json.loads((folder / "python.json").read_text())
    manifest["files"]["./benchmark.py"] = "./benchmark.py"
    (folder / "python.json").write_text(json.dumps(manifest))
    return folder


class ReferenceHandler(CountingHandler):
    """The reference page's server: the site's headers, but with the 'unsafe-eval' PyScript 0.6.66
    needs (it builds its hooks with Function()); the site itself needs none."""


def start(directory: Path, handler: type = CountingHandler) -> str:
    server = site_server(directory, handler=handler)
    if handler is ReferenceHandler:
        csp = "Content-Security-Policy"
        handler.rules = [
            (path, {**values, csp: values[csp].replace("'wasm-unsafe-eval'", "'wasm-unsafe-eval' 'unsafe-eval'")})
            if csp in values
            else (path, values)
            for path, values in handler.rules
        ]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"
