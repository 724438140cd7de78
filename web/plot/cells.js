// cells.js: the panels of the spec (SPEC.md) drawn as coloured cells, "heatmap" and "strip", with
// their colour bar, and the geometry (height) each needs at a given width.

import { VIRIDIS, viridisRGB, viridisCSS, textOn, isNum, list, clamp, fmtValue, colorRange, colorT } from "./scales.js";
import { TICK_PX, font, textW, snapRect, noData } from "./canvas.js";

const MAX_CELL = 56;
const MIN_TEXT_CELL = 26;

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
  for (let i = 0; i < VIRIDIS.length; i++) g.addColorStop(i / (VIRIDIS.length - 1), viridisCSS(i / (VIRIDIS.length - 1)));
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

export function heatGeom(env, p, pw, hd) {
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
    ctx.fillStyle = viridisCSS(t);
    snapRect(env, x + gap / 2, y + gap / 2, w - gap, h - gap);
    if (w >= MIN_TEXT_CELL) drawCellText(env, v, viridisRGB(t), x + w / 2, y + h / 2 + 0.5, w - gap, h - gap);
  }
}

const cellGap = (s) => (s >= 14 ? 2 : s >= 6 ? 1 : 0);

export function drawHeatmap(env, p, x0, y0, pw, ph, hd) {
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

export function stripGeom(env, p, pw, hd) {
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

export function drawStrip(env, p, x0, y0, pw, ph, hd) {
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
