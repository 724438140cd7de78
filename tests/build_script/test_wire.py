"""What the wire carries: the wheels and zips ship with stored entries, so that the server
compresses each as a whole (brotli sees across entries, deflated entries it cannot shrink), and
netlify.toml serves them as application/wasm, a content type Netlify compresses."""

from __future__ import annotations

import zipfile
from dataclasses import replace

import pytest

from sitebuild.assemble import build
from sitebuild.config import ROOT
from sitebuild.serve import headers_for, netlify_headers

pytestmark = pytest.mark.build


def test_the_wheels_and_zips_ship_stored_and_as_a_type_the_server_compresses(tmp_path, cache, offline):
    out = build(replace(offline, out=tmp_path / "dist"))
    archives = [*out.glob("vendor/pyodide-*/*.whl"), *out.glob("vendor/pyodide-*/*.zip"), out / "nnbasics.zip"]
    assert len(archives) == 3, archives  # NumPy's wheel, the standard library, the package
    rules = netlify_headers(ROOT)
    for archive in archives:
        entries = zipfile.ZipFile(archive).infolist()
        assert entries and {entry.compress_type for entry in entries} == {zipfile.ZIP_STORED}, archive.name
        path = "/" + archive.relative_to(out).as_posix()
        assert headers_for(path, rules)["Content-Type"] == "application/wasm", path
