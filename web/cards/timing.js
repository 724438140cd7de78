// A card's timing run (cards/timing.html; the vectorization card's): on "Time them", the page's Python
// (cards/timing.py, in its worker) plans the steps for the sizes typed, then measures them one call at a
// time -- progress between calls, the plot redrawn after each -- until all are done or Stop is pressed
// (which interrupts the measurement under way where the page is cross-origin isolated, and otherwise
// asks for no further one). The measurements stay in this page (data-measured); they are the
// visitor's machine's, not the link's. The elements and states: web/cards/CONTRACT.md.
import { drawPlot } from "../plot/plot.js";
import { call, callInterruptibly, interrupt } from "../start/python.js";

const i18n = window.nn.i18n;

/** Bind the timing section of ``card``; ``showErrors(errors)`` words refusals beside their fields. */
export function bindTiming(card, showErrors) {
  const section = card.querySelector(".timing");
  const run = section.querySelector('button[name="time"]');
  const stop = section.querySelector('button[name="stop"]');
  const sizes = card.querySelector(".timing textarea[name]");
  const progress = section.querySelector(".timing-progress");
  const status = section.querySelector(".timing-status");
  const figure = section.querySelector(".timing-plot");
  const canvas = section.querySelector(".timing-plot canvas");
  const words = section.querySelector(".timing-plot .plot-text");
  let measured = [];
  let running = null; // the run under way: {stopped}

  async function redraw() {
    if (!measured.length) return;
    const { plot, alt } = JSON.parse(await call("timing_plot_json", JSON.stringify(measured), i18n.lang));
    figure.hidden = false;
    i18n.text(canvas, alt, "aria-label");
    i18n.text(words, alt);
    drawPlot(canvas, plot);
  }

  function finish(state, key, params) {
    section.dataset.timing = state;
    run.disabled = false;
    stop.disabled = true;
    figure.removeAttribute("aria-busy");
    i18n.set(status, key, params);
    running = null;
  }

  async function start() {
    if (running || section.dataset.timing === "planning") return;
    section.dataset.timing = "planning";
    const plan = JSON.parse(await call("timing_plan_json", sizes.value));
    showErrors(plan.errors ?? []);
    if (plan.errors) {
      section.dataset.timing = "refused";
      return;
    }
    const steps = plan.steps;
    const me = (running = { stopped: false });
    const began = performance.now();
    measured = [];
    section.dataset.measured = "[]";
    section.dataset.timing = "running";
    run.disabled = true;
    stop.disabled = false;
    Object.assign(progress, { hidden: false, max: steps.length, value: 0 });
    figure.setAttribute("aria-busy", "true");
    for (const [done, [operation, size]] of steps.entries()) {
      if (me.stopped) break;
      i18n.set(status, "page.timing-step", { operation, size: size.toLocaleString(i18n.lang), done, total: steps.length });
      let step;
      try {
        step = JSON.parse(await callInterruptibly("measure_json", operation, String(size)));
      } catch (error) {
        if (me.stopped) break; // interrupted
        finish("failed", "page.timing-failed", { reason: String(error.message ?? error) });
        return;
      }
      measured.push(step);
      section.dataset.measured = JSON.stringify(measured);
      progress.value = measured.length;
      await redraw();
    }
    if (me.stopped) finish("stopped", "page.timing-stopped", { done: measured.length, total: steps.length });
    else finish("done", "page.timing-done", { total: steps.length, seconds: ((performance.now() - began) / 1000).toFixed(1) });
  }

  run.addEventListener("click", start);
  stop.addEventListener("click", () => {
    if (!running) return;
    running.stopped = true;
    interrupt();
    stop.disabled = true;
  });
  sizes.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault(); // one line: Enter runs
      start();
    }
  });
  sizes.addEventListener("input", () => showErrors([]));
  i18n.onChange(redraw); // the plot and its description in the new language, nothing measured again
}
