// THE seam between the site and Pyodide's private parts: every use of them is in this file, and the
// rest of the site (start/, practice/) uses only what it exports, globalThis.nn.start. Used by the
// page's Python (start/python-worker.js), the background worker that makes the memory snapshots
// (start/snapshot-worker.js), the practice worker (practice/worker.js, which gets this file inside its
// blob) and the page (start/python.js; practice reads the stored snapshots through it). A classic
// script that only adds globalThis.nn.start, so that it runs as a module, an imported script and in a
// blob alike. Why each part is relied upon: web/README.md, "Start-up".
// Private parts used, each checked against Pyodide 0.27.7 (build.py pins it, by sha512; an update
// must check each again):
// - Pyodide's global `_createPyodideModule`, which pyodide.asm.js defines and loadPyodide calls (adding
//   that script only when the global is not defined yet: runtimeScript, workerScripts), wrapped to add
//   Emscripten settings, `preRun` and `instantiateWasm` (restore, startForSnapshot, useCompiled);
// - in that `preRun`, Emscripten's Module: `FS`, `addRunDependency` / `removeRunDependency`,
//   `loadDynamicLibrary` (loadAsync, local, nodelete) and `LDSO.loadedLibsByName` (withSideModules);
// - `pyodide._module.LDSO.loadedLibsByName`, the shared libraries loaded (startForSnapshot, memorySnapshot);
// - loadPyodide's `_loadSnapshot` and `_makeSnapshot` options, `pyodide.makeMemorySnapshot()`, which
//   refuses a non-empty `pyodide.loadedPackages` (NumPy's entry is taken off before, and written back
//   after a restore), and the snapshot's form: magic number 1886286592, header length, whole 64 KiB
//   pages (isSnapshot).
// Public, and used through here too: `pyodide.FS` (writeFile). Public, and so used elsewhere:
// loadPyodide and its `indexURL` and `packages` options, the names of Pyodide's files in its indexURL
// (practice/worker.js serves them) and its home folder (shared.json's home).
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
  const IMPORTS = ["numpy", "nnbasics", "web.cards.main", "web.practice.checking"];
  /** What is frozen in a snapshot and must not stay so: the random state (the hash seed stays). */
  const RESEED = `import sys
for name in ("random", "numpy.random"):
    if name in sys.modules:
        sys.modules[name].seed()`;

  /** Write ``data`` at ``path`` (absolute) into the file system of ``python`` (a Pyodide, or Emscripten's
   * Module before Python starts), its folders made. It keeps ``data`` itself rather than a copy (the
   * caller hands it over). */
  function writeFile({ FS }, path, data) {
    FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    FS.writeFile(path, data, { canOwn: true });
  }

  /** Pyodide's own script, pyodide.asm.js in ``indexURL``, run once (workers only). It defines
   * `_createPyodideModule`, which can then be wrapped before loadPyodide calls it. */
  function runtimeScript(indexURL) {
    if (typeof globalThis._createPyodideModule !== "function") importScripts(`${indexURL}pyodide.asm.js`);
  }

  /** Pyodide's scripts, in ``indexURL``, for a worker that may load no script of its own (practice's:
   * they go into its blob, before its own): pyodide.asm.js first, so that loadPyodide finds
   * `_createPyodideModule` defined and does not add that script. */
  const workerScripts = (indexURL) => [`${indexURL}pyodide.asm.js`, `${indexURL}pyodide.js`];

  /** What ``start()`` resolves to, started with Pyodide's `_createPyodideModule` wrapped by ``wrap``
   * (pyodide.asm.js run first, from ``indexURL``). */
  async function withCreate(indexURL, wrap, start) {
    runtimeScript(indexURL);
    const create = globalThis._createPyodideModule;
    globalThis._createPyodideModule = wrap(create);
    try {
      return await start();
    } finally {
      globalThis._createPyodideModule = create;
    }
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
          for (const [name, data] of files) writeFile(Module, `${SITE_PACKAGES}/${name}`, data);
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

  /** From now on (a practice worker starts one Pyodide), Pyodide instantiates ``compiled``, a promise of
   * pyodide.asm.wasm's WebAssembly.Module compiled while other files were still on their way, rather
   * than compiling it then: Emscripten's `instantiateWasm` setting, in place of Pyodide's own (which
   * still serves if ``compiled`` fails). pyodide.asm.js must have run. */
  function useCompiled(compiled) {
    const create = globalThis._createPyodideModule;
    globalThis._createPyodideModule = (settings) => create({ ...settings, instantiateWasm(imports, success) {
      compiled.then((module) => WebAssembly.instantiate(module, imports).then((instance) => success(instance, module)))
        .catch(() => settings.instantiateWasm(imports, success));
      return {}; // Emscripten's "exports to come"
    } });
  }

  /** Pyodide restored by ``loadPyodide`` (0.27.7's, with ``options``) from the snapshot ``bytes``, with
   * NumPy's ``files`` written and its side modules loaded as when the snapshot was made; NumPy is then
   * marked as loaded (a `packages` list asking for it loads nothing) and the random state re-seeded. */
  async function restore(loadPyodide, options, bytes, files) {
    const packages = (options.packages ?? []).filter((name) => name !== "numpy");
    const pyodide = await withCreate(options.indexURL, (create) => withSideModules(create, files),
      () => loadPyodide({ ...options, _loadSnapshot: bytes, packages }));
    pyodide.loadedPackages.numpy = "default channel"; // what loadPackage itself records
    pyodide.runPython(RESEED);
    return pyodide;
  }

  /** The shared libraries loaded in an interpreter. */
  const loadedLibraries = (pyodide) => Object.keys(pyodide._module.LDSO.loadedLibsByName).sort().join(" ");
  /** The shared libraries each interpreter of startForSnapshot's had loaded when it started. */
  const librariesAtStart = new WeakMap();

  /** Pyodide started by ``loadPyodide`` (with ``options``) to be snapshotted, NumPy's ``files`` written
   * and its side modules loaded as a restore will (see restore). */
  async function startForSnapshot(loadPyodide, options, files) {
    const pyodide = await withCreate(options.indexURL, (create) => withSideModules(create, files),
      () => loadPyodide({ ...options, _makeSnapshot: true }));
    librariesAtStart.set(pyodide, loadedLibraries(pyodide));
    return pyodide;
  }

  /** The memory snapshot of ``pyodide`` (startForSnapshot's), provided importing loaded no shared library
   * a restore would not load. Pyodide found NumPy's .dist-info and listed it as loaded ("Unknown"
   * channel); makeMemorySnapshot insists on an empty list, so it is taken off (restore marks NumPy
   * loaded itself). */
  function memorySnapshot(pyodide) {
    if (loadedLibraries(pyodide) !== librariesAtStart.get(pyodide)) {
      throw new Error("importing loaded a shared library the restore would not load");
    }
    delete pyodide.loadedPackages.numpy;
    return pyodide.makeMemorySnapshot();
  }

  /** Whether ``bytes`` have the form of a Pyodide 0.27 snapshot: its magic number, then a header and
   * whole 64 KiB pages of memory. (Pyodide checks its build id itself, but other bytes can stall its
   * start: memory too small for the runtime only makes it log a warning and wait forever.) */
  function isSnapshot(bytes) {
    if (bytes.byteLength < 65536 || bytes.byteOffset % 4) return false;
    const [magic, header] = new Uint32Array(bytes.buffer, bytes.byteOffset, 2);
    return magic === 1886286592 && header < bytes.byteLength && (bytes.byteLength - header) % 65536 === 0;
  }

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

  /** A memory snapshot as it is kept, if it has the form of one: {bytes}, else {why}. */
  function snapshotOf(bytes) {
    return isSnapshot(bytes) ? { bytes } : { why: "not a snapshot of this Pyodide" };
  }

  /** The memory snapshot kept at ``url``, as storedEntry, if it has the form of one (snapshotOf). */
  async function storedSnapshot(url, indexURL, cacheName) {
    const found = await storedEntry(url, indexURL, cacheName);
    return found.bytes ? snapshotOf(found.bytes) : found;
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

  (globalThis.nn ??= {}).start = { IMPORTS, HEADERS, writeFile, runtimeScript, workerScripts, useCompiled, restore,
    startForSnapshot, memorySnapshot, isSnapshot, layout, browserVersion, sha256, storedEntry,
    storedSnapshot, snapshotOf, pack, unpack };
})();
