// The background worker that makes the page's memory snapshot (start/interpreter.mjs starts it once a
// visit that started normally is ready). It runs Pyodide as the page will find it -- NumPy's files
// written from JavaScript and its side modules loaded by start/hook.js, PyScript's `files` where
// PyScript puts them, numpy, nnbasics and the bindings imported -- then stores the snapshot in the
// service worker's cache of this version (PUT start/snapshot: a new deploy is a new cache, so it never
// restores an old one). It only reads the site's own files, served by the service worker.
// In: {indexURL, configURL}. Out: {stored: true} | {failed: message}.
"use strict";
importScripts("./hook.js");

const HOME = "/home/pyodide";

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
      pyodide.FS.mkdirTree(file.slice(0, file.lastIndexOf("/")));
      pyodide.FS.writeFile(file, data);
    }
  }
}

async function makeSnapshot({ indexURL, configURL }) {
  const { nnStart } = self;
  importScripts(`${indexURL}pyodide.asm.js`, `${indexURL}pyodide.js`);
  const lock = JSON.parse(new TextDecoder().decode(await fetchBytes(`${indexURL}pyodide-lock.json`)));
  const wheel = await nnStart.unzip(await fetchBytes(indexURL + lock.packages.numpy.file_name));
  self._createPyodideModule = nnStart.withSideModules(self._createPyodideModule, wheel);
  const quiet = () => {};
  const pyodide = await self.loadPyodide({ indexURL, packages: [], _makeSnapshot: true, stdout: quiet, stderr: quiet });
  await writeFiles(pyodide, configURL);
  const libraries = nnStart.loadedLibraries(pyodide);
  pyodide.runPython(`import ${nnStart.IMPORTS.join(", ")}`);
  if (nnStart.loadedLibraries(pyodide) !== libraries) {
    throw new Error("importing loaded a shared library the restore would not load");
  }
  // Pyodide found NumPy's .dist-info and listed it as loaded ("Unknown" channel); makeMemorySnapshot
  // insists on an empty list. The page marks NumPy loaded itself after a restore.
  delete pyodide.loadedPackages.numpy;
  const snapshot = pyodide.makeMemorySnapshot();
  const headers = {
    [nnStart.HEADERS.layout]: nnStart.layout(indexURL),
    [nnStart.HEADERS.browser]: await nnStart.browserVersion(),
    [nnStart.HEADERS.sha256]: await nnStart.sha256(snapshot),
  };
  const response = await fetch(new URL("./snapshot", location.href), { method: "PUT", body: snapshot, headers });
  if (response.status !== 201) throw new Error("the service worker did not keep it (a newer version is installed?)");
}

self.addEventListener("message", (event) => {
  makeSnapshot(event.data).then(
    () => postMessage({ stored: true }),
    (error) => postMessage({ failed: String(error?.message ?? error).slice(0, 500) }),
  );
}, { once: true });
