// The page's Python, off the page's main thread: start/prepare.js starts this worker in the <head>.
// Pyodide is restored from this browser's memory snapshot when one was stored for this version of the
// site and still fits (same Pyodide layout, same browser version, intact bytes), and otherwise started
// normally with NumPy and the page's Python files (python.json); then web.cards.main answers the page's
// calls, one at a time. Its messages, both ways: web/cards/CONTRACT.md, "messages".
"use strict";
const OFF = new Set(["__OFF__"]); // the start-up optimisations the build left out (py/sitebuild/optimisations.py)
importScripts("../shared.js", "./hook.js", "./zip.js", "./site-files.js", "./whose-fetches.js");

const { nn } = self;
nn.sayWhoseFetches("python-worker"); // Pyodide's too: a request its page's end cut off is no failure

let said = null; // "ready" or "failed", once

/** Python could not start: the page is told once (never after ready). */
function fail(message, file = null) {
  if (said) return;
  said = "failed";
  postMessage({ type: "failed", message, file });
}

// Every file this worker fetches (Pyodide's included) is needed to start: one that does not arrive ends
// the start at once, named (Pyodide itself would wait forever for a missing pyodide.asm.wasm).
const siteFetch = self.fetch;
self.fetch = async (url, init) => {
  const file = String(url?.url ?? url).split("/").pop();
  const response = await siteFetch(url, init).catch((error) => {
    fail(`${file} did not arrive`, file);
    throw error;
  });
  if (!response.ok) fail(`${file} answered ${response.status}`, file);
  return response;
};

/** The page's snapshot and NumPy's files, as this version's cache keeps them: {bytes, files} if they
 * fit this page and browser and are intact, else {why}. */
async function storedSnapshot({ snapshotURL, filesURL, indexURL, cache }) {
  const { start } = nn;
  const [snapshot, files] = await Promise.all([start.storedSnapshot(snapshotURL, indexURL, cache),
    OFF.has("numpy-files") ? unzippedNumpy(indexURL, cache) : start.storedEntry(filesURL, indexURL, cache)]);
  if (!snapshot.bytes) return { why: snapshot.why };
  if (files.why) return { why: `without NumPy's files, which are ${files.why}` };
  return { bytes: snapshot.bytes, files: files.files ?? start.unpack(files.bytes) };
}

/** NumPy's files unzipped from its wheel in this version's cache (numpy-files off): {files}. */
async function unzippedNumpy(indexURL, cacheName) {
  const read = async (url) => (await caches.match(url, { cacheName }))?.arrayBuffer();
  const lock = JSON.parse(new TextDecoder().decode(await read(`${indexURL}pyodide-lock.json`)));
  return { files: await nn.unzip(await read(indexURL + lock.packages.numpy.file_name)) };
}

/** Pyodide restored from the snapshot, or null (the page is told why). */
async function restored(found, indexURL) {
  if (!found.bytes) {
    postMessage({ type: "info", text: `Python starts normally: the start-up snapshot is ${found.why}.` });
    return null;
  }
  try {
    return await nn.start.restore(self.loadPyodide, { indexURL, packages: [] }, found.bytes, found.files);
  } catch (error) {
    postMessage({ type: "info", text: `Python starts normally: the start-up snapshot could not be restored (${error?.message ?? error}).` });
    return null;
  }
}

/** Python for the page: started, the page's modules imported; resolves to {calls: web.cards.main's
 * CALLS, pyodide}. */
async function start({ indexURL, cache, stored, snapshotURL, filesURL, manifestURL }) {
  const found = stored ? storedSnapshot({ snapshotURL, filesURL, indexURL, cache }).catch((error) => ({ why: `unreadable (${error?.message ?? error})` })) : null;
  const files = nn.siteFiles.fetchAll(manifestURL); // a snapshot holds no files: written after a restore too
  files.catch(() => {}); // awaited below
  try {
    importScripts(`${indexURL}pyodide.asm.js`, `${indexURL}pyodide.js`);
  } catch {
    throw Object.assign(new Error("pyodide.asm.js did not load"), { file: "pyodide.asm.js" });
  }
  const restorable = found ? await found : null;
  postMessage({ type: "restoring", fit: Boolean(restorable?.bytes) });
  postMessage({ type: "progress", stage: "starting" });
  let pyodide = restorable ? await restored(restorable, indexURL) : null;
  const how = pyodide ? "snapshot" : "normal";
  if (restorable) Object.assign(restorable, { bytes: null, files: null }); // Python's memory has them now
  pyodide ??= await self.loadPyodide({ indexURL, packages: ["numpy"] });
  nn.siteFiles.write(pyodide, await files);
  postMessage({ type: "progress", stage: "binding" });
  const table = pyodide.runPython("import web.cards.main\nweb.cards.main.CALLS");
  const calls = new Map([...table.keys()].map((name) => [name, table.get(name)]));
  const sources = calls.get("sources_json")();
  if (said) return { calls, pyodide }; // it failed meanwhile
  said = "ready";
  postMessage({ type: "ready", start: how, sources });
  return { calls, pyodide };
}

/** One call of web.cards.main's CALLS; an ``interruptible`` one stops with KeyboardInterrupt once the
 * page writes 2 in ``interrupt`` (a shared Int32Array: only on a cross-origin isolated page). */
function answer({ calls, pyodide }, { name, args, interruptible }) {
  const call = calls.get(name);
  if (!call) throw new Error(`the page's Python has no call ${name}`);
  if (!interruptible || !interrupt) return call(...args);
  pyodide.setInterruptBuffer(interrupt);
  try {
    return call(...args);
  } finally {
    pyodide.setInterruptBuffer(undefined); // no other call is interrupted
  }
}

/** The last line of an error's message (of a Python exception: its type and message). */
const lastLine = (error) => String(error?.message ?? error).trim().split("\n").pop().slice(0, 500);

let started = null;
let interrupt = null;
self.addEventListener("message", ({ data }) => {
  if (data?.type === "start" && !started) {
    interrupt = data.interrupt ?? null;
    started = start(data);
    started.catch((error) => fail(lastLine(error), error?.file ?? null));
  } else if (data?.type === "call") {
    started?.then((python) => answer(python, data)) // started: the page calls once it is ready
      .then((json) => postMessage({ type: "answer", id: data.id, json }),
      (error) => postMessage({ type: "answer", id: data.id, error: lastLine(error) }));
  }
});
