"""The dev server: dist/ served as Netlify serves it (netlify.toml's headers and content types,
brotli or gzip, ETags), and the pinned brotli it compresses with."""

from __future__ import annotations

import fnmatch
import gzip
import hashlib
import http.server
import importlib
import subprocess
import sys
from functools import partial
from pathlib import Path
from types import ModuleType

from .config import ROOT, Config, log

BROTLI_QUALITY = 5  # an on-the-fly level, as a CDN compresses a response it has not seen (q11: bench)


def pinned_version(requirements: Path, name: str) -> str:
    """The version ``name`` is pinned to (``name==version``) in a requirements file."""
    for line in requirements.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.lower().startswith(name.lower() + "=="):
            return line.split("==", 1)[1].strip()
    raise LookupError(f"{requirements} pins no {name}")


def load_brotli(config: Config, python: str = sys.executable) -> ModuleType | None:
    """The ``brotli`` module at the version tests/requirements.txt pins: the one importable here if
    it is that version, else one pip puts under the cache (``brotli-<version>/``, a wheel only).
    None when neither can be had (offline, no pip): the server then sends gzip alone."""
    version = pinned_version(config.requirements, "brotli")
    module = _brotli_at(version)
    if module is not None:
        return module
    target = config.cache / f"brotli-{version}"
    if not (target / ".installed").exists():
        log("serve", f"installing the pinned brotli {version} into {target}")
        pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps"]
        pip += ["--only-binary", ":all:", "--upgrade", "--target", str(target), f"brotli=={version}"]
        if subprocess.run(pip, capture_output=True).returncode:
            log("serve", "could not install brotli: the server sends gzip only")
            return None
        (target / ".installed").write_text(version)
    sys.path.insert(0, str(target))
    return _brotli_at(version)


def _brotli_at(version: str) -> ModuleType | None:
    """``brotli`` as the import system finds it now, if it is ``version``."""
    for name in ("brotli", "_brotli"):  # a module of another version, imported before, is forgotten
        if getattr(sys.modules.get(name), "__version__", version) != version:
            sys.modules.pop(name)
    try:
        module = importlib.import_module("brotli")
    except ImportError:
        return None
    return module if getattr(module, "__version__", None) == version else None


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
    brotli: ModuleType | None = None  # site_server sets it: without it, gzip only
    _encoded: dict[tuple[str, float, str], bytes] = {}

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
        url_path = "/" + path.relative_to(self.directory).as_posix()
        content_type = headers_for(url_path, self.rules).get("Content-Type") or self.guess_type(str(path))
        self.send_header("Content-Type", content_type)
        self.send_header("ETag", etag)
        self.send_header("Vary", "Accept-Encoding")
        encoding = self.encoding()
        if encoding:
            key = (str(path), path.stat().st_mtime, encoding)
            if key not in self._encoded:
                self._encoded[key] = encode(data, encoding, self.brotli)
            data = self._encoded[key]
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head_only:
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client went away (a closed tab): nothing to say
                self.close_connection = True
                return
        self.body_bytes, self.served = len(data), path  # what went over the wire, of which file (for bench)

    def encoding(self) -> str | None:
        """The encoding the response goes in: brotli where the client takes it and the server has
        it, else gzip where the client takes it, else none."""
        accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        if "br" in accepted and self.brotli is not None:
            return "br"
        return "gzip" if "gzip" in accepted else None

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        if path.endswith("/"):
            path += "index.html"
        headers = {"Cache-Control": NETLIFY_DEFAULT_CACHE_CONTROL, **headers_for(path, self.rules)}
        if self.status not in (200, 304):  # an error is never cached like the file would be
            headers["Cache-Control"] = NETLIFY_DEFAULT_CACHE_CONTROL
        for key, value in headers.items():
            if key.lower() != "content-type":  # already sent, with the body
                self.send_header(key, value)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # quiet: one line per error only
        if len(args) > 1 and str(args[1])[:1] in "45":
            super().log_message(format, *args)


def encode(data: bytes, encoding: str, brotli: ModuleType | None = None, quality: int = BROTLI_QUALITY) -> bytes:
    """``data`` in ``encoding``: gzip at level 6 (Netlify's and this server's), or brotli at ``quality``."""
    if encoding == "br":
        return brotli.compress(data, quality=quality)
    return gzip.compress(data, compresslevel=6, mtime=0)


def site_server(
    directory: Path,
    port: int = 0,
    handler: type = SiteHandler,
    root: Path = ROOT,
    brotli: ModuleType | None = None,
) -> http.server.ThreadingHTTPServer:
    """A server for ``directory`` on localhost (port 0: any free port), not yet started, with the
    headers of ``root``'s netlify.toml, compressing with ``brotli`` (a module) where it is given."""
    handler.rules = netlify_headers(root)
    handler.brotli = brotli
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(directory)))


def serve(directory: Path, port: int, config: Config) -> None:
    """Serve ``directory`` until Ctrl+C, with brotli if the pinned one can be had."""
    with site_server(directory, port, root=config.root, brotli=load_brotli(config)) as server:
        print(f"Serving {directory} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
