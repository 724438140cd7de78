// Pyodide 0.27.7's private start-up hooks, shared by the page's interpreter (start/interpreter.mjs),
// the background worker that makes the memory snapshot (start/snapshot-worker.js) and the practice
// worker (practice/worker.js, which gets this file inside its blob). A classic script that only
// defines globalThis.nnStart, so that it runs as a module, an imported script and in a blob alike.
// Relied upon, and allowed only because build.py pins Pyodide 0.27.7 (see web/README.md, "Start-up"):
// the global `_createPyodideModule` and the Emscripten settings it takes (`preRun`), the Module's
// `loadDynamicLibrary`, `LDSO` and `FS`, and loadPyodide's `_makeSnapshot` / `_loadSnapshot`.
"use strict";
(() => {
  const SITE_PACKAGES = "/lib/python3.12/site-packages";
  /** NumPy's side modules `import numpy` needs, and `numpy.random`'s (the grader's exercises import
   * it, in the page's snapshot; learner code may), in the order they are loaded: the same order when a snapshot is made and
   * when it is restored gives them the same table slots and memory. */
  const SIDE_MODULES = ["numpy/_core/_multiarray_umath", "numpy/_core/_multiarray_tests",
    "numpy/linalg/_umath_linalg", ...["_common", "bit_generator", "_bounded_integers", "_mt19937", "_pcg64",
      "_philox", "_sfc64", "_generator", "mtrand"].map((name) => `numpy/random/${name}`)].map((name) => `${SITE_PACKAGES}/${name}.cpython-312-wasm32-emscripten.so`);
  /** The page's modules held in its snapshot (its start-up imports nothing else that is slow; checking,
   * practice's grader and export, on a practice panel's first request). */
  const IMPORTS = ["numpy", "nnbasics", "bindings", "checking"];
  /** What is frozen in a snapshot and must not stay so: the random state (the hash seed stays). */
  const RESEED = `import sys
for name in ("random", "numpy.random"):
    if name in sys.modules:
        sys.modules[name].seed()`;

  /** The entries of a zip archive (stored or deflated, as wheels are) as [name, bytes], folders left out. */
  async function unzip(archive) {
    const bytes = new Uint8Array(archive);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let end = bytes.length - 22; // the end-of-central-directory record, after any comment
    while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
    if (end < 0) throw new Error("not a zip archive");
    const count = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    const entries = [];
    for (let i = 0; i < count; i++) {
      if (view.getUint32(at, true) !== 0x02014b50) throw new Error("a broken zip directory");
      const method = view.getUint16(at + 10, true);
      const compressed = view.getUint32(at + 20, true);
      const size = view.getUint32(at + 24, true);
      const nameLength = view.getUint16(at + 28, true);
      const local = view.getUint32(at + 42, true);
      const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
      if (name.endsWith("/")) continue;
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const stored = bytes.subarray(start, start + compressed);
      entries.push([name, method, stored, size]);
    }
    return Promise.all(entries.map(async ([name, method, stored, size]) => {
      if (method === 0) return [name, stored.slice()];
      if (method !== 8) throw new Error(`${name}: zip method ${method}`);
      const stream = new Blob([stored]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
      const data = new Uint8Array(await new Response(stream).arrayBuffer());
      if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, not ${size}`);
      return [name, data];
    }));
  }

  /** Write ``data`` at ``path`` (absolute) into an Emscripten file system ``FS``, its folders made.
   * The file system keeps ``data`` itself rather than a copy (the caller hands it over). */
  function writeFile(FS, path, data) {
    FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    FS.writeFile(path, data, { canOwn: true });
  }

  /** `create` (Pyodide's `_createPyodideModule`) that, before Python starts, writes ``files`` (a
   * wheel's [name, bytes], relative to site-packages) into the file system and loads SIDE_MODULES
   * from there, in order, as Pyodide's own package loader would (local, never unloaded). */
  function withSideModules(create, files) {
    return async (settings) => {
      let failure = null;
      settings.preRun = [...(settings.preRun ?? []), (Module) => {
        Module.addRunDependency("nnbasics-side-modules");
        (async () => {
          for (const [name, data] of files) writeFile(Module.FS, `${SITE_PACKAGES}/${name}`, data);
          for (const path of SIDE_MODULES) {
            await Module.loadDynamicLibrary(path, { loadAsync: true, global: false, nodelete: true,
              allowUndefined: true, fs: Module.FS }, {});
            Module.LDSO.loadedLibsByName[path.split("/").pop()] ??= Module.LDSO.loadedLibsByName[path];
          }
        })().catch((error) => { failure = error; })
          .finally(() => Module.removeRunDependency("nnbasics-side-modules"));
      }];
      const module = await create(settings);
      if (failure) throw failure;
      return module;
    };
  }

  /** `create` (Pyodide's `_createPyodideModule`) that instantiates ``compiled``, a promise of
   * pyodide.asm.wasm's WebAssembly.Module compiled while other files were still on their way, rather
   * than compiling it then: Emscripten's `instantiateWasm` setting, in place of Pyodide's own
   * (which still serves if ``compiled`` fails). */
  function withCompiled(create, compiled) {
    return (settings) => create({ ...settings, instantiateWasm(imports, success) {
      compiled.then((module) => WebAssembly.instantiate(module, imports).then((instance) => success(instance, module)))
        .catch(() => settings.instantiateWasm(imports, success));
      return {}; // Emscripten's "exports to come"
    } });
  }

  /** Pyodide restored by ``loadPyodide`` (0.27.7's, with ``options``) from the snapshot ``bytes``, with
   * NumPy's ``files`` written and its side modules loaded as when the snapshot was made; NumPy is then
   * marked as loaded (a `packages` list asking for it loads nothing) and the random state re-seeded. */
  async function restore(loadPyodide, options, bytes, files) {
    const create = globalThis._createPyodideModule;
    globalThis._createPyodideModule = withSideModules(create, files);
    try {
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: bytes,
        packages: (options.packages ?? []).filter((name) => name !== "numpy") });
      pyodide.loadedPackages.numpy = "default channel"; // what loadPackage itself records
      pyodide.runPython(RESEED);
      return pyodide;
    } finally {
      globalThis._createPyodideModule = create;
    }
  }

  /** Whether ``bytes`` have the form of a Pyodide 0.27 snapshot: its magic number, then a header and
   * whole 64 KiB pages of memory. (Pyodide checks its build id itself, but other bytes can stall its
   * start: memory too small for the runtime only makes it log a warning and wait forever.) */
  function isSnapshot(bytes) {
    if (bytes.byteLength < 65536 || bytes.byteOffset % 4) return false;
    const [magic, header] = new Uint32Array(bytes.buffer, bytes.byteOffset, 2);
    return magic === 1886286592 && header < bytes.byteLength && (bytes.byteLength - header) % 65536 === 0;
  }

  /** The shared libraries loaded in an interpreter (to tell that importing loaded no other). */
  const loadedLibraries = (pyodide) => Object.keys(pyodide._module.LDSO.loadedLibsByName).sort().join(" ");

  /** What a snapshot depends on besides the site's version: Pyodide's folder (its name carries a hash
   * of its files), the side modules in their order and the modules imported. */
  const layout = (indexURL) => [new URL(indexURL).pathname, ...SIDE_MODULES, ...IMPORTS].join("|");

  /** This browser's name and full version (a snapshot only restores in the engine that made it). */
  async function browserVersion() {
    const full = await navigator.userAgentData?.getHighEntropyValues?.(["fullVersionList"]).catch(() => null);
    const brands = (full?.fullVersionList ?? []).map(({ brand, version }) => `${brand}/${version}`);
    return [navigator.userAgent, ...brands].join(" ");
  }

  /** The hex SHA-256 of some bytes. */
  async function sha256(bytes) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  /** The headers a stored snapshot carries: what it was made with. */
  const HEADERS = { layout: "x-nnbasics-layout", browser: "x-nnbasics-browser", sha256: "x-nnbasics-sha256" };

  /** What the service worker keeps at ``url`` in its cache ``cacheName`` (start/snapshot-worker.js put
   * it there), if it was made for the Pyodide at ``indexURL`` and by this browser, and is intact:
   * {bytes}, or with ``blob``, {blob} (its bytes as a Blob, which passes to other threads without
   * being copied); else {why}. Read from the cache itself: through the service worker, every byte
   * would also pass through its thread (twice as slow for 30 MB). */
  async function storedEntry(url, indexURL, cacheName, { blob = false } = {}) {
    const response = await caches.match(url, { cacheName });
    if (!response) return { why: "not stored yet" };
    const header = (name) => response.headers.get(HEADERS[name]);
    const misfit = header("layout") !== layout(indexURL) ? "made for another layout"
      : header("browser") !== await browserVersion() ? "made by another browser version" : "";
    if (misfit) return { why: misfit };
    const kept = blob ? response.clone().blob() : null; // the same stored bytes, not read again
    kept?.catch(() => {}); // if it fails, awaited below
    const buffer = await response.arrayBuffer();
    if (await sha256(buffer) !== header("sha256")) return { why: "damaged (its bytes are not those stored)" };
    return blob ? { blob: await kept } : { bytes: new Uint8Array(buffer) };
  }

  /** A memory snapshot as it is kept (elide's bytes), whole again and in the form of one: {bytes}, else {why}. */
  function snapshotOf(kept) {
    const bytes = unelide(kept);
    return isSnapshot(bytes) ? { bytes } : { why: "not a snapshot of this Pyodide" };
  }

  /** The memory snapshot kept at ``url``, as storedEntry, whole again (snapshotOf). */
  async function storedSnapshot(url, indexURL, cacheName) {
    const found = await storedEntry(url, indexURL, cacheName);
    return found.bytes ? snapshotOf(found.bytes) : found;
  }

  const PAGE = 65536; // WebAssembly's page

  /** A memory snapshot as it is kept, without its all-zero 64 KiB pages (a quarter to a third of
   * them): a little-endian u32 of its length, a byte for each of its pages (1: kept, 0: all zero),
   * then the pages kept, in order. */
  function elide(bytes) {
    const count = Math.ceil(bytes.length / PAGE);
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
    const kept = new Uint8Array(count);
    let size = 4 + count;
    for (let page = 0; page < count; page++) {
      const end = Math.min(words.length, (page + 1) * (PAGE >> 2));
      let word = page * (PAGE >> 2);
      while (word < end && words[word] === 0) word++;
      const last = Math.min(bytes.length, (page + 1) * PAGE); // the bytes after the last whole word too
      kept[page] = word < end || bytes.subarray(end << 2, last).some((byte) => byte !== 0) ? 1 : 0;
      if (kept[page]) size += last - page * PAGE;
    }
    const out = new Uint8Array(size);
    new DataView(out.buffer).setUint32(0, bytes.length, true);
    out.set(kept, 4);
    let at = 4 + count;
    for (let page = 0; page < count; page++) {
      if (!kept[page]) continue;
      const data = bytes.subarray(page * PAGE, Math.min(bytes.length, (page + 1) * PAGE));
      out.set(data, at);
      at += data.length;
    }
    return out;
  }

  /** elide's bytes whole again (its zero pages zero); an error if they are not elide's. */
  function unelide(kept) {
    const length = kept.length >= 4 ? new DataView(kept.buffer, kept.byteOffset).getUint32(0, true) : 0;
    const count = Math.ceil(length / PAGE);
    const flags = kept.subarray(4, 4 + count);
    const pageSize = (page) => Math.min(length, (page + 1) * PAGE) - page * PAGE;
    let size = 4 + count; // what elide made of `length` bytes with these flags (checked before allocating)
    for (let page = 0; page < flags.length && size > 0; page++) {
      size = flags[page] > 1 ? -1 : size + flags[page] * pageSize(page);
    }
    if (kept.length < 4 || flags.length !== count || size !== kept.length) {
      throw new Error("not a snapshot as it is kept");
    }
    const out = new Uint8Array(length);
    for (let page = 0, at = 4 + count; page < count; page++) {
      if (!flags[page]) continue;
      out.set(kept.subarray(at, at + pageSize(page)), page * PAGE);
      at += pageSize(page);
    }
    return out;
  }

  /** Files ([name, bytes]) as one array of bytes: a little-endian u32 length of a JSON list of
   * [name, size], that list, then the files' bytes in its order. */
  function pack(files) {
    const index = new TextEncoder().encode(JSON.stringify(files.map(([name, data]) => [name, data.length])));
    const packed = new Uint8Array(4 + index.length + files.reduce((sum, [, data]) => sum + data.length, 0));
    new DataView(packed.buffer).setUint32(0, index.length, true);
    packed.set(index, 4);
    let at = 4 + index.length;
    for (const [, data] of files) {
      packed.set(data, at);
      at += data.length;
    }
    return packed;
  }

  /** pack's files again, as views into ``packed``. */
  function unpack(packed) {
    const length = new DataView(packed.buffer, packed.byteOffset).getUint32(0, true);
    let at = 4 + length;
    return JSON.parse(new TextDecoder().decode(packed.subarray(4, at))).map(([name, size]) => {
      at += size;
      return [name, packed.subarray(at - size, at)];
    });
  }

  /** In a background worker: every fetch of it says whose it is (``by``, header x-nnbasics-by). Its
   * requests end when its page goes (closed or navigated away), and a test can tell such an end from
   * a failure (tests/conftest.py). */
  function sayWhoseFetches(by) {
    const siteFetch = globalThis.fetch;
    globalThis.fetch = (url, init = {}) => siteFetch(url, { ...init, headers: { ...init.headers, "x-nnbasics-by": by } });
  }

  globalThis.nnStart = { SIDE_MODULES, IMPORTS, HEADERS, unzip, writeFile, withSideModules, withCompiled, isSnapshot, restore,
    loadedLibraries, layout, browserVersion, sha256, storedEntry, storedSnapshot, snapshotOf, elide, unelide, pack, unpack,
    sayWhoseFetches };
})();
