// Turns an image file the user picks into the text of an (h, w, 3) array in [0, 1], shrunk so
// that the array stays readable, and says what was done to it (as a key of the page's words and
// its parameters, web/i18n/<lang>/page.json).

const MAX_SIDE = 12; // pixels on the longer side: enough to see, small enough to read
const MAX_MB = 20; // a bigger picture would only be shrunk more, after a long decode

/** What the picker accepts (shown before any picture is picked). */
export const LIMITS = { key: "page.image-limits", params: { mb: MAX_MB, side: MAX_SIDE } };

/** A file that cannot be used: the error carries the words that say why. */
function refusal(key, file) {
  return Object.assign(new Error(key), { words: { key, params: { file: file.name, mb: MAX_MB } } });
}

function decode(url) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error("unreadable"));
    img.src = url;
  });
}

/** The array as NumPy-style text: rows of [r, g, b] pixels with 3 decimals. */
function arrayText(data, width, height) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const pixels = [];
    for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      pixels.push(`[${[0, 1, 2].map((c) => (data[i + c] / 255).toFixed(3)).join(", ")}]`);
    }
    rows.push(`[${pixels.join(", ")}]`);
  }
  return `[${rows.join(",\n ")}]`;
}

/**
 * The picked image as ``{ text, url, words }``: the array's text, an object URL of the picture
 * for a thumbnail (the caller revokes it) and what was done ("Resized from 640×480 to 12×9
 * pixels", as ``{ key, params }``). Throws an Error whose ``words`` say why a file cannot be used.
 */
export async function readImageFile(file) {
  if (!/^image\/(png|jpeg)$/.test(file.type)) throw refusal("page.image-not-png", file);
  if (file.size > MAX_MB * 1e6) throw refusal("page.image-too-large", file);
  const url = URL.createObjectURL(file);
  let img;
  try {
    img = await decode(url);
  } catch {
    URL.revokeObjectURL(url);
    throw refusal("page.image-unreadable", file);
  }
  const { naturalWidth: fromW, naturalHeight: fromH } = img;
  const scale = Math.min(1, MAX_SIDE / Math.max(fromW, fromH));
  const width = Math.max(1, Math.round(fromW * scale));
  const height = Math.max(1, Math.round(fromH * scale));
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  context.drawImage(img, 0, 0, width, height);
  const size = (w, h) => `${w}×${h}`;
  const words = {
    key: scale < 1 ? "page.image-resized" : "page.image-own-size",
    params: { from: size(fromW, fromH), to: size(width, height), side: MAX_SIDE },
  };
  return { text: arrayText(context.getImageData(0, 0, width, height).data, width, height), url, words };
}
