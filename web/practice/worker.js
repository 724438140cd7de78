// The learner's interpreter: a worker with its own Pyodide, NumPy and the runner (setup.js), used
// for ONE check and then ended. It runs inside the practice frame (frame.js), an opaque origin that
// reaches no storage, cache or page of the site. It holds no grader, reference function or
// expected value: it runs the learner's code on the case inputs of the job and sends back plain
// data, which the page judges (PROTOCOL.md). Whatever learner code does here -- patching NumPy or
// this worker's JavaScript, hooks, finalizers, forged messages -- ends with this worker.
// A classic script: frame.js starts it from one blob, pyodide.asm.js + pyodide.js + shared.js +
// start/hook.js + setup.js + this file.
//
// From the frame: {type: "init", indexURL, module, pyodide: {name: Blob}, practice: {path: Blob},
//   snapshot, numpyFiles (Blobs, as the service worker keeps them, checked by the page; or null)},
//   then {type: "run", job} with the check's MessagePort.
// To the frame: {type: "ready"} | {type: "failed", message}. To the page, over the check's port:
//   the runner's messages (PROTOCOL.md, "runner"), in order.
"use strict";
const toFrame = self.postMessage.bind(self);
const parse = JSON.parse;
const portPost = MessagePort.prototype.postMessage;
const TYPES = { wasm: "application/wasm", json: "application/json" };
let pyodide = null;
let used = false;

/** Pyodide fetches its files: answer from the Blobs the frame sent (nothing else is reachable). */
function serve(indexURL, files) {
  self.fetch = async (url) => {
    const name = String(url).startsWith(indexURL) ? String(url).slice(indexURL.length) : "";
    if (!Object.hasOwn(files, name)) throw new TypeError(`${url} is not a file of Python for practice`);
    const bytes = files[name];
    delete files[name]; // each is read once
    return new Response(bytes, { headers: { "Content-Type": TYPES[name.split(".").pop()] ?? "application/octet-stream" } });
  };
}

async function start({ indexURL, module, pyodide: runtime, practice, snapshot, numpyFiles }) {
  const { nn } = self;
  serve(indexURL, runtime);
  const compiled = module ? Promise.resolve(module) : Promise.reject(new Error("not compiled"));
  compiled.catch(() => {}); // then Pyodide compiles pyodide.asm.wasm itself
  nn.start.useCompiled(compiled);
  const bytesOf = async (blob) => new Uint8Array(await blob.arrayBuffer());
  const [runner, kept] = await Promise.all([
    Promise.all(Object.entries(practice).map(async ([path, blob]) => [path, await bytesOf(blob)])),
    snapshot && Promise.all([bytesOf(snapshot), bytesOf(numpyFiles)]),
  ]);
  const quiet = () => {};
  const options = { indexURL, packages: ["numpy"], stdout: quiet, stderr: quiet }; // the runner captures output
  if (kept) {
    const whole = nn.start.snapshotOf(kept[0]);
    if (!whole.bytes) throw new Error(`the practice snapshot is ${whole.why}`);
    pyodide = await nn.start.restore(self.loadPyodide, options, whole.bytes, nn.start.unpack(kept[1]));
  } else {
    pyodide = await self.loadPyodide(options);
  }
  nn.practice.install(pyodide, Object.fromEntries(runner));
}

/** Run the one job of this worker; every message goes over ``port`` (bound before learner code runs). */
function run(job, port) {
  const send = (text) => portPost.call(port, parse(text));
  try {
    pyodide.pyimport("web.practice.runner").run_json(JSON.stringify(job), send);
  } catch (error) {
    // The runner catches the learner's errors itself: this is Python itself failing (out of
    // WebAssembly memory, a fatal error). The page ends the check as interrupted.
    portPost.call(port, { type: "failed", message: String(error?.message ?? error).slice(0, 500) });
  }
}

self.addEventListener("message", async ({ data, ports }) => {
  if (data?.type === "init" && !pyodide && !used) {
    used = true;
    try {
      await start(data);
      toFrame({ type: "ready" });
    } catch (error) {
      toFrame({ type: "failed", message: String(error?.message ?? error).slice(0, 500) });
    }
  } else if (data?.type === "run" && pyodide && ports.length === 1 && !run.done) {
    run.done = true;
    run(data.job, ports[0]);
  }
});
