// The page's side of the practice worker (worker.js): start it, grade one check at a time,
// end it. A check that is not done after CHECK_LIMIT_MS ends the worker (terminate), so an
// endless loop costs one failed check, never the page; the caller then starts another.

export const CHECK_LIMIT_MS = 8000; // the grader itself stops learner code after 5 s; this is the backstop
const START_LIMIT_MS = 120_000;
// The grader's Python modules and the catalogue they read, beside the page (see README).
const GRADER_FILES = ["catalogue.py", "operations.json", "practice/wording.py", "practice/sandbox.py",
  "practice/exercises.py", "practice/grader.py", "practice/export.py"];

let runtimeURLs = null;

/** Where the worker finds Pyodide (from PyScript's own config), the package and the grader. */
function locateRuntime() {
  runtimeURLs ??= (async () => {
    const configURL = new URL("./pyscript.json", document.baseURI);
    const response = await fetch(configURL);
    if (!response.ok) throw new Error(`pyscript.json answered ${response.status}`);
    const config = await response.json();
    const archive = Object.keys(config.files ?? {}).find((name) => name.endsWith("nnbasics.zip"));
    return {
      pyodideURL: new URL(config.interpreter, configURL).href,
      packageURL: new URL(archive ?? "./nnbasics.zip", configURL).href,
      graderURLs: GRADER_FILES.map((name) => new URL(`./${name}`, configURL).href),
    };
  })();
  runtimeURLs.catch(() => { runtimeURLs = null; }); // try again next time
  return runtimeURLs;
}

let jobCount = 0;

/** One practice worker: its start, one check at a time, and its end. */
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
    this.worker = new Worker(new URL("./worker.js", import.meta.url),
      { type: "module", name: "nnbasics-practice" });
    this.worker.addEventListener("message", (event) => this.receive(event.data));
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.die(`Python for practice stopped (${event.message || "the worker failed"})`);
    });
    this.startTimer = setTimeout(() => this.die("Python for practice took more than two minutes to start"),
      START_LIMIT_MS);
    locateRuntime().then(
      (urls) => this.dead || this.worker.postMessage({ type: "init", ...urls }),
      (error) => this.die(`Python for practice could not start (${error.message})`),
    );
  }

  receive(message) {
    if (message.type === "ready") {
      clearTimeout(this.startTimer);
      this.isReady = true;
      this.resolveReady();
    } else if (message.type === "failed") {
      this.die(`Python for practice could not start (${message.message})`);
    } else if (message.type === "event" && this.job?.id === message.id) {
      this.job.onEvent(message.event);
    } else if (message.type === "done" && this.job?.id === message.id) {
      this.finish({ result: message.result });
    } else if (message.type === "files-done" && this.requests.has(message.id)) {
      this.requests.get(message.id).resolve(message.response);
      this.requests.delete(message.id);
    } else if (message.type === "crash") {
      this.die(`Python for practice crashed (${message.message})`, message.kind);
    }
  }

  /** Grade `code`; resolves to {result} or {timedOut} or {crashed, kind, message}, never rejects. */
  run(op, code, onEvent) {
    if (this.dead) return Promise.resolve({ crashed: true, message: "Python for practice had stopped" });
    return new Promise((resolve) => {
      const id = ++jobCount;
      const timer = setTimeout(() => {
        this.finish({ timedOut: true });
        this.die("a check took too long");
      }, CHECK_LIMIT_MS);
      this.job = { id, onEvent, resolve, timer };
      this.worker.postMessage({ type: "grade", id, op, code });
    });
  }

  /** Export or split practice files (export.py's handle); resolves to its response. */
  files(request) {
    if (this.dead) return Promise.reject(new Error("Python for practice had stopped"));
    return new Promise((resolve, reject) => {
      const id = ++jobCount;
      this.requests.set(id, { resolve, reject });
      this.worker.postMessage({ type: "files", id, request });
    });
  }

  finish(outcome) {
    const job = this.job;
    if (!job) return;
    this.job = null;
    clearTimeout(job.timer);
    job.resolve(outcome);
  }

  die(reason, kind = "stopped") {
    if (this.dead) return;
    this.dead = true;
    clearTimeout(this.startTimer);
    this.worker.terminate();
    this.rejectReady(new Error(reason));
    this.finish({ crashed: true, kind, message: reason });
    for (const { reject } of this.requests.values()) reject(new Error(reason));
    this.requests.clear();
    this.onDie(this);
  }
}
