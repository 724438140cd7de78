// How Python for practice is set up in an interpreter: the grader's files and where they go, and the
// imports. Shared by the practice worker (worker.js, which gets this file inside its blob), the page
// (worker-client.js, which fetches FILES for it) and the background worker that makes the practice
// snapshot (start/snapshot-worker.js: the same interpreter state, before any learner code exists).
// A classic script that only defines globalThis.nnPractice (it runs as a module, an imported script
// and in a blob alike); start/hook.js provides the zip reader.
"use strict";
(() => {
  // The page's own folder (PyScript's): the practice snapshot is made on top of the page's state, so
  // its modules (words.py among them, which reads <lang>/*.json beside itself) look for files here.
  const HOME = "/home/pyodide";
  /** The package, the grader's Python modules, the catalogue they read and their words in each
   * language: each file's place in the site (beside the page), and its path in HOME (words.py
   * reads <lang>/practice.json beside itself). */
  const LANGUAGES = ["__LANGUAGES__"]; // web/i18n/words.py's, written in by build.py
  const FILES = {
    "nnbasics.zip": "nnbasics.zip", "catalogue.py": "catalogue.py", "operations.json": "operations.json",
    "practice/wording.py": "wording.py", "practice/sandbox.py": "sandbox.py", "practice/exercises.py": "exercises.py",
    "practice/grader.py": "grader.py", "practice/export.py": "export.py", "i18n/words.py": "words.py",
    ...Object.fromEntries(LANGUAGES.map((lang) => [`i18n/${lang}/practice.json`, `${lang}/practice.json`])),
  };
  /** The files' bytes (in the order of FILES) by their paths in HOME, as install() takes them. */
  const named = (buffers) => Object.fromEntries(Object.values(FILES).map((path, i) => [path, buffers[i]]));
  /** Idempotent: after a restore from the practice snapshot the modules are there already. */
  const IMPORT = `import sys
if ${JSON.stringify(HOME)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(HOME)})
import grader, export`;

  /** Write ``files`` ({path in HOME: bytes}, see named()) into HOME (a memory snapshot holds no
   * files), the package unpacked, then import the grader. */
  async function install(pyodide, files) {
    for (const [name, bytes] of Object.entries(files)) {
      const entries = name === "nnbasics.zip" ? await globalThis.nnStart.unzip(bytes) : [[name, new Uint8Array(bytes)]];
      for (const [path, data] of entries) globalThis.nnStart.writeFile(pyodide.FS, `${HOME}/${path}`, data);
    }
    pyodide.runPython(IMPORT);
  }

  globalThis.nnPractice = { FILES, named, install };
})();
