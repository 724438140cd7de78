// What a warm start restores from, read off the page's main thread (start/prepare.js starts this
// worker): the page's memory snapshot the service worker keeps and NumPy's files unpacked
// (start/numpy-files), each read from this version's cache and checked by start/hook.js (made for
// this Pyodide, by this browser, intact). The bytes move to the page, transferred rather than copied.
// In: {url, filesURL, indexURL, cache}. Out: {bytes, files} | {why}.
"use strict";
const OFF = new Set(["__OFF__"]); // the start-up optimisations the build left out (py/sitebuild/optimisations.py)
importScripts("./hook.js", "./whose-fetches.js", ...(OFF.has("numpy-files") ? ["./zip.js"] : []));
self.nn.sayWhoseFetches("prepare-worker");

/** NumPy's files unzipped from its wheel in this version's cache (numpy-files off): {files}. */
async function unzippedNumpy(indexURL, cacheName) {
  const read = async (url) => (await caches.match(url, { cacheName }))?.arrayBuffer();
  const lock = JSON.parse(new TextDecoder().decode(await read(`${indexURL}pyodide-lock.json`)));
  return { files: await self.nn.unzip(await read(indexURL + lock.packages.numpy.file_name)) };
}

self.addEventListener("message", async ({ data: { url, filesURL, indexURL, cache } }) => {
  const { start } = self.nn;
  try {
    const [snapshot, files] = await Promise.all([start.storedSnapshot(url, indexURL, cache),
      OFF.has("numpy-files") ? unzippedNumpy(indexURL, cache) : start.storedEntry(filesURL, indexURL, cache)]);
    if (!snapshot.bytes) {
      postMessage({ why: snapshot.why });
    } else if (files.why) {
      postMessage({ why: `without NumPy's files, which are ${files.why}` });
    } else {
      const unpacked = files.files ?? start.unpack(files.bytes);
      postMessage({ bytes: snapshot.bytes, files: unpacked }, [snapshot.bytes.buffer, ...(files.bytes ? [files.bytes.buffer] : [])]);
    }
  } catch (error) {
    postMessage({ why: `unreadable (${error?.message ?? error})` });
  }
  close();
}, { once: true });
