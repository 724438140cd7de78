// The page's side of Python for practice: the practice worker (worker.js) runs inside a
// sandboxed frame of its own (frame.js), an opaque origin that reaches nothing of the site;
// the page hands it every file as bytes (from the service worker's cache when offline: a
// sandboxed frame is not the service worker's, so even its script is handed over, inline, as
// the site's CSP allows by its hash) and talks to it over a MessagePort. What comes back is untrusted data: checked for its shape,
// only ever shown as text. A check that is not done after CHECK_LIMIT_MS ends the worker
// (the frame is removed), so an endless loop costs one failed check, never the page; the
// caller then starts another.

import { phrase } from "./report.js";
import { cache, indexURL, restoring, storedSnapshot, takeNumpyFiles } from "../start/interpreter.mjs";
import "./setup.js";

export const CHECK_LIMIT_MS = 8000; // the grader itself stops learner code after 5 s; this is the backstop
const START_LIMIT_MS = 120_000;
const FRAME_SCRIPT = new URL("./frame.js", import.meta.url).href;
const SCRIPTS = ["../start/hook.js", "./setup.js", "./worker.js"].map((name) => new URL(name, import.meta.url).href);
const SNAPSHOT_URL = new URL("../start/practice-snapshot", import.meta.url).href;
// Pyodide is the page's own (start/interpreter.mjs); the package and the grader are beside the page.
const PRACTICE_URLS = Object.keys(globalThis.nnPractice.FILES).map((name) => new URL(`../${name}`, import.meta.url).href);
const CRASH_KINDS = new Set(["grader", "runtime", "tampered"]);

/** An Error that says in words why Python for practice stopped (``error.phrase``). */
function failure(key, params) {
  return Object.assign(new Error(key), { phrase: phrase(key, params) });
}

/** A file of the site, as bytes: from this version's cache when it holds it (what the service worker
 * would answer, without every byte passing through its thread: 10 MB of Pyodide's wasm), else fetched. */
async function fetchBytes(url) {
  const response = (await globalThis.caches?.match(url, { cacheName: cache })) ?? await fetch(url);
  if (!response.ok) throw new Error(`${url.split("/").pop()} answered ${response.status}`);
  return response.arrayBuffer();
}

let frameDocument = null;

/** The frame's document, frame.js inline. Its own policy, on top of the page's (which a srcdoc
 * frame inherits): that one script, WebAssembly, a worker from a blob; no fetch, no eval, no
 * other script (so neither has the worker). */
function frameHTML() {
  frameDocument ??= fetchBytes(FRAME_SCRIPT).then(async (bytes) => {
    const hash = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))));
    return `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="`
      + `default-src 'none'; script-src 'sha256-${hash}' 'wasm-unsafe-eval'; worker-src blob:">`
      + `<script>${new TextDecoder().decode(bytes)}</script>`;
  });
  frameDocument.catch(() => { frameDocument = null; }); // try again next time
  return frameDocument;
}

// Whether the worker may start from the practice snapshot: when the page itself restores from its own
// snapshot (so snapshots fit this browser), until a worker started from one fails to start.
let snapshotUsable = true;

/** The practice snapshot with NumPy's files unpacked ({bytes, files}), when the worker may start
 * from it, else {} (or {why}): the files are the page's own, if it still has them. */
async function practiceSnapshot() {
  if (!(await restoring) || !snapshotUsable) return {};
  const files = takeNumpyFiles();
  const stored = await storedSnapshot(SNAPSHOT_URL, !files);
  return stored.bytes && files ? { ...stored, files } : stored;
}

/** Every file the worker needs, as bytes (fetched for each worker, as the bytes move to it):
 * ``code``, the worker's own code for the frame; ``wasm``, Pyodide's WebAssembly (both asked for
 * first: the worker starts, and compiles it, while the rest arrives); and ``init``, its first
 * message, with the rest of Pyodide's files, the grader's and the practice snapshot with NumPy's
 * files unpacked (or null; then NumPy's wheel instead). */
function runtimeFiles() {
  const code = Promise.all([`${indexURL}pyodide.asm.js`, `${indexURL}pyodide.js`, ...SCRIPTS].map(fetchBytes));
  const wasm = fetchBytes(`${indexURL}pyodide.asm.wasm`);
  const snapshot = practiceSnapshot().catch(() => ({})); // unreadable: a normal start
  const init = (async () => {
    const runtime = [`${indexURL}python_stdlib.zip`];
    const [lock, files, stored] = await Promise.all([fetchBytes(`${indexURL}pyodide-lock.json`),
      Promise.all([...runtime, ...PRACTICE_URLS].map(fetchBytes)), snapshot]);
    // A normal start installs the wheels; a restore, NumPy's files unpacked (one buffer).
    const wheels = stored.bytes ? [] : Object.values(JSON.parse(new TextDecoder().decode(lock)).packages)
      .map((entry) => indexURL + entry.file_name);
    const wheelFiles = await Promise.all(wheels.map(fetchBytes));
    const restorable = stored.bytes ? [stored.bytes.buffer, stored.files[0][1].buffer] : [];
    const named = (urls, buffers) => Object.fromEntries(urls.map((url, i) => [url.split("/").pop(), buffers[i]]));
    return [{
      type: "init",
      indexURL,
      pyodide: { "pyodide-lock.json": lock, ...named(runtime, files), ...named(wheels, wheelFiles) },
      practice: globalThis.nnPractice.named(files.slice(runtime.length)),
      snapshot: stored.bytes ?? null,
      numpyFiles: stored.files ?? null,
    }, [lock, ...files, ...wheelFiles, ...restorable]];
  })();
  return { code, wasm, init };
}

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

let jobCount = 0;

/** One practice worker: its frame, its start, one check at a time, and its end. */
export class PracticeWorker {
  /** ``onDie(worker)`` is called once when this worker ends, for whatever reason. */
  constructor(onDie) {
    this.onDie = onDie;
    this.dead = false;
    this.isReady = false;
    this.job = null;
    this.requests = new Map(); // id -> {resolve, reject} of file requests (export, split)
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {}); // reported by whoever waits for it
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.port.onmessage = (event) => this.receive(event.data);
    this.frame = Object.assign(document.createElement("iframe"), { hidden: true });
    window.nnI18n.attr(this.frame, "title", "practice.frame-title");
    this.frame.setAttribute("sandbox", "allow-scripts"); // an opaque origin: not allow-same-origin
    this.onFrameMessage = (event) => { // the frame only ever says that the worker failed
      if (event.source === this.frame.contentWindow && event.source) {
        this.die("reason-frame-stopped", { detail: String(event.data?.message ?? "the worker failed").slice(0, 200) });
      }
    };
    window.addEventListener("message", this.onFrameMessage);
    this.startTimer = setTimeout(() => this.die("reason-slow-start"), START_LIMIT_MS);
    const failed = (error) => this.die("reason-could-not-start", { detail: error.message });
    const loaded = frameHTML().then((html) => new Promise((resolve) => {
      if (this.dead) return;
      this.frame.srcdoc = html;
      this.frame.addEventListener("load", resolve, { once: true });
      document.body.append(this.frame);
    }));
    const { code, wasm, init } = runtimeFiles();
    const wasmSent = wasm.then((bytes) => this.dead || this.port.postMessage({ type: "wasm", bytes }, [bytes]));
    Promise.all([code, loaded]).then(([scripts]) => {
      if (this.dead) return;
      this.frame.contentWindow.postMessage({ type: "start", code: scripts.flatMap((script) => [script, "\n"]) },
        "*", [channel.port2, ...scripts]);
    }, failed);
    Promise.all([init, wasmSent]).then(([[message, transfer]]) => {
      this.fromSnapshot = Boolean(message.snapshot);
      if (!this.dead) this.port.postMessage(message, transfer);
    }, failed);
  }

  receive(message) {
    if (!isObject(message)) return;
    if (message.type === "ready" && !this.isReady) {
      clearTimeout(this.startTimer);
      this.isReady = true;
      this.resolveReady();
    } else if (message.type === "failed") {
      if (this.fromSnapshot) snapshotUsable = false; // the next worker starts normally
      this.die("reason-could-not-start", { detail: String(message.message).slice(0, 500) });
    } else if (message.type === "event" && this.job?.id === message.id && isObject(message.event)) {
      this.job.onEvent(message.event);
    } else if (message.type === "done" && this.job?.id === message.id && isObject(message.result)
      && Array.isArray(message.result.cases)) {
      this.finish({ result: message.result });
    } else if (message.type === "files-done" && this.requests.has(message.id) && isObject(message.response)) {
      this.requests.get(message.id).resolve(message.response);
      this.requests.delete(message.id);
    } else if (message.type === "crash") {
      const kind = CRASH_KINDS.has(message.kind) ? message.kind : "runtime";
      if (kind === "tampered") this.die("reason-guard", {}, kind);
      else this.die("reason-crashed", { detail: String(message.message).slice(0, 2000) }, kind);
    }
  }

  /** Grade `code`; resolves to {result} or {timedOut} or {crashed, kind, phrase}, never rejects. */
  run(op, code, onEvent) {
    if (this.dead) return Promise.resolve({ crashed: true, phrase: phrase("reason-had-stopped") });
    return new Promise((resolve) => {
      const id = ++jobCount;
      const timer = setTimeout(() => {
        this.finish({ timedOut: true });
        this.die("reason-too-long");
      }, CHECK_LIMIT_MS);
      this.job = { id, onEvent, resolve, timer };
      this.port.postMessage({ type: "grade", id, op, code });
    });
  }

  /** Export or split practice files (export.py's handle); resolves to its response. */
  files(request) {
    if (this.dead) return Promise.reject(failure("reason-had-stopped"));
    return new Promise((resolve, reject) => {
      const id = ++jobCount;
      this.requests.set(id, { resolve, reject });
      this.port.postMessage({ type: "files", id, request });
    });
  }

  finish(outcome) {
    const job = this.job;
    if (!job) return;
    this.job = null;
    clearTimeout(job.timer);
    job.resolve(outcome);
  }

  /** End this worker: removing its frame ends the worker in it, whatever it is doing. Why is
   * the phrase ``reason`` (a key of practice.json) with ``params``. */
  die(reason, params = {}, kind = "stopped") {
    if (this.dead) return;
    this.dead = true;
    clearTimeout(this.startTimer);
    window.removeEventListener("message", this.onFrameMessage);
    this.port.close();
    this.frame.remove();
    const error = failure(reason, params);
    this.rejectReady(error);
    this.finish({ crashed: true, kind, phrase: error.phrase });
    for (const { reject } of this.requests.values()) reject(error);
    this.requests.clear();
    this.onDie(this);
  }
}
