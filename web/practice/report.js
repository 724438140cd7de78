// A practice panel's report: each case as it is graded (what was passed, expected, got and
// which check failed), the grade, the status line and the "passed" marks on the page.
// Check names come from the grader (grader.CHECKS / FAILURES); VERDICTS names the words of each.
// Every word is placed with window.nn.i18n (web/i18n/i18n.js) from practice.json: the grader's
// titles, messages and hints come as phrases ({key, params}), so a language switch words the
// whole report anew, keeping every result; code, values and tracebacks stay as they are.

const { checks, failures, page_outcomes: outcomes } = globalThis.nn.shared; // shared.json
export const VERDICTS = Object.fromEntries([...checks, ...failures, ...outcomes]
  .map((name) => [name, `practice.verdict-${name}`]));

const isPhrase = (value) => typeof value?.key === "string" && value.key.startsWith("practice.")
  && typeof value.params === "object";

/** Put ``words`` into ``node``: a phrase or a list of them (the grader's or the page's, each
 * worded in the page's language, and anew on a switch) or plain text, shown as it is. */
export function put(node, words) {
  const phrases = [words].flat().filter(isPhrase);
  if (phrases.length === 1) {
    window.nn.i18n.set(node, phrases[0].key, phrases[0].params);
    return node;
  }
  node.removeAttribute("data-i18n");
  node.removeAttribute("data-i18n-params");
  if (!phrases.length) {
    node.textContent = typeof words === "string" ? words : "";
    return node;
  }
  node.replaceChildren(...phrases.flatMap((item, index) => {
    const part = document.createElement("span");
    window.nn.i18n.set(part, item.key, item.params);
    return index ? [" ", part] : [part];
  }));
  return node;
}

/** A phrase of practice.json. */
export const phrase = (key, params) => ({ key: `practice.${key}`, params: params ?? {} });

function element(tag, className, words) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (words !== undefined) put(node, words);
  return node;
}

/** The panel's status line: ``words`` (phrases), ``state`` "busy", "failed" or none. */
export function setStatus(panel, words, state = "") {
  const status = panel.querySelector(".practice-status");
  put(status, words);
  status.dataset.state = state;
}

let blocks = 0;

/** A labelled block of a case (its input, what was expected, ...): the label names the block,
 * in the page's language whenever it scrolls (cards/reachable.js). */
function block(label, text, className = "") {
  const wrap = element("div", `case-block ${className}`.trim());
  const heading = element("h5", "case-label", phrase(label));
  heading.id = `case-block-${++blocks}`;
  const pre = element("pre", "", text);
  pre.setAttribute("aria-labelledby", heading.id);
  wrap.append(heading, pre);
  return wrap;
}

/** One case as an <li data-case data-tier data-status>: what was passed, expected, got, which
 * check failed, folded under its verdict line. ``brief``: the whole code failed (reported once
 * above): the verdict line only. Its hint is the report's (each distinct hint once, above the cases). */
function caseItem(entry, brief = false) {
  const item = element("li", "case");
  item.dataset.case = entry.name;
  item.dataset.tier = entry.tier ?? "course";
  item.dataset.status = entry.status ?? "pending";
  const details = element("details");
  const summary = element("summary");
  const mark = { pass: "✓", fail: "✗" }[entry.status] ?? "…";
  const head = element("span", "case-head");
  const verdict = entry.status === "pass" ? "practice.verdict-passed"
    : entry.status === "fail" ? VERDICTS[entry.failed] ?? "practice.verdict-failed"
      : entry.running ? "practice.verdict-running" : "practice.verdict-waiting";
  head.append(element("span", "case-title", entry.title), element("span", "case-verdict", { key: verdict, params: {} }));
  if (entry.output && entry.status === "pass") {
    head.append(element("span", "case-printed", phrase("printed-output")));
  }
  summary.append(element("span", "case-mark", mark), head);
  if (brief) {
    item.append(summary);
    summary.className = "case-summary";
    return item;
  }
  details.append(summary);
  const body = element("div", "case-body");
  if (entry.message) body.append(element("p", "case-message", entry.message));
  if (entry.checks?.length && entry.status) {
    const checks = element("ul", "case-checks");
    window.nn.i18n.attr(checks, "aria-label", "practice.checks-label");
    for (const [name, status] of entry.checks) {
      const check = element("li", "", phrase(`check-${name}`));
      check.dataset.name = name;
      check.dataset.check = status;
      if (["pass", "fail", "skipped"].includes(status)) window.nn.i18n.attr(check, "title", `practice.check-${status}`);
      checks.append(check);
    }
    body.append(checks);
  }
  const data = element("div", "case-data");
  data.append(block("block-input", `${entry.args}\n${entry.call}`));
  data.append(block("block-expected", entry.expected));
  if (entry.got) data.append(block("block-got", entry.got, entry.status === "fail" ? "is-wrong" : ""));
  body.append(data);
  if (entry.warnings?.length) body.append(block("block-warnings", entry.warnings.join("\n"), "is-note"));
  if (entry.output) body.append(block("block-printed", entry.output));
  if (entry.traceback) {
    body.append(block(entry.failed === "time" ? "block-stopped-here" : "traceback", entry.traceback, "is-wrong"));
  }
  details.append(body);
  item.append(details);
  return item;
}

/** The report area of one panel, filled as the worker's events arrive. */
export class Report {
  constructor(panel) {
    this.panel = panel;
    this.root = panel.querySelector(".practice-report");
    this.lists = Object.fromEntries([...panel.querySelectorAll("[data-tier-list]")]
      .map((list) => [list.dataset.tierList, list]));
    this.grade = panel.querySelector('output[name="grade"]');
    this.extra = panel.querySelector('output[name="extra"]');
    this.entries = [];
    this.items = [];
    this.brief = false;
    this.stage = null;
  }

  clear() {
    this.root.hidden = false;
    this.root.dataset.state = "running";
    put(this.grade, phrase("status-checking"));
    delete this.grade.dataset.status;
    put(this.extra, "");
    delete this.extra.dataset.status;
    this.brief = false;
    this.problem(null);
    this.printed("");
    this.root.querySelector(".practice-verdict").hidden = true;
    this.root.querySelector(".practice-hints").replaceChildren();
  }

  event(event) {
    if (event.type === "plan") {
      this.show(event.cases);
      this.context(event.context ?? []);
    } else if (event.type === "stage") {
      this.stage = event;
      if (event.stage === "case") this.update(event.index, { ...this.entries[event.index], running: true });
    } else if (event.type === "case") {
      this.update(event.index, event.case);
    }
  }

  /** Lay out the cases, each in its tier's list. */
  show(cases) {
    this.entries = cases.map((entry) => ({ ...entry }));
    this.items = this.entries.map((entry) => caseItem(entry));
    for (const [tier, list] of Object.entries(this.lists)) {
      list.replaceChildren(...this.items.filter((item) => item.dataset.tier === tier));
    }
    const extras = this.entries.some((entry) => entry.tier === "extra");
    for (const node of this.panel.querySelectorAll("[data-extra-tally]")) node.hidden = !extras;
  }

  update(index, entry) {
    this.entries[index] = entry;
    const item = caseItem(entry, this.brief);
    this.items[index]?.replaceWith(item);
    this.items[index] = item;
  }

  /** One line per earlier function the check provides: the learner's own, or the course's. */
  context(given) {
    let line = this.root.querySelector(".practice-context");
    if (!line) {
      line = element("p", "practice-context");
      this.root.prepend(line);
    }
    line.hidden = !given.length;
    put(line, given.map((each) => phrase(each.own ? "context-own" : "context-course", { function: each.function })));
  }

  problem(error) {
    const box = this.panel.querySelector(".practice-problem");
    box.hidden = !error;
    put(box.querySelector(".practice-problem-text"), error?.message ?? "");
    const trace = box.querySelector(".practice-trace");
    window.nn.i18n.attr(trace, "data-label", error?.kind === "time" ? "practice.block-stopped-here" : "practice.traceback");
    trace.textContent = error?.traceback ?? "";
    trace.hidden = !error?.traceback;
  }

  printed(text) {
    const box = this.panel.querySelector(".practice-printed");
    box.hidden = !text;
    box.querySelector("pre").textContent = text;
  }

  done(result) {
    this.brief = Boolean(result.error); // the code as a whole failed: said once, above the cases
    result.cases.forEach((entry, index) => this.update(index, entry));
    this.problem(result.error);
    this.printed(result.printed);
    this.summarize();
  }

  /** The grade counts the course checks; the extra output counts going further. */
  summarize() {
    const tally = (output, tier, praise) => {
      const cases = this.entries.filter((entry) => (entry.tier ?? "course") === tier);
      const passed = cases.filter((entry) => entry.status === "pass").length;
      const all = cases.length > 0 && passed === cases.length;
      put(output, cases.length ? phrase(all ? praise : "tally", { passed, total: cases.length }) : "");
      output.dataset.status = all ? "pass" : "fail";
      return all;
    };
    const course = tally(this.grade, "course", "tally-well-done");
    const extra = tally(this.extra, "extra", "tally-robust");
    // one line first: how many course checks failed, and why the first one did
    const checks = this.entries.filter((entry) => (entry.tier ?? "course") === "course");
    const failed = checks.filter((entry) => entry.status === "fail");
    const line = this.root.querySelector(".practice-verdict");
    line.hidden = !failed.length || this.brief;
    put(line, line.hidden ? "" : [phrase("summary-failed", { failed: failed.length, total: checks.length }),
      ...[failed[0].message ?? phrase(VERDICTS[failed[0].failed]?.slice("practice.".length) ?? "verdict-failed")].flat()]);
    // then the lesson of every failed case, each distinct hint (a phrase) once, in the cases' order
    const hints = new Map();
    for (const entry of this.entries.filter((each) => each.status === "fail" && !this.brief)) {
      for (const hint of [entry.hint ?? []].flat()) hints.set(JSON.stringify(hint), hint);
    }
    this.root.querySelector(".practice-hints").replaceChildren(...[...hints.values()].map((hint) => element("li", "practice-hint", hint)));
    this.root.dataset.state = course ? "pass" : "fail";
    return { course, extra };
  }
}

// --------------------------------------------------------------------------- progress

/** The marks of a card's latest checks on its heading and in the table of contents: passed (every
 * course check of each of its exercises: practice.js tells), robust (the going-further cases too);
 * a mark that no longer holds is taken away. */
export function showProgress(name, passed, robust = false) {
  const card = document.getElementById(name);
  if (!card) return;
  const heading = card.querySelector("h2");
  const link = document.querySelector(`nav.toc a[href="#${CSS.escape(name)}"]`);
  for (const [name, holds] of [["practicePassed", passed], ["practiceRobust", passed && robust]]) {
    if (holds) card.dataset[name] = "true";
    else delete card.dataset[name];
  }
  if (!passed) {
    for (const node of [heading, link]) node?.querySelectorAll(".practice-badge, .practice-done, .practice-robust").forEach(unmark);
    return;
  }
  mark(heading, "practice-badge", phrase("badge-passed"), "practice.badge-passed-title");
  mark(link, "practice-done", "✓", phrase("toc-passed"));
  if (robust) {
    mark(heading, "practice-robust", phrase("badge-robust"), "practice.badge-robust-title");
    mark(link, "practice-robust", "★", phrase("toc-robust"));
  } else {
    for (const node of [heading, link]) node?.querySelectorAll(".practice-robust").forEach(unmark);
  }
}

/** Take a mark away, with the space mark() put before it. */
function unmark(node) {
  if (node.previousSibling?.nodeType === Node.TEXT_NODE && node.previousSibling.data === " ") node.previousSibling.remove();
  node.remove();
}

/** Append a mark (once) to ``parent``: in a link, ``hidden`` is its words for screen readers;
 * on a heading, the key of its title. */
function mark(parent, className, text, hidden) {
  if (!parent || parent.querySelector(`.${className}`)) return;
  const node = element("span", className);
  if (parent.tagName === "A") {
    node.append(element("span", "", text), element("span", "visually-hidden", hidden));
    node.firstChild.setAttribute("aria-hidden", "true");
  } else {
    put(node, text);
    window.nn.i18n.attr(node, "title", hidden);
  }
  parent.append(" ", node);
}
