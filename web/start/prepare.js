// What a warm start restores from, asked for before the page is even parsed: a classic script in the
// <head>. On a page a service worker controls (any visit after the first) with snapshots on, it
// starts start/prepare-worker.js at once, which reads and checks the stored memory snapshot and
// NumPy's files off the main thread; once they are found fit, Pyodide's own script is run.
// start/interpreter.mjs restores from them, or starts Python normally, when PyScript asks for it.
// Snapshots are on unless the site was built without (build.py --off snapshot) or the address says
// `snapshot=off`. build.py writes in the vendored Pyodide's folder, the start-up optimisations it left
// out (py/sitebuild/optimisations.py) and the name of this version's cache (the service worker's, where
// the snapshots are kept).
"use strict";
(() => {
  const here = document.currentScript.src;
  const indexURL = new URL("__PYODIDE__", here).href;
  const cache = "__CACHE__";
  const off = new Set(["__OFF__"]);
  const on = !off.has("snapshot") && new URLSearchParams(location.search).get("snapshot") !== "off"
    && "serviceWorker" in navigator;

  /** The page's snapshot the service worker keeps (start/snapshot) and NumPy's files ([name, bytes]),
   * read and checked by start/prepare-worker.js: {bytes, files} if they fit this page and browser
   * and are intact, else {why}. */
  function storedSnapshot() {
    if (!navigator.serviceWorker.controller) return Promise.resolve({ why: "not stored yet" });
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL("./prepare-worker.js", here), { name: "nnbasics-prepare" });
      worker.addEventListener("message", ({ data }) => resolve(data), { once: true });
      worker.addEventListener("error", (event) => reject(new Error(event.message || "its worker failed")), { once: true });
      worker.postMessage({ url: new URL("./snapshot", here).href, filesURL: new URL("./numpy-files", here).href,
        indexURL, cache });
    });
  }

  const page = on ? storedSnapshot() : null;
  // Found fit: Pyodide's own script runs now, not once PyScript asks for Python (start/hook.js, the
  // module start/interpreter.mjs imports, runs it once).
  if (!off.has("early-runtime")) page?.then(({ bytes }) => bytes && import(new URL("./hook.js", here).href)
    .then(() => globalThis.nn.start.runtimeScript(indexURL))).catch(() => {}); // reported when PyScript asks

  /** ``page``: the page's own snapshot and NumPy's files, as storedSnapshot says (null: snapshots off);
   * ``cache``: the name of the service worker's cache of this version. */
  (globalThis.nn ??= {}).prepare = { indexURL, cache, page };
})();
