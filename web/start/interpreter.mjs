// The module pyscript.json's `interpreter` names: PyScript 0.6.66 imports it and calls its
// loadPyodide(). It restores Python from this browser's memory snapshot when one was stored for this
// version of the site and still fits (same Pyodide layout, same browser version, intact bytes), and
// otherwise starts Pyodide normally -- the page's own start-up (PyScript's `packages` and `files`,
// main.py) runs unchanged on top of either. <html data-start="snapshot|normal"> says which happened.
// After a normal start, once the page is ready, start/snapshot-worker.js makes the snapshot in the
// background (<html data-snapshot="making|stored|failed">), handed PyScript's own Python package to
// hold compiled (start/precompiled.py). `?snapshot=off` in the address does neither
// (start/prepare.js). build.py writes in the vendored Pyodide's folder (its placeholder).
import { loadPyodide as startPyodide, version } from "__PYODIDE__pyodide.mjs";
import "./hook.js";

export { version };
const { nn } = globalThis; // nn.start: start/hook.js; nn.prepare: start/prepare.js (run in the page's <head>)
export const { indexURL, cache } = nn.prepare;
const root = document.documentElement;
const OFF = new Set(["__OFF__"]); // the start-up optimisations the build left out (py/sitebuild/optimisations.py)

/** The page is ready and a service worker controls it (on a first visit: once it is installed). */
function readyAndControlled() {
  const ready = new Promise((resolve) => document.addEventListener("nn:ready", resolve, { once: true }));
  const controlled = navigator.serviceWorker.controller ? Promise.resolve() : new Promise((resolve) =>
    navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
  return Promise.all([ready, controlled]);
}

/** One snapshot made by a background worker of the service worker's: resolves to its answer. */
function snapshotWorker(message, transfer = []) {
  const worker = new Worker(new URL("./snapshot-worker.js", import.meta.url), { name: "nnbasics-snapshot" });
  return new Promise((resolve) => {
    worker.addEventListener("message", ({ data }) => {
      worker.terminate();
      resolve(data);
    });
    worker.postMessage(message, transfer);
  });
}

/** Make the snapshots in the background (a normal start only): the page's, then, in a fresh worker,
 * the learner's interpreter's (one after the other: on two cores, side by side they would slow the page). */
async function makeSnapshot(started) {
  await readyAndControlled();
  root.dataset.snapshot = "making";
  const pyscript = OFF.has("pyscript-compiled") ? [] : nn.start.pyscriptPackage(await started); // held compiled (start/precompiled.py)
  const configURL = new URL("../pyscript.json", import.meta.url).href;
  let answer = await snapshotWorker({ kind: "page", indexURL, configURL, pyscript }, pyscript.map(([, bytes]) => bytes.buffer));
  if (answer.stored) answer = await snapshotWorker({ kind: "practice", indexURL });
  root.dataset.snapshot = answer.stored ? "stored" : "failed";
  if (answer.failed) console.info(`No start-up snapshot was made: ${answer.failed}`);
  else document.dispatchEvent(new CustomEvent("nn:snapshots")); // practice's next workers restore from it
}

const prepared = nn.prepare.page; // asked for by start/prepare.js before the page was parsed
/** Whether the page restores from its snapshot (resolves once it is found fit, before Python starts). */
export const restoring = prepared ? prepared.then(({ bytes }) => Boolean(bytes), () => false) : Promise.resolve(false);

/** PyScript's call: Pyodide, restored from the snapshot or started normally. */
export async function loadPyodide(options) {
  const config = { ...options, indexURL }; // PyScript would point it at this module's folder
  if (prepared) {
    try {
      const restorable = await prepared;
      if (restorable.bytes) {
        const pyodide = await nn.start.restore(startPyodide, config, restorable.bytes, restorable.files);
        Object.assign(restorable, { bytes: null, files: null }); // Python's memory and file system have them now
        root.dataset.start = "snapshot";
        return pyodide;
      }
      console.info(`Python starts normally: the start-up snapshot is ${restorable.why}.`);
    } catch (error) {
      console.info(`Python starts normally: the start-up snapshot could not be restored (${error?.message ?? error}).`);
    }
  }
  root.dataset.start = "normal";
  const started = startPyodide(config);
  if (prepared) makeSnapshot(started);
  return started;
}
