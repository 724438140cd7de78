// The module pyscript.json's `interpreter` names: PyScript 0.6.66 imports it and calls its
// loadPyodide(). It restores Python from this browser's memory snapshot when one was stored for this
// version of the site and still fits (same Pyodide layout, same browser version, intact bytes), and
// otherwise starts Pyodide normally -- the page's own start-up (PyScript's `packages` and `files`,
// main.py) runs unchanged on top of either. <html data-start="snapshot|normal"> says which happened.
// After a normal start, once the page is ready, start/snapshot-worker.js makes the snapshot in the
// background (<html data-snapshot="making|stored|failed">). `?snapshot=off` in the address does neither.
// build.py writes in the vendored Pyodide's folder and whether snapshots are on (its two placeholders).
import { loadPyodide as startPyodide, version } from "__PYODIDE__pyodide.mjs";
import "./hook.js";

export { version };
export const indexURL = new URL("__PYODIDE__", import.meta.url).href;
const SNAPSHOT_URL = new URL("./snapshot", import.meta.url).href;
const root = document.documentElement;
const { nnStart } = globalThis;

/** Snapshots are used unless the site was built without (build.py --no-snapshot writes "off" here) or
 * the address says `snapshot=off`; they are stored by the service worker. */
const enabled = () => "__SNAPSHOTS__" === "on" && new URLSearchParams(location.search).get("snapshot") !== "off"
  && "serviceWorker" in navigator;

/** Pyodide's own loader script, as loadPyodide would add it (preloaded by the page). */
function loadRuntimeScript() {
  if (typeof globalThis._createPyodideModule === "function") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement("script"),
      { src: `${indexURL}pyodide.asm.js`, crossOrigin: "anonymous" }); // as preloaded
    script.addEventListener("load", resolve);
    script.addEventListener("error", () => reject(new Error("pyodide.asm.js did not load")));
    document.head.append(script);
  });
}

/** NumPy's wheel, unpacked: [name, bytes] for start/hook.js to write into the file system. */
async function numpyFiles() {
  const lock = await (await fetch(`${indexURL}pyodide-lock.json`)).json();
  return nnStart.unzip(await (await fetch(indexURL + lock.packages.numpy.file_name)).arrayBuffer());
}

/** A snapshot the service worker keeps (at ``url``), if it fits this page and browser and is intact:
 * {bytes, extra} with what ``meanwhile()`` gave, fetched while its bytes were checked; else {why}. */
export async function storedSnapshot(url, meanwhile = async () => null) {
  if (!navigator.serviceWorker.controller) return { why: "not stored yet" };
  const response = await fetch(url);
  if (response.status !== 200) return { why: "not stored yet" };
  const header = (name) => response.headers.get(nnStart.HEADERS[name]);
  const misfit = header("layout") !== nnStart.layout(indexURL) ? "made for another layout"
    : header("browser") !== await nnStart.browserVersion() ? "made by another browser version" : "";
  if (misfit) {
    await response.arrayBuffer(); // read to its end all the same: no request is left unfinished
    return { why: misfit };
  }
  const intact = response.arrayBuffer().then(async (buffer) =>
    (await nnStart.sha256(buffer) === header("sha256") ? new Uint8Array(buffer) : null));
  const [bytes, extra] = await Promise.all([intact, meanwhile()]);
  if (!bytes) return { why: "damaged (its bytes are not those stored)" };
  return nnStart.isSnapshot(bytes) ? { bytes, extra } : { why: "not a snapshot of this Pyodide" };
}

/** The page is ready and a service worker controls it (on a first visit: once it is installed). */
function readyAndControlled() {
  const ready = new Promise((resolve) => document.addEventListener("nn:ready", resolve, { once: true }));
  const controlled = navigator.serviceWorker.controller ? Promise.resolve() : new Promise((resolve) =>
    navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
  return Promise.all([ready, controlled]);
}

/** Make the snapshot in a background worker of the service worker's (a normal start only). */
async function makeSnapshot() {
  await readyAndControlled();
  root.dataset.snapshot = "making";
  const worker = new Worker(new URL("./snapshot-worker.js", import.meta.url), { name: "nnbasics-snapshot" });
  worker.addEventListener("message", ({ data }) => {
    root.dataset.snapshot = data.stored ? "stored" : "failed";
    if (data.failed) console.info(`No start-up snapshot was made: ${data.failed}`);
    worker.terminate();
  });
  worker.postMessage({ indexURL, configURL: new URL("../pyscript.json", import.meta.url).href });
}

// Started as soon as this module is imported, before PyScript asks for Python.
const prepared = enabled() ? storedSnapshot(SNAPSHOT_URL, () => Promise.all([numpyFiles(), loadRuntimeScript()])) : null;
prepared?.catch(() => {}); // reported when PyScript asks for Python
/** Whether the page restores from its snapshot (resolves once it is found fit, before Python starts). */
export const restoring = prepared ? prepared.then(({ bytes }) => Boolean(bytes), () => false) : Promise.resolve(false);

/** PyScript's call: Pyodide, restored from the snapshot or started normally. */
export async function loadPyodide(options) {
  const config = { ...options, indexURL }; // PyScript would point it at this module's folder
  if (prepared) {
    try {
      const restorable = await prepared;
      if (restorable.bytes) {
        const pyodide = await nnStart.restore(startPyodide, config, restorable.bytes, restorable.extra[0]);
        root.dataset.start = "snapshot";
        return pyodide;
      }
      console.info(`Python starts normally: the start-up snapshot is ${restorable.why}.`);
    } catch (error) {
      console.info(`Python starts normally: the start-up snapshot could not be restored (${error?.message ?? error}).`);
    }
    makeSnapshot();
  }
  root.dataset.start = "normal";
  return startPyodide(config);
}
