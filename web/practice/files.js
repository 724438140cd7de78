// Taking practice code away and back (the page's "Your practice code" box): Download .py or a
// notebook of every panel's code, made by export.py in the practice worker; Open a file splits
// it into exercises there (read, never run) and, once confirmed, puts each into its panel.
// Nothing leaves the browser.

const MAX_FILE_BYTES = 2_000_000;

/** ``ensurePython()`` gives the practice worker; ``panels`` the practice panels; ``setPanelCode``
 * puts code into a panel's editor (and its storage). */
export function setUpFiles({ ensurePython, panels, setPanelCode }) {
  const box = document.querySelector(".practice-files");
  if (!box) return;
  const status = box.querySelector(".practice-files-status");
  const confirm = box.querySelector(".practice-files-confirm");
  const picker = box.querySelector('input[name="upload-practice"]');
  const say = (text, state = "") => {
    status.textContent = text;
    status.dataset.state = state;
  };
  const editorOf = (panel) => panel.querySelector('[name="code"]');
  const opOf = (panel) => panel.closest("section[data-op]").dataset.op;
  const titleOf = (panel) => panel.querySelector(".practice-title code")?.textContent ?? opOf(panel);

  async function ask(request, busy) {
    say(busy, "busy");
    const worker = ensurePython();
    await worker.ready;
    const response = await worker.files(request);
    if (response.error) throw new Error(response.error);
    return response;
  }

  async function download(kind) {
    const codes = Object.fromEntries(panels.map((panel) => [opOf(panel), editorOf(panel).value]));
    try {
      const files = await ask({ export: codes }, "Preparing the file…");
      const name = kind === "py" ? "nnbasics_practice.py" : "nnbasics_practice.ipynb";
      const type = kind === "py" ? "text/x-python" : "application/x-ipynb+json";
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([files[kind]], { type }));
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      say(`Saved ${name}: every exercise's code as it is in the panels.`);
    } catch (error) {
      say(`The file could not be made (${error.message}).`, "failed");
    }
  }

  let pending = null; // [[panel, code], ...] waiting for confirmation
  async function open(file) {
    confirm.hidden = true;
    pending = null;
    if (file.size > MAX_FILE_BYTES) {
      say(`"${file.name}" is too big for practice code (more than 2 MB).`, "failed");
      return;
    }
    try {
      const { codes } = await ask({ split: await file.text() }, `Reading "${file.name}"…`);
      const changes = panels.filter((panel) => codes[opOf(panel)] !== undefined
        && codes[opOf(panel)] !== editorOf(panel).value).map((panel) => [panel, codes[opOf(panel)]]);
      if (!changes.length) {
        say(`"${file.name}" holds the same code as the panels: nothing to change.`);
        return;
      }
      pending = changes;
      say("");
      box.querySelector(".practice-files-question").textContent =
        `Replace your code in ${changes.length} panel${changes.length > 1 ? "s" : ""} with the code from `
        + `"${file.name}": ${changes.map(([panel]) => titleOf(panel)).join(", ")}?`;
      confirm.hidden = false;
      confirm.querySelector('[name="upload-confirm"]').focus();
    } catch (error) {
      say(`"${file.name}" could not be read as practice code: ${error.message}.`, "failed");
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
    say(`Your code was replaced in: ${(pending ?? []).map(([panel]) => titleOf(panel)).join(", ")}.`);
    pending = null;
    confirm.hidden = true;
  });
  confirm.querySelector('[name="upload-cancel"]').addEventListener("click", () => {
    pending = null;
    confirm.hidden = true;
    say("Your code was kept.");
  });
}
