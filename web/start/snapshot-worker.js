// The background worker that makes the memory snapshots (start/python.js starts it once a visit that
// started normally is ready). It runs Pyodide as the page's Python will find it -- NumPy's files
// written from JavaScript and its side modules loaded through start/hook.js, the page's Python files
// (python.json) where start/python-worker.js puts them, numpy, nnbasics and the page's modules
// imported -- and stores that snapshot in the service worker's cache of this version (PUT
// start/snapshot, after NumPy's files unpacked as start/numpy-files: a new deploy is a new cache, so
// it never restores an old one). Started a second time, with kind "practice", it makes the learner's
// interpreter's snapshot instead (PUT start/practice-snapshot): a fresh Pyodide with NumPy and the
// runner only (practice/setup.js) -- nothing of the page's, no grader. It only reads the site's own
// files, from the service worker.
// In: {kind: "page" | "practice", indexURL, manifestURL}. Out: {stored: true} | {failed: message}.
"use strict";
importScripts("../shared.js", "./hook.js", "./zip.js", "./site-files.js", "./whose-fetches.js", "../practice/setup.js");

const { nn } = self;
const HOME = nn.shared.home;
const OFF = new Set(["__OFF__"]); // the start-up optimisations the build left out (py/sitebuild/optimisations.py)

nn.sayWhoseFetches("snapshot-worker"); // Pyodide's too

const { fetchBytes } = nn.siteFiles;

/** Store this interpreter's memory snapshot at ``url`` (in the service worker's cache of this version). */
async function store(pyodide, url, indexURL) {
  // Every object now lives as long as the interpreter: out of the collector's sight, so that a
  // collection after a restore (the runner's at the end of each check) only walks what came after.
  pyodide.runPython("import gc\ngc.collect()\ngc.freeze()");
  await put(url, nn.start.memorySnapshot(pyodide), indexURL);
}

/** Keep ``bytes`` at ``url`` in the service worker's cache of this version, with what they were made
 * with (start/hook.js's storedEntry checks it). */
async function put(url, bytes, indexURL) {
  const { start } = nn;
  const headers = {
    [start.HEADERS.layout]: start.layout(indexURL),
    [start.HEADERS.browser]: await start.browserVersion(),
    [start.HEADERS.sha256]: await start.sha256(bytes),
  };
  const response = await fetch(url, { method: "PUT", body: bytes, headers });
  await response.arrayBuffer(); // read to its end: the request is complete before the worker ends
  if (response.status !== 201) throw new Error("the service worker did not keep it (a newer version is installed?)");
}

/** The page's snapshot (kind "page"), or the learner's interpreter's (kind "practice"). */
async function makeSnapshot({ kind, indexURL, manifestURL }) {
  const { start, practice } = nn;
  importScripts(`${indexURL}pyodide.js`);
  const lock = JSON.parse(new TextDecoder().decode(await fetchBytes(`${indexURL}pyodide-lock.json`)));
  const wheel = await nn.unzip(await fetchBytes(indexURL + lock.packages.numpy.file_name));
  if (kind === "page" && !OFF.has("numpy-files")) await put(new URL("./numpy-files", location.href), start.pack(wheel), indexURL); // a restore's, unpacked
  const quiet = () => {};
  const pyodide = await start.startForSnapshot(self.loadPyodide, { indexURL, packages: [], stdout: quiet, stderr: quiet }, wheel);
  if (kind === "practice") {
    const files = await Promise.all(Object.keys(practice.FILES).map((name) => fetchBytes(new URL(`../${name}`, location.href))));
    practice.install(pyodide, practice.named(files));
    await store(pyodide, new URL("./practice-snapshot", location.href), indexURL);
    return;
  }
  nn.siteFiles.write(pyodide, await nn.siteFiles.fetchAll(manifestURL));
  pyodide.runPython(`import ${start.IMPORTS.join(", ")}\nweb.practice.checking.prepare()`); // practice's plans made too
  await store(pyodide, new URL("./snapshot", location.href), indexURL);
}

self.addEventListener("message", (event) => {
  makeSnapshot(event.data).then(
    () => postMessage({ stored: true }),
    (error) => postMessage({ failed: String(error?.message ?? error).slice(0, 500) }),
  );
}, { once: true });
