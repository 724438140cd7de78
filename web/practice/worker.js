// Practice mode's Python: a dedicated module worker with its own Pyodide, NumPy, the
// nnbasics package and the grader (grader.py and the modules beside it). The learner's code
// runs only here: it cannot touch the page, and the page's own interpreter never sees it.
//
// Messages in:  {type: "init", pyodideURL, packageURL, graderURLs}
//               {type: "grade", id, op, code}
//               {type: "files", id, request}  (export.py's handle: {export: codes} | {split: text})
// Messages out: {type: "ready"} | {type: "failed", message}
//               {type: "event", id, event}  (the grader's plan / stage / case events)
//               {type: "done", id, result}  | {type: "crash", id, kind, message}
//               {type: "files-done", id, response}
//               kind: "grader" (a Python error of the grader itself; the interpreter still
//               runs) or "runtime" (the interpreter itself failed, e.g. WebAssembly memory).
// The learner's own errors and limits never crash: they are case results, classified by
// the grader's explicit fields (failed: "runs", "time", "memory", ...).
// The page ends this worker (terminate) when a check runs too long, and starts another.

let grader = null;
let exporter = null;
let crashed = false;

const quiet = () => {};

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response;
}

async function start({ pyodideURL, packageURL, graderURLs }) {
  const { loadPyodide } = await import(pyodideURL);
  const [pyodide, archive, ...sources] = await Promise.all([
    loadPyodide({
      indexURL: new URL(".", pyodideURL).href,
      packages: ["numpy"],
      stdout: quiet, // the grader captures the learner's output itself
      stderr: quiet,
    }),
    fetchOk(packageURL).then((response) => response.arrayBuffer()),
    ...graderURLs.map((url) => fetchOk(url).then((response) => response.text())),
  ]);
  const home = "/home/pyodide/practice";
  pyodide.FS.mkdirTree(home);
  pyodide.unpackArchive(archive, "zip", { extractDir: home });
  graderURLs.forEach((url, i) => pyodide.FS.writeFile(`${home}/${url.split("/").pop()}`, sources[i]));
  pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(home)})`);
  grader = pyodide.pyimport("grader");
  exporter = pyodide.pyimport("export");
}

function isPythonError(error) {
  return error && error.constructor && error.constructor.name === "PythonError";
}

function grade({ id, op, code }) {
  if (crashed || !grader) {
    postMessage({ type: "crash", id, message: "Python for practice is not running" });
    return;
  }
  const report = (json) => postMessage({ type: "event", id, event: JSON.parse(json) });
  try {
    const result = JSON.parse(grader.grade_json(op, code, report));
    postMessage({ type: "done", id, result });
  } catch (error) {
    // The grader catches the learner's errors itself; reaching here means Python itself
    // failed (a fatal error of the runtime, such as running out of WebAssembly memory).
    crashed = !isPythonError(error);
    postMessage({ type: "crash", id, kind: crashed ? "runtime" : "grader",
      message: String(error?.message ?? error).slice(0, 2000) });
  }
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === "init") {
    try {
      await start(message);
      postMessage({ type: "ready" });
    } catch (error) {
      postMessage({ type: "failed", message: String(error?.message ?? error).slice(0, 500) });
    }
  } else if (message.type === "grade") {
    grade(message);
  } else if (message.type === "files") {
    let response;
    try {
      response = JSON.parse(exporter.handle_json(JSON.stringify(message.request)));
    } catch (error) {
      response = { error: String(error?.message ?? error).slice(0, 500) };
    }
    postMessage({ type: "files-done", id: message.id, response });
  }
});
