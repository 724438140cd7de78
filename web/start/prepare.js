// The page's Python starts before the page is even parsed: this classic script in the <head> starts
// start/python-worker.js, where Pyodide runs off the page's main thread, and keeps what it says until
// start/python.js (the page's side of it) listens. On a page a service worker controls (any visit
// after the first) with snapshots on, the worker first reads the stored memory snapshot. Snapshots are
// on unless the site was built without (build.py --off snapshot) or the address says `snapshot=off`.
// build.py writes in the vendored Pyodide's folder, the start-up optimisations it left out
// (py/sitebuild/optimisations.py) and the name of this version's cache (the service worker's, where
// the snapshots are kept).
"use strict";
(() => {
  const here = document.currentScript.src;
  const at = (path) => new URL(path, here).href;
  const indexURL = at("__PYODIDE__");
  const cache = "__CACHE__";
  const off = new Set(["__OFF__"]);
  const snapshots = !off.has("snapshot") && new URLSearchParams(location.search).get("snapshot") !== "off"
    && "serviceWorker" in navigator;

  // a timing run's Stop interrupts the measurement under way (shared memory: cross-origin isolated pages only)
  const interrupt = self.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
  const worker = new Worker(at("./python-worker.js"), { name: "nnbasics-python" });
  let heard = []; // what the worker said before anyone listened
  let listener = (message) => heard.push(message);
  worker.addEventListener("message", ({ data }) => listener(data));
  worker.addEventListener("error", (event) => listener({ type: "failed", message: event.message || "its worker failed", file: null }));
  worker.postMessage({ type: "start", indexURL, cache, stored: snapshots && Boolean(navigator.serviceWorker.controller),
    snapshotURL: at("./snapshot"), filesURL: at("./numpy-files"), manifestURL: at("../python.json"), interrupt });

  /** ``indexURL``: the vendored Pyodide's folder; ``cache``: the name of the service worker's cache of
   * this version; ``snapshots``: whether a normal start makes them; ``interrupt``: the shared flag an
   * interruptible call stops at (or null); ``python``: the worker, to
   * ``post`` a message to and ``listen`` to (one listener, told first what was said before). */
  (globalThis.nn ??= {}).prepare = { indexURL, cache, snapshots, interrupt, python: {
    post: (message) => worker.postMessage(message),
    listen(onMessage) {
      listener = onMessage;
      heard.forEach(onMessage);
      heard = null;
    },
  } };
})();
