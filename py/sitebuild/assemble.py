"""Assembling dist/: every verified and trimmed file in its place, the page rendered, the service
worker written last; a failed build leaves the previous dist/ as it was."""

from __future__ import annotations

import io
import json
import re
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from .bytecode import precompiled_stdlib
from .config import BuildError, Config, log, write
from .editor import EDITOR_ENTRY, editor_bundle
from .fetch import WheelSources, fetch_npm, sha256_hex, tar_members
from .minify import minifiable, minify
from .offline import CACHE_READER, content_dir, files_digest, service_worker
from .optimisations import PLACEHOLDER, unshipped
from .page import preload_links, python_manifest, render_index, templates
from .pins import NUMPY_VERSION, PYODIDE, PYODIDE_CORE, VENDOR_EDITOR, VENDOR_PYODIDE, WHEELS
from .trim import NUMPY_UNUSED, STDLIB_NEEDED, STDLIB_UNUSED, without, without_source_map

# Files whose place in the site is fixed: the service worker's folder is its scope, and the
# manifest sits beside it. Everything else keeps its web/ path.
AT_ROOT = {"offline/sw.js": "sw.js", "offline/manifest.webmanifest": "manifest.webmanifest"}


def zip_package(config: Config) -> bytes:
    """py/nnbasics as one archive for python.json's ``files`` (unpacked into the FS), its entries stored
    (the server compresses it on the wire: trim.without)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted((config.py / "nnbasics").rglob("*.py")):
            info = zipfile.ZipInfo(str(path.relative_to(config.py)), date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def shipped_lock(official: dict, wheels: dict[str, bytes]) -> dict:
    """The official lock cut down to the packages dist/ ships, with their real hashes."""
    packages = {}
    for name, data in wheels.items():
        entry = dict(official["packages"][name])
        entry["sha256"] = sha256_hex(data)
        packages[name] = entry
    return {"info": official["info"], "packages": packages}


def scripts_without_source_maps(name: str, data: bytes) -> bytes:
    """A vendored file as shipped: a script without its source map's reference (trim.without_source_map)."""
    return without_source_map(data) if name.endswith((".js", ".mjs")) else data


def vendor_pyodide(config: Config, out: Path) -> tuple[str, dict[str, bytes]]:
    """The verified Pyodide core and wheels, trimmed, in their content-named folder of ``out``:
    (the folder, {file name: bytes})."""
    pyodide_files = tar_members(fetch_npm(PYODIDE, config))
    official = json.loads(pyodide_files["pyodide-lock.json"])
    if official["info"]["version"] != PYODIDE.version:
        raise BuildError(f"pyodide-lock.json is for {official['info']['version']}")
    if official["packages"]["numpy"]["version"] != NUMPY_VERSION:
        raise BuildError(f"Pyodide {PYODIDE.version} ships NumPy {official['packages']['numpy']['version']}")
    sources = WheelSources(config)
    wheels = {}
    for name in WHEELS:
        entry = official["packages"][name]
        wheels[name] = sources.fetch(entry["file_name"], entry["sha256"])

    log("assemble", f"vendor Pyodide {PYODIDE.version} core and {', '.join(WHEELS)} (unused parts left out)")
    wheels["numpy"] = without(wheels["numpy"], NUMPY_UNUSED)
    stdlib = without(pyodide_files["python_stdlib.zip"], STDLIB_UNUSED, STDLIB_NEEDED)
    if "stdlib-bytecode" not in config.off:
        stdlib = precompiled_stdlib(stdlib, pyodide_files, config)
    pyodide_files["python_stdlib.zip"] = stdlib
    shipped = {name: scripts_without_source_maps(name, pyodide_files[name]) for name in PYODIDE_CORE}
    shipped.update({official["packages"][name]["file_name"]: data for name, data in wheels.items()})
    shipped["pyodide-lock.json"] = json.dumps(shipped_lock(official, wheels)).encode()
    pyodide_dir = content_dir(VENDOR_PYODIDE, shipped)
    for name, data in shipped.items():
        write(out / pyodide_dir / name, data)
    return pyodide_dir, shipped


def assemble(config: Config, out: Path) -> None:
    """Write the complete site into ``out``."""
    pyodide_dir, shipped = vendor_pyodide(config, out)

    editor = editor_bundle(config)
    editor_dir = content_dir(VENDOR_EDITOR, editor) if editor else ""
    for name, data in editor.items():
        write(out / editor_dir / name, data)

    log("assemble", "the page and the nnbasics package")
    web = config.web
    operations = json.loads((web / "operations.json").read_text())
    # where Pyodide is, and the start-up optimisations left out (see py/sitebuild/optimisations.py)
    start = {"__PYODIDE__": f"../{pyodide_dir}/", PLACEHOLDER: json.dumps(sorted(config.off))}
    shared = json.dumps(json.loads((web / "shared.json").read_text("utf-8")), ensure_ascii=False)
    placeholders = {
        **{f"start/{name}": start for name in ("prepare.js", "python-worker.js", "snapshot-worker.js")},
        "shared.js": {'{ __SHARED__: "" }': shared},
    }
    left_out = templates(web) | {EDITOR_ENTRY} | unshipped(config.off)
    own = {}  # the page's own scripts and stylesheets: {path in out: path in web/}
    for path in sorted(web.rglob("*")):
        relative = path.relative_to(web).as_posix()
        if path.is_dir() or "__pycache__" in relative or relative in left_out or relative.endswith(".md"):
            continue
        if minifiable(relative):
            own[AT_ROOT.get(relative, relative)] = relative
        if relative == "index.html":
            template = path.read_text()
            modules = re.findall(r'<script type="module" src="\./([^"]+)">', template)
            links = [] if "preloads" in config.off else preload_links(web, modules)
            page = render_index(
                config,
                template,
                operations,
                links,
                f"./{editor_dir}/editor.js" if editor else "",
            )
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
    write(out / "python.json", json.dumps(python_manifest(web), indent=2))
    write(out / "nnbasics.zip", zip_package(config))
    # the service worker's cache name is a hash of every other file as shipped, minified, but it is
    # written into CACHE_READER, and sw.js names it: those two are minified once it is in them
    last = {shipped: own.pop(shipped) for shipped in (CACHE_READER, "sw.js")}
    minified = minify(config, out, own)
    write(out / "sw.js", service_worker(out, config.root))
    if minified:
        minify(config, out, last)


def sources_digest(config: Config) -> str:
    """One sha256 over everything a build reads from the checkout (web/, py/, netlify.toml) and how:
    a dist/ whose stamp differs is stale."""
    paths = [config.netlify, *config.web.rglob("*"), *config.py.rglob("*.py")]
    return files_digest(
        {
            path.relative_to(config.root).as_posix() + f"|{sorted(config.off)}": path.read_bytes()
            for path in paths
            if path.is_file() and "__pycache__" not in path.parts
        }
    )


def stamp(out: Path) -> Path:
    """Beside ``out``, not in it (nothing of the deployed site): the sources ``out`` was built from."""
    return out.with_name(out.name + ".sources")


def is_fresh(config: Config) -> bool:
    """Whether ``config.out`` was built, completely, from the checkout as it is now."""
    return stamp(config.out).is_file() and stamp(config.out).read_text() == sources_digest(config)


def build(config: Config) -> Path:
    """Rebuild ``config.out`` from scratch; on failure the previous one is left as it was."""
    started = time.perf_counter()
    out = config.out
    out.parent.mkdir(parents=True, exist_ok=True)
    digest = sources_digest(config)  # before reading them: a change made meanwhile makes it stale
    staging = Path(tempfile.mkdtemp(prefix=".dist-", dir=out.parent))
    try:
        assemble(config, staging)
        stamp(out).unlink(missing_ok=True)
        old = out.with_name(out.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if out.exists():
            out.rename(old)
        staging.rename(out)
        shutil.rmtree(old, ignore_errors=True)
        stamp(out).write_text(digest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    sizes = [path.stat().st_size for path in out.rglob("*") if path.is_file()]
    log("done", f"{len(sizes)} files, {sum(sizes) / 1e6:.1f} MB in {out} ({time.perf_counter() - started:.1f} s)")
    return out
