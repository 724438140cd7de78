// A practice panel's report: each case as it is graded (what was passed, expected, got and
// which check failed), the grade, the status line and the "passed" marks on the page.
// Check names come from the grader (grader.CHECKS / FAILURES); VERDICTS words each.

export const VERDICTS = {
  runs: "failed: it raised an error",
  type: "failed the type check",
  shape: "failed the shape check",
  values: "failed the values check",
  raises: "failed: it should raise an error",
  time: "timed out",
  memory: "ran out of memory",
  defined: "failed: no such function",
  "not-run": "not run",
  tampered: "not counted: the code changed NumPy or the grader",
  stopped: "stopped",
  crashed: "Python for practice crashed",
};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function setStatus(panel, text, state = "") {
  const status = panel.querySelector(".practice-status");
  status.textContent = text;
  status.dataset.state = state;
}

function block(label, text, className = "") {
  const wrap = element("div", `case-block ${className}`.trim());
  wrap.append(element("h5", "case-label", label), element("pre", "", text));
  return wrap;
}

/** One case as an <li data-case data-tier data-status>: what was passed, expected, got, which
 * check failed. ``brief``: the whole code failed (reported once above): the verdict line only. */
function caseItem(entry, brief = false) {
  const item = element("li", "case");
  item.dataset.case = entry.name;
  item.dataset.tier = entry.tier ?? "course";
  item.dataset.status = entry.status ?? "pending";
  const details = element("details");
  details.open = entry.status === "fail" && !brief && item.dataset.tier === "course"; // extras: when asked
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
export class Report {
  constructor(panel) {
    this.panel = panel;
    this.op = panel.closest("section[data-op]").dataset.op;
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
    this.grade.textContent = "Checking…";
    delete this.grade.dataset.status;
    this.extra.textContent = "";
    delete this.extra.dataset.status;
    this.brief = false;
    this.problem(null);
    this.printed("");
  }

  event(event) {
    if (event.type === "plan") {
      plans.set(this.op, event.cases);
      this.show(event.cases);
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
    this.brief = Boolean(result.error); // the code as a whole failed: said once, above the cases
    result.cases.forEach((entry, index) => this.update(index, entry));
    this.problem(result.error);
    this.printed(result.printed);
    this.summarize();
  }

  /** The worker was ended (too slow) or died: every case without a result fails ("tampered":
   * every case, as the worker's results cannot be believed). */
  stopped(failed, message) {
    if (!this.entries.length) { // no plan came: the cases are known from an earlier check, or not
      const plan = plans.get(this.op) ?? [{ name: "your-code", title: "Your code", args: "", call: "",
        expected: "", checks: ["runs"] }];
      this.show(plan);
      this.stage = { stage: "case", index: 0 };
    }
    const running = this.stage?.stage === "case" ? this.stage.index : -1;
    const every = failed === "tampered";
    this.entries.forEach((entry, index) => {
      if (entry.status && !every) return;
      const here = every || index === running || (running < 0 && this.stage?.stage === "top-level");
      this.update(index, {
        ...entry,
        status: "fail",
        failed: here ? failed : "not-run",
        message: here ? message : "not run: the check was stopped before this case",
        checks: (entry.checks ?? []).map((check, i) => [[check].flat()[0], i === 0 && here ? "fail" : "skipped"]),
      });
    });
    this.problem({ message: message[0].toUpperCase() + message.slice(1) + "." });
    this.summarize();
  }

  /** The grade counts the course checks; the extra output counts going further. */
  summarize() {
    const tally = (output, tier, praise) => {
      const cases = this.entries.filter((entry) => (entry.tier ?? "course") === tier);
      const passed = cases.filter((entry) => entry.status === "pass").length;
      const all = cases.length > 0 && passed === cases.length;
      output.textContent = cases.length ? `${passed}/${cases.length} passed${all ? praise : ""}` : "";
      output.dataset.status = all ? "pass" : "fail";
      return all;
    };
    const course = tally(this.grade, "course", " — well done!");
    const extra = tally(this.extra, "extra", " — robust!");
    this.root.dataset.state = course ? "pass" : "fail";
    return { course, extra };
  }
}

// --------------------------------------------------------------------------- progress

/** The marks of a passed exercise (``robust``: the going-further cases passed too) on its
 * card's heading and in the table of contents. */
export function showPassed(op, robust = false) {
  const card = document.getElementById(op);
  if (!card) return;
  card.dataset.practicePassed = "true";
  if (robust) card.dataset.practiceRobust = "true";
  const heading = card.querySelector("h2");
  const link = document.querySelector(`nav.toc a[href="#${CSS.escape(op)}"]`);
  mark(heading, "practice-badge", "✓ Passed", "You passed this exercise's course checks");
  mark(link, "practice-done", "✓", " (practice passed)");
  if (robust) {
    mark(heading, "practice-robust", "★ Robust", "Your version also passed every going-further case");
    mark(link, "practice-robust", "★", " (robust)");
  }
}

/** Append a mark (once) to ``parent``; ``hidden`` is its text for screen readers in a link. */
function mark(parent, className, text, hidden) {
  if (!parent || parent.querySelector(`.${className}`)) return;
  const node = element("span", className);
  if (parent.tagName === "A") {
    node.append(element("span", "", text), element("span", "visually-hidden", hidden));
    node.firstChild.setAttribute("aria-hidden", "true");
  } else {
    node.textContent = text;
    node.title = hidden;
  }
  parent.append(" ", node);
}
