// The zip reader: the entries of a wheel or of nnbasics.zip, for the background worker that makes the
// memory snapshots (start/snapshot-worker.js). A classic script that only adds globalThis.nn.unzip,
// so that it runs as a module and an imported script alike.
"use strict";
(() => {
  /** The entries of a zip archive (stored or deflated, as wheels are) as [name, bytes], folders left out. */
  async function unzip(archive) {
    const bytes = new Uint8Array(archive);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let end = bytes.length - 22; // the end-of-central-directory record, after any comment
    while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
    if (end < 0) throw new Error("not a zip archive");
    const count = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    const entries = [];
    for (let i = 0; i < count; i++) {
      if (view.getUint32(at, true) !== 0x02014b50) throw new Error("a broken zip directory");
      const method = view.getUint16(at + 10, true);
      const compressed = view.getUint32(at + 20, true);
      const size = view.getUint32(at + 24, true);
      const nameLength = view.getUint16(at + 28, true);
      const local = view.getUint32(at + 42, true);
      const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
      if (name.endsWith("/")) continue;
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const stored = bytes.subarray(start, start + compressed);
      entries.push([name, method, stored, size]);
    }
    return Promise.all(entries.map(async ([name, method, stored, size]) => {
      if (method === 0) return [name, stored.slice()];
      if (method !== 8) throw new Error(`${name}: zip method ${method}`);
      const stream = new Blob([stored]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
      const data = new Uint8Array(await new Response(stream).arrayBuffer());
      if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, not ${size}`);
      return [name, data];
    }));
  }

  (globalThis.nn ??= {}).unzip = unzip;
})();
