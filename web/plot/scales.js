// scales.js: the pure arithmetic of the plots (no canvas, no DOM): ranges, linear and log maps,
// "nice" and log ticks, number formats, the viridis colour scale and text contrast. Tested on its
// own in Chromium.

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

// --------------------------------------------------------------------------- log axes

// An xy axis' scale as the spec names it: "log", else "linear".
export const scaleOf = (v) => (v === "log" ? "log" : "linear");

// Whether `v` has a place on an axis of that scale: finite, and above 0 on a log axis.
export const fitsScale = (scale, v) => isNum(v) && (scale !== "log" || v > 0);

// A map [lo, hi] -> [a, b] (0 < lo < hi) even in log10: every decade takes the same room.
// Values with no place on a log axis (≤ 0, NaN) map to NaN.
export function logScale(lo, hi, a, b) {
  const m = linear(Math.log10(lo), Math.log10(hi), a, b);
  return (v) => (v > 0 ? m(Math.log10(v)) : NaN);
}

export const scaleMap = (scale, lo, hi, a, b) => (scale === "log" ? logScale : linear)(lo, hi, a, b);

// The data's [lo, hi] (0 < lo ≤ hi) padded by 5 % in log10; a single value gets a decade each side.
export function padLogRange(lo, hi) {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  const [c, d] = hi > lo ? padRange(a, b) : [a - 1, b + 1];
  const r = [10 ** c, 10 ** d];
  return r[0] > 0 && isNum(r[1]) ? r : [lo, hi];
}

// The range of an xy axis: the spec's (if above 0, on a log axis), else the data's [lo, hi]
// padded, else (no data) a default.
export function axisRange(scale, given, lo, hi) {
  const log = scale === "log";
  const r = userRange(given);
  if (r && (!log || r[0] > 0)) return r;
  if (!(lo <= hi)) return log ? [1, 10] : [0, 1];
  return log ? padLogRange(lo, hi) : padRange(lo, hi);
}

const LOG_MAX_DECADES = 40; // above this, every k-th decade only
const power = (m, k) => Number(`${m}e${k}`); // m × 10^k, correctly rounded (10 ** -7 is not 1e-7)

// The ticks of a log axis over [lo, hi] (0 < lo ≤ hi): each power of ten, and 2 and 5 times each
// when the range spans fewer than 3 decades. Fewer than two of those inside (a range within a
// decade): nice linear ticks.
export function logTicks(lo, hi) {
  if (!(lo > 0) || !(hi >= lo) || !isNum(hi)) return [];
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  const every = Math.max(1, Math.ceil((last - first + 1) / LOG_MAX_DECADES));
  const mantissas = Math.log10(hi / lo) < 3 ? [1, 2, 5] : [1];
  const ticks = [];
  for (let k = first - 1; k <= last; k++) {
    if (k % every) continue;
    for (const m of mantissas) {
      const v = power(m, k);
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.push(v);
    }
  }
  return ticks.length >= 2 ? ticks : niceTicks(lo, hi, 5).ticks;
}

// A log axis' tick label: plain from 0.001 to 9999 ("0.01", "10", "1000"), else "1e4", "2e−6";
// the same form on both axes.
export function logTickLabel(v) {
  if (!(v > 0) || !isNum(v)) return "";
  const k = Math.floor(Math.log10(v) + 1e-9);
  if (k >= -3 && k <= 3) return String(Number(v.toPrecision(6)));
  return minus(`${Number((v / power(1, k)).toPrecision(6))}e${k}`);
}

// Which ticks of a log axis get a label (the others keep their grid line), when a decade is
// `perDecade` px long and labels need `size` px between their centres: all if they fit; else every
// k-th power of ten, k the smallest that fits (from the exponent that labels the most, multiples of
// k first: 1e−6, 0.001, 1); else (no power of ten inside) each tick far enough from the last one.
export function logLabelled(ticks, perDecade, size) {
  const e = list(ticks).map((v) => Math.log10(v));
  const apart = (i, j) => Math.abs(e[i] - e[j]) * perDecade >= size;
  if (e.every((_, i) => i === 0 || apart(i, i - 1))) return e.map(() => true);
  const k = Math.max(1, Math.ceil(size / perDecade));
  let best = e.map(() => false);
  let most = 0;
  for (let offset = 0; offset < Math.min(k, 1000); offset++) {
    const shown = e.map((x) => Math.abs(x - Math.round(x)) < 1e-9 && (((Math.round(x) - offset) % k) + k) % k === 0);
    const count = shown.filter(Boolean).length;
    if (count > most) [best, most] = [shown, count];
  }
  if (most) return best;
  let last = -1;
  return e.map((_, i) => {
    if (last >= 0 && !apart(i, last)) return false;
    last = i;
    return true;
  });
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
