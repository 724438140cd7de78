// The background worker that makes the memory snapshots (start/interpreter.mjs starts it once a visit
// that started normally is ready). It runs Pyodide as the page will find it -- NumPy's files written
// from JavaScript and its side modules loaded by start/hook.js, PyScript's `files` where PyScript puts
// them, numpy, nnbasics and the bindings imported -- and stores that snapshot in the service worker's
// cache of this version (PUT start/snapshot, after NumPy's files unpacked as start/numpy-files: a new
// deploy is a new cache, so it never restores an old one). Started a second time, with kind
// "practice", it makes the learner's interpreter's snapshot instead (PUT start/practice-snapshot): a
// fresh Pyodide with NumPy and the runner only (practice/setup.js) -- nothing of the page's, no grader.
// It only reads the site's own files, from the service worker. The page also sends PyScript's own
// Python package as PyScript wrote it: the page's snapshot holds it compiled (start/precompiled.py).
// In: {kind: "page" | "practice", indexURL, configURL, pyscript: [path, bytes][]}.
// Out: {stored: true} | {failed: message}.
"use strict";
importScripts("./hook.js", "../practice/setup.js");

const HOME = "/home/pyodide";

self.nnStart.sayWhoseFetches("snapshot-worker"); // Pyodide's too

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** PyScript's `files` config, written where PyScript writes them ("DIR/*": an archive unpacked). */
async function writeFiles(pyodide, configURL) {
  const { files } = JSON.parse(new TextDecoder().decode(await fetchBytes(configURL)));
  for (const [source, target] of Object.entries(files ?? {})) {
    const bytes = await fetchBytes(new URL(source, configURL).href);
    const path = `${HOME}/${target.replace(/^\.\//, "")}`;
    const entries = path.endsWith("/*") ? await self.nnStart.unzip(bytes) : [["", bytes]];
    for (const [name, data] of entries) {
      const file = path.endsWith("/*") ? `${path.slice(0, -1)}${name}` : path;
      self.nnStart.writeFile(pyodide.FS, file, data);
    }
  }
}

/** PyScript's package (``files``, as the page found them), compiled into the interpreter: a restored
 * page imports it without compiling it (start/precompiled.py, kept in the snapshot). */
async function compileAhead(pyodide, files) {
  if (!files.length) return;
  for (const [path, data] of files) self.nnStart.writeFile(pyodide.FS, path, data);
  pyodide.FS.writeFile(`${HOME}/precompiled.py`, await fetchBytes(new URL("./precompiled.py", location.href)));
  pyodide.runPython(`import precompiled\nprecompiled.install(${JSON.stringify(HOME)}, "pyscript")`);
}

/** Store this interpreter's memory snapshot at ``url`` (in the service worker's cache of this version). */
async function store(pyodide, url, indexURL, libraries) {
  if (self.nnStart.loadedLibraries(pyodide) !== libraries) {
    throw new Error("importing loaded a shared library the restore would not load");
  }
  // Pyodide found NumPy's .dist-info and listed it as loaded ("Unknown" channel); makeMemorySnapshot
  // insists on an empty list. A restore marks NumPy as loaded itself.
  delete pyodide.loadedPackages.numpy;
  // Every object now lives as long as the interpreter: out of the collector's sight, so that a
  // collection after a restore (the runner's at the end of each check) only walks what came after.
  pyodide.runPython("import gc\ngc.collect()\ngc.freeze()");
  await put(url, self.nnStart.elide(pyodide.makeMemorySnapshot()), indexURL);
}

/** Keep ``bytes`` at ``url`` in the service worker's cache of this version, with what they were made
 * with (start/hook.js's storedEntry checks it). */
async function put(url, bytes, indexURL) {
  const { nnStart } = self;
  const headers = {
    [nnStart.HEADERS.layout]: nnStart.layout(indexURL),
    [nnStart.HEADERS.browser]: await nnStart.browserVersion(),
    [nnStart.HEADERS.sha256]: await nnStart.sha256(bytes),
  };
  const response = await fetch(url, { method: "PUT", body: bytes, headers });
  await response.arrayBuffer(); // read to its end: the request is complete before the worker ends
  if (response.status !== 201) throw new Error("the service worker did not keep it (a newer version is installed?)");
}

/** The page's snapshot (kind "page"), or the learner's interpreter's (kind "practice"). */
async function makeSnapshot({ kind, indexURL, configURL, pyscript }) {
  const { nnStart, nnPractice } = self;
  importScripts(`${indexURL}pyodide.asm.js`, `${indexURL}pyodide.js`);
  const lock = JSON.parse(new TextDecoder().decode(await fetchBytes(`${indexURL}pyodide-lock.json`)));
  const wheel = await nnStart.unzip(await fetchBytes(indexURL + lock.packages.numpy.file_name));
  if (kind === "page") await put(new URL("./numpy-files", location.href), nnStart.pack(wheel), indexURL); // a restore's, unpacked
  self._createPyodideModule = nnStart.withSideModules(self._createPyodideModule, wheel);
  const quiet = () => {};
  const pyodide = await self.loadPyodide({ indexURL, packages: [], _makeSnapshot: true, stdout: quiet, stderr: quiet });
  const libraries = nnStart.loadedLibraries(pyodide);
  if (kind === "practice") {
    const files = await Promise.all(Object.keys(nnPractice.FILES).map((name) => fetchBytes(new URL(`../${name}`, location.href))));
    nnPractice.install(pyodide, nnPractice.named(files));
    await store(pyodide, new URL("./practice-snapshot", location.href), indexURL, libraries);
    return;
  }
  await writeFiles(pyodide, configURL);
  pyodide.runPython(`import ${nnStart.IMPORTS.join(", ")}\nchecking.prepare()`); // practice's plans made too
  await compileAhead(pyodide, pyscript ?? []);
  await store(pyodide, new URL("./snapshot", location.href), indexURL, libraries);
}

self.addEventListener("message", (event) => {
  makeSnapshot(event.data).then(
    () => postMessage({ stored: true }),
    (error) => postMessage({ failed: String(error?.message ?? error).slice(0, 500) }),
  );
}, { once: true });
