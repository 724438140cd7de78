// The page's side of its Python (start/python-worker.js, which start/prepare.js started in the
// <head>): call(name, ...args) asks it and resolves to the JSON it answers; `started` resolves once it
// is ready, to each operation's source. The start's stages reach the page as nn:progress events, a
// failure to start as the status line's. <html data-start="snapshot|normal"> says how it started.
// After a normal start, once the page is ready, start/snapshot-worker.js makes the snapshots in the
// background (<html data-snapshot="making|stored|failed">). The messages: web/cards/CONTRACT.md.
import "./hook.js";

const { nn } = globalThis; // nn.start: start/hook.js; nn.prepare: start/prepare.js
export const { indexURL, cache } = nn.prepare;
const root = document.documentElement;

/** The page is ready and a service worker controls it (on a first visit: once it is installed). */
function readyAndControlled() {
  const ready = new Promise((resolve) => document.addEventListener("nn:ready", resolve, { once: true }));
  const controlled = navigator.serviceWorker.controller ? Promise.resolve() : new Promise((resolve) =>
    navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
  return Promise.all([ready, controlled]);
}

/** One snapshot made by a background worker of the service worker's: resolves to its answer. */
function snapshotWorker(message) {
  const worker = new Worker(new URL("./snapshot-worker.js", import.meta.url), { name: "nnbasics-snapshot" });
  return new Promise((resolve) => {
    worker.addEventListener("message", ({ data }) => {
      worker.terminate();
      resolve(data);
    });
    worker.postMessage(message);
  });
}

/** Make the snapshots in the background (a normal start only): the page's, then, in a fresh worker,
 * the learner's interpreter's (one after the other: on two cores, side by side they would slow the page). */
async function makeSnapshots() {
  await readyAndControlled();
  root.dataset.snapshot = "making";
  const manifestURL = new URL("../python.json", import.meta.url).href;
  let answer = await snapshotWorker({ kind: "page", indexURL, manifestURL });
  if (answer.stored) answer = await snapshotWorker({ kind: "practice", indexURL });
  root.dataset.snapshot = answer.stored ? "stored" : "failed";
  if (answer.failed) console.info(`No start-up snapshot was made: ${answer.failed}`);
  else document.dispatchEvent(new CustomEvent("nn:snapshots")); // practice's next workers restore from it
}

let restored;
/** Whether the page restores from its snapshot (resolves once it is found fit, before Python starts). */
export const restoring = new Promise((resolve) => { restored = resolve; });
let ready, failed;
/** Resolves once the page's Python is ready: {sources} (each operation's source); rejects if it
 * could not start (the status line says why). */
export const started = new Promise((resolve, reject) => { [ready, failed] = [resolve, reject]; });
started.catch(() => {}); // the status line tells

const answers = new Map(); // call id -> {resolve, reject}
let calls = 0;

function ask(name, args, interruptible) {
  return new Promise((resolve, reject) => {
    const id = ++calls;
    answers.set(id, { resolve, reject });
    nn.prepare.python.post({ type: "call", id, name, args, interruptible });
  });
}

/** Ask the page's Python: ``name`` is one of web/cards/main.py's CALLS, ``args`` strings or null.
 * Resolves to the JSON string it returns; rejects with the last line of its error. */
export function call(name, ...args) {
  return ask(name, args, false);
}

/** As ``call``, but ``interrupt()`` stops it (it rejects with "KeyboardInterrupt") where the page is
 * cross-origin isolated; elsewhere it runs to its end. */
export function callInterruptibly(name, ...args) {
  if (nn.prepare.interrupt) Atomics.store(nn.prepare.interrupt, 0, 0);
  return ask(name, args, true);
}

/** Stop the interruptible call under way, if any (Python's SIGINT: 2). */
export function interrupt() {
  if (nn.prepare.interrupt) Atomics.store(nn.prepare.interrupt, 0, 2);
}

nn.prepare.python.listen((message) => {
  if (message.type === "progress") {
    window.dispatchEvent(new CustomEvent("nn:progress", { detail: message.stage }));
  } else if (message.type === "restoring") {
    restored(message.fit);
  } else if (message.type === "info") {
    console.info(message.text);
  } else if (message.type === "ready") {
    root.dataset.start = message.start;
    restored(message.start === "snapshot");
    ready({ sources: JSON.parse(message.sources) });
    if (message.start === "normal" && nn.prepare.snapshots) makeSnapshots();
  } else if (message.type === "failed") {
    restored(false);
    failed(new Error(message.message));
    if (message.file) nn.status.fail("status-file-missing", { file: message.file });
    else nn.status.fail("status-start-failed", { detail: message.message });
  } else if (message.type === "answer") {
    const answer = answers.get(message.id);
    answers.delete(message.id);
    if (message.error === undefined) answer?.resolve(message.json);
    else answer?.reject(new Error(message.error));
  }
});
