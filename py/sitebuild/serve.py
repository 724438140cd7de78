"""The dev server: dist/ served as Netlify serves it (netlify.toml's headers, gzip, ETags)."""

from __future__ import annotations

import fnmatch
import gzip
import hashlib
import http.server
from functools import partial
from pathlib import Path

from .config import ROOT


def netlify_headers(root: Path = ROOT) -> list[tuple[str, dict[str, str]]]:
    """The [[headers]] rules of netlify.toml: the one place headers are defined."""
    import tomllib  # Python 3.11+, checked in main()

    config = tomllib.loads((root / "netlify.toml").read_text())
    return [(rule["for"], rule["values"]) for rule in config.get("headers", [])]


NETLIFY_DEFAULT_CACHE_CONTROL = "public, max-age=0, must-revalidate"  # where no rule sets one


def headers_for(url_path: str, rules: list[tuple[str, dict[str, str]]]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for pattern, values in rules:
        if fnmatch.fnmatchcase(url_path, pattern):
            headers.update(values)
    return headers


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves dist/ as the deployed site is served: Netlify's headers, gzip, ETags."""

    rules: list[tuple[str, dict[str, str]]] = []
    # HTTP/1.1, as Netlify speaks (HTTP/2 there): Chromium revalidates with an ETag only a response of
    # HTTP/1.1 or later, so under HTTP/1.0 the service worker's precache downloaded every file again.
    protocol_version = "HTTP/1.1"
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
        ".whl": "application/zip",
        ".zip": "application/zip",
        ".py": "text/plain; charset=utf-8",
    }
    _gzipped: dict[tuple[str, float], bytes] = {}

    def do_GET(self) -> None:
        self.send_body(head_only=False)

    def do_HEAD(self) -> None:
        self.send_body(head_only=True)

    def send_response(self, code: int, message: str | None = None) -> None:
        self.status = code  # end_headers sends cache headers only with a file (200) or its 304
        super().send_response(code, message)

    def send_body(self, head_only: bool) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404, "File not found")
            return
        data = path.read_bytes()
        etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("ETag", etag)
        self.send_header("Vary", "Accept-Encoding")
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            key = (str(path), path.stat().st_mtime)
            if key not in self._gzipped:
                self._gzipped[key] = gzip.compress(data, compresslevel=6, mtime=0)
            data = self._gzipped[key]
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head_only:
            self.wfile.write(data)
        self.body_bytes = len(data)  # what went over the wire (read by build.py bench)

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        if path.endswith("/"):
            path += "index.html"
        headers = {"Cache-Control": NETLIFY_DEFAULT_CACHE_CONTROL, **headers_for(path, self.rules)}
        if self.status not in (200, 304):  # an error is never cached like the file would be
            headers["Cache-Control"] = NETLIFY_DEFAULT_CACHE_CONTROL
        for key, value in headers.items():
            if key.lower() != "content-type":  # already sent, from the file's type
                self.send_header(key, value)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # quiet: one line per error only
        if len(args) > 1 and str(args[1])[:1] in "45":
            super().log_message(format, *args)


def site_server(
    directory: Path, port: int = 0, handler: type = SiteHandler, root: Path = ROOT
) -> http.server.ThreadingHTTPServer:
    """A server for ``directory`` on localhost (port 0: any free port), not yet started, with the
    headers of ``root``'s netlify.toml."""
    handler.rules = netlify_headers(root)
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(directory)))


def serve(directory: Path, port: int) -> None:
    """Serve ``directory`` until Ctrl+C."""
    with site_server(directory, port) as server:
        print(f"Serving {directory} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
