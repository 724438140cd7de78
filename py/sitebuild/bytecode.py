"""The standard library's start-up modules compiled to bytecode by the pinned Pyodide under Node.js
(the interpreter starts in about half the time); pinned by sha256, shipped as source otherwise."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from .config import Config, log
from .fetch import sha256_hex
from .pins import PYODIDE_CORE

# The standard-library modules in sys.modules once the page is ready (measured). Pyodide
# ships the stdlib as source, so each start compiled these again: shipped as bytecode
# instead (compiled by the pinned Pyodide itself, under Node.js), the interpreter starts
# in about half the time. Bytecode is bigger than source, so only these are compiled.
# The result is pinned: changing the list, the trim or the pins changes it, and the build
# then prints the new sha256 to put here.
COMPILED_STDLIB_SHA256 = "6ccfe193b5000bacf8fcfd3c4faa2d5f58c2791cde5a5644c95cc4e36880eb02"
STDLIB_AT_STARTUP = frozenset(
    """
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
""".split()
)


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
        zipfile.ZipFile("/tmp/out.zip", "w", zipfile.ZIP_STORED) as target:
    for info in source.infolist():
        data = source.read(info)
        if info.filename in wanted:
            # optimize=2 drops docstrings; an unchecked hash-based .pyc needs no source beside it
            code = compile(data, "/lib/python312.zip/" + info.filename, "exec", dont_inherit=True, optimize=2)
            data = bytes(external._code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
            info = zipfile.ZipInfo(info.filename + "c", info.date_time)
        target.writestr(info, data, compress_type=zipfile.ZIP_STORED)  # stored: trim.without
"""


def precompiled_stdlib(stdlib: bytes, core: dict[str, bytes], config: Config) -> bytes:
    """The stdlib zip with the modules the page imports at start-up as bytecode.

    Compiled by the pinned Pyodide (its CPython 3.12 writes the .pyc) under Node.js. The
    result is deterministic and pinned by sha256 like every vendored file: a cached or fresh
    result that does not match is not shipped. Without Node.js, or on a mismatch, the
    stdlib ships as source: the site works, it just starts slower.
    """
    cached = config.cache / "stdlib" / f"python_stdlib-{COMPILED_STDLIB_SHA256[:16]}.zip"
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
        for name in PYODIDE_CORE + ("pyodide.mjs", "pyodide-lock.json"):  # Node imports the module
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
