// Practice mode (issue 6): every card's "Practice" panel, where the learner writes the
// function and Check grades it, case by case.
//
// The learner's code never runs on the page: it goes to a dedicated module worker with
// its own Pyodide (js/practice-worker.js), started on the first focus of an editor or the
// first Check. A check that is not done after CHECK_LIMIT_MS ends the worker (terminate)
// and a fresh one is started, so an endless loop costs one failed check, never the page.
// Code autosaves per function in localStorage; passed exercises are remembered there too.

const CHECK_LIMIT_MS = 8000; // the grader itself stops learner code after 5 s; this is the backstop
const START_LIMIT_MS = 120_000;
const STORAGE_PREFIX = "nnbasics:practice:";
const INDENT = "    ";

const VERDICTS = {
  runs: "failed: it raised an error",
  type: "failed the type check",
  shape: "failed the shape check",
  values: "failed the values check",
  raises: "failed: it should raise an error",
  time: "timed out",
  memory: "ran out of memory",
  defined: "failed: no such function",
  "not-run": "not run",
  stopped: "stopped",
  crashed: "Python for practice crashed",
};

// --------------------------------------------------------------------------- storage

const storage = {
  get(key) {
    try { return localStorage.getItem(STORAGE_PREFIX + key); } catch { return null; }
  },
  set(key, value) {
    try { localStorage.setItem(STORAGE_PREFIX + key, value); } catch { /* storage off: not kept */ }
  },
  remove(key) {
    try { localStorage.removeItem(STORAGE_PREFIX + key); } catch { /* nothing to remove */ }
  },
};

// --------------------------------------------------------------------------- the worker

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
      graderURL: new URL("./practice.py", configURL).href,
    };
  })();
  runtimeURLs.catch(() => { runtimeURLs = null; }); // try again next time
  return runtimeURLs;
}

let jobCount = 0;

/** One practice worker: its start, one check at a time, and its end. */
class PracticeWorker {
  constructor() {
    this.dead = false;
    this.isReady = false;
    this.job = null;
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {}); // reported by whoever waits for it
    this.worker = new Worker(new URL("./practice-worker.js", import.meta.url),
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
    if (python === this) python = null;
  }
}

let python = null;
const startWatchers = new Set(); // panels that said "Starting Python…"

/** The running worker, or a new one (started lazily: first focus or first Check). */
function ensurePython(panel) {
  if (!python) {
    python = new PracticeWorker();
    const current = python;
    setWorkerState("starting");
    current.ready.then(
      () => {
        if (python !== current) return;
        setWorkerState("ready");
        for (const waiting of startWatchers) setStatus(waiting, "Python for practice is ready.");
        startWatchers.clear();
      },
      (error) => {
        if (current.isReady) return; // a running worker ended: the check reports it
        setWorkerState("failed");
        for (const waiting of startWatchers) setStatus(waiting, `${error.message}. Reload the page to try again.`, "failed");
        startWatchers.clear();
      },
    );
  }
  if (panel && !python.isReady) {
    startWatchers.add(panel);
    setStatus(panel, "Starting Python for practice…", "busy");
  }
  return python;
}

function setWorkerState(state) {
  for (const panel of panels) panel.dataset.worker = state;
}

// --------------------------------------------------------------------------- showing results

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function setStatus(panel, text, state = "") {
  const status = panel.querySelector(".practice-status");
  status.textContent = text;
  status.dataset.state = state;
}

function block(label, text, className = "") {
  const wrap = element("div", `case-block ${className}`.trim());
  wrap.append(element("h5", "case-label", label), element("pre", "", text));
  return wrap;
}

/** One case as an <li data-case data-status>: what was passed, expected, got, which check failed. */
function caseItem(entry) {
  const item = element("li", "case");
  item.dataset.case = entry.name;
  item.dataset.status = entry.status ?? "pending";
  const details = element("details");
  details.open = entry.status === "fail";
  const summary = element("summary");
  const mark = { pass: "✓", fail: "✗" }[entry.status] ?? "…";
  const head = element("span", "case-head");
  head.append(
    element("span", "case-title", entry.title),
    element("span", "case-verdict", entry.status === "pass" ? "passed"
      : entry.status === "fail" ? VERDICTS[entry.failed] ?? "failed" : entry.running ? "running…" : "waiting"),
  );
  if (entry.output && entry.status === "pass") {
    head.append(element("span", "case-printed", "printed output"));
  }
  summary.append(element("span", "case-mark", mark), head);
  details.append(summary);
  const body = element("div", "case-body");
  if (entry.message) body.append(element("p", "case-message", entry.message));
  if (entry.checks?.length && entry.status) {
    const checks = element("ul", "case-checks");
    checks.setAttribute("aria-label", "Checks, in order");
    for (const [name, status] of entry.checks) {
      const check = element("li", "", name);
      check.dataset.check = status;
      check.title = { pass: "passed", fail: "failed", skipped: "not checked" }[status];
      checks.append(check);
    }
    body.append(checks);
  }
  const data = element("div", "case-data");
  data.append(block("Input", `${entry.args}\n${entry.call}`));
  data.append(block("Expected", entry.expected));
  if (entry.got) data.append(block("Got", entry.got, entry.status === "fail" ? "is-wrong" : ""));
  body.append(data);
  if (entry.hint) body.append(element("p", "case-hint", entry.hint));
  if (entry.warnings?.length) body.append(block("Warnings", entry.warnings.join("\n"), "is-note"));
  if (entry.output) body.append(block("Printed", entry.output));
  if (entry.traceback) body.append(block("Traceback", entry.traceback, "is-wrong"));
  details.append(body);
  item.append(details);
  return item;
}

const plans = new Map(); // op -> the cases of its last check (the same every time: seeded)

/** The report area of one panel, filled as the worker's events arrive. */
class Report {
  constructor(panel) {
    this.panel = panel;
    this.op = panel.closest("section[data-op]").dataset.op;
    this.root = panel.querySelector(".practice-report");
    this.list = panel.querySelector(".practice-cases");
    this.grade = panel.querySelector('output[name="grade"]');
    this.entries = [];
    this.stage = null;
  }

  clear() {
    this.root.hidden = false;
    this.root.dataset.state = "running";
    this.grade.textContent = "Checking…";
    delete this.grade.dataset.status;
    this.problem(null);
    this.printed("");
  }

  event(event) {
    if (event.type === "plan") {
      plans.set(this.op, event.cases);
      this.entries = event.cases.map((entry) => ({ ...entry }));
      this.list.replaceChildren(...this.entries.map(caseItem));
    } else if (event.type === "stage") {
      this.stage = event;
      if (event.stage === "case") this.update(event.index, { ...this.entries[event.index], running: true });
    } else if (event.type === "case") {
      this.update(event.index, event.case);
    }
  }

  update(index, entry) {
    this.entries[index] = entry;
    this.list.children[index]?.replaceWith(caseItem(entry));
  }

  problem(error) {
    const box = this.panel.querySelector(".practice-problem");
    box.hidden = !error;
    box.querySelector(".practice-problem-text").textContent = error?.message ?? "";
    const trace = box.querySelector(".practice-trace");
    trace.textContent = error?.traceback ?? "";
    trace.hidden = !error?.traceback;
  }

  printed(text) {
    const box = this.panel.querySelector(".practice-printed");
    box.hidden = !text;
    box.querySelector("pre").textContent = text;
  }

  done(result) {
    result.cases.forEach((entry, index) => this.update(index, entry));
    this.problem(result.error);
    this.printed(result.printed);
    this.summarize();
  }

  /** The worker was ended (too slow) or died: every case without a result fails. */
  stopped(failed, message) {
    if (!this.entries.length) { // no plan came: the cases are known from an earlier check, or not
      const plan = plans.get(this.op) ?? [{ name: "your-code", title: "Your code", args: "", call: "",
        expected: "", checks: ["runs"] }];
      this.entries = plan.map((entry) => ({ ...entry }));
      this.list.replaceChildren(...this.entries.map(caseItem));
      this.stage = { stage: "case", index: 0 };
    }
    const running = this.stage?.stage === "case" ? this.stage.index : -1;
    this.entries.forEach((entry, index) => {
      if (entry.status) return;
      const here = index === running || (running < 0 && this.stage?.stage === "top-level");
      this.update(index, {
        ...entry,
        status: "fail",
        failed: here ? failed : "not-run",
        message: here ? message : "not run: the check was stopped before this case",
        checks: (entry.checks ?? []).map((name, i) => [name, i === 0 && here ? "fail" : "skipped"]),
      });
    });
    this.problem({ message: message[0].toUpperCase() + message.slice(1) + "." });
    this.summarize();
  }

  summarize() {
    const passed = this.entries.filter((entry) => entry.status === "pass").length;
    const total = this.entries.length;
    const all = total > 0 && passed === total;
    this.grade.textContent = `${passed}/${total} passed${all ? " — well done!" : ""}`;
    this.grade.dataset.status = all ? "pass" : "fail";
    this.root.dataset.state = all ? "pass" : "fail";
    return all;
  }
}

// --------------------------------------------------------------------------- progress

function showPassed(op) {
  const card = document.getElementById(op);
  if (!card) return;
  card.dataset.practicePassed = "true";
  const heading = card.querySelector("h2");
  if (heading && !heading.querySelector(".practice-badge")) {
    const badge = element("span", "practice-badge", "✓ Passed");
    badge.title = "You passed this exercise's practice check";
    heading.append(" ", badge);
  }
  const link = document.querySelector(`nav.toc a[href="#${CSS.escape(op)}"]`);
  if (link && !link.querySelector(".practice-done")) {
    const done = element("span", "practice-done");
    done.append(element("span", "", "✓"), element("span", "visually-hidden", " (practice passed)"));
    done.firstChild.setAttribute("aria-hidden", "true");
    link.append(done);
  }
}

// --------------------------------------------------------------------------- checking

let queue = Promise.resolve();
let running = null; // the panel whose check runs now
const waiting = new Set(); // panels whose check waits for it

/** The function a panel practises, as its heading names it ("softmax(x)"). */
function functionName(panel) {
  return panel.querySelector(".practice-title code")?.textContent
    ?? panel.closest("section[data-op]").dataset.op;
}

function showWaiting() {
  for (const panel of waiting) {
    if (running && running !== panel) {
      setStatus(panel, `Waiting for the check of ${functionName(running)} to finish…`, "busy");
    }
  }
}

/** Checks run one at a time (one worker); a check that throws does not block the next. */
function enqueue(panel) {
  waiting.add(panel);
  showWaiting();
  queue = queue.then(() => {
    waiting.delete(panel);
    return check(panel);
  }).catch((error) => {
    finishCheck(panel);
    setStatus(panel, `The check could not run (${error.message}).`, "failed");
  });
}

async function check(panel) {
  if (panel.dataset.busy) return;
  panel.dataset.busy = "true";
  panel.setAttribute("aria-busy", "true");
  running = panel;
  showWaiting();
  const op = panel.closest("section[data-op]").dataset.op;
  const code = panel.querySelector('[name="code"]').value;
  const report = new Report(panel);
  const worker = ensurePython(panel);
  try {
    await worker.ready;
  } catch (error) {
    setStatus(panel, `${error.message}. Reload the page to try again.`, "failed");
    finishCheck(panel);
    return;
  }
  setStatus(panel, "Checking…", "busy");
  report.clear();
  const started = performance.now();
  const outcome = await worker.run(op, code, (event) => report.event(event));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (outcome.result) {
    report.done(outcome.result);
    setStatus(panel, `Checked in ${seconds} s.`);
    if (outcome.result.all_passed) {
      storage.set(`passed:${op}`, "1");
      showPassed(op);
    }
    if (outcome.result.recycle) worker.die("its memory is used up"); // a fresh one for next time
  } else if (outcome.timedOut) {
    report.stopped("time", `timed out: the check had no answer after ${CHECK_LIMIT_MS / 1000} s `
      + "(an endless loop, or a very long computation?)");
    setStatus(panel, "Stopped after too long; Python for practice was restarted.");
  } else {
    // Classified by the worker's explicit kind, never by the text of a message.
    report.stopped(outcome.kind === "stopped" ? "stopped" : "crashed", `${outcome.message}; it was restarted`);
    setStatus(panel, "Python for practice was restarted.");
  }
  if (!python) ensurePython(); // the next check finds a fresh worker starting or ready
  finishCheck(panel);
}

function finishCheck(panel) {
  if (running === panel) running = null;
  delete panel.dataset.busy;
  panel.removeAttribute("aria-busy");
  panel.dataset.checks = String((Number(panel.dataset.checks) || 0) + 1);
}

// --------------------------------------------------------------------------- the editor

/** Replace [start, end) with text, keeping the browser's undo history when it can. */
function replaceRange(editor, start, end, text, selectStart, selectEnd) {
  editor.focus();
  editor.setSelectionRange(start, end);
  if (!document.execCommand?.("insertText", false, text)) {
    editor.setRangeText(text, start, end, "end");
    editor.dispatchEvent(new Event("input", { bubbles: true }));
  }
  if (selectStart !== undefined) editor.setSelectionRange(selectStart, selectEnd);
}

function lineStart(text, index) {
  return text.lastIndexOf("\n", index - 1) + 1;
}

function indent(editor) {
  const { value, selectionStart: start, selectionEnd: end } = editor;
  if (!value.slice(start, end).includes("\n")) {
    replaceRange(editor, start, end, INDENT);
    return;
  }
  const from = lineStart(value, start);
  const lines = value.slice(from, end).split("\n");
  const text = lines.map((line) => (line ? INDENT + line : line)).join("\n");
  replaceRange(editor, from, end, text, start + INDENT.length, from + text.length);
}

function dedent(editor) {
  const { value, selectionStart: start, selectionEnd: end } = editor;
  const from = lineStart(value, start);
  const lines = value.slice(from, end).split("\n");
  const removed = lines.map((line) => line.match(/^ {0,4}/)[0].length);
  if (!removed.some(Boolean)) return;
  const text = lines.map((line, i) => line.slice(removed[i])).join("\n");
  const newStart = Math.max(from, start - removed[0]);
  replaceRange(editor, from, end, text, newStart, start === end ? newStart : from + text.length);
}

function newline(editor) {
  const { value, selectionStart: start, selectionEnd: end } = editor;
  const line = value.slice(lineStart(value, start), start);
  let indentation = line.match(/^ */)[0];
  if (/:\s*(#.*)?$/.test(line)) indentation += INDENT;
  replaceRange(editor, start, end, `\n${indentation}`);
}

// Tab indents once the learner works in the editor (clicked or typed in it). Tabbing into
// it from the page and pressing Tab again moves on, and Escape, then Tab, always leaves it:
// the keyboard never gets trapped.
const MODIFIERS = new Set(["Shift", "Control", "Alt", "Meta", "Tab", "Escape", "CapsLock"]);

function onKeydown(event, panel) {
  const editor = event.currentTarget;
  if (event.isComposing || event.altKey) return;
  if (event.key === "Escape") {
    delete editor.dataset.engaged; // the next Tab leaves the editor
    return;
  }
  if (event.key === "Tab" && !event.ctrlKey && !event.metaKey) {
    if (!editor.dataset.engaged) return; // the browser moves the focus
    event.preventDefault();
    if (event.shiftKey) dedent(editor);
    else indent(editor);
    return;
  }
  if (!MODIFIERS.has(event.key)) editor.dataset.engaged = "true";
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    enqueue(panel);
  } else if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    newline(editor);
  }
}

/** Grow the editor with its code (within limits), so the whole function is in view. */
function fit(editor) {
  const lines = editor.value.split("\n").length;
  editor.rows = Math.min(40, Math.max(12, lines + 1));
}

/** Show the code (it lives in localStorage, not in the URL with the card's inputs). */
function setCode(editor, code) {
  editor.value = code;
  fit(editor);
}

// --------------------------------------------------------------------------- wiring

const panels = [...document.querySelectorAll("section[data-op] [data-practice]")];

function fillSolution(panel, op) {
  const details = panel.querySelector(".practice-solution");
  if (!details.open) return;
  const source = window.nnApp?.sources?.[op];
  details.querySelector("code").textContent = source ?? "The solution appears here once Python has loaded…";
  details.querySelector(".practice-solution-note").textContent = source
    ? "The package's own version. Any helper it calls only converts and checks the input or words an error message."
    : "";
}

function setUp(panel) {
  const op = panel.closest("section[data-op]").dataset.op;
  const editor = panel.querySelector('[name="code"]');
  // The starting code (signature, docstring, imports; not the solution) is the editor's
  // own default, rendered by build.py from web/operations.json.
  const stub = editor.defaultValue;
  setCode(editor, storage.get(`code:${op}`) ?? stub);

  editor.addEventListener("input", () => {
    if (editor.value === stub) storage.remove(`code:${op}`); // an updated stub reaches the learner
    else storage.set(`code:${op}`, editor.value);
    fit(editor);
  });
  editor.addEventListener("focus", () => ensurePython(panel));
  editor.addEventListener("pointerdown", () => { editor.dataset.engaged = "true"; });
  editor.addEventListener("blur", () => delete editor.dataset.engaged);
  editor.addEventListener("keydown", (event) => onKeydown(event, panel));

  panel.querySelector('button[name="check"]').addEventListener("click", () => enqueue(panel));

  const reset = panel.querySelector('button[name="reset"]');
  const confirm = panel.querySelector(".practice-confirm");
  const closeConfirm = (focus) => {
    confirm.hidden = true;
    reset.hidden = false;
    focus.focus();
  };
  reset.addEventListener("click", () => {
    reset.hidden = true;
    confirm.hidden = false;
    confirm.querySelector('[name="reset-cancel"]').focus();
  });
  confirm.querySelector('[name="reset-cancel"]').addEventListener("click", () => closeConfirm(reset));
  confirm.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeConfirm(reset);
  });
  confirm.querySelector('[name="reset-confirm"]').addEventListener("click", () => {
    setCode(editor, stub);
    storage.remove(`code:${op}`);
    closeConfirm(editor);
    setStatus(panel, "Your code was replaced by the starting code.");
  });

  const solution = panel.querySelector(".practice-solution");
  solution.addEventListener("toggle", () => fillSolution(panel, op));
  document.addEventListener("nn:ready", () => fillSolution(panel, op));

  if (storage.get(`passed:${op}`)) showPassed(op);
}

panels.forEach(setUp);
