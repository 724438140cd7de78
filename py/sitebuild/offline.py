"""What makes the site work offline: the service worker with this build's cache name and precache
list, and the content-hashed names of the vendor folders."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .config import ROOT, write
from .pins import VENDOR_EDITOR
from .serve import headers_for, netlify_headers


def files_digest(files: dict[str, bytes]) -> str:
    """One sha256 over a set of files: their names and contents."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def content_dir(base: str, files: dict[str, bytes]) -> str:
    """``base`` plus a hash of the files in it: trimmed or recompiled files never reuse a path.

    The vendor folders are cached as immutable, so any change in what they hold must move them.
    """
    return f"{base}-{files_digest(files)[:10]}"


CACHE_READER = "start/prepare.js"  # the file of dist/ that reads the service worker's cache itself
CACHE_NAME = re.compile(r'"(__CACHE__|nnbasics-[0-9a-f]{16})"')  # its placeholder, or a name written in


def service_worker(out: Path, root: Path = ROOT) -> str:
    """web/sw.js with the name of this build's cache (nnbasics- and a hash of every file, taken with
    CACHE_READER holding its placeholder; written into it too, again after a change to the site), its
    precache list (all but the lazily loaded editor) and the headers netlify.toml gives every path (the
    CSP and the other security headers), which the service worker puts on every response it serves
    from its cache."""
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    reader = CACHE_NAME.sub('"__CACHE__"', files[CACHE_READER].decode())
    files[CACHE_READER] = reader.encode()
    cache = f"nnbasics-{files_digest(files)[:16]}"
    write(out / CACHE_READER, reader.replace('"__CACHE__"', f'"{cache}"'))
    # The practice editor is loaded only when a Practice tab is first opened: not precached (a
    # visit that never practises downloads none of it); the worker keeps it once it was used.
    lazy = [f"./{name}" for name in sorted(files) if name.startswith(VENDOR_EDITOR + "-")]
    # the page once, as "./" (what a visit loads: revalidated, not downloaded again), not as index.html;
    # no source map (only a browser's developer tools ask for one)
    precache = ["./"] + [
        f"./{name}"
        for name in sorted(files)
        if f"./{name}" not in lazy and name != "index.html" and not name.endswith(".map")
    ]
    return (
        (root / "web" / "offline" / "sw.js")
        .read_text()
        .replace("__CACHE__", cache)
        .replace('["__PRECACHE__"]', json.dumps(precache, indent=2))
        .replace('["__LAZY__"]', json.dumps(lazy, indent=2))
        .replace('{ __HEADERS__: "" }', json.dumps(headers_for("/", netlify_headers(root)), indent=2))
    )
