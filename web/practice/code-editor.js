// The practice panels' code editor: CodeMirror (vendor/codemirror-*/editor.js, built from
// practice/codemirror.js) is fetched when a Practice tab is first opened, and put over that
// panel's textarea. Until then, or if it cannot load, the textarea is the editor (editor.js's
// keys). The panel's data-editor says which: "codemirror" or "plain".

const BUNDLE = document.querySelector('meta[name="nnbasics-editor"]')?.content;
let loading = null;

function load() {
  loading ??= BUNDLE ? import(new URL(BUNDLE, document.baseURI).href) : Promise.reject(new Error("not built"));
  return loading;
}

/** Give ``panel`` the CodeMirror editor (once); ``onCheck`` and ``onFocus`` as in codemirror.js. */
export async function upgradeEditor(panel, callbacks) {
  if (panel.dataset.editor) return;
  panel.dataset.editor = "loading";
  try {
    const { createEditor, unavailable } = await load();
    if (unavailable) throw new Error(unavailable);
    createEditor(panel.querySelector('textarea[name="code"]'), callbacks);
    panel.dataset.editor = "codemirror";
  } catch (error) {
    panel.dataset.editor = "plain";
    if (BUNDLE) console.warn(`The code editor could not load (${error.message}): the plain editor is used.`);
  }
}
