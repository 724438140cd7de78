// panels.js: the drawing functions of the spec's (SPEC.md) "xy" panels (linear or log axes, labels
// beside points) and "bars" panels, and the height each panel type needs at a given width
// ("heatmap" and "strip" are drawn by cells.js).

import { isNum, list, str, clamp, userRange, scaleOf, fitsScale, scaleMap, axisRange } from "./scales.js";
import { TICK_PX, seriesColor, font, textW, ellipsize, lineW, snap, snapRect, header, noData, axisTicks, cartesianFrame, drawYAxis, drawYLabel, drawAxisLines } from "./canvas.js";
import { heatGeom, stripGeom } from "./cells.js";

const XY_H = 220;
const XY_H_NARROW = 200;
const MANY_POINTS = 40; // above this, points are drawn small and without outlines

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

export function drawXY(env, p, x0, y0, pw, ph, hd) {
  const ctx = env.ctx;
  const data = xyData(p);
  const xScale = scaleOf(p.xScale);
  const yScale = scaleOf(p.yScale);
  // a point is drawn where both its coordinates have a place on their axes (null, NaN, ≤ 0 on log: skipped)
  const fits = (xv, yv) => fitsScale(xScale, xv) && fitsScale(yScale, yv);
  let xlo = Infinity;
  let xhi = -Infinity;
  let ylo = Infinity;
  let yhi = -Infinity;
  for (const d of data) {
    for (let i = 0; i < d.n; i++) {
      const xv = d.xs ? d.xs[i] : i;
      const yv = d.ys[i];
      if (!fits(xv, yv)) continue;
      if (xv < xlo) xlo = xv;
      if (xv > xhi) xhi = xv;
      if (yv < ylo) ylo = yv;
      if (yv > yhi) yhi = yv;
    }
  }
  const empty = !(xlo <= xhi);
  const xr = axisRange(xScale, p.xRange, xlo, xhi);
  const yr = axisRange(yScale, p.yRange, ylo, yhi);
  const xLabel = str(p.xLabel);
  const f = cartesianFrame(env, p, x0, y0, pw, ph, hd, yr, 6 + 14 + (xLabel ? 20 : 0), yScale);

  // x axis: ticks depend on the plot width; keep the last tick label inside the panel
  let right = x0 + pw - 8;
  let left = f.left;
  const xt = axisTicks(env, xScale, xr, right - left, clamp(Math.round((right - left) / 80), 2, 7), false);
  const xLabels = xt.labels;
  font(env, TICK_PX);
  if (xt.ticks.length) {
    let x = scaleMap(xScale, xr[0], xr[1], left, right);
    const lastHalf = textW(env, xLabels[xLabels.length - 1]) / 2;
    const over = x(xt.ticks[xt.ticks.length - 1]) + lastHalf - (x0 + pw - 1);
    if (over > 0) right -= over;
    x = scaleMap(xScale, xr[0], xr[1], left, right);
    const firstHalf = textW(env, xLabels[0]) / 2;
    const under = x0 + 2 - (x(xt.ticks[0]) - firstHalf);
    if (under > 0) left += under;
  }
  const x = scaleMap(xScale, xr[0], xr[1], left, right);
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
  // zero lines, when inside and not on the frame (never on a log axis: its range is above 0)
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
  xt.ticks.forEach((t, i) => xLabels[i] && ctx.fillText(xLabels[i], x(t), f.bottom + 6));
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
      if (!fits(xv, yv)) {
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
  const marks = []; // the markers' boxes, which labels keep clear of
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
      if (!fits(xv, yv) || xv < xa || xv > xb || yv < ya || yv > yb) continue;
      const cx = x(xv);
      const cy = f.y(yv);
      ctx.beginPath();
      ctx.arc(cx, cy, r, 0, 2 * Math.PI);
      ctx.fill();
      if (!many) ctx.stroke();
      marks.push({ x: cx - r, y: cy - r, w: 2 * r, h: 2 * r });
    }
  }
  drawPointLabels(env, data, fits, x, f.y, { left, right, top: f.top, bottom: f.bottom }, marks);
}

// The series' `labels`, each beside its point (above, below, right or left of it, the first of
// those that stays inside the plot and clear of the markers and of the labels already drawn; none:
// not drawn), in the text colour on a halo of the background.
function drawPointLabels(env, data, fits, x, y, plot, marks) {
  const ctx = env.ctx;
  const placed = [...marks];
  const h = TICK_PX + 2;
  const gap = 6; // from the point's centre, past a marker's radius
  const m = 2; // the least room between a label and what it keeps clear of
  const inside = (b) => b.x >= plot.left && b.x + b.w <= plot.right && b.y >= plot.top && b.y + b.h <= plot.bottom;
  const clear = (b) =>
    placed.every((o) => b.x >= o.x + o.w + m || o.x >= b.x + b.w + m || b.y >= o.y + o.h + m || o.y >= b.y + b.h + m);
  font(env, TICK_PX);
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  ctx.lineJoin = "round";
  ctx.lineWidth = 3;
  ctx.strokeStyle = env.outline;
  ctx.fillStyle = env.fg;
  for (const d of data) {
    const labels = list(d.s.labels);
    for (let i = 0; i < Math.min(d.n, labels.length); i++) {
      const text = typeof labels[i] === "string" ? labels[i] : "";
      const xv = d.xs ? d.xs[i] : i;
      const yv = d.ys[i];
      if (!text || !fits(xv, yv)) continue;
      const cx = x(xv);
      const cy = y(yv);
      const w = textW(env, text);
      const box = [
        { x: cx - w / 2, y: cy - gap - h, w, h },
        { x: cx - w / 2, y: cy + gap, w, h },
        { x: cx + gap, y: cy - h / 2, w, h },
        { x: cx - gap - w, y: cy - h / 2, w, h },
      ].find((b) => inside(b) && clear(b));
      if (!box) continue;
      placed.push(box);
      ctx.strokeText(text, box.x, box.y + h / 2);
      ctx.fillText(text, box.x, box.y + h / 2);
    }
  }
}

// --------------------------------------------------------------------------- bars

export function drawBars(env, p, x0, y0, pw, ph, hd) {
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
  let yr = userRange(p.yRange);
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

export function panelHeight(env, p, pw) {
  const hd = header(env, p, pw);
  const type = p.type;
  if (type === "xy" || type === "bars") return { hd, h: (pw < 300 ? XY_H_NARROW : XY_H) + Math.max(0, hd.h - 24) };
  if (type === "heatmap") return { hd, h: heatGeom(env, p, pw, hd).h };
  if (type === "strip") return { hd, h: stripGeom(env, p, pw, hd).h };
  return { hd, h: hd.h + 60 };
}
