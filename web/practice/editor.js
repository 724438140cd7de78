// The plain practice editor, a textarea (until CodeMirror loads, or if it cannot): Tab /
// Shift+Tab indent and dedent the lines, Enter keeps the indentation (one more level after a
// colon), Escape then Tab leaves, Ctrl+Enter checks; the editor grows with its code.

const INDENT = "    ";


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

/** The editor's keydown handler; ``onCheck()`` runs a check (Ctrl+Enter). */
export function onKeydown(event, onCheck) {
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
    onCheck();
  } else if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    newline(editor);
  }
}

/** Grow the editor with its code (within limits), so the whole function is in view. */
export function fit(editor) {
  const lines = editor.value.split("\n").length;
  editor.rows = Math.min(40, Math.max(12, lines + 1));
}

/** Show the code (it lives in localStorage, not in the URL with the card's inputs); an "input"
 * event tells whoever shows the textarea's code (code-editor.js) that it changed. */
export function setCode(editor, code) {
  editor.value = code;
  fit(editor);
  editor.dispatchEvent(new Event("input", { bubbles: true }));
}
