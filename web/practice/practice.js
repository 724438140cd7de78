// Practice mode: every exercise's panel on its card's Practice tab, where the learner writes the
// function and Check grades it, case by case: the learner's code runs in a fresh interpreter of its
// own (worker-client.js), the page's Python judges what comes back (checking.py). Checks queue up,
// one at a time; code autosaves per exercise in localStorage, passed exercises too. A card of
// several exercises shows one at a time, as its picker chooses. Every word is practice.json's,
// placed by report.js's put in the page's language (and anew on a switch).
import { PracticeWorker } from "./worker-client.js";
import { Report, phrase, put, setStatus, showProgress } from "./report.js";
import { fit, onKeydown, setCode } from "./editor.js";
import { upgradeEditor } from "./code-editor.js";
import { setUpFiles } from "./files.js";
import { restoring } from "../start/python.js";

/** Code and passed exercises; set is false when the browser refuses (full or off): not kept. */
const storage = globalThis.nn.storage("localStorage", globalThis.nn.shared.storage.practice);

let python = null;
const startWatchers = new Set(); // panels that said "Starting Python…"

/** The running worker, or a new one (started lazily: first focus or first Check). */
function ensurePython(panel) {
  if (!python) {
    python = new PracticeWorker((ended) => { if (python === ended) python = null; });
    const current = python;
    setWorkerState("starting");
    current.ready.then(
      () => {
        if (python !== current) return;
        setWorkerState("ready");
        for (const waiting of startWatchers) setStatus(waiting, phrase("status-ready"));
        startWatchers.clear();
      },
      (error) => {
        if (current.isReady) return; // a running worker ended: the check reports it
        if (current.snapshotFailed) { // its snapshot did not serve: one that starts normally replaces it
          const watchers = [...startWatchers];
          startWatchers.clear();
          ensurePython();
          for (const waiting of watchers) ensurePython(waiting);
          return;
        }
        setWorkerState("failed");
        for (const waiting of startWatchers) setStatus(waiting, [why(error), phrase("status-reload")], "failed");
        startWatchers.clear();
      },
    );
  }
  if (panel && !python.isReady) {
    startWatchers.add(panel);
    setStatus(panel, phrase("status-starting"), "busy");
  }
  return python;
}

/** Why something failed, in words: the worker's reason, or the error's own message. */
function why(error) {
  return error.phrase ?? phrase("reason-unknown", { detail: error.message });
}

function setWorkerState(state) {
  for (const panel of panels) panel.dataset.worker = state;
}

// --------------------------------------------------------------------------- checking

let queue = Promise.resolve();
let running = null; // the panel whose check runs now
const waiting = new Set(); // panels whose check waits for it

/** The function a panel practises, as its heading names it ("softmax(x)"). */
function functionName(panel) {
  return panel.querySelector(".practice-title code")?.textContent ?? panel.dataset.exercise;
}

function showWaiting() {
  for (const panel of waiting) {
    if (running && running !== panel) {
      setStatus(panel, phrase("status-waiting", { function: functionName(running) }), "busy");
    }
  }
}

/** Checks run one at a time (one worker); a check that throws does not block the next. */
function enqueue(panel) {
  waiting.add(panel);
  showWaiting();
  if (!running && !python?.isReady) setStatus(panel, phrase("status-starting"), "busy"); // says so at once
  queue = queue.then(() => {
    waiting.delete(panel);
    return check(panel);
  }).catch((error) => {
    finishCheck(panel);
    setStatus(panel, [phrase("status-could-not-run"), why(error)], "failed");
  });
}

/** The page's own Python for practice (checking.py): JSON requests, once the page is ready. */
const pagePython = new Promise((resolve) => {
  if (window.nn.app?.practice) resolve(window.nn.app.practice);
  else document.addEventListener("nn:ready", () => resolve(window.nn.app.practice), { once: true });
});

async function check(panel) {
  if (panel.dataset.busy) return;
  panel.dataset.busy = "true";
  panel.setAttribute("aria-busy", "true");
  running = panel;
  showWaiting();
  const exercise = panel.dataset.exercise;
  const code = panel.querySelector('[name="code"]').value;
  const report = new Report(panel);
  let worker = ensurePython(panel);
  try {
    await worker.ready.catch((error) => {
      if (!worker.snapshotFailed) throw error;
      worker = ensurePython(panel); // its snapshot did not serve: the one that replaced it starts normally
      return worker.ready;
    });
  } catch (error) {
    setStatus(panel, [why(error), phrase("status-reload")], "failed");
    finishCheck(panel);
    return;
  }
  setStatus(panel, phrase("status-checking"), "busy");
  report.clear();
  const started = performance.now();
  const result = await grade(await pagePython, worker, exercise, code, (event) => report.event(event));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  report.done(result);
  setStatus(panel, phrase(result.stopped ? "status-restarted" : "status-checked", { seconds }));
  // The marks show the latest check: a failed check after a pass takes them away.
  const robust = Boolean(result.all_passed && result.all_extra_passed);
  const kept = [[`passed:${exercise}`, "1"], [`robust:${exercise}`, robust && "1"], [`passed-code:${exercise}`, code]];
  for (const [key, value] of kept) {
    if (result.all_passed && value) storage.set(key, value); // the passing code: what a later exercise uses
    else storage.remove(key);
  }
  progress.set(exercise, { passed: Boolean(result.all_passed), robust });
  markCard(panel.closest("section[data-op]"));
  finishCheck(panel);
}

/** Each exercise's latest check, {passed, robust}: as stored, then as checked on this page (kept
 * here too, for a browser that refuses to store them). */
const progress = new Map();

/** A card's marks: passed when every one of its exercises passed, robust when every one is. */
function markCard(card) {
  const latest = panelsOf(card).map((panel) => progress.get(panel.dataset.exercise));
  const passed = latest.every((each) => each.passed);
  showProgress(card.dataset.op, passed, passed && latest.every((each) => each.robust));
}

/** The earlier exercises' functions a check provides (grader.uses): the learner's own version
 * of that exercise when its latest check passed, else the course's. [{function, code, own}] */
export function contextOf(uses) {
  return uses.map((used) => {
    const own = storage.get(`passed:${used.op}`) ? storage.get(`passed-code:${used.op}`) : null;
    return { function: used.function, code: own ?? used.reference, own: own !== null };
  });
}

/** One check: the page's Python plans it, a fresh learner's interpreter runs the code on the
 * plan's inputs, the page's Python judges each answer as it comes and concludes (PROTOCOL.md).
 * ``onEvent`` gets the report's events (plan, stage, case); resolves to the outcome. */
async function grade(python, worker, op, code, onEvent) {
  const plan = await python({ plan: op }); // op: the exercise's name
  const context = contextOf(plan.uses);
  onEvent({ type: "plan", function: plan.function, cases: plan.cases, context });
  onEvent({ type: "stage", stage: "top-level" });
  let top = null;
  let raised = null; // the class of an error whose message has not come yet
  const cases = [];
  const ran = await worker.run({ ...plan.job, code, context }, async (message) => {
    if (message.type === "top") {
      const read = await python({ top: message });
      top = read.top ?? null;
      raised = null;
      return read.refused;
    }
    if (message.type === "raised") raised = String(message.error.type ?? "").slice(0, 200);
    if (message.type === "case-start") {
      raised = null;
      onEvent({ type: "stage", stage: "case", index: message.index });
    }
    if (message.type === "case") {
      raised = null;
      cases.push((await python({ judge: { op, index: message.index, message } })).case);
      onEvent({ type: "case", index: message.index, case: cases.at(-1) });
    }
    return "";
  });
  const stop = ran.done ? null : { kind: ran.stopped, seconds: ran.seconds ?? "", detail: ran.detail ?? "", raised };
  return { ...(await python({ conclude: { op, top, cases, stop } })), stopped: Boolean(stop) };
}

function finishCheck(panel) {
  if (running === panel) running = null;
  delete panel.dataset.busy;
  panel.removeAttribute("aria-busy");
  panel.dataset.checks = String((Number(panel.dataset.checks) || 0) + 1);
}


// --------------------------------------------------------------------------- wiring

const cards = [...document.querySelectorAll("section[data-op]")];
const panels = [...document.querySelectorAll("section[data-op] [data-practice]")];
/** A card's practice panels: one per exercise (data-exercise), in the page's order. */
const panelsOf = (card) => [...card.querySelectorAll("[data-practice]")];

/** The starting code of ``exercise`` (signature, docstring, imports; not the solution) in the page's
 * language: the catalogue's (web/operations.json), as the build put it among the words. */
const stubOf = (exercise) => window.nn.i18n.t(`op.${exercise}.stub`);

/** Whether ``code`` is the starting code in any language (not the learner's: not kept, and
 * replaced by the other language's on a switch). */
const isStub = (exercise, code) => window.nn.i18n.every(`op.${exercise}.stub`).includes(code);

/** The course-style solution, comments in the page's language (plain text: code is never markup),
 * put in when it is shown. */
function fillSolution(panel, exercise) {
  const details = panel.querySelector(".practice-solution");
  if (!details.open) return;
  details.querySelector("pre code").textContent = window.nn.i18n.t(`op.${exercise}.solution`);
  put(details.querySelector(".practice-solution-note"), phrase("solution-note"));
}

/** CodeMirror takes over a panel's editor when the panel is first on screen (cards/tabs.js shows
 * the Practice tab, a card's picker one of its exercises). */
function upgrade(panel) {
  if (panel.hidden || panel.closest('[role="tabpanel"]')?.hidden) return;
  upgradeEditor(panel, { onCheck: () => enqueue(panel), onFocus: () => ensurePython(panel) });
}

function setUp(panel) {
  const exercise = panel.dataset.exercise;
  const editor = panel.querySelector('[name="code"]');
  setCode(editor, storage.get(`code:${exercise}`) ?? stubOf(exercise));
  window.nn.i18n.onChange(() => {
    if (isStub(exercise, editor.value)) setCode(editor, stubOf(exercise));
    panel.querySelector(".practice-solution").addEventListener("toggle", () => fillSolution(panel, exercise));
  });

  editor.addEventListener("input", () => {
    saveCode(panel);
    fit(editor);
  });
  editor.addEventListener("focus", () => ensurePython(panel));
  editor.addEventListener("pointerdown", () => { editor.dataset.engaged = "true"; });
  editor.addEventListener("blur", () => delete editor.dataset.engaged);
  editor.addEventListener("keydown", (event) => onKeydown(event, () => enqueue(panel)));
  upgrade(panel);
  panel.closest("section[data-op]").addEventListener("nn:tab", (event) => event.detail === "practice" && upgrade(panel));

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
    setCode(editor, stubOf(exercise));
    storage.remove(`code:${exercise}`);
    closeConfirm(panel.querySelector(".cm-content") ?? editor);
    setStatus(panel, phrase("status-reset"));
  });

  panel.querySelector(".practice-solution").addEventListener("toggle", () => fillSolution(panel, exercise));

  progress.set(exercise, {
    passed: Boolean(storage.get(`passed:${exercise}`)),
    robust: Boolean(storage.get(`robust:${exercise}`)),
  });
}

/** The exercise a card's picker chose in this tab's session (the page's own first one else). */
const chosen = globalThis.nn.storage("sessionStorage", `${globalThis.nn.shared.storage.practice}exercise:`);

/** A card of several exercises: its picker (select[name="exercise"]) shows one of them at a time. */
function setUpPicker(card) {
  const picker = card.querySelector('select[name="exercise"]');
  if (!picker) return;
  const show = (exercise) => {
    picker.value = exercise;
    for (const panel of panelsOf(card)) panel.hidden = panel.dataset.exercise !== exercise;
    panelsOf(card).filter((panel) => !panel.hidden).forEach(upgrade);
  };
  const kept = chosen.get(card.dataset.op);
  show(panelsOf(card).some((panel) => panel.dataset.exercise === kept) ? kept : picker.value);
  picker.addEventListener("change", () => {
    chosen.set(card.dataset.op, picker.value); // storage off or full: not remembered
    show(picker.value);
  });
}

/** Keep a panel's code (a stub is not kept: an updated stub, or the other language's, then
 * reaches the learner). */
function saveCode(panel) {
  const exercise = panel.dataset.exercise;
  const editor = panel.querySelector('[name="code"]');
  const kept = isStub(exercise, editor.value) ? (storage.remove(`code:${exercise}`), true)
    : storage.set(`code:${exercise}`, editor.value);
  if (!kept) {
    panel.dataset.unkept = "true";
    setStatus(panel, phrase("status-not-kept"), "failed");
  } else if (panel.dataset.unkept) {
    delete panel.dataset.unkept;
    setStatus(panel, phrase("status-kept-again"));
  }
}

cards.forEach(setUpPicker);
panels.forEach(setUp);
cards.filter((card) => panelsOf(card).length).forEach(markCard);
// A page that restores from its memory snapshot starts Python for practice from the practice snapshot
// in the background, so that a first check finds it ready (web/README.md, "Start-up"): at once when a card
// opens on its Practice tab (a learner back at an exercise, who may press Check as soon as the page
// is ready; the page's own start is slower for it, both competing for two cores), else once the
// page is ready.
restoring.then((yes) => {
  if (!yes) return;
  if (panels.some((panel) => !panel.closest('[role="tabpanel"]')?.hidden)) ensurePython();
  else document.addEventListener("nn:ready", () => ensurePython(), { once: true });
});
setUpFiles({
  pagePython,
  panels,
  contextOf,
  setPanelCode(panel, code) {
    setCode(panel.querySelector('[name="code"]'), code);
    saveCode(panel);
  },
});
