// How the learner's interpreter is set up: the runner's files (no grader, no reference function,
// no expected value: see PROTOCOL.md) and where they go, and the import. Shared by the practice
// worker (worker.js, which gets this file inside its blob), the page (worker-client.js, which
// fetches FILES for it) and the background worker that makes the practice snapshot
// (start/snapshot-worker.js: a fresh interpreter in this state, before any learner code exists).
// A classic script that only adds globalThis.nn.practice (it runs as a module, an imported script
// and in a blob alike); start/hook.js provides writeFile.
"use strict";
(() => {
  const HOME = globalThis.nn.shared.home; // shared.js, loaded before
  /** The runner's modules (shared.json's files.practice): each file's place in the site (beside the
   * page) and its path in HOME, in the page's package `web`. */
  const FILES = Object.fromEntries(globalThis.nn.shared.files.practice.map((path) => [path, `web/${path}`]));
  /** The files' bytes (in the order of FILES) by their paths in HOME, as install() takes them. */
  const named = (buffers) => Object.fromEntries(Object.values(FILES).map((path, i) => [path, buffers[i]]));
  /** Idempotent: after a restore from the practice snapshot the module is there already. */
  const IMPORT = `import sys
if ${JSON.stringify(HOME)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(HOME)})
import web.practice.runner`;

  /** Write ``files`` ({path in HOME: bytes}, see named()) into HOME (a memory snapshot holds no
   * files), then import the runner. */
  function install(pyodide, files) {
    for (const [name, bytes] of Object.entries(files)) globalThis.nn.start.writeFile(pyodide, `${HOME}/${name}`, new Uint8Array(bytes));
    pyodide.runPython(IMPORT);
  }

  (globalThis.nn ??= {}).practice = { FILES, named, install };
})();
