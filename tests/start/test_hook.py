"""The pure parts of web/start/hook.js and the zip reader (web/start/zip.js), run in Chromium on the
site's origin: the zip reader against Python's zipfile, the form a snapshot must have, the layout a
snapshot records."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile

import pytest

from pages import dist_dir

pytestmark = pytest.mark.e2e

LOAD = "Promise.all([import('./start/hook.js'), import('./start/zip.js')]).then(() => true)"
UNZIP_JS = """async (bytes) => Object.fromEntries((await nn.unzip(new Uint8Array(bytes)))
    .map(([name, data]) => [name, Array.from(data)]))"""


@pytest.fixture(scope="module")
def hook(blank):
    assert blank.evaluate(LOAD)
    return blank


def unzipped(page, archive: bytes) -> dict[str, bytes]:
    return {name: bytes(data) for name, data in page.evaluate(UNZIP_JS, list(archive)).items()}


def test_the_zip_reader_reads_stored_and_deflated_entries_and_leaves_folders_out(hook):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("pkg/", b"")
        archive.writestr(zipfile.ZipInfo("pkg/stored.txt"), b"kept as is")
        archive.writestr("pkg/deflated.py", b"x = 1\n" * 1000, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("empty", b"", compress_type=zipfile.ZIP_DEFLATED)
        archive.comment = b"a comment after the directory"
    assert unzipped(hook, buffer.getvalue()) == {
        "pkg/stored.txt": b"kept as is",
        "pkg/deflated.py": b"x = 1\n" * 1000,
        "empty": b"",
    }


def test_the_zip_reader_reads_the_shipped_numpy_wheel_as_zipfile_does(hook):
    wheel = next(dist_dir().glob("vendor/pyodide-*/numpy-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        expected = {
            info.filename: hashlib.sha256(archive.read(info)).hexdigest()
            for info in archive.infolist()
            if not info.is_dir()
        }
    digests = hook.evaluate(
        """async (path) => {
        const entries = await nn.unzip(await (await fetch(path)).arrayBuffer());
        const digests = entries.map(async ([name, data]) => [name, await nn.start.sha256(data)]);
        return Object.fromEntries(await Promise.all(digests));
    }""",
        "./" + wheel.relative_to(dist_dir()).as_posix(),
    )
    assert digests == expected


def test_the_zip_reader_refuses_what_is_no_zip(hook):
    error = hook.evaluate("nn.unzip(new Uint8Array(100)).then(() => '', (e) => e.message)")
    assert error == "not a zip archive"


def snapshot_form(page, data: bytes) -> bool:
    return page.evaluate("(bytes) => nn.start.isSnapshot(new Uint8Array(bytes))", list(data))


def test_a_snapshot_is_its_magic_number_a_header_and_whole_pages_of_memory(hook):
    header = struct.pack("<4I", 1886286592, 64, 10, 0) + bytes(48)
    assert snapshot_form(hook, header + bytes(2 * 65536))
    assert not snapshot_form(hook, header + bytes(2 * 65536 - 1))  # not whole pages
    assert not snapshot_form(hook, struct.pack("<I", 1886286593) + header[4:] + bytes(65536))
    assert not snapshot_form(hook, bytes(1000))


def test_the_layout_names_pyodides_folder_the_side_modules_in_order_and_the_imports(hook):
    layout = hook.evaluate("nn.start.layout('http://example.org/vendor/pyodide-0.27.7-abc/')").split("|")
    assert layout[0] == "/vendor/pyodide-0.27.7-abc/"
    assert layout[1].endswith("numpy/_core/_multiarray_umath.cpython-312-wasm32-emscripten.so")
    assert layout[-4:] == ["numpy", "nnbasics", "web.cards.main", "web.practice.checking"]
    shipped = {
        info.filename for info in zipfile.ZipFile(next(dist_dir().glob("vendor/pyodide-*/numpy-*.whl"))).infolist()
    }
    for path in layout[1:-4]:  # every side module is a file NumPy ships
        assert path.removeprefix("/lib/python3.12/site-packages/") in shipped
