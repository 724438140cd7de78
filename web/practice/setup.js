// How Python for practice is set up in an interpreter: the grader's files and where they go, and the
// imports. Shared by the practice worker (worker.js, which gets this file inside its blob), the page
// (worker-client.js, which fetches FILES for it) and the background worker that makes the practice
// snapshot (start/snapshot-worker.js: the same interpreter state, before any learner code exists).
// A classic script that only defines globalThis.nnPractice (it runs as a module, an imported script
// and in a blob alike); start/hook.js provides the zip reader.
"use strict";
(() => {
  const HOME = "/home/pyodide/practice";
  /** The package and the grader's Python modules with the catalogue they read, beside the page. */
  const FILES = ["nnbasics.zip", "catalogue.py", "operations.json", "practice/wording.py", "practice/sandbox.py",
    "practice/exercises.py", "practice/grader.py", "practice/export.py"];
  /** Idempotent: after a restore from the practice snapshot the modules are there already. */
  const IMPORT = `import sys
if ${JSON.stringify(HOME)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(HOME)})
import grader, export`;

  /** Write ``files`` ({name: bytes}, FILES' last path parts) into HOME (a memory snapshot holds no
   * files), the package unpacked, then import the grader. */
  async function install(pyodide, files) {
    for (const [name, bytes] of Object.entries(files)) {
      const entries = name === "nnbasics.zip" ? await globalThis.nnStart.unzip(bytes) : [[name, new Uint8Array(bytes)]];
      for (const [path, data] of entries) {
        pyodide.FS.mkdirTree(`${HOME}/${path}`.slice(0, `${HOME}/${path}`.lastIndexOf("/")));
        pyodide.FS.writeFile(`${HOME}/${path}`, data);
      }
    }
    pyodide.runPython(IMPORT);
  }

  globalThis.nnPractice = { FILES, install };
})();
