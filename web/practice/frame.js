// Practice mode's sandboxed frame (worker-client.js makes it, this script inline: an opaque origin,
// with no storage, cache or page of the site). It keeps the files the page hands over once, as
// Blobs it does not read (each worker reads its own) -- the worker's code (pyodide.asm.js,
// pyodide.js, shared.js, start/hook.js, setup.js, worker.js as one blob: an opaque origin may not start a
// worker from the site's URL, and the frame's CSP allows no other script), Pyodide's WebAssembly
// (compiled here once), the practice snapshot -- and starts from them one fresh worker per check,
// always one ahead (the next starts as a check ends), so a check finds a clean interpreter
// waiting. Learner code runs only in those workers; nothing it does reaches this frame: a worker
// only ever says here that it is ready or could not start, and is ended when the page says its
// check is over.
// Protocol: PROTOCOL.md, "page and frame". The site's CSP allows this script by its hash
// (netlify.toml): a test says when to update it.
"use strict";
let code = null; // the workers' script, a blob URL
let given = null; // the files the page sent (once)
let files = null; // what each worker is handed: those Blobs, and the compiled module
let wasm = null; // {bytes (a Blob), compiled}: Pyodide's WebAssembly, compiled while the page reads the rest
let spare = null; // {worker, ready: Promise<boolean>}: the next check's
const running = new Map(); // check id -> its worker
const say = (message) => parent.postMessage(message, "*");

/** The id of the check ``worker`` was handed, if any. */
const checkOf = (worker) => [...running].find(([, each]) => each === worker)?.[0];

function spawn() {
  const worker = new Worker(code, { name: "nnbasics-practice" });
  const ready = new Promise((resolve) => {
    worker.addEventListener("message", function first({ data }) {
      worker.removeEventListener("message", first); // the first word only: before any learner code
      resolve(data?.type === "ready");
      if (data?.type === "ready") return say({ type: "ready" });
      const message = String(data?.message ?? "").slice(0, 500);
      const id = checkOf(worker);
      if (id !== undefined) say({ type: "error", id, message }); // its check ends at once
      say({ type: "failed", message });
    });
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    const id = checkOf(worker);
    if (id !== undefined) say({ type: "error", id, message: String(event.message || "the worker failed").slice(0, 200) });
    else if (spare?.worker === worker) say({ type: "failed", message: String(event.message || "the worker failed").slice(0, 500) });
  });
  if (files) worker.postMessage({ type: "init", ...files }); // else once the page has sent them
  spare = { worker, ready };
}

async function run(id, job, port) {
  const next = spare;
  spare = null;
  running.set(id, next.worker);
  if (await next.ready && running.get(id) === next.worker) next.worker.postMessage({ type: "run", job }, [port]);
}

function end(id) {
  running.get(id)?.terminate();
  running.delete(id);
  if (!spare) spawn(); // the next check's: started once this one is over, not beside it (two cores)
}

addEventListener("message", async (event) => {
  const message = event.data;
  if (self.origin !== "null" || event.source !== parent || typeof message !== "object" || !message) return;
  if (message.type === "code" && !code && message.wasm instanceof Blob && Array.isArray(message.code)) { // once, first
    const response = new Response(message.wasm, { headers: { "Content-Type": "application/wasm" } });
    wasm = { bytes: message.wasm, compiled: WebAssembly.compileStreaming(response).catch(() => null) };
    code = URL.createObjectURL(new Blob(message.code, { type: "text/javascript" }));
    spawn(); // it reads its script while the page reads the rest
  } else if (message.type === "init" && code && !given) { // once, from the page
    given = message.files;
    given.pyodide["pyodide.asm.wasm"] = wasm.bytes; // if the compiled module cannot serve, Pyodide compiles these
    given.module = await wasm.compiled;
    files = given;
    spare?.worker.postMessage({ type: "init", ...files });
  } else if (message.type === "snapshot" && given && !given.snapshot) { // the next workers restore from it
    Object.assign(given, { snapshot: message.snapshot, numpyFiles: message.numpyFiles }); // files, or soon
  } else if (message.type === "run" && code && spare && event.ports.length === 1 && !running.has(message.id)) {
    run(message.id, message.job, event.ports[0]);
  } else if (message.type === "end") {
    end(message.id);
  }
});
