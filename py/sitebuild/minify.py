"""The page's own scripts and stylesheets minified in dist/ by the pinned esbuild, each with a
source map (its original text inside, under /web/); vendored files are left as they come."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from .config import Config, log, write
from .esbuild import esbuild_binary, run_esbuild

MINIFIED = (".js", ".mjs", ".css")
# put inline into the practice frame's srcdoc, where netlify.toml's CSP allows it by its hash
NOT_MINIFIED = frozenset({"practice/frame.js"})


def minifiable(relative: str) -> bool:
    """Whether the file of dist/ at ``relative`` (a path there, from web/) is minified.

    Examples
    --------
    >>> [minifiable(name) for name in ("cards/app.js", "start/python-worker.js", "app.css", "practice/frame.js")]
    [True, True, True, False]
    >>> minifiable("cards/bindings.py"), minifiable("vendor/codemirror-0123abcd/editor.js")
    (False, False)
    """
    return relative.endswith(MINIFIED) and relative not in NOT_MINIFIED and not relative.startswith("vendor/")


def minify(config: Config, out: Path, files: dict[str, str]) -> bool:
    """Minify ``files`` ({path in ``out``: its path in web/}) in place, each with ``<file>.map`` beside
    it; False (the files left as they are) where the pinned esbuild cannot run."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        binary = esbuild_binary(config, work)
        if binary is None:
            log("minify", "no pinned esbuild for this machine: the page's scripts ship unminified")
            return False
        before = after = 0
        for shipped, source in sorted(files.items()):
            target = out / shipped
            data = target.read_bytes()
            write(work / "web" / source, data)
            arguments = [f"web/{source}", "--minify", "--sourcemap", "--sources-content=true", "--charset=utf8"]
            problem = run_esbuild(binary, [*arguments, "--legal-comments=none", f"--outfile={target}"], work)
            if problem:
                write(target, data)
                log("minify", f"esbuild {config.esbuild.version} cannot minify {source} ({problem}): shipped as it is")
                continue
            source_map = json.loads(Path(f"{target}.map").read_text("utf-8"))
            source_map.update(sourceRoot="/web/", sources=[source])
            write(Path(f"{target}.map"), json.dumps(source_map, ensure_ascii=False, separators=(",", ":")))
            before += len(gzip.compress(data, mtime=0))
            after += len(gzip.compress(target.read_bytes(), mtime=0))
    log("minify", f"{len(files)} scripts and stylesheets of the page: {before // 1000} -> {after // 1000} kB gzipped")
    return True
