// Practice mode's Python: a worker with its own Pyodide, NumPy, the nnbasics package and the
// grader (grader.py and the modules beside it). The learner's code runs only here, and this
// worker runs inside a sandboxed frame with an opaque origin (worker-client.js, frame.js): it
// reaches no storage, cache, cookie, service worker or page of the site, and the frame's CSP
// lets it neither fetch nor eval. The page hands it every file it needs, as bytes.
// A classic script: frame.js starts it from one blob, pyodide.asm.js + pyodide.js + start/hook.js +
// setup.js + this file. Given the practice snapshot (start/snapshot-worker.js made it: the state
// of this worker's own start, before any learner code), it restores from it as the page does.
//
// Every message goes over the MessagePort the page made (the frame passes it on: {type: "port"}).
// In:  {type: "wasm", bytes}  (pyodide.asm.wasm, first: compiled while the rest is on its way)
//      {type: "init", indexURL, pyodide: {name: ArrayBuffer}, practice: {path: ArrayBuffer},
//       snapshot: Uint8Array | null, numpyFiles: [name, Uint8Array][] | null}
//      (practice: setup.js's FILES, by their paths in its folder; numpyFiles: NumPy's, for a restore)
//      {type: "grade", id, op, code}
//      {type: "files", id, request}  (export.py's handle: {export: codes, lang} | {split: text})
// Out: {type: "ready"} | {type: "failed", message}
//      {type: "event", id, event}  (the grader's plan / stage / case events)
//      {type: "done", id, result}  | {type: "crash", id, kind, message}
//      {type: "files-done", id, response}
//      kind: "grader" (a Python error of the grader itself; the interpreter still runs),
//      "runtime" (the interpreter itself failed, e.g. WebAssembly memory) or "tampered" (learner
//      code changed the grader's guard, seen from here: this check does not count).
// The learner's own errors and limits never crash: they are case results, classified by
// the grader's explicit fields (failed: "runs", "time", "memory", "tampered", ...).
// The page ends this worker (it removes the frame) when a check runs too long, and starts another.

// The port's postMessage and JSON.parse, bound before any learner code runs: code that reaches
// this worker's JavaScript cannot reroute what the worker tells the page by patching them.
let send = null;
const parse = JSON.parse;
let grader = null;
let exporter = null;
let untouched = () => false; // the guard's own check, sealed once the grader is loaded
let crashed = false;
let wasm = null; // pyodide.asm.wasm: {bytes, compiled}, a promise of its WebAssembly.Module

const quiet = () => {};
const TYPES = { wasm: "application/wasm", json: "application/json" };

/** Pyodide fetches its files: answer from the bytes the page sent (nothing else is reachable). */
function serve(indexURL, files) {
  self.fetch = async (url) => {
    const name = String(url).startsWith(indexURL) ? String(url).slice(indexURL.length) : "";
    if (!Object.hasOwn(files, name)) throw new TypeError(`${url} is not a file of Python for practice`);
    const bytes = files[name];
    delete files[name]; // each is read once; the worker keeps no second copy
    return new Response(bytes, { headers: { "Content-Type": TYPES[name.split(".").pop()] ?? "application/octet-stream" } });
  };
}

/** What the worker's JavaScript holds on to before any learner code runs, to tell afterwards
 * whether the guard itself (its methods, its snapshot) was replaced: then the guard's own
 * verdict could not be believed. Python code cannot reach these references. */
function seal(pyodide) {
  const id = pyodide.pyimport("builtins").id;
  const { functions, slots } = pyodide.pyimport("sandbox").SEALED.toJs({ dict_converter: Object.fromEntries });
  const guard = grader._GUARD;
  const Guard = guard.__class__;
  const state = () => [
    id(guard.__class__) === id(Guard),
    ...functions.map((name) => `${id(Guard.__dict__.get(name))}:${id(Guard.__dict__.get(name).__code__)}`),
    ...slots.map((name) => id(guard[name])),
  ].join(" ");
  const sealed = state();
  const intact = guard.intact; // bound now, to the guard and method of before any learner code
  return () => {
    try {
      return state() === sealed && intact();
    } catch {
      return false;
    }
  };
}

async function start({ indexURL, pyodide: runtime, practice, snapshot, numpyFiles }) {
  const { nnStart, nnPractice } = self;
  serve(indexURL, { ...runtime, "pyodide.asm.wasm": wasm.bytes });
  self._createPyodideModule = nnStart.withCompiled(self._createPyodideModule, wasm.compiled);
  const options = {
    indexURL,
    packages: ["numpy"],
    stdout: quiet, // the grader captures the learner's output itself
    stderr: quiet,
  };
  const pyodide = snapshot ? await nnStart.restore(self.loadPyodide, options, snapshot, numpyFiles)
    : await self.loadPyodide(options);
  await nnPractice.install(pyodide, practice);
  grader = pyodide.pyimport("grader");
  exporter = pyodide.pyimport("export");
  untouched = seal(pyodide);
}

function isPythonError(error) {
  return error && error.constructor && error.constructor.name === "PythonError";
}

function grade({ id, op, code }) {
  if (crashed || !grader) {
    send({ type: "crash", id, message: "Python for practice is not running" });
    return;
  }
  const report = (json) => send({ type: "event", id, event: parse(json) });
  try {
    const result = parse(grader.grade_json(op, code, report));
    if (untouched()) {
      send({ type: "done", id, result });
    } else {
      crashed = true; // nothing this interpreter says can be believed any more
      send({ type: "crash", id, kind: "tampered",
        message: "your code changed the grader's guard, so this check does not count" });
    }
  } catch (error) {
    // The grader catches the learner's errors itself; reaching here means Python itself
    // failed (a fatal error of the runtime, such as running out of WebAssembly memory).
    crashed = !isPythonError(error);
    send({ type: "crash", id, kind: crashed ? "runtime" : "grader",
      message: String(error?.message ?? error).slice(0, 2000) });
  }
}

async function receive({ data: message }) {
  if (message.type === "wasm" && !wasm) {
    wasm = { bytes: message.bytes, compiled: WebAssembly.compile(message.bytes) };
    wasm.compiled.catch(() => {}); // then Pyodide compiles it itself
  } else if (message.type === "init" && wasm) {
    try {
      await start(message);
      send({ type: "ready" });
    } catch (error) {
      send({ type: "failed", message: String(error?.message ?? error).slice(0, 500) });
    }
  } else if (message.type === "grade") {
    grade(message);
  } else if (message.type === "files") {
    let response;
    try {
      response = parse(exporter.handle_json(JSON.stringify(message.request)));
    } catch (error) {
      response = { error: String(error?.message ?? error).slice(0, 500) };
    }
    send({ type: "files-done", id: message.id, response });
  }
}

self.addEventListener("message", (event) => {
  if (send || event.data?.type !== "port" || !event.ports.length) return; // the page's port, once
  const [port] = event.ports;
  send = MessagePort.prototype.postMessage.bind(port);
  port.addEventListener("message", receive);
  port.start();
});
