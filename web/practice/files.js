// Taking practice code away and back (the page's "Your practice code" box): Download .py or a
// notebook of every panel's code, made by export.py in the page's own Python from the editors'
// text alone (learner code never runs there); Open a file splits it into exercises there (read,
// never run) and, once confirmed, puts each into its panel.
// Nothing leaves the browser. The files are in the page's language at the time (export.py);
// a file comes back whichever language it was made in.
import { phrase, put } from "./report.js";

const MAX_FILE_BYTES = 2_000_000;

/** ``pagePython`` resolves to the page's Python for practice (checking.py); ``panels`` the practice
 * panels (one per exercise, its name in data-exercise); ``contextOf(uses)`` the earlier functions a check provides (so the notebook runs as the
 * panels did); ``setPanelCode`` puts code into a panel's editor (and its storage). */
export function setUpFiles({ pagePython, panels, contextOf, setPanelCode }) {
  const box = document.querySelector(".practice-files");
  if (!box) return;
  const status = box.querySelector(".practice-files-status");
  const confirm = box.querySelector(".practice-files-confirm");
  const picker = box.querySelector('input[name="upload-practice"]');
  const say = (words, state = "") => {
    put(status, words);
    status.dataset.state = state;
  };
  const editorOf = (panel) => panel.querySelector('[name="code"]');
  const exerciseOf = (panel) => panel.dataset.exercise;
  const titleOf = (panel) => panel.querySelector(".practice-title code")?.textContent ?? exerciseOf(panel);
  const titles = (changes) => changes.map(([panel]) => `\`${titleOf(panel)}\``).join(", ");
  const why = (error) => error.phrase ?? error.phrases ?? phrase("reason-unknown", { detail: error.message });

  async function ask(request, busy) {
    say(busy, "busy");
    const response = await (await pagePython)(request);
    if (response.error) { // export.py's phrases
      throw Object.assign(new Error(String(response.error)), Array.isArray(response.error) ? { phrases: response.error } : {});
    }
    return response;
  }

  async function download(kind) {
    const codes = Object.fromEntries(panels.map((panel) => [exerciseOf(panel), editorOf(panel).value]));
    try {
      const python = await pagePython;
      const uses = await Promise.all(panels.map(exerciseOf)
        .map(async (exercise) => [exercise, contextOf((await python({ uses: exercise })).uses)]));
      const context = Object.fromEntries(uses);
      const files = await ask({ export: codes, context, lang: window.nn.i18n.lang }, phrase("files-preparing"));
      const name = kind === "py" ? "nnbasics_practice.py" : "nnbasics_practice.ipynb";
      const type = kind === "py" ? "text/x-python" : "application/x-ipynb+json";
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([files[kind]], { type }));
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      say(phrase("files-saved", { file: name }));
    } catch (error) {
      say([phrase("files-not-made"), why(error)].flat(), "failed");
    }
  }

  let pending = null; // [[panel, code], ...] waiting for confirmation
  async function open(file) {
    confirm.hidden = true;
    pending = null;
    if (file.size > MAX_FILE_BYTES) {
      say(phrase("files-too-big", { file: file.name }), "failed");
      return;
    }
    try {
      const { codes } = await ask({ split: await file.text() }, phrase("files-reading", { file: file.name }));
      const changes = panels.filter((panel) => codes[exerciseOf(panel)] !== undefined
        && codes[exerciseOf(panel)] !== editorOf(panel).value).map((panel) => [panel, codes[exerciseOf(panel)]]);
      if (!changes.length) {
        say(phrase("files-same", { file: file.name }));
        return;
      }
      pending = changes;
      say("");
      put(box.querySelector(".practice-files-question"),
        phrase("files-question", { count: changes.length, file: file.name, functions: titles(changes) }));
      confirm.hidden = false;
      confirm.querySelector('[name="upload-confirm"]').focus();
    } catch (error) {
      say([phrase("files-unreadable", { file: file.name }), why(error)].flat(), "failed");
    }
  }

  box.querySelector('[name="download-py"]').addEventListener("click", () => download("py"));
  box.querySelector('[name="download-ipynb"]').addEventListener("click", () => download("ipynb"));
  picker.addEventListener("change", () => {
    const [file] = picker.files;
    picker.value = "";
    if (file) open(file);
  });
  confirm.querySelector('[name="upload-confirm"]').addEventListener("click", () => {
    for (const [panel, code] of pending ?? []) setPanelCode(panel, code);
    say(phrase("files-replaced", { functions: titles(pending ?? []) }));
    pending = null;
    confirm.hidden = true;
  });
  confirm.querySelector('[name="upload-cancel"]').addEventListener("click", () => {
    pending = null;
    confirm.hidden = true;
    say(phrase("files-kept"));
  });
}
