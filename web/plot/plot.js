// plot.js: small, dependency-free canvas plots drawn from plain arrays.
//
//   import { drawPlot, colormap } from "./plot.js";
//   drawPlot(canvas, { panels: [...], legend: [...] });
//
// The module knows nothing about what the numbers mean: it lays out and draws
// the panels a spec describes ("xy", "bars", "heatmap", "strip"), remembers the
// spec per canvas and redraws by itself when the canvas width, the colour
// scheme or the device pixel ratio changes.

const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]; // Okabe–Ito
const DEFAULT_FG = "#1f2328";
const DEFAULT_GRID = "#e3e6ea";
const DEFAULT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

const TICK_PX = 12;
const TITLE_PX = 13;
const MIN_PANEL_W = 240; // automatic column count
const MIN_FORCED_PANEL_W = 160; // spec.columns is reduced below this
const XY_H = 220;
const XY_H_NARROW = 200;
const MAX_CELL = 56;
const MIN_TEXT_CELL = 26;

// --------------------------------------------------------------------------- colormap

// viridis (matplotlib), sampled at t = 0, 1/8, ..., 1; linear interpolation in between.
const VIRIDIS = [
  [68, 1, 84], [71, 44, 122], [59, 82, 139], [44, 114, 142], [33, 145, 140],
  [40, 174, 128], [94, 201, 98], [173, 220, 48], [253, 231, 37],
];

function viridisRGB(t) {
  let x = typeof t === "number" ? t : Number(t);
  if (!(x > 0)) x = 0; // also NaN
  else if (x > 1) x = 1;
  const f = x * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(f));
  const u = f - i;
  const a = VIRIDIS[i];
  const b = VIRIDIS[i + 1];
  return [
    Math.round(a[0] + (b[0] - a[0]) * u),
    Math.round(a[1] + (b[1] - a[1]) * u),
    Math.round(a[2] + (b[2] - a[2]) * u),
  ];
}

/** Sequential colour for t in [0, 1] (clamped), as "rgb(r, g, b)". Heatmaps and strips use it. */
export const colormap = (t) => {
  const c = viridisRGB(t);
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
};

// Text colour with the better WCAG contrast against an [r, g, b] background.
function textOn(rgb) {
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  };
  const L = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
  return (L + 0.05) / 0.05 >= 1.05 / (L + 0.05) ? "#000000" : "#ffffff";
}

// --------------------------------------------------------------------------- small helpers

const isNum = (v) => typeof v === "number" && Number.isFinite(v);
const MANY_POINTS = 40; // above this, points are drawn small and without outlines
const list = (v) => (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)) ? v : []);
const str = (v) => {
  if (v == null) return "";
  try {
    return String(v);
  } catch {
    return "";
  }
};
const clamp = (v, lo, hi) => (v < lo ? lo : v > hi ? hi : v);

function padRange(lo, hi, frac = 0.05) {
  if (!(hi > lo)) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - d, lo + d];
  }
  const d = (hi - lo) * frac;
  const r = [lo - d, hi + d];
  return isNum(r[0]) && isNum(r[1]) ? r : [lo, hi];
}

// [min, max] from a user-given range, or null when absent/invalid.
function userRange(r) {
  const a = list(r);
  if (a.length < 2 || !isNum(a[0]) || !isNum(a[1])) return null;
  const lo = Math.min(a[0], a[1]);
  const hi = Math.max(a[0], a[1]);
  return lo === hi ? padRange(lo, hi) : [lo, hi];
}

// A linear map [lo, hi] -> [a, b], safe for degenerate / overflowing spans.
function linear(lo, hi, a, b) {
  let span = hi - lo;
  if (!(span > 0) || !isNum(span)) span = 1;
  const k = (b - a) / span;
  return (v) => {
    const p = a + (v - lo) * k;
    return p > 1e6 ? 1e6 : p < -1e6 ? -1e6 : p;
  };
}

// "Nice" ticks (steps of 1, 2 or 5 × 10^k) inside [lo, hi].
function niceTicks(lo, hi, target) {
  const span = hi - lo;
  if (!(span > 0) || !isNum(span)) return { ticks: isNum(lo) ? [lo] : [], step: Math.abs(lo) || 1 };
  const raw = span / Math.max(1, target);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const n = raw / mag;
  const step = (n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10) * mag;
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  if (!(step > 0) || !isNum(first) || !isNum(last) || Math.abs(first) > 1e15 || last - first > 60) {
    return { ticks: [lo, hi], step: span };
  }
  const ticks = [];
  for (let i = first; i <= last; i++) {
    const v = i * step;
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return { ticks, step };
}

const trimExp = (s) => s.replace(/\.?0+e/, "e"); // "2.50e+3" -> "2.5e+3", "1.0e-4" -> "1e-4"
const minus = (s) => s.replace(/-/g, "\u2212"); // typographic minus sign
const log10floor = (v) => Math.floor(Math.log10(Math.abs(v)) + 1e-9);

// One formatter per axis: fixed or exponential notation, whichever is shorter overall.
function axisFormatter(ticks, step) {
  const s = log10floor(step);
  const dec = clamp(-s, 0, 20);
  const fixed = (v) => (v === 0 ? "0" : v.toFixed(dec));
  const expo = (v) => (v === 0 ? "0" : trimExp(v.toExponential(clamp(log10floor(v) - s, 0, 20))));
  let lf = 0;
  let le = 0;
  for (const t of ticks) {
    lf += fixed(t).length;
    le += expo(t).length;
  }
  return le < lf ? (v) => minus(expo(v)) : (v) => minus(fixed(v));
}

// A single value with `digits` significant digits, compact.
function fmtValue(v, digits) {
  return minus(fmtPlain(v, digits));
}

function fmtPlain(v, digits) {
  if (!isNum(v)) return "";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return trimExp(v.toExponential(Math.max(0, digits - 1)));
  let s = v.toPrecision(digits);
  if (s.includes("e")) return String(parseFloat(s));
  if (s.includes(".")) s = s.replace(/\.?0+$/, "");
  return s === "-0" ? "0" : s;
}

// --------------------------------------------------------------------------- theme

function makeEnv(canvas, ctx, cs, dpr) {
  const prop = (name) => cs.getPropertyValue(name).trim();
  const norm = (v, fallback) => {
    if (!v) return fallback;
    ctx.fillStyle = "#010203";
    ctx.fillStyle = v;
    return ctx.fillStyle === "#010203" && v.toLowerCase() !== "#010203" ? fallback : ctx.fillStyle;
  };
  const fg = norm(prop("--plot-fg"), DEFAULT_FG);
  const grid = norm(prop("--plot-grid"), DEFAULT_GRID);
  let bg = norm(prop("--plot-bg"), "rgba(0, 0, 0, 0)");
  if (isTransparent(bg)) bg = null;
  const series = PALETTE.map((c, i) => norm(prop(`--plot-series-${i}`), c));
  let outline = bg;
  if (!outline) {
    // transparent plot background: outline points in the first opaque ancestor background
    outline = "#ffffff";
    for (let el = canvas.parentElement; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (c && !isTransparent(c)) {
        outline = c;
        break;
      }
    }
  }
  return { ctx, dpr, fg, grid, bg, outline, series, family: cs.fontFamily || DEFAULT_FAMILY };
}

function isTransparent(c) {
  const m = /^rgba\(.*,\s*([\d.]+)\)$/.exec(c);
  return c === "transparent" || (m !== null && parseFloat(m[1]) === 0);
}

function seriesColor(env, c, i) {
  if (isNum(c)) return env.series[((Math.floor(c) % 6) + 6) % 6];
  if (typeof c === "string" && c) {
    const ctx = env.ctx;
    ctx.fillStyle = "#010203";
    ctx.fillStyle = c;
    if (ctx.fillStyle !== "#010203") return ctx.fillStyle;
  }
  return env.series[i % 6];
}

function font(env, px, weight) {
  env.ctx.font = `${weight || "normal"} ${px}px ${env.family}`;
}

const textW = (env, s) => (s ? env.ctx.measureText(s).width : 0);

function ellipsize(env, s, maxW) {
  if (textW(env, s) <= maxW) return s;
  if (maxW < textW(env, "…")) return "";
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (textW(env, s.slice(0, mid) + "…") <= maxW) lo = mid;
    else hi = mid - 1;
  }
  return s.slice(0, lo).trimEnd() + "…";
}

// Crisp 1-CSS-px lines: positions snapped to the device pixel grid.
function lineW(env) {
  return Math.max(1, Math.round(env.dpr)) / env.dpr;
}
function snap(env, v) {
  const lw = Math.max(1, Math.round(env.dpr));
  return (Math.round(v * env.dpr - lw / 2) + lw / 2) / env.dpr;
}
function snapRect(env, x, y, w, h) {
  const d = env.dpr;
  const x0 = Math.round(x * d);
  const y0 = Math.round(y * d);
  const x1 = Math.round((x + w) * d);
  const y1 = Math.round((y + h) * d);
  env.ctx.fillRect(x0 / d, y0 / d, Math.max(1, x1 - x0) / d, Math.max(1, y1 - y0) / d);
}

// --------------------------------------------------------------------------- panel header

function header(env, p, pw) {
  const title = str(p.title);
  const note = str(p.note);
  if (!title && !note) return { h: 8, title, note, twoLines: false, tw: 0, nw: 0 };
  font(env, TITLE_PX, 600);
  const tw = textW(env, title);
  font(env, TICK_PX);
  const nw = Math.min(textW(env, note), pw);
  const twoLines = !!(title && note) && Math.min(tw, pw) / 2 + nw + 12 > pw / 2;
  return { h: twoLines ? 40 : 24, title, note, twoLines, tw, nw };
}

function drawHeader(env, hd, x0, y0, pw) {
  const ctx = env.ctx;
  ctx.fillStyle = env.fg;
  ctx.textBaseline = "alphabetic";
  if (hd.title) {
    font(env, TITLE_PX, 600);
    ctx.textAlign = "center";
    const maxW = hd.note && !hd.twoLines ? pw - 2 * (hd.nw + 12) : pw;
    ctx.fillText(ellipsize(env, hd.title, maxW), x0 + pw / 2, y0 + 14);
  }
  if (hd.note) {
    font(env, TICK_PX);
    ctx.textAlign = "right";
    ctx.globalAlpha = 0.8;
    ctx.fillText(ellipsize(env, hd.note, pw), x0 + pw, y0 + (hd.twoLines ? 31 : 14));
    ctx.globalAlpha = 1;
  }
}

function noData(env, cx, cy, text = "no data") {
  const ctx = env.ctx;
  font(env, TICK_PX);
  ctx.fillStyle = env.fg;
  ctx.globalAlpha = 0.6;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(text, cx, cy);
  ctx.globalAlpha = 1;
}

// --------------------------------------------------------------------------- axes (xy and bars)

// Lays out the y axis of a cartesian panel and draws grid, y ticks and y label.
// Returns the plot rectangle and the y map; `xBottom` is the space under the plot.
function cartesianFrame(env, p, x0, y0, pw, ph, hd, yr, xBottom) {
  const ctx = env.ctx;
  const yLabel = str(p.yLabel);
  const top = y0 + hd.h + 4;
  const bottom = y0 + ph - xBottom;
  const plotH = Math.max(10, bottom - top);
  const yt = niceTicks(yr[0], yr[1], clamp(Math.round(plotH / 40), 2, 6));
  const yf = axisFormatter(yt.ticks, yt.step);
  font(env, TICK_PX);
  const yLabels = yt.ticks.map(yf);
  let maxW = 0;
  for (const s of yLabels) maxW = Math.max(maxW, textW(env, s));
  const left = x0 + 2 + (yLabel ? 20 : 0) + maxW + 8;
  const y = linear(yr[0], yr[1], bottom, bottom - plotH);
  return { top, bottom, left, plotH, y, yt, yLabels, yLabel };
}

function drawYAxis(env, f, right) {
  const ctx = env.ctx;
  const lw = lineW(env);
  ctx.lineWidth = lw;
  ctx.strokeStyle = env.grid;
  ctx.beginPath();
  for (const t of f.yt.ticks) {
    const yy = snap(env, f.y(t));
    ctx.moveTo(f.left, yy);
    ctx.lineTo(right, yy);
  }
  ctx.stroke();
  font(env, TICK_PX);
  ctx.fillStyle = env.fg;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  f.yt.ticks.forEach((t, i) => ctx.fillText(f.yLabels[i], f.left - 7, f.y(t)));
  // tick marks
  ctx.strokeStyle = env.fg;
  ctx.beginPath();
  for (const t of f.yt.ticks) {
    const yy = snap(env, f.y(t));
    ctx.moveTo(f.left - 4, yy);
    ctx.lineTo(f.left, yy);
  }
  ctx.stroke();
}

function drawYLabel(env, f, x0) {
  if (!f.yLabel) return;
  const ctx = env.ctx;
  font(env, TICK_PX);
  ctx.save();
  ctx.translate(x0 + 9, (f.top + f.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillStyle = env.fg;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(ellipsize(env, f.yLabel, f.plotH + 20), 0, 0);
  ctx.restore();
}

function drawAxisLines(env, left, right, top, bottom) {
  const ctx = env.ctx;
  ctx.lineWidth = lineW(env);
  ctx.strokeStyle = env.fg;
  ctx.beginPath();
  const xl = snap(env, left);
  const yb = snap(env, bottom);
  ctx.moveTo(xl, top);
  ctx.lineTo(xl, yb);
  ctx.lineTo(right, yb);
  ctx.stroke();
}

// --------------------------------------------------------------------------- xy

function xyData(p) {
  const out = [];
  list(p.series).forEach((s, i) => {
    if (!s || typeof s !== "object") return;
    const ys = list(s.y);
    const xs = s.x == null ? null : list(s.x);
    const n = xs ? Math.min(xs.length, ys.length) : ys.length;
    out.push({ s, i, xs, ys, n });
  });
  return out;
}

function drawXY(env, p, x0, y0, pw, ph, hd) {
  const ctx = env.ctx;
  const data = xyData(p);
  let xlo = Infinity;
  let xhi = -Infinity;
  let ylo = Infinity;
  let yhi = -Infinity;
  for (const d of data) {
    for (let i = 0; i < d.n; i++) {
      const xv = d.xs ? d.xs[i] : i;
      const yv = d.ys[i];
      if (!isNum(xv) || !isNum(yv)) continue;
      if (xv < xlo) xlo = xv;
      if (xv > xhi) xhi = xv;
      if (yv < ylo) ylo = yv;
      if (yv > yhi) yhi = yv;
    }
  }
  const empty = !(xlo <= xhi);
  const xr = userRange(p.x) || (empty ? [0, 1] : padRange(xlo, xhi));
  const yr = userRange(p.y) || (empty ? [0, 1] : padRange(ylo, yhi));
  const xLabel = str(p.xLabel);
  const f = cartesianFrame(env, p, x0, y0, pw, ph, hd, yr, 6 + 14 + (xLabel ? 20 : 0));

  // x axis: ticks depend on the plot width; keep the last tick label inside the panel
  let right = x0 + pw - 8;
  let left = f.left;
  const xt = niceTicks(xr[0], xr[1], clamp(Math.round((right - left) / 80), 2, 7));
  const xf = axisFormatter(xt.ticks, xt.step);
  font(env, TICK_PX);
  const xLabels = xt.ticks.map(xf);
  if (xt.ticks.length) {
    let x = linear(xr[0], xr[1], left, right);
    const lastHalf = textW(env, xLabels[xLabels.length - 1]) / 2;
    const over = x(xt.ticks[xt.ticks.length - 1]) + lastHalf - (x0 + pw - 1);
    if (over > 0) right -= over;
    x = linear(xr[0], xr[1], left, right);
    const firstHalf = textW(env, xLabels[0]) / 2;
    const under = x0 + 2 - (x(xt.ticks[0]) - firstHalf);
    if (under > 0) left += under;
  }
  const x = linear(xr[0], xr[1], left, right);
  f.left = left;

  drawYAxis(env, f, right);
  // vertical grid
  ctx.strokeStyle = env.grid;
  ctx.lineWidth = lineW(env);
  ctx.beginPath();
  for (const t of xt.ticks) {
    const xx = snap(env, x(t));
    ctx.moveTo(xx, f.top);
    ctx.lineTo(xx, f.bottom);
  }
  ctx.stroke();
  // zero lines, when inside and not on the frame
  ctx.strokeStyle = env.fg;
  ctx.globalAlpha = 0.35;
  ctx.beginPath();
  if (yr[0] < 0 && yr[1] > 0) {
    const yy = snap(env, f.y(0));
    ctx.moveTo(left, yy);
    ctx.lineTo(right, yy);
  }
  if (xr[0] < 0 && xr[1] > 0) {
    const xx = snap(env, x(0));
    ctx.moveTo(xx, f.top);
    ctx.lineTo(xx, f.bottom);
  }
  ctx.stroke();
  ctx.globalAlpha = 1;
  drawAxisLines(env, left, right, f.top, f.bottom);
  // x ticks and labels
  ctx.strokeStyle = env.fg;
  ctx.beginPath();
  for (const t of xt.ticks) {
    const xx = snap(env, x(t));
    ctx.moveTo(xx, f.bottom);
    ctx.lineTo(xx, f.bottom + 4);
  }
  ctx.stroke();
  font(env, TICK_PX);
  ctx.fillStyle = env.fg;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  xt.ticks.forEach((t, i) => ctx.fillText(xLabels[i], x(t), f.bottom + 6));
  if (xLabel) ctx.fillText(ellipsize(env, xLabel, pw), (left + right) / 2, f.bottom + 24);
  drawYLabel(env, f, x0);

  if (empty) {
    noData(env, (left + right) / 2, (f.top + f.bottom) / 2);
    return;
  }

  // lines (clipped to the plot), then points on top
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, f.top - 1, right - left + 1, f.bottom - f.top + 2);
  ctx.clip();
  ctx.lineWidth = 2;
  ctx.lineJoin = "round";
  ctx.lineCap = "round";
  for (const d of data) {
    if (d.s.kind === "points") continue;
    ctx.strokeStyle = seriesColor(env, d.s.color, d.i);
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < d.n; i++) {
      const xv = d.xs ? d.xs[i] : i;
      const yv = d.ys[i];
      if (!isNum(xv) || !isNum(yv)) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(x(xv), f.y(yv));
      else ctx.moveTo(x(xv), f.y(yv));
      pen = true;
    }
    ctx.stroke();
  }
  ctx.restore();

  ctx.lineWidth = 1;
  ctx.strokeStyle = env.outline;
  const [xa, xb] = xr;
  const [ya, yb] = yr;
  for (const d of data) {
    if (d.s.kind !== "points") continue;
    ctx.fillStyle = seriesColor(env, d.s.color, d.i);
    // A few points: large, each outlined so it stands out on the line. Many: small and
    // plain, since outlines would paint over the neighbouring points and the curve.
    const many = d.n > MANY_POINTS;
    const r = many ? 2.5 : 4;
    for (let i = 0; i < d.n; i++) {
      const xv = d.xs ? d.xs[i] : i;
      const yv = d.ys[i];
      if (!isNum(xv) || !isNum(yv) || xv < xa || xv > xb || yv < ya || yv > yb) continue;
      ctx.beginPath();
      ctx.arc(x(xv), f.y(yv), r, 0, 2 * Math.PI);
      ctx.fill();
      if (!many) ctx.stroke();
    }
  }
}

// --------------------------------------------------------------------------- bars

function drawBars(env, p, x0, y0, pw, ph, hd) {
  const ctx = env.ctx;
  const series = list(p.series).filter((s) => s && typeof s === "object");
  const cats = list(p.categories);
  let nCat = cats.length;
  let lo = 0;
  let hi = 0;
  let any = false;
  for (const s of series) {
    const v = list(s.values);
    nCat = Math.max(nCat, v.length);
    for (let i = 0; i < v.length; i++) {
      if (!isNum(v[i])) continue;
      any = true;
      if (v[i] < lo) lo = v[i];
      if (v[i] > hi) hi = v[i];
    }
  }
  nCat = Math.min(nCat, 10000);
  let yr = userRange(p.y);
  if (!yr) {
    if (hi === lo) yr = [0, 1];
    else {
      const pad = (hi - lo) * 0.05;
      yr = [lo < 0 ? lo - pad : 0, hi > 0 ? hi + pad : 0];
      if (!isNum(yr[0]) || !isNum(yr[1])) yr = [lo, hi];
    }
  }
  const f = cartesianFrame(env, p, x0, y0, pw, ph, hd, yr, 6 + 14 + (p.xLabel ? 20 : 0));
  const left = f.left;
  const right = x0 + pw - 6;
  drawYAxis(env, f, right);

  const plotW = Math.max(1, right - left);
  const groupW = plotW / Math.max(1, nCat);
  const nSer = Math.max(1, series.length);
  const band = Math.min(groupW * (nSer > 1 ? 0.8 : 0.66), nSer * 56);
  const barW = band / nSer;
  const inner = barW > 6 ? Math.min(2, barW * 0.12) : 0;
  const [ya, yb] = yr;
  const yClamp = (v) => f.y(clamp(v, ya, yb));
  const y0px = yClamp(0);
  series.forEach((s, si) => {
    const v = list(s.values);
    ctx.fillStyle = seriesColor(env, s.color, si);
    for (let c = 0; c < Math.min(v.length, nCat); c++) {
      if (!isNum(v[c])) continue;
      const bx = left + c * groupW + (groupW - band) / 2 + si * barW + inner / 2;
      const by = yClamp(v[c]);
      snapRect(env, bx, Math.min(by, y0px), Math.max(0.5, barW - inner), Math.abs(by - y0px));
    }
  });
  // zero line over the bars (the frame's bottom when the range starts at 0)
  drawAxisLines(env, left, right, f.top, f.bottom);
  if (ya < 0 && yb > 0) {
    ctx.strokeStyle = env.fg;
    ctx.lineWidth = lineW(env);
    ctx.beginPath();
    const yy = snap(env, y0px);
    ctx.moveTo(left, yy);
    ctx.lineTo(right, yy);
    ctx.stroke();
  }

  // category labels: all if they fit, else truncated, else every k-th
  font(env, TICK_PX);
  ctx.fillStyle = env.fg;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  const labels = [];
  let maxW = 0;
  for (let c = 0; c < nCat; c++) {
    const s = c < cats.length ? str(cats[c]) : String(c);
    labels.push(s);
    if (c < 200) maxW = Math.max(maxW, textW(env, s));
  }
  let k = 1;
  if (maxW > groupW - 4 && groupW < 30) k = Math.ceil((Math.min(maxW, 40) + 6) / groupW);
  const room = k * groupW - 4;
  for (let c = 0; c < nCat; c += k) {
    const s = maxW > room ? ellipsize(env, labels[c], room) : labels[c];
    if (s) ctx.fillText(s, left + (c + 0.5) * groupW, f.bottom + 6);
  }
  if (p.xLabel) ctx.fillText(ellipsize(env, str(p.xLabel), pw), (left + right) / 2, f.bottom + 24);
  drawYLabel(env, f, x0);
  if (!any) noData(env, (left + right) / 2, (f.top + f.bottom) / 2);
}

// --------------------------------------------------------------------------- heatmap & strip

function colorRange(r, rows) {
  const u = list(r);
  if (u.length >= 2 && isNum(u[0]) && isNum(u[1])) return [Math.min(u[0], u[1]), Math.max(u[0], u[1])];
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (isNum(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

function colorT(v, cr) {
  const span = cr[1] - cr[0];
  return span > 0 && isNum(span) ? (v - cr[0]) / span : 0.5;
}

function colorbarGeom(env, cr) {
  font(env, TICK_PX);
  const a = fmtValue(cr[0], 3);
  const b = fmtValue(cr[1], 3);
  return { w: 10 + 10 + 5 + Math.max(textW(env, a), textW(env, b)), a, b };
}

function drawColorbar(env, cb, x, top, h) {
  const ctx = env.ctx;
  const bx = x + 10;
  const g = ctx.createLinearGradient(0, top + h, 0, top);
  for (let i = 0; i < VIRIDIS.length; i++) g.addColorStop(i / (VIRIDIS.length - 1), colormap(i / (VIRIDIS.length - 1)));
  ctx.fillStyle = g;
  snapRect(env, bx, top, 10, h);
  font(env, TICK_PX);
  ctx.fillStyle = env.fg;
  ctx.textAlign = "left";
  ctx.textBaseline = "top";
  ctx.fillText(cb.b, bx + 15, top - 1);
  ctx.textBaseline = "bottom";
  ctx.fillText(cb.a, bx + 15, top + h + 1);
}

function heatRows(p) {
  return list(p.rows).map(list);
}

function heatGeom(env, p, pw, hd) {
  const rows = heatRows(p);
  const nr = Math.min(rows.length, 2000);
  let nc = 0;
  for (let r = 0; r < nr; r++) nc = Math.max(nc, rows[r].length);
  nc = Math.min(nc, 2000);
  const cr = colorRange(p.range, rows);
  if (!nr || !nc) return { rows, nr, nc, cr, cell: 0, cb: null, h: hd.h + 60 };
  const byH = Math.max(6, Math.floor(440 / nr));
  let cb = p.colorbar === false ? null : colorbarGeom(env, cr);
  let cell = Math.min(MAX_CELL, byH, (pw - (cb ? cb.w : 0)) / nc);
  if (cb && cell < 12) {
    cb = null;
    cell = Math.min(MAX_CELL, byH, pw / nc);
  }
  cell = cell >= 4 ? Math.floor(cell) : Math.max(cell, 0.5);
  const gridH = nr * cell;
  const h = hd.h + Math.max(gridH, cb ? 48 : 0) + 10;
  return { rows, nr, nc, cr, cell, cb, h, gridH };
}

function drawCellText(env, v, rgb, cx, cy, w, h) {
  if (!isNum(v) || w < MIN_TEXT_CELL || h < 14) return;
  const ctx = env.ctx;
  const px = Math.min(12, Math.floor(h - 3), w >= 34 ? 12 : 11);
  font(env, px);
  let s = fmtValue(v, w >= 40 ? 3 : 2);
  if (textW(env, s) > w - 4) s = fmtValue(v, 2);
  if (textW(env, s) > w - 4) s = fmtValue(v, 1);
  if (textW(env, s) > w - 4) return;
  ctx.fillStyle = textOn(rgb);
  ctx.fillText(s, cx, cy);
}

function drawCells(env, values, cr, xAt, yAt, w, h, gap) {
  // values: [[v, col, row], ...] drawn as w×h cells with a `gap` between them
  const ctx = env.ctx;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  for (const [v, c, r] of values) {
    const x = xAt(c);
    const y = yAt(r);
    if (!isNum(v)) {
      ctx.fillStyle = env.grid;
      snapRect(env, x + gap / 2, y + gap / 2, w - gap, h - gap);
      continue;
    }
    const t = colorT(v, cr);
    ctx.fillStyle = colormap(t);
    snapRect(env, x + gap / 2, y + gap / 2, w - gap, h - gap);
    if (w >= MIN_TEXT_CELL) drawCellText(env, v, viridisRGB(t), x + w / 2, y + h / 2 + 0.5, w - gap, h - gap);
  }
}

const cellGap = (s) => (s >= 14 ? 2 : s >= 6 ? 1 : 0);

function drawHeatmap(env, p, x0, y0, pw, ph, hd) {
  const g = heatGeom(env, p, pw, hd);
  const top = y0 + hd.h + 2;
  if (!g.nr || !g.nc) {
    noData(env, x0 + pw / 2, top + 28);
    return;
  }
  const gridW = g.nc * g.cell;
  const left = x0 + Math.max(0, (pw - gridW - (g.cb ? g.cb.w : 0)) / 2);
  const cells = [];
  for (let r = 0; r < g.nr; r++) {
    const row = g.rows[r];
    for (let c = 0; c < g.nc; c++) cells.push([c < row.length ? row[c] : NaN, c, r]);
  }
  drawCells(env, cells, g.cr, (c) => left + c * g.cell, (r) => top + r * g.cell, g.cell, g.cell, cellGap(g.cell));
  if (g.cb) drawColorbar(env, g.cb, left + gridW, top, Math.max(g.gridH, 48));
}

function stripGeom(env, p, pw, hd) {
  const values = list(p.values);
  const n = Math.min(values.length, 5000);
  const cr = colorRange(p.range, [values]);
  if (!n) return { n, values, cr, h: hd.h + 60 };
  font(env, TICK_PX);
  if (n <= 60) {
    const cellH = clamp(Math.floor(300 / n), 8, 18);
    const step = [1, 2, 5, 10, 20, 50].find((s) => s * cellH >= 28) || 50;
    const labW = textW(env, String(n - 1)) + 8;
    let cb = p.colorbar === false ? null : colorbarGeom(env, cr);
    if (cb && pw < labW + 40 + cb.w) cb = null;
    const cellW = clamp(Math.floor(pw - labW - (cb ? cb.w : 0)), 4, 64);
    const gridH = n * cellH;
    return { n, values, cr, column: true, cellH, cellW, step, labW, cb, gridH, h: hd.h + Math.max(gridH, cb ? 48 : 0) + 10 };
  }
  // many values: one row
  const inset = textW(env, "0") / 2 + 2; // room for the first/last index label
  const cellW = Math.min(24, (pw - 2 * inset - textW(env, String(n - 1)) / 2) / n);
  const cellH = 24;
  const step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].find((s) => s * cellW >= 36) || 5000;
  return { n, values, cr, column: false, cellH, cellW, step, h: hd.h + cellH + 6 + 14 + 8 };
}

function drawStrip(env, p, x0, y0, pw, ph, hd) {
  const ctx = env.ctx;
  const g = stripGeom(env, p, pw, hd);
  const top = y0 + hd.h + 2;
  if (!g.n) {
    noData(env, x0 + pw / 2, top + 28);
    return;
  }
  const cells = [];
  for (let i = 0; i < g.n; i++) cells.push([g.values[i], g.column ? 0 : i, g.column ? i : 0]);
  font(env, TICK_PX);
  if (g.column) {
    const total = g.labW + g.cellW + (g.cb ? g.cb.w : 0);
    const left = x0 + Math.max(0, (pw - total) / 2) + g.labW;
    const gap = g.cellH >= 14 ? 2 : 1;
    drawCells(env, cells, g.cr, () => left, (r) => top + r * g.cellH, g.cellW, g.cellH, gap);
    font(env, TICK_PX);
    ctx.fillStyle = env.fg;
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (let i = 0; i < g.n; i += g.step) ctx.fillText(String(i), left - 6, top + (i + 0.5) * g.cellH);
    if (g.cb) drawColorbar(env, g.cb, left + g.cellW, top, Math.max(g.gridH, 48));
  } else {
    const rowW = g.n * g.cellW;
    const left = x0 + Math.max(textW(env, "0") / 2 + 2, (pw - rowW) / 2);
    const gap = g.cellW >= 6 ? 1 : 0;
    drawCells(env, cells, g.cr, (c) => left + c * g.cellW, () => top, g.cellW, g.cellH, gap);
    font(env, TICK_PX);
    ctx.fillStyle = env.fg;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (let i = 0; i < g.n; i += g.step) ctx.fillText(String(i), left + (i + 0.5) * g.cellW, top + g.cellH + 6);
  }
}

// --------------------------------------------------------------------------- layout

function panelHeight(env, p, pw) {
  const hd = header(env, p, pw);
  const type = p.type;
  if (type === "xy" || type === "bars") return { hd, h: (pw < 300 ? XY_H_NARROW : XY_H) + Math.max(0, hd.h - 24) };
  if (type === "heatmap") return { hd, h: heatGeom(env, p, pw, hd).h };
  if (type === "strip") return { hd, h: stripGeom(env, p, pw, hd).h };
  return { hd, h: hd.h + 60 };
}

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

function layout(env, spec, W) {
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
export function redrawAll() {
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
