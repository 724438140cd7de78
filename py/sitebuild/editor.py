"""The practice editor: CodeMirror bundled from the pinned packages by the pinned esbuild."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from .config import Config, log, write
from .esbuild import esbuild_binary, run_esbuild
from .fetch import fetch_npm, tar_members
from .pins import EDITOR_PACKAGES

EDITOR_ENTRY = "practice/codemirror.js"  # in web/: bundled into the vendored editor.js, not shipped itself
ESBUILD_FLAGS = (
    "--bundle",
    "--minify",
    "--format=esm",
    "--target=es2020",
    "--charset=utf8",
    "--legal-comments=none",
)


def editor_bundle(config: Config) -> dict[str, bytes]:
    """The practice editor: web/practice/codemirror.js and the pinned CodeMirror packages bundled
    by the pinned esbuild, as {"editor.js": ..., "LICENSE": ...}; empty when esbuild cannot run here.

    Every tarball is verified like the rest (a tampered one stops the build); the same pins and
    entry give the same bytes, on every machine.
    """
    packages = {package: tar_members(fetch_npm(package, config)) for package in EDITOR_PACKAGES}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        binary = esbuild_binary(config, work)
        if binary is None:
            log("editor", "no pinned esbuild for this machine: the practice panels keep the plain textarea editor")
            return {}
        for package, files in packages.items():
            for name, data in files.items():
                write(work / "node_modules" / package.name / name, data)
        write(work / "entry.js", (config.web / EDITOR_ENTRY).read_bytes())
        problem = run_esbuild(binary, ["entry.js", *ESBUILD_FLAGS, "--outfile=editor.js"], work)
        if problem:
            log(
                "editor",
                f"esbuild {config.esbuild.version} cannot run here ({problem}): "
                "the practice panels keep the plain textarea editor",
            )
            return {}
        bundle = (work / "editor.js").read_bytes()
    licenses = "".join(
        f"{package.name} {package.version}\n\n{files['LICENSE'].decode()}\n\n" for package, files in packages.items()
    )
    log(
        "editor",
        f"CodeMirror bundled by esbuild {config.esbuild.version}: {len(bundle) // 1000} kB, "
        f"{len(gzip.compress(bundle, mtime=0)) // 1000} kB gzipped",
    )
    return {"editor.js": bundle, "LICENSE": licenses.encode()}
