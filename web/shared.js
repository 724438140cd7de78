// What the page's scripts share, in the page and in every worker: the facts of shared.json as
// nn.shared (the build writes them in here; the page's Python reads the same file: shared.py), and
// nn.storage, the browser's storage that may be off or full. A classic script, loaded first.
"use strict";
(() => {
  const SHARED = { __SHARED__: "" };

  /** ``area`` ("localStorage" or "sessionStorage") under keys that begin with ``prefix``. Storage
   * can be off, or full: get then says null, set false (nothing kept), remove nothing. */
  function storage(area, prefix = "") {
    return {
      get(key) {
        try { return globalThis[area].getItem(prefix + key); } catch { return null; }
      },
      set(key, value) {
        try {
          globalThis[area].setItem(prefix + key, value);
          return true;
        } catch {
          return false;
        }
      },
      remove(key) {
        try { globalThis[area].removeItem(prefix + key); } catch { /* nothing kept */ }
      },
    };
  }

  Object.assign(globalThis.nn ??= {}, { shared: Object.freeze(SHARED), storage });
})();
