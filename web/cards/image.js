// Turns an image file the user picks into the text of an (h, w, 3) array in [0, 1].

const MAX_SIDE = 12; // pixels on the longer side: enough to see, small enough to read

function decode(file) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => { URL.revokeObjectURL(url); resolve(img); };
    img.onerror = () => { URL.revokeObjectURL(url); reject(new Error("unreadable")); };
    img.src = url;
  });
}

/** The picked image, scaled down, as an array literal with 3 decimals. */
export async function imageFileToArrayText(file) {
  if (!/^image\/(png|jpeg)$/.test(file.type)) {
    throw new Error(`"${file.name}" is not a PNG or JPEG image.`);
  }
  let img;
  try {
    img = await decode(file);
  } catch {
    throw new Error(`"${file.name}" could not be read as an image.`);
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
  const width = Math.max(1, Math.round(img.naturalWidth * scale));
  const height = Math.max(1, Math.round(img.naturalHeight * scale));
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  context.drawImage(img, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
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
