// scales.js: the pure arithmetic of the plots (no canvas, no DOM): ranges, "nice" ticks,
// number formats, the viridis colour scale and text contrast. Tested on its own in Chromium.

export const VIRIDIS = [
  [68, 1, 84], [71, 44, 122], [59, 82, 139], [44, 114, 142], [33, 145, 140],
  [40, 174, 128], [94, 201, 98], [173, 220, 48], [253, 231, 37],
];

export function viridisRGB(t) {
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

/** Sequential colour for t in [0, 1] (clamped), as "rgb(r, g, b)": heat maps, strips, colour bars. */
export const viridisCSS = (t) => {
  const c = viridisRGB(t);
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
};

// Text colour with the better WCAG contrast against an [r, g, b] background.
export function textOn(rgb) {
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  };
  const L = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
  return (L + 0.05) / 0.05 >= 1.05 / (L + 0.05) ? "#000000" : "#ffffff";
}

export const isNum = (v) => typeof v === "number" && Number.isFinite(v);
export const list = (v) => (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)) ? v : []);
export const str = (v) => {
  if (v == null) return "";
  try {
    return String(v);
  } catch {
    return "";
  }
};
export const clamp = (v, lo, hi) => (v < lo ? lo : v > hi ? hi : v);

export function padRange(lo, hi, frac = 0.05) {
  if (!(hi > lo)) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - d, lo + d];
  }
  const d = (hi - lo) * frac;
  const r = [lo - d, hi + d];
  return isNum(r[0]) && isNum(r[1]) ? r : [lo, hi];
}

// [min, max] from a user-given range, or null when absent/invalid.
export function userRange(r) {
  const a = list(r);
  if (a.length < 2 || !isNum(a[0]) || !isNum(a[1])) return null;
  const lo = Math.min(a[0], a[1]);
  const hi = Math.max(a[0], a[1]);
  return lo === hi ? padRange(lo, hi) : [lo, hi];
}

// A linear map [lo, hi] -> [a, b], safe for degenerate / overflowing spans.
export function linear(lo, hi, a, b) {
  let span = hi - lo;
  if (!(span > 0) || !isNum(span)) span = 1;
  const k = (b - a) / span;
  return (v) => {
    const p = a + (v - lo) * k;
    return p > 1e6 ? 1e6 : p < -1e6 ? -1e6 : p;
  };
}

// "Nice" ticks (steps of 1, 2 or 5 × 10^k) inside [lo, hi].
export function niceTicks(lo, hi, target) {
  const span = hi - lo;
  if (!(span > 0)) return { ticks: isNum(lo) ? [lo] : [], step: Math.abs(lo) || 1 };
  if (!isNum(span)) return { ticks: [lo, hi], step: hi / 2 - lo / 2 }; // wider than a float can say
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
export function axisFormatter(ticks, step) {
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
export function fmtValue(v, digits) {
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

export function colorRange(r, rows) {
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

export function colorT(v, cr) {
  const span = cr[1] - cr[0];
  return span > 0 && isNum(span) ? (v - cr[0]) / span : 0.5;
}
