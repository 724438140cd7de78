"""What a visit's files weigh on the wire under each encoding a server may send them in: gzip
(level 6, Netlify's and ``build.py serve``'s without brotli), brotli q5 (an on-the-fly level, as
``build.py serve`` sends) and brotli q11 (a CDN's level for a file it compresses ahead). Read by
tests/bench_site.py for the files its cold visits were sent."""

from __future__ import annotations

import functools
from pathlib import Path

import brotli

from sitebuild.serve import encode

ENCODINGS = {"gzip": ("gzip", None), "brotli q5": ("br", 5), "brotli q11": ("br", 11)}


@functools.cache
def weight(file: Path, name: str) -> int:
    """The bytes of ``file`` sent in the encoding ``name`` (one of ENCODINGS)."""
    encoding, quality = ENCODINGS[name]
    data = file.read_bytes()
    return len(encode(data, encoding, brotli, quality) if quality else encode(data, encoding))


def visit_weights(files: list[Path]) -> dict[str, int]:
    """The bytes of a visit that fetched ``files`` (each once), in each encoding of ENCODINGS.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     page = Path(folder) / "page.html"
    ...     _ = page.write_text("<p>a page of text, a page of text</p>" * 100)
    ...     weights = visit_weights([page, page])
    >>> sorted(weights) == sorted(ENCODINGS) and weights["brotli q11"] <= weights["gzip"] < 3800
    True
    """
    return {name: sum(weight(file, name) for file in set(files)) for name in ENCODINGS}
