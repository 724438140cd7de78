// The page's side of the learner's interpreter: a sandboxed frame of its own (frame.js), an opaque
// origin that reaches nothing of the site, which starts one fresh worker (worker.js) per check.
// The page hands the frame every file once, as Blobs (from the service worker's cache when
// offline: a sandboxed frame is not the service worker's, so even its script is handed over,
// inline, as the site's CSP allows by its hash): a Blob passes from page to frame to each worker
// without its bytes being copied on the way; each worker reads what it needs. Each check gets a
// MessageChannel of its own; what comes back is untrusted: every message is checked (protocol.js),
// the check ends at the first one that is not as documented or when it takes longer than
// CHECK_LIMIT_MS, and its worker is ended.
// Messages between the page and the frame: PROTOCOL.md.

import { phrase } from "./report.js";
import { newCheck, refusal } from "./protocol.js";
import { cache, indexURL, restoring } from "../start/python.js";
import "./setup.js";

export const CHECK_LIMIT_MS = 8000; // the runner itself stops learner code after 5 s; this is the backstop
const START_LIMIT_MS = 120_000;
const FRAME_SCRIPT = new URL("./frame.js", import.meta.url).href;
const SCRIPTS = ["../shared.js", "../start/hook.js", "./setup.js", "./worker.js"].map((name) => new URL(name, import.meta.url).href);
const SNAPSHOT_URL = new URL("../start/practice-snapshot", import.meta.url).href;
const NUMPY_FILES_URL = new URL("../start/numpy-files", import.meta.url).href;
// Pyodide is the page's own (start/python.js); the runner's files are beside the page.
const PRACTICE_URLS = Object.keys(globalThis.nn.practice.FILES).map((name) => new URL(`../${name}`, import.meta.url).href);

/** An Error that says in words why Python for practice stopped (``error.phrase``). */
function failure(key, params) {
  return Object.assign(new Error(key), { phrase: phrase(key, params) });
}

/** A file of the site: from this version's cache when it holds it (what the service worker would
 * answer, without every byte passing through its thread: 10 MB of Pyodide's wasm), else fetched. */
async function fetchFile(url) {
  const response = (await globalThis.caches?.match(url, { cacheName: cache })) ?? await fetch(url);
  if (!response.ok) throw new Error(`${url.split("/").pop()} answered ${response.status}`);
  return response;
}

/** A file of the site as a Blob (one from the cache is not read: it refers to the stored bytes). */
const fetchBlob = (url) => fetchFile(url).then((response) => response.blob());

let frameDocument = null;

/** The frame's document, frame.js inline. Its own policy, on top of the page's (which a srcdoc
 * frame inherits): that one script, WebAssembly, a worker from a blob; no fetch, no eval, no
 * other script (so neither has the worker). */
function frameHTML() {
  frameDocument ??= fetchFile(FRAME_SCRIPT).then((response) => response.arrayBuffer()).then(async (bytes) => {
    const hash = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))));
    return `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="`
      + `default-src 'none'; script-src 'sha256-${hash}' 'wasm-unsafe-eval'; worker-src blob:">`
      + `<script>${new TextDecoder().decode(bytes)}</script>`;
  });
  frameDocument.catch(() => { frameDocument = null; }); // try again next time
  return frameDocument;
}
frameHTML(); // now: the first check need not wait for it

// Whether the workers may start from the practice snapshot: when the page itself restores from its own
// snapshot, or this visit made the snapshots (so snapshots fit this browser), until a worker started
// from one fails to start.
let snapshotUsable = true;
const snapshotsMade = new Promise((resolve) => document.addEventListener("nn:snapshots", resolve, { once: true }));

/** The practice snapshot and NumPy's files as the service worker keeps them ({snapshot, files}:
 * Blobs, checked intact here; each worker unpacks NumPy's files), when the workers may start from them,
 * else {} (or {why}). */
async function practiceSnapshot() {
  if ((!(await restoring) && document.documentElement.dataset.snapshot !== "stored") || !snapshotUsable) return {};
  const [snapshot, files] = await Promise.all([SNAPSHOT_URL, NUMPY_FILES_URL]
    .map((url) => globalThis.nn.start.storedEntry(url, indexURL, cache, { blob: true })));
  return snapshot.blob && files.blob ? { snapshot: snapshot.blob, files: files.blob }
    : { why: snapshot.why ?? `without NumPy's files, which are ${files.why}` };
}

/** The workers' script, in parts (Blobs): pyodide.asm.js, pyodide.js, shared.js, start/hook.js, setup.js,
 * worker.js. */
async function workerCode() {
  const parts = await Promise.all([...globalThis.nn.start.workerScripts(indexURL), ...SCRIPTS].map(fetchBlob));
  return parts.flatMap((part) => [part, "\n"]);
}

/** What the frame hands each of its workers, as Blobs: Pyodide's files but its wasm, the runner's,
 * and the practice snapshot with NumPy's files, or else NumPy's wheel. */
async function runtimeFiles() {
  const [stored, lock] = await Promise.all([
    practiceSnapshot().catch(() => ({})), // unreadable: a normal start
    fetchBlob(`${indexURL}pyodide-lock.json`),
  ]);
  const wheels = stored.snapshot ? [] : Object.values(JSON.parse(await lock.text()).packages)
    .map((entry) => indexURL + entry.file_name);
  const runtime = [`${indexURL}python_stdlib.zip`, ...wheels];
  const [runtimeBlobs, practice] = await Promise.all([Promise.all(runtime.map(fetchBlob)), Promise.all(PRACTICE_URLS.map(fetchBlob))]);
  const pyodide = Object.fromEntries(runtime.map((url, i) => [url.split("/").pop(), runtimeBlobs[i]]));
  return {
    files: { indexURL, pyodide: { "pyodide-lock.json": lock, ...pyodide }, practice: globalThis.nn.practice.named(practice),
      snapshot: stored.snapshot ?? null, numpyFiles: stored.files ?? null },
    fromSnapshot: Boolean(stored.snapshot),
  };
}

let checkCount = 0;

/** Python for practice: its frame, its start, one check at a time, and its end. */
export class PracticeWorker {
  /** ``onDie(worker)`` is called once when this frame ends, for whatever reason. */
  constructor(onDie) {
    this.onDie = onDie;
    this.dead = false;
    this.isReady = false;
    this.check = null;
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {}); // reported by whoever waits for it
    this.frame = Object.assign(document.createElement("iframe"), { hidden: true });
    globalThis.nn.i18n.attr(this.frame, "title", "practice.frame-title");
    this.frame.setAttribute("sandbox", "allow-scripts"); // an opaque origin: not allow-same-origin
    this.onFrameMessage = (event) => {
      if (event.source === this.frame.contentWindow && event.source) this.fromFrame(event.data);
    };
    window.addEventListener("message", this.onFrameMessage);
    this.startTimer = setTimeout(() => this.die("reason-slow-start"), START_LIMIT_MS);
    const loaded = frameHTML().then((html) => new Promise((resolve) => {
      if (this.dead) return;
      this.frame.srcdoc = html;
      this.frame.addEventListener("load", resolve, { once: true });
      document.body.append(this.frame);
    }));
    const failed = (error) => this.die("reason-could-not-start", { detail: error.message });
    // The code first: the frame compiles Pyodide's WebAssembly and starts a worker on its script while
    // the rest is read and checked.
    const codeSent = Promise.all([workerCode(), fetchBlob(`${indexURL}pyodide.asm.wasm`), loaded]).then(([code, wasm]) => {
      if (!this.dead) this.frame.contentWindow.postMessage({ type: "code", code, wasm }, "*");
    });
    Promise.all([runtimeFiles(), codeSent]).then(([{ files, fromSnapshot }]) => {
      this.fromSnapshot = fromSnapshot;
      if (this.dead) return;
      this.frame.contentWindow.postMessage({ type: "init", files }, "*");
      if (!fromSnapshot) snapshotsMade.then(() => this.upgrade()); // this visit made them: use them
    }, failed);
  }

  /** Once this visit has made the snapshots, the frame's next workers restore from the practice
   * snapshot rather than start Pyodide anew (seconds of CPU each). */
  async upgrade() {
    const stored = await practiceSnapshot().catch(() => ({}));
    if (this.dead || !stored.snapshot) return;
    this.fromSnapshot = true;
    this.frame.contentWindow.postMessage({ type: "snapshot", snapshot: stored.snapshot, numpyFiles: stored.files }, "*");
  }

  /** The frame says: a worker is ready, one could not start, or the running one failed. */
  fromFrame(message) {
    if (message?.type === "ready" && !this.isReady) {
      clearTimeout(this.startTimer);
      this.isReady = true;
      this.resolveReady();
    } else if (message?.type === "failed") {
      if (this.fromSnapshot) snapshotUsable = false; // the next frame starts its workers normally
      this.snapshotFailed = Boolean(this.fromSnapshot);
      this.broken = { detail: String(message.message).slice(0, 500) };
      if (!this.check) this.die("reason-could-not-start", this.broken); // else once the running check ends
    } else if (message?.type === "error" && this.check?.id === message.id) {
      this.endCheck({ stopped: "interrupted", detail: String(message.message).slice(0, 200) });
    }
  }

  /** Run ``job`` (the grader's plan, with the code) in a fresh interpreter; ``onMessage(message)``
   * gets each accepted message of the runner, in order, each once the one before is handled, and may
   * resolve to a reason (phrase params' detail) to end the check. Resolves to {done: true} or
   * {stopped: "time" | "interrupted", detail}; never rejects. */
  run(job, onMessage) {
    if (this.dead) return Promise.resolve({ stopped: "interrupted", detail: "Python for practice had stopped" });
    return new Promise((resolve) => {
      const id = ++checkCount;
      const channel = new MessageChannel();
      const state = newCheck(job.cases.length);
      const timer = setTimeout(() => this.endCheck({ stopped: "time", seconds: CHECK_LIMIT_MS / 1000 }), CHECK_LIMIT_MS);
      this.check = { id, port: channel.port1, timer, resolve };
      let handled = Promise.resolve(); // the runner's messages, one after the other
      channel.port1.onmessage = ({ data }) => {
        handled = handled.then(async () => {
          if (this.check?.id !== id) return;
          let why = refusal(state, data) || (data.type === "failed" ? `Python failed: ${data.message}` : "");
          try {
            why ||= (await onMessage(data)) || "";
          } catch (error) {
            why = `the page could not read it (${String(error?.message ?? error).split("\n").pop().slice(0, 200)})`;
          }
          if (this.check?.id !== id) return; // ended meanwhile (its time ran out)
          if (why) this.endCheck({ stopped: "interrupted", detail: why });
          else if (state.done) this.endCheck({ done: true });
        });
      };
      this.frame.contentWindow.postMessage({ type: "run", id, job }, "*", [channel.port2]);
    });
  }

  /** End the running check (its port closed: nothing more of it is read) and its worker. */
  endCheck(outcome) {
    const check = this.check;
    if (!check) return;
    this.check = null;
    clearTimeout(check.timer);
    check.port.onmessage = null;
    check.port.close();
    this.frame.contentWindow?.postMessage({ type: "end", id: check.id }, "*");
    check.resolve(outcome);
    if (this.broken) this.die("reason-could-not-start", this.broken); // its next worker could not start
  }

  /** End the frame and every worker in it. Why is the phrase ``reason`` (a key of practice.json). */
  die(reason, params = {}) {
    if (this.dead) return;
    this.dead = true;
    clearTimeout(this.startTimer);
    this.endCheck({ stopped: "interrupted", detail: phrase(reason, params).key });
    window.removeEventListener("message", this.onFrameMessage);
    this.frame.remove();
    this.rejectReady(failure(reason, params));
    this.onDie(this);
  }
}
