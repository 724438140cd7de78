// canvas.js: what every panel draws with: the theme read from CSS, fonts and text fitting,
// crisp lines, a panel's header and the cartesian axes shared by "xy" and "bars" panels (linear, or
// log on an "xy" panel).

import { isNum, str, clamp, niceTicks, axisFormatter, scaleMap, logTicks, logTickLabel, logLabelled } from "./scales.js";

const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]; // Okabe–Ito
const DEFAULT_FG = "#1f2328";
const DEFAULT_GRID = "#e3e6ea";
const DEFAULT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

export const TICK_PX = 12;
const TITLE_PX = 13;

export function makeEnv(canvas, ctx, cs, dpr) {
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

export function seriesColor(env, c, i) {
  if (isNum(c)) return env.series[((Math.floor(c) % 6) + 6) % 6];
  if (typeof c === "string" && c) {
    const ctx = env.ctx;
    ctx.fillStyle = "#010203";
    ctx.fillStyle = c;
    if (ctx.fillStyle !== "#010203") return ctx.fillStyle;
  }
  return env.series[i % 6];
}

export function font(env, px, weight) {
  env.ctx.font = `${weight || "normal"} ${px}px ${env.family}`;
}

export const textW = (env, s) => (s ? env.ctx.measureText(s).width : 0);

export function ellipsize(env, s, maxW) {
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
export function lineW(env) {
  return Math.max(1, Math.round(env.dpr)) / env.dpr;
}
export function snap(env, v) {
  const lw = Math.max(1, Math.round(env.dpr));
  return (Math.round(v * env.dpr - lw / 2) + lw / 2) / env.dpr;
}
export function snapRect(env, x, y, w, h) {
  const d = env.dpr;
  const x0 = Math.round(x * d);
  const y0 = Math.round(y * d);
  const x1 = Math.round((x + w) * d);
  const y1 = Math.round((y + h) * d);
  env.ctx.fillRect(x0 / d, y0 / d, Math.max(1, x1 - x0) / d, Math.max(1, y1 - y0) / d);
}

// --------------------------------------------------------------------------- panel header

export function header(env, p, pw) {
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

export function drawHeader(env, hd, x0, y0, pw) {
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

export function noData(env, cx, cy, text = "no data") {
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

// The ticks of an axis over the range `r`, `room` px long, and their labels: on a linear axis
// `target` nice ticks, all labelled; on a log axis each decade (logTicks), labelled as far as the
// labels fit ("" where a tick only draws its grid line) — stacked labels (`vertical`: the y axis)
// need their height, side by side ones the widest label's width.
export function axisTicks(env, scale, r, room, target, vertical) {
  if (scale !== "log") {
    const t = niceTicks(r[0], r[1], target);
    return { ticks: t.ticks, labels: t.ticks.map(axisFormatter(t.ticks, t.step)) };
  }
  const ticks = logTicks(r[0], r[1]);
  const labels = ticks.map(logTickLabel);
  font(env, TICK_PX);
  let size = TICK_PX + 6;
  if (!vertical) for (const s of labels) size = Math.max(size, textW(env, s) + 12);
  const shown = logLabelled(ticks, room / Math.log10(r[1] / r[0]), size);
  return { ticks, labels: labels.map((s, i) => (shown[i] ? s : "")) };
}

// Lays out the y axis of a cartesian panel (`yScale`: "linear" or "log") and draws grid, y ticks
// and y label. Returns the plot rectangle and the y map; `xBottom` is the space under the plot.
export function cartesianFrame(env, p, x0, y0, pw, ph, hd, yr, xBottom, yScale = "linear") {
  const yLabel = str(p.yLabel);
  const top = y0 + hd.h + 4;
  const bottom = y0 + ph - xBottom;
  const plotH = Math.max(10, bottom - top);
  const yt = axisTicks(env, yScale, yr, plotH, clamp(Math.round(plotH / 40), 2, 6), true);
  font(env, TICK_PX);
  let maxW = 0;
  for (const s of yt.labels) maxW = Math.max(maxW, textW(env, s));
  const left = x0 + 2 + (yLabel ? 20 : 0) + maxW + 8;
  const y = scaleMap(yScale, yr[0], yr[1], bottom, bottom - plotH);
  return { top, bottom, left, plotH, y, yt, yLabel };
}

export function drawYAxis(env, f, right) {
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
  f.yt.ticks.forEach((t, i) => f.yt.labels[i] && ctx.fillText(f.yt.labels[i], f.left - 7, f.y(t)));
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

export function drawYLabel(env, f, x0) {
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

export function drawAxisLines(env, left, right, top, bottom) {
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
