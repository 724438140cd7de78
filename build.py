#!/usr/bin/env python3
"""Build, serve, test and benchmark the NN Basics with NumPy site.

One standard-library entry point:

    python3 build.py                   build dist/ from web/, py/ and the vendored runtime
    python3 build.py serve [--port N]  build dist/, then serve it on localhost
    python3 build.py test [ARGS...]    set up a venv and a browser, build, lint, run pytest ARGS
    python3 build.py test --quick      only the tests that need no build and no browser
    python3 build.py bench             print the benchmark tables
    python3 build.py first-paint       regenerate the cards' example results shown before Python loads

Every vendored file is pinned and verified before it enters dist/: the npm tarballs by the
registry's sha512 integrity, the Pyodide wheels by the sha256 that the official
``pyodide-lock.json`` of the pinned release (inside the verified npm tarball) gives for them.
The work is done by the package py/sitebuild/ (see py/README.md), one module per step.
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    if sys.version_info < (3, 11):
        sys.exit(f"[build] FAILED: build.py needs Python 3.11 or newer, not {sys.version.split()[0]}")
    sys.path.insert(0, str(Path(__file__).resolve().parent / "py"))
    from sitebuild.cli import main

    sys.exit(main(description=__doc__))
