"""The build (py/sitebuild/) assembles a complete, verified dist/ and refuses anything it cannot verify."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import tarfile
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from sitebuild import optimisations, pins
from sitebuild.assemble import build
from sitebuild.config import ROOT, BuildError, this_machines_esbuild
from sitebuild.editor import EDITOR_ENTRY, editor_bundle
from sitebuild.fetch import npm_integrity
from sitebuild.offline import content_dir
from sitebuild.page import templates
from sitebuild.serve import headers_for, netlify_headers
from sitebuild.trim import STDLIB_UNUSED

WHEEL = "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pyodide_dir(out: Path) -> Path:
    """The one vendored Pyodide folder of a build (its name carries a hash of its files)."""
    [folder] = (out / "vendor").glob("pyodide-*")
    return folder


@pytest.mark.build
def test_dist_holds_every_file_the_shipped_lock_lists_with_its_hash(tmp_path, cache, offline):
    out = build(replace(offline, out=tmp_path / "dist"))
    vendor = pyodide_dir(out)
    lock = json.loads((vendor / "pyodide-lock.json").read_text())
    assert set(lock["packages"]) == set(pins.WHEELS)
    for entry in lock["packages"].values():
        assert sha256(vendor / entry["file_name"]) == entry["sha256"]
    for name in pins.PYODIDE_CORE:
        assert (vendor / name).stat().st_size > 0
    assert not (out / pins.VENDOR_PYSCRIPT).exists()  # the bench's reference page's only
    for name in (
        "index.html",
        "python.json",
        "nnbasics.zip",
        "operations.json",
        "catalogue.py",
        "cards/main.py",
        "cards/bindings.py",
        "cards/app.js",
        "plot/plot.js",
        "practice/grader.py",
        "sw.js",
        "manifest.webmanifest",
        "offline/icons/icon-192.png",
    ):
        assert (out / name).exists(), name
    for name in templates(ROOT / "web") | {"offline/sw.js", "offline/manifest.webmanifest", "plot/SPEC.md"}:
        assert not (out / name).exists(), f"{name} is a template, moved to the root, or documentation"


@pytest.mark.build
def test_the_page_loads_only_what_dist_ships(tmp_path, cache, offline):
    out = build(replace(offline, out=tmp_path / "dist"))
    manifest = json.loads((out / "python.json").read_text())
    for source in manifest["files"]:
        assert (out / source).exists()
    assert list(manifest["files"].values()).count("./*") == 1  # nnbasics.zip, unpacked
    html = (out / "index.html").read_text()
    for script in re.findall(r'<script (?:type="module" )?src="\./([^"]+)"', html):
        assert (out / script).exists(), script
    html = (out / "index.html").read_text()
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    for script in [*out.rglob("*.js"), *out.rglob("*.mjs")]:  # a source map it names, developer tools ask for
        for name in re.findall(r"^//# sourceMappingURL=(\S+)", script.read_text("utf-8", "replace"), re.M):
            assert (script.parent / name).exists(), f"{script.relative_to(out)} names {name}, which is not shipped"
    assert (out / "robots.txt").read_text().startswith("User-agent: *\nAllow: /")  # for crawlers: all of it


@pytest.mark.build
def test_a_second_build_needs_no_network(tmp_path, cache, offline):
    build(replace(offline, out=tmp_path / "dist"))  # `offline` makes any download fail


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.build
def test_a_tampered_wheel_in_the_cache_is_refused(tmp_path, cache, offline):
    flip_a_byte(cache / "wheels" / WHEEL)
    with pytest.raises(BuildError, match="could not get a verified numpy") as error:
        build(replace(offline, out=tmp_path / "dist"))
    assert "does not match the official" in str(error.value)
    assert not (tmp_path / "dist").exists(), "no half-written dist/ is left behind"
    assert list(tmp_path.glob(".dist-*")) == []


@pytest.mark.build
def test_a_tampered_npm_tarball_is_refused(tmp_path, cache, offline, capsys):
    flip_a_byte(cache / "npm" / pins.PYODIDE.cache_name)
    with pytest.raises(BuildError, match="cannot download"):
        build(replace(offline, out=tmp_path / "dist"))
    assert f"cached {pins.PYODIDE.cache_name} fails its integrity check" in capsys.readouterr().out


@pytest.mark.build
def test_the_practice_editor_is_bundled_byte_for_byte_from_the_pins(tmp_path, cache, offline):
    out = build(replace(offline, out=tmp_path / "dist"))
    [bundle] = (out / "vendor").glob("codemirror-*/editor.js")
    again = editor_bundle(offline)  # esbuild run again, in a new folder, from the verified tarballs
    assert again["editor.js"] == bundle.read_bytes()
    assert f"vendor/{bundle.parent.name}" == content_dir(pins.VENDOR_EDITOR, again)
    assert f'content="./vendor/{bundle.parent.name}/editor.js"' in (out / "index.html").read_text()
    assert not (out / EDITOR_ENTRY).exists(), "the entry is bundled, not shipped"
    assert len(gzip.compress(bundle.read_bytes())) <= 150_000
    licenses = (bundle.parent / "LICENSE").read_text()
    assert all(f"{package.name} {package.version}" in licenses for package in pins.EDITOR_PACKAGES)
    worker = (out / "sw.js").read_text()  # precached: everything but the lazily loaded editor
    precache = json.loads(re.search(r"PRECACHE\s*=\s*(\[[^\]]*\])", worker).group(1))
    lazy = json.loads(re.search(r"LAZY\s*=\s*(\[[^\]]*\])", worker).group(1))
    assert lazy == [f"./vendor/{bundle.parent.name}/{name}" for name in ("LICENSE", "editor.js")]
    assert not set(lazy) & set(precache) and "./" in precache
    assert "./index.html" not in precache  # the page once: "./", which a visit revalidates rather than downloads


EDITOR_TARBALLS = [pins.EDITOR_PACKAGES[0], this_machines_esbuild()]


@pytest.mark.build
@pytest.mark.parametrize("package", EDITOR_TARBALLS, ids=["codemirror", "esbuild"])
def test_a_tampered_editor_or_esbuild_tarball_stops_the_build(tmp_path, cache, offline, package):
    if package is None:
        pytest.skip("no pinned esbuild for this machine")
    flip_a_byte(cache / "npm" / package.cache_name)
    with pytest.raises(BuildError, match=f"cannot download .*{package.name.split('/')[-1]}"):
        build(replace(offline, out=tmp_path / "dist"))
    assert not (tmp_path / "dist").exists()


def npm_tarball(files: dict[str, bytes]) -> bytes:
    """An npm package's tarball holding ``files`` (paths below package/)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def an_esbuild_that_cannot_run(cache: Path) -> pins.NpmPackage:
    """A pinned, verified esbuild package whose binary is not a program this machine runs."""
    tarball = npm_tarball({"bin/esbuild": b"\x7fELF not really"})
    package = pins.NpmPackage("@esbuild/broken", "0.0.0", npm_integrity(tarball))
    (cache / "npm" / package.cache_name).write_bytes(tarball)
    return package


@pytest.mark.build
@pytest.mark.parametrize("why", ["no esbuild for this machine", "esbuild cannot run"])
def test_without_a_runnable_esbuild_the_site_builds_with_the_plain_editor_and_says_so(
    tmp_path, cache, offline, capsys, why
):
    esbuild = None if why.startswith("no") else an_esbuild_that_cannot_run(cache)
    out = build(replace(offline, esbuild=esbuild))
    assert list((out / "vendor").glob("codemirror-*")) == []
    assert '<meta name="nnbasics-editor" content="">' in (out / "index.html").read_text()
    assert "the practice panels keep the plain textarea editor" in capsys.readouterr().out


@pytest.mark.build
def test_a_wheel_source_passed_over_is_news_and_only_a_build_with_no_source_left_fails(
    tmp_path, warm_cache, cache, offline, capsys
):
    if not (warm_cache / "pypi").exists():
        pytest.skip("the first build got its wheels from Pyodide's CDN: no PyPI mirror wheel in the cache")
    (cache / "pypi").symlink_to(warm_cache / "pypi")  # the mirror wheel, verified again when read
    (cache / "wheels" / WHEEL).unlink()  # and the CDN refuses (offline)
    build(offline)
    said = capsys.readouterr().out
    assert f"Pyodide CDN unreachable for {WHEEL}, using the next source" in said
    assert f"{WHEEL} from PyPI mirror (sha256 verified)" in said
    assert "fail" not in said.lower()


@pytest.mark.build
def test_a_failed_build_leaves_the_previous_dist_as_it_was(tmp_path, cache, offline):
    out = build(replace(offline, out=tmp_path / "dist"))
    before = sorted(p.name for p in out.rglob("*"))
    flip_a_byte(cache / "wheels" / WHEEL)
    with pytest.raises(BuildError):
        build(replace(offline, out=out))
    assert sorted(p.name for p in out.rglob("*")) == before


@pytest.mark.build
def test_stale_files_from_an_earlier_build_are_gone(tmp_path, cache, offline):
    out = build(replace(offline, out=tmp_path / "dist"))
    (out / "stale.js").write_text("old")
    (pyodide_dir(out) / "old.whl").write_text("old")
    build(replace(offline, out=out))
    assert not (out / "stale.js").exists()
    assert not (pyodide_dir(out) / "old.whl").exists()


@pytest.mark.build
def test_wheels_can_come_from_a_downloaded_pyodide_release(tmp_path, cache, offline):
    release = tmp_path / "pyodide"
    release.mkdir()
    (cache / "wheels" / WHEEL).rename(release / WHEEL)
    out = build(replace(offline, release=release, out=tmp_path / "dist"))
    assert (pyodide_dir(out) / WHEEL).exists()
    assert (cache / "wheels" / WHEEL).exists(), "what was verified is cached for next time"


@pytest.mark.build
def test_wheels_can_come_from_a_downloaded_pyodide_release_tarball(tmp_path, cache, offline):
    tarball = tmp_path / "pyodide-0.27.7.tar.bz2"
    with tarfile.open(tarball, "w:bz2") as archive:
        archive.add(cache / "wheels" / WHEEL, arcname=f"pyodide/{WHEEL}")
    (cache / "wheels" / WHEEL).unlink()
    out = build(replace(offline, release=tarball, out=tmp_path / "dist"))
    assert (pyodide_dir(out) / WHEEL).exists()


@pytest.mark.build
def test_the_vendored_pyodide_folder_is_named_after_its_content(tmp_path, cache, offline):
    out = build(replace(offline, out=tmp_path / "dist"))
    folder = pyodide_dir(out)
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert folder.name == content_dir(pins.VENDOR_PYODIDE, files).split("/")[-1]
    files["numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"] += b"changed"
    assert content_dir(pins.VENDOR_PYODIDE, files) != f"vendor/{folder.name}"
    prepare = (out / "start" / "prepare.js").read_text()  # where the page's Python is started from
    assert f"../vendor/{folder.name}/" in prepare


@pytest.mark.build
def test_a_tampered_compiled_standard_library_in_the_cache_is_not_shipped(tmp_path, cache, offline):
    out = build(replace(offline, out=tmp_path / "first"))
    shipped = (pyodide_dir(out) / "python_stdlib.zip").read_bytes()
    for cached in (cache / "stdlib").glob("*.zip"):
        cached.write_bytes(cached.read_bytes() + b"tampered")
    again = build(replace(offline, out=tmp_path / "second"))
    assert (pyodide_dir(again) / "python_stdlib.zip").read_bytes() == shipped


@pytest.mark.build
def test_when_every_source_fails_one_message_says_what_to_do(tmp_path, cache, offline):
    (cache / "wheels" / WHEEL).unlink()
    with pytest.raises(BuildError) as error:
        build(replace(offline, out=tmp_path / "dist"))
    message = str(error.value)
    for source in ("cache", "Pyodide CDN", "PyPI mirror", "--pyodide-release"):
        assert source in message


def test_local_server_sends_the_headers_netlify_toml_defines():
    rules = netlify_headers()
    wasm = headers_for("/vendor/pyodide-0.27.7/pyodide.asm.wasm", rules)
    assert wasm["Content-Type"] == "application/wasm"
    assert "immutable" in wasm["Cache-Control"]
    page = headers_for("/index.html", rules)
    assert "'wasm-unsafe-eval'" in page["Content-Security-Policy"]
    assert "'unsafe-eval'" not in page["Content-Security-Policy"]  # nothing evaluates strings as code
    assert page["X-Content-Type-Options"] == "nosniff"
    assert "Cache-Control" not in page, "Netlify's default: revalidate every time"


def test_the_pages_python_imports_nothing_the_build_leaves_out_of_the_standard_library():
    import ast

    shipped_python = [p for p in (ROOT / "web").rglob("*.py")]
    assert shipped_python, "the page's Python files"
    for path in shipped_python:
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                else []
            )
            for name in names:
                top = name.split(".")[0]
                left_out = [p for p in STDLIB_UNUSED if p in (f"{top}/", f"{top}.py")]
                assert not left_out, f"{path.relative_to(ROOT)} imports {name}, which the build leaves out"


@pytest.mark.build
def test_a_build_without_the_start_up_optimisations_ships_none_of_their_files_or_paths(tmp_path, cache, offline):
    on = build(replace(offline, out=tmp_path / "on"))
    off = build(replace(offline, out=tmp_path / "off", off=frozenset(optimisations.NAMES)))
    assert "new Set([])" in (on / "start" / "prepare.js").read_text()
    for path in optimisations.unshipped(frozenset(optimisations.NAMES)):
        assert (on / path).is_file() and not (off / path).exists(), path
        assert f"./{path}" not in (off / "sw.js").read_text()  # nor precached
    told = "newSet(" + json.dumps(sorted(optimisations.NAMES), separators=(",", ":")) + ")"  # without spaces
    for path in sorted((off / "start").glob("*.*js")):
        text = re.sub(r"\s", "", path.read_text())  # as minified, or not
        assert re.search(r"__[A-Z][A-Z_]*__", text) is None, path.name  # every placeholder written in
        assert ".has(" not in text or told in text, path.name
    assert "preload" in (on / "index.html").read_text() and "preload" not in (off / "index.html").read_text()
    stdlib = {
        out: zipfile.ZipFile(io.BytesIO((pyodide_dir(out) / "python_stdlib.zip").read_bytes())).namelist()
        for out in (on, off)
    }
    assert any(name.endswith(".pyc") for name in stdlib[on]) and not any(n.endswith(".pyc") for n in stdlib[off])


@pytest.mark.build
def test_every_placeholder_in_the_sites_own_files_is_written_in(tmp_path, cache, offline):
    out = build(replace(offline, out=tmp_path / "dist"))
    for path in out.rglob("*"):
        if path.suffix in (".js", ".mjs", ".html", ".json") and "vendor" not in path.parts:
            left = re.findall(r"__[A-Z][A-Z_]*__", path.read_text("utf-8"))
            assert not left, f"{path.relative_to(out)} keeps {left}"
    files = json.loads((out / "python.json").read_text())["files"]  # the page's Python words practice in each language
    assert {"./i18n/en/practice.json", "./i18n/ko/practice.json"} <= set(files)
    page = (out / "index.html").read_text()
    assert page.count('<option value="en" lang="en">English</option>') == 1
    assert page.count('<option value="ko" lang="ko">한국어</option>') == 1
