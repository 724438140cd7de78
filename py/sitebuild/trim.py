"""Trimming the verified files: the parts of NumPy and of the standard library the site never
imports are left out (the shipped lock gets the trimmed files' own sha256), and the vendored
scripts lose their references to source maps the site does not ship."""

from __future__ import annotations

import fnmatch
import io
import re
import zipfile

# Parts of the verified archives the site never imports, left out to ship less (they are
# all imported lazily, if at all: NumPy's fft/ma/polynomial/testing are loaded on first
# attribute access). The trimmed files get their own sha256 in the shipped lock.
NUMPY_UNUSED = (
    "numpy/f2py/",
    "numpy/testing/",
    "numpy/fft/",
    "numpy/polynomial/",
    "numpy/ma/",
    "numpy/_pyinstaller/",
    "numpy/doc/",
    "numpy/typing/tests/",
    "*.pyi",
    "*.pxd",
    "numpy/_core/include/",
    "numpy/_core/lib/",
    "numpy/random/lib/",
)
STDLIB_UNUSED = (
    "unittest/",
    "doctest.py",
    "pydoc.py",
    "pdb.py",
    "bdb.py",
    "xmlrpc/",
    "xml/",
    "multiprocessing/",
    "pickletools.py",
    "difflib.py",
    "_pyio.py",
    "mailbox.py",
    "imaplib.py",
    "nntplib.py",
    "smtplib.py",
    "ftplib.py",
    "poplib.py",
    "telnetlib.py",
    "wsgiref/",
    "cgi.py",
    "cgitb.py",
    "aifc.py",
    "sunau.py",
    "wave.py",
    "sndhdr.py",
    "trace.py",
    "profile.py",
    "cProfile.py",
    "pstats.py",
    "modulefinder.py",
    "tabnanny.py",
    "pyclbr.py",
    "antigravity.py",
    "this.py",
    "__hello__.py",
    "__phello__/",
    # codecs: keep the Unicode ones and the few the standard library itself uses
    "encodings/cp*",
    "encodings/mac_*",
    "encodings/iso*",
    "encodings/big5*",
    "encodings/euc_*",
    "encodings/gb*",
    "encodings/hz.py",
    "encodings/johab.py",
    "encodings/koi8_*",
    "encodings/kz1048.py",
    "encodings/shift_jis*",
    "encodings/tis_620.py",
    "encodings/ptcp154.py",
    "encodings/palmos.py",
    "encodings/hp_roman8.py",
    "encodings/mbcs.py",
    "encodings/oem.py",
)
STDLIB_NEEDED = ("encodings/cp437.py",)  # zipfile's default for file names


def without(archive: bytes, unused: tuple[str, ...], keep: tuple[str, ...] = ()) -> bytes:
    """A zip archive minus the entries ``unused`` names (folders end in /, * globs) but ``keep``.

    Deterministic: entries keep their order and timestamps. Stored, not deflated: an archive of
    deflated entries cannot be compressed again on the wire, while a stored one compresses better
    there than entry by entry (brotli sees the whole archive) -- Pyodide's own advice. netlify.toml
    serves .whl and .zip as application/wasm, which Netlify compresses.
    """

    def is_unused(name: str) -> bool:
        if name in keep:
            return False
        return any(name.startswith(p) if p.endswith("/") else fnmatch.fnmatchcase(name, p) for p in unused)

    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(archive)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target,
    ):
        for info in source.infolist():
            if is_unused(info.filename):
                continue
            data = source.read(info)
            if info.filename.endswith(".dist-info/RECORD"):
                data = b"".join(
                    line for line in data.splitlines(keepends=True) if not is_unused(line.split(b",", 1)[0].decode())
                )
            target.writestr(info, data, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


SOURCE_MAP = re.compile(rb"\n//# sourceMappingURL=[^\n]*\n?\Z")


def without_source_map(script: bytes) -> bytes:
    r"""``script`` without its last line's reference to a source map: the site ships none, and the
    browser's developer tools would ask for it (a 404 in every audit).

    >>> without_source_map(b"export{a};\n//# sourceMappingURL=core.js.map\n")
    b'export{a};\n'
    >>> without_source_map(b"let url = '//# sourceMappingURL=x';\n")
    b"let url = '//# sourceMappingURL=x';\n"
    """
    return SOURCE_MAP.sub(b"\n", script)
