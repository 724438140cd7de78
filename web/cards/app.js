// The page's JavaScript: events, the loading status and putting results on screen.
// Everything it shows comes from Python (cards/bindings.py, asked through start/python.js: it runs in
// a worker, so each answer comes back later, the result marked busy meanwhile) as JSON, worded in the page's
// language -- before Python has loaded, the same for each card's example, embedded by the
// build -- or from the page's words (window.nn.i18n); it only places text (never HTML) and
// hands plot specs to the plotting component. A change of language words every card anew.
import { drawPlot } from "../plot/plot.js";
import { linkLeavesOut, restoreFields, saveFields } from "./state.js";
import { LIMITS, readImageFile } from "./image.js";
import { setUpTabs } from "./tabs.js";
import { keepScrollingBoxesReachable } from "./reachable.js";
import { call, started } from "../start/python.js";
import { bindTiming } from "./timing.js";

const DEBOUNCE_MS = 300;
const SLOW_AFTER_MS = 60_000;

const root = document.documentElement;
const cards = [...document.querySelectorAll("section[data-op]")];
const fieldsOf = (card) => [...card.querySelectorAll(".inputs textarea[name]")];
const timed = cards.filter((card) => card.querySelector(".timing")); // with a timing run (cards/timing.js)
const sizesOf = (card) => [...card.querySelectorAll(".timing textarea[name]")];
const fields = [...cards.flatMap(fieldsOf), ...timed.flatMap(sizesOf)]; // what the URL keeps
const startedAt = performance.now();
const i18n = window.nn.i18n;
const timers = new Map();
let evaluate = null; // the Python bindings, once Python has loaded
const asked = new Map(); // card -> its latest call: an answer to an older one is not shown

function inputsOf(card) {
  return Object.fromEntries(fieldsOf(card).map((f) => [f.name, f.value]));
}

/** Each field's message (its own [role="alert"], right below it): a refusal of what it holds (the
 * package's or the bindings' code and parameters), worded in the page's language and named after the
 * field, or none. A field without one is valid again: no longer marked. */
function showFieldErrors(someFields, errors) {
  for (const field of someFields) {
    const alert = field.closest(".field").querySelector('[role="alert"]');
    const error = errors.find((each) => each.field === field.name);
    if (!error) {
      alert.replaceChildren();
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
      continue;
    }
    const name = Object.assign(document.createElement("strong"), { className: "error-field", textContent: field.name });
    const words = document.createElement("span");
    i18n.set(words, error.key ?? `errors.${error.code}`, error.params);
    alert.replaceChildren(name, ": ", words);
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", alert.id);
  }
}

/** Refusals: each field's message, and no result (the plot marked stale). ``errors`` name their
 * fields; one that names none (the page could not compute) is the first field's. */
function showError(card, errors) {
  const first = fieldsOf(card)[0].name;
  showFieldErrors(fieldsOf(card), errors.map((error) => ({ ...error, field: error.field ?? first })));
  const output = card.querySelector('output[name="result"]');
  output.textContent = "";
  delete output.dataset.value;
  card.querySelector(".note").hidden = true;
  const canvas = card.querySelector("canvas");
  canvas.classList.add("stale");
  i18n.attr(canvas, "aria-label", "page.stale-plot");
  i18n.set(card.querySelector(".plot-text"), "page.stale-plot");
}

function showResult(card, outcome) {
  showFieldErrors(fieldsOf(card), []);
  const output = card.querySelector('output[name="result"]');
  output.textContent = outcome.text;
  output.dataset.value = JSON.stringify(outcome.value);
  const note = card.querySelector(".note");
  note.hidden = !outcome.note;
  note.textContent = outcome.note ?? "";
  const canvas = card.querySelector("canvas");
  canvas.classList.remove("stale");
  i18n.text(canvas, outcome.alt, "aria-label");
  i18n.text(card.querySelector(".plot-text"), outcome.alt);
  drawPlot(canvas, outcome.plot);
}

// Each card's result for its example in each language, embedded by the build (cards/first_paint.py):
// shown at once.
const FIRST_PAINT = JSON.parse(document.getElementById("first-paint")?.textContent || "{}");

/** The card's embedded result for its example in the page's language, if its input is the example. */
function exampleShown(card) {
  const example = FIRST_PAINT[i18n.lang]?.[card.dataset.op];
  return example && fieldsOf(card).every((field) => field.value === field.defaultValue) ? example : null;
}

/** Before Python has loaded: a card at its example shows the embedded result; any other input
 * waits, its empty result saying it is computed once Python is ready (app.css). */
function paintWithoutPython(card) {
  const example = exampleShown(card);
  if (example) {
    showResult(card, example);
    return;
  }
  const output = card.querySelector('output[name="result"]');
  output.textContent = "";
  delete output.dataset.value;
  card.querySelector(".note").hidden = true;
  card.querySelector("canvas").classList.add("stale");
}

/** The card's result for its inputs, from Python: resolves once it is on screen (or a newer call
 * has replaced it). Until then the result is marked busy (aria-busy). */
async function compute(card) {
  clearTimeout(timers.get(card));
  timers.delete(card);
  if (!evaluate) {
    paintWithoutPython(card); // computed for real once Python is ready
    return;
  }
  const output = card.querySelector('output[name="result"]');
  const ask = evaluate(card.dataset.op, JSON.stringify(inputsOf(card)), i18n.lang, card.dataset.edited ?? null);
  asked.set(card, ask);
  output.setAttribute("aria-busy", "true");
  let outcome;
  try {
    outcome = JSON.parse(await ask);
  } catch (error) {
    const reason = String(error.message ?? error).trim().split("\n").pop(); // a Python traceback's last line
    outcome = { errors: [{ field: null, key: "page.compute-failed", params: { reason } }] };
  }
  if (asked.get(card) !== ask) return; // typed on since: the newer answer is shown
  asked.delete(card);
  output.removeAttribute("aria-busy");
  if (outcome.errors) showError(card, outcome.errors);
  else showResult(card, outcome);
}

function schedule(card) {
  clearTimeout(timers.get(card));
  timers.set(card, setTimeout(() => compute(card), DEBOUNCE_MS));
}

function bind(card) {
  const form = card.querySelector("form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    compute(card);
  });
  form.addEventListener("input", (event) => {
    if (event.target.matches("textarea[name]")) {
      card.dataset.edited = event.target.name; // blamed if the fields do not match each other
      saveFields(fields);
      schedule(card);
    }
  });
  form.addEventListener("change", (event) => {
    if (event.target.matches("textarea[name]")) {
      card.dataset.edited = event.target.name;
      compute(card);
    }
  });
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !event.target.matches("textarea[name]") || event.isComposing) return;
    if (event.target.rows === 1 || event.ctrlKey || event.metaKey) {
      event.preventDefault(); // a one-line field: Enter computes instead of adding a line
      compute(card);
    } else {
      setTimeout(() => compute(card)); // after the new line is in
    }
  });
  const upload = card.querySelector('input[type="file"]');
  if (upload) bindUpload(card, upload);
}

// --------------------------------------------------------------------------- image files

/** A picked image becomes the card's first field; a thumbnail beside the heat maps and the
 * status line say what was done. A file that cannot be used changes nothing but the status. */
function bindUpload(card, upload) {
  const [field] = fieldsOf(card);
  const status = card.querySelector(".upload-status");
  const figure = card.querySelector("figure.plot");
  const say = (words, state = "") => {
    i18n.set(status, words.key, words.params);
    status.dataset.state = state;
  };
  const forget = () => { // the field no longer holds the picture
    figure.querySelector(".upload-thumb")?.remove();
    figure.classList.remove("with-picture");
    say(LIMITS);
  };
  say(LIMITS);
  upload.addEventListener("change", async () => {
    const [file] = upload.files;
    upload.value = "";
    if (!file) return;
    let picture;
    try {
      picture = await readImageFile(file);
    } catch (error) {
      say(error.words, "failed");
      return;
    }
    forget();
    const thumb = Object.assign(document.createElement("img"), {
      className: "upload-thumb", src: picture.url, onload: () => URL.revokeObjectURL(picture.url),
    });
    i18n.attr(thumb, "alt", "page.image-thumb");
    figure.prepend(thumb);
    figure.classList.add("with-picture");
    say(picture.words);
    field.value = picture.text;
    saveFields(fields);
    compute(card);
  });
  field.addEventListener("input", () => figure.classList.contains("with-picture") && forget());
}

function copyLink(button) {
  const done = (key) => {
    i18n.set(button, key);
    setTimeout(() => i18n.set(button, "page.copy-link"), 2000);
  };
  navigator.clipboard.writeText(location.href).then(
    () => done(linkLeavesOut(fields) ? "page.link-copied-short" : "page.link-copied"),
    () => {
      window.prompt(i18n.t("page.copy-prompt"), location.href);
    },
  );
}

/** On a phone the introduction and the practice files wait behind the "More" button (app.css). */
function setUpMore(button) {
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    button.closest(".site-header").toggleAttribute("data-more", open);
  });
}

/** Once Python and NumPy are loaded (start/python.js ``started``): each card's source, the cards
 * computed, then the page is ready. ``nn.app.practice`` is practice's checking (practice/checking.py:
 * a request in, a Promise of the answer out), for practice.js and files.js. */
async function attach({ sources }) {
  evaluate = (...args) => call("evaluate_json", ...args);
  window.nn.app.sources = sources;
  window.nn.app.practice = async (request) => JSON.parse(await call("practice_json", JSON.stringify(request)));
  for (const card of cards) card.querySelector(".source code").textContent = sources[card.dataset.op];
  // a card at its example already shows exactly what Python computes (cards/first-paint.json is
  // checked against the bindings): only the others are computed now, and shown before "ready"
  await Promise.all(cards.filter((card) => !exampleShown(card)).map(compute));
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  window.nn.status.set("status-ready", { seconds }, "ready");
  root.classList.remove("loading", "failed"); // Python did arrive after all
  root.classList.add("ready");
  performance.mark("nn:ready"); // time-to-ready, for build.py bench
  document.dispatchEvent(new CustomEvent("nn:ready"));
}

window.nn.app = {};
started.then(attach, () => {}); // a failure to start: the status line says it (start/python.js)
restoreFields(fields);
cards.forEach(paintWithoutPython);
cards.forEach(bind);
for (const card of timed) {
  bindTiming(card, (errors) => showFieldErrors(sizesOf(card), errors));
  for (const field of sizesOf(card)) field.addEventListener("input", () => saveFields(fields));
}
setUpTabs(cards);
keepScrollingBoxesReachable(document.getElementById("cards"));
document.getElementById("copy-link").addEventListener("click", (event) => copyLink(event.currentTarget));
setUpMore(document.querySelector(".more-toggle"));
i18n.onChange(() => cards.forEach(compute)); // plots, their descriptions and notes in the new language

const startFailed = (detail) => window.nn.status.fail("status-start-failed", { detail });
window.addEventListener("error", (event) => startFailed(event.message || i18n.t("page.status-script-failed")));
window.addEventListener("unhandledrejection", (event) => startFailed(String(event.reason?.message ?? event.reason)));
setTimeout(() => {
  if (root.classList.contains("loading")) {
    window.nn.status.set("status-slow", null, "loading");
  }
}, SLOW_AFTER_MS);
