// The practice editor: CodeMirror 6 with Python. Not shipped as it is: build.py bundles it
// with esbuild, from the pinned npm packages, into vendor/codemirror-*/editor.js, which
// code-editor.js imports when a Practice tab is first opened.
//
// The panel's textarea[name="code"] stays the source of truth (so Playwright's fill() and
// input_value() keep working on it): hidden but for scripts, it gets every edit made here, with
// an "input" event, and anything put into it (fill(), Reset, a file) is shown here.
import { EditorState } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import {
  HighlightStyle, LanguageSupport, bracketMatching, indentOnInput, indentUnit, syntaxHighlighting,
} from "@codemirror/language";
import { pythonLanguage } from "@codemirror/lang-python";
import { tags } from "@lezer/highlight";

// Colours are the page's (practice.css): light and dark follow the page's colour scheme.
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: "var(--cm-keyword)" }, // and its kinds: control, definition, module, operator
  { tag: tags.string, color: "var(--cm-string)" },
  { tag: tags.comment, color: "var(--cm-comment)", fontStyle: "italic" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--cm-number)" },
  { tag: [tags.function(tags.definition(tags.variableName)), tags.definition(tags.className)],
    color: "var(--cm-function)", fontWeight: "bold" },
]);

const theme = EditorView.theme({
  "&": {
    color: "var(--text)", backgroundColor: "var(--code-bg)", fontSize: "0.88rem",
    border: "1px solid var(--border)", borderRadius: "8px",
  },
  "&.cm-focused": { outline: "3px solid var(--focus)", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.45" },
  ".cm-content": { caretColor: "var(--text)", padding: "8px 0", minHeight: "12em" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--text)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground":
    { backgroundColor: "var(--cm-selection)" },
  ".cm-gutters": {
    color: "var(--muted)", backgroundColor: "var(--surface-2)", border: "none",
    borderRight: "1px solid var(--border)", borderRadius: "8px 0 0 8px",
  },
  ".cm-activeLineGutter": { color: "var(--text)", backgroundColor: "transparent", fontWeight: "bold" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "var(--cm-bracket)", outline: "1px solid var(--muted)" },
  "&.cm-focused .cm-nonmatchingBracket": { backgroundColor: "var(--danger-bg)", color: "var(--danger)" },
});

/** Put a CodeMirror editor in place of ``textarea``; ``onCheck()`` runs on Ctrl+Enter, ``onFocus()``
 * when the editor gets the focus. Returns the EditorView. */
export function createEditor(textarea, { onCheck, onFocus }) {
  const [label] = textarea.labels;
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      new LanguageSupport(pythonLanguage),
      syntaxHighlighting(highlight),
      indentUnit.of("    "),
      EditorState.tabSize.of(4),
      EditorView.lineWrapping,
      theme,
      keymap.of([
        { key: "Mod-Enter", run: () => { onCheck(); return true; } },
        indentWithTab, // Escape, then Tab, leaves the editor (CodeMirror's own way out)
        ...defaultKeymap,
        ...historyKeymap,
      ]),
      EditorView.contentAttributes.of({
        "aria-labelledby": label?.id ?? "", // the label's words, in the page's language
        "aria-describedby": textarea.getAttribute("aria-describedby") ?? "",
        spellcheck: "false",
        autocapitalize: "off",
        autocorrect: "off",
      }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        textarea.value = update.state.doc.toString();
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }),
      EditorView.domEventHandlers({ focus: () => { onFocus(); } }),
    ],
  });
  textarea.addEventListener("input", () => {
    const shown = view.state.doc.toString();
    if (shown !== textarea.value) view.dispatch({ changes: { from: 0, to: shown.length, insert: textarea.value } });
  });
  label?.addEventListener("click", (event) => {
    event.preventDefault(); // not the hidden textarea: the editor
    view.focus();
  });
  textarea.classList.add("visually-hidden");
  textarea.tabIndex = -1;
  textarea.setAttribute("aria-hidden", "true");
  textarea.after(view.dom);
  return view;
}
