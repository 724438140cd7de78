// plot.js: small, dependency-free canvas plots drawn from plain arrays (spec: SPEC.md).
//
//   import { drawPlot } from "./plot.js";
//   drawPlot(canvas, { panels: [...], legend: [...] });
//
// The component knows nothing about what the numbers mean: it lays out the panels a spec
// describes, draws them (panels.js, cells.js), remembers the spec per canvas and redraws by itself
// when the canvas width, the colour scheme or the device pixel ratio changes.

import { list, str } from "./scales.js";
import { TICK_PX, makeEnv, seriesColor, font, textW, ellipsize, lineW, drawHeader, noData } from "./canvas.js";
import { drawXY, drawBars, panelHeight } from "./panels.js";
import { drawHeatmap, drawStrip } from "./cells.js";

const MIN_PANEL_W = 240; // automatic column count
const MIN_FORCED_PANEL_W = 140; // spec.columns is reduced below this (two fit on a phone)

function legendLayout(env, legend, W) {
  const items = list(legend).filter((e) => e && typeof e === "object");
  if (!items.length) return { lines: [], h: 0 };
  font(env, TICK_PX);
  const lines = [];
  let line = [];
  let lineW = 0;
  items.forEach((e, i) => {
    const label = ellipsize(env, str(e.label), Math.max(0, W - 18));
    const w = 17 + textW(env, label);
    if (line.length && lineW + 16 + w > W) {
      lines.push({ items: line, w: lineW });
      line = [];
      lineW = 0;
    }
    lineW += (line.length ? 16 : 0) + w;
    line.push({ label, w, color: seriesColor(env, e.color, i) });
  });
  lines.push({ items: line, w: lineW });
  return { lines, h: lines.length * 20 + 8 };
}

function drawLegend(env, lg, W) {
  const ctx = env.ctx;
  font(env, TICK_PX);
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  lg.lines.forEach((ln, li) => {
    let x = Math.max(0, (W - ln.w) / 2);
    const cy = 10 + li * 20;
    for (const it of ln.items) {
      ctx.fillStyle = it.color;
      ctx.beginPath();
      if (ctx.roundRect) ctx.roundRect(x, cy - 6, 12, 12, 2);
      else ctx.rect(x, cy - 6, 12, 12);
      ctx.fill();
      ctx.fillStyle = env.fg;
      ctx.fillText(it.label, x + 17, cy + 0.5);
      x += it.w + 16;
    }
  });
}

export function layout(env, spec, W) {
  const panels = list(spec.panels).map((p) => (p && typeof p === "object" ? p : {}));
  const lg = legendLayout(env, spec.legend, W);
  const gapX = W < 520 ? 16 : 28;
  const gapY = 18;
  const fit = Math.max(1, Math.floor((W + gapX) / (MIN_PANEL_W + gapX)));
  let cols;
  if (Number.isInteger(spec.columns) && spec.columns >= 1) {
    cols = Math.min(spec.columns, Math.max(1, Math.floor((W + gapX) / (MIN_FORCED_PANEL_W + gapX))));
  } else {
    cols = Math.min(fit, Math.max(1, panels.length));
  }
  const pw = Math.max(1, (W - gapX * (cols - 1)) / cols);
  const boxes = [];
  let y = lg.h;
  for (let r = 0; r * cols < panels.length; r++) {
    let rowH = 0;
    const row = [];
    for (let c = 0; c < cols && r * cols + c < panels.length; c++) {
      const p = panels[r * cols + c];
      const { hd, h } = panelHeight(env, p, pw);
      row.push({ p, hd, x: c * (pw + gapX), y, w: pw, h });
      rowH = Math.max(rowH, h);
    }
    boxes.push(...row);
    y += rowH + gapY;
  }
  if (boxes.length) y -= gapY;
  return { lg, boxes, H: Math.max(1, Math.ceil(y)) };
}

// --------------------------------------------------------------------------- drawing & lifecycle
const state = new WeakMap(); // canvas -> { spec, w, dpr }
const live = new Set(); // WeakRef<canvas> (or canvas when WeakRef is missing)
let observer = null;
let resolutionQuery = null;

function contentWidth(canvas, cs) {
  const r = canvas.getBoundingClientRect();
  const px = (v) => parseFloat(v) || 0;
  return r.width - px(cs.borderLeftWidth) - px(cs.borderRightWidth) - px(cs.paddingLeft) - px(cs.paddingRight);
}

function render(canvas) {
  const st = state.get(canvas);
  if (!st) return;
  const cs = getComputedStyle(canvas);
  const W = contentWidth(canvas, cs);
  const dpr = (typeof window !== "undefined" && window.devicePixelRatio) || 1;
  st.w = W;
  st.dpr = dpr;
  if (!(W > 0)) return; // not laid out yet: the ResizeObserver draws it once it has a width
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const spec = st.spec && typeof st.spec === "object" ? st.spec : {};
  const env = makeEnv(canvas, ctx, cs, dpr);
  const L = layout(env, spec, W);

  canvas.style.height = `${L.H}px`;
  const bw = Math.max(1, Math.round(W * dpr));
  const bh = Math.max(1, Math.round(L.H * dpr));
  if (canvas.width !== bw) canvas.width = bw;
  if (canvas.height !== bh) canvas.height = bh;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, bw, bh);
  // scale so that W CSS px map exactly onto the backing store
  ctx.setTransform(bw / W, 0, 0, bh / L.H, 0, 0);
  env.dpr = bw / W;
  if (env.bg) {
    ctx.fillStyle = env.bg;
    ctx.fillRect(0, 0, W, L.H);
  }
  ctx.lineJoin = "miter";
  ctx.lineCap = "butt";
  drawLegend(env, L.lg, W);
  for (const b of L.boxes) {
    ctx.save();
    try {
      drawHeader(env, b.hd, b.x, b.y, b.w);
      const draw = { xy: drawXY, bars: drawBars, heatmap: drawHeatmap, strip: drawStrip }[b.p.type];
      if (draw) draw(env, b.p, b.x, b.y, b.w, b.h, b.hd);
      else noData(env, b.x + b.w / 2, b.y + b.hd.h + 28, b.p.type ? `unknown panel type "${str(b.p.type)}"` : "no data");
    } catch (err) {
      console.error("plot.js: could not draw a panel", err);
    }
    ctx.restore();
  }
}

function forEachLive(fn) {
  for (const ref of live) {
    const c = typeof WeakRef !== "undefined" && ref instanceof WeakRef ? ref.deref() : ref;
    if (!c) live.delete(ref);
    else if (c.isConnected) fn(c);
  }
}

/** Redraws every canvas drawn so far from its remembered spec (e.g. after the page changed a theme class). */
function redrawAll() {
  forEachLive((c) => {
    try {
      render(c);
    } catch (err) {
      console.error("plot.js: redraw failed", err);
    }
  });
}

function watchResolution() {
  if (typeof window === "undefined" || !window.matchMedia) return;
  if (resolutionQuery) resolutionQuery.removeEventListener("change", onResolution);
  resolutionQuery = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
  resolutionQuery.addEventListener("change", onResolution);
}

function onResolution() {
  watchResolution();
  redrawAll();
}

function setup() {
  if (observer !== null || typeof window === "undefined") return;
  observer = false;
  if (typeof ResizeObserver !== "undefined") {
    observer = new ResizeObserver((entries) => {
      const due = [];
      for (const e of entries) {
        const st = state.get(e.target);
        if (st && Math.abs(e.contentRect.width - st.w) > 0.5) due.push(e.target);
      }
      // redraw in the next frame: changing the canvas height inside the callback
      // would trigger a "ResizeObserver loop" error
      if (due.length) requestAnimationFrame(() => due.forEach((c) => render(c)));
    });
  }
  if (window.matchMedia) {
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", redrawAll);
    watchResolution();
  }
}

/**
 * Draws `spec` on `canvas` (and remembers it for automatic redraws on resize,
 * colour-scheme and device-pixel-ratio changes). Never throws.
 */
export function drawPlot(canvas, spec) {
  try {
    if (!canvas || typeof canvas.getContext !== "function") return;
    setup();
    let st = state.get(canvas);
    if (!st) {
      st = { spec, w: -1, dpr: 0 };
      state.set(canvas, st);
      live.add(typeof WeakRef !== "undefined" ? new WeakRef(canvas) : canvas);
      if (observer) observer.observe(canvas);
    }
    st.spec = spec;
    render(canvas);
  } catch (err) {
    console.error("plot.js: drawPlot failed", err);
  }
}
