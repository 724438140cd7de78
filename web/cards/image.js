// Turns an image file the user picks into the text of an (h, w, 3) array in [0, 1], shrunk so
// that the array stays readable, and says in words what was done to it.

const MAX_SIDE = 12; // pixels on the longer side: enough to see, small enough to read
const MAX_MB = 20; // a bigger picture would only be shrunk more, after a long decode

/** What the picker accepts, in words (shown before any picture is picked). */
export const LIMITS = `A PNG or JPEG file of at most ${MAX_MB} MB. Pictures are shrunk to at most ${MAX_SIDE} pixels `
  + "on their longer side, so that the array stays readable.";

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
 * The picked image as ``{ text, url, message }``: the array's text, an object URL of the picture
 * for a thumbnail (the caller revokes it) and what was done ("Resized from 640×480 to 12×9
 * pixels."). Throws an Error saying why a file cannot be used.
 */
export async function readImageFile(file) {
  if (!/^image\/(png|jpeg)$/.test(file.type)) throw new Error(`"${file.name}" is not a PNG or JPEG image.`);
  if (file.size > MAX_MB * 1e6) throw new Error(`"${file.name}" is larger than ${MAX_MB} MB.`);
  const url = URL.createObjectURL(file);
  let img;
  try {
    img = await decode(url);
  } catch {
    URL.revokeObjectURL(url);
    throw new Error(`"${file.name}" could not be read as an image.`);
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
  const message = scale < 1
    ? `Resized from ${size(fromW, fromH)} to ${size(width, height)} pixels (at most ${MAX_SIDE} on the longer side).`
    : `Used at its own size, ${size(width, height)} pixels (at most ${MAX_SIDE} on the longer side).`;
  return { text: arrayText(context.getImageData(0, 0, width, height).data, width, height), url, message };
}
