"""What the wire carries: the wheels and zips ship with stored entries, so that the server
compresses each as a whole (brotli sees across entries, deflated entries it cannot shrink);
netlify.toml serves them as application/wasm, a content type Netlify compresses; and
``build.py serve`` does the same, in brotli (the pinned one) or gzip as the client accepts."""

from __future__ import annotations

import gzip
import socket
import struct
import sys
import threading
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import replace

import brotli
import pytest

from sitebuild.assemble import build
from sitebuild.config import ROOT, Config
from sitebuild.serve import headers_for, load_brotli, netlify_headers, pinned_version, site_server


def archives(out):
    """NumPy's wheel, the standard library and the package, as the build put them into ``out``."""
    found = [*out.glob("vendor/pyodide-*/*.whl"), *out.glob("vendor/pyodide-*/*.zip"), out / "nnbasics.zip"]
    assert len(found) == 3, found
    return found


@pytest.mark.build
def test_the_wheels_and_zips_ship_stored_and_as_a_type_the_server_compresses(tmp_path, cache, offline):
    out = build(replace(offline, out=tmp_path / "dist"))
    rules = netlify_headers(ROOT)
    for archive in archives(out):
        entries = zipfile.ZipFile(archive).infolist()
        assert entries and {entry.compress_type for entry in entries} == {zipfile.ZIP_STORED}, archive.name
        path = "/" + archive.relative_to(out).as_posix()
        assert headers_for(path, rules)["Content-Type"] == "application/wasm", path


def fetch(url: str, **headers) -> tuple[dict, bytes]:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return dict(response.headers), response.read()


@pytest.mark.build
def test_serve_answers_brotli_or_gzip_as_accepted_with_netlify_types_headers_and_etags(tmp_path, cache, offline):
    out = build(replace(offline, out=tmp_path / "dist"))
    server = site_server(out, brotli=load_brotli(offline))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        for file in [*archives(out), *out.glob("vendor/pyodide-*/pyodide.asm.wasm"), out / "index.html"]:
            url, data = base + file.relative_to(out).as_posix(), file.read_bytes()
            wasm_typed = file.suffix in (".whl", ".zip", ".wasm")
            headers, body = fetch(url, **{"Accept-Encoding": "gzip, deflate, br, zstd"})  # Chromium's
            assert headers["Content-Encoding"] == "br", file.name
            assert brotli.decompress(body) == data
            assert len(body) < len(data) * (0.9 if wasm_typed else 0.5), file.name  # stored: it compresses
            assert (headers["Content-Type"] == "application/wasm") is wasm_typed, file.name
            assert "default-src 'self'" in headers["Content-Security-Policy"]
            assert headers["Vary"] == "Accept-Encoding"
            assert ("immutable" in headers["Cache-Control"]) is file.is_relative_to(out / "vendor"), file.name
            headers, body = fetch(url, **{"Accept-Encoding": "gzip"})
            assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == data
            headers, body = fetch(url)
            assert "Content-Encoding" not in headers and body == data
            with pytest.raises(urllib.error.HTTPError) as not_modified:
                fetch(url, **{"If-None-Match": headers["ETag"]})
            assert not_modified.value.code == 304
    finally:
        server.shutdown()


def test_serve_takes_the_brotli_the_test_requirements_pin():
    config = Config()
    assert pinned_version(config.requirements, "brotli") == brotli.__version__
    assert load_brotli(config) is sys.modules["brotli"]


def test_without_the_pinned_brotli_and_no_way_to_install_it_serve_falls_back_to_gzip(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "requirements.txt").write_text("numpy==2.0.2\nbrotli==0.0.1  # not what is installed\n")
    config = Config(root=tmp_path, cache=tmp_path / "cache")
    native = sys.modules["_brotli"]
    try:
        assert load_brotli(config, python="/bin/false") is None  # a pip that fails, as offline
        assert not (config.cache / "brotli-0.0.1" / ".installed").exists()
    finally:  # the pinned one, forgotten above as another version than 0.0.1
        sys.modules.update(brotli=brotli, _brotli=native)
    server = site_server(ROOT / "web", brotli=None)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        headers, body = fetch(
            f"http://127.0.0.1:{server.server_address[1]}/index.html", **{"Accept-Encoding": "br, gzip"}
        )
        assert headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == (ROOT / "web" / "index.html").read_bytes()
    finally:
        server.shutdown()


def test_a_client_that_goes_away_mid_download_is_no_error_of_the_server(tmp_path, capsys):
    (tmp_path / "big.whl").write_bytes(bytes(range(256)) * 80_000)  # 20 MB: more than a socket buffer
    server = site_server(tmp_path)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = socket.create_connection(server.server_address)
        client.sendall(b"GET /big.whl HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert client.recv(1024).startswith(b"HTTP/1.1 200")
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
        client.close()
        time.sleep(0.5)
        assert fetch(f"http://127.0.0.1:{server.server_address[1]}/big.whl")[1][:256] == bytes(range(256))
    finally:
        server.shutdown()
    assert "Traceback" not in capsys.readouterr().err
