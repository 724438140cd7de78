// What a warm start restores from, read off the page's main thread (start/prepare.js starts this
// worker): the page's memory snapshot the service worker keeps and NumPy's files unpacked
// (start/numpy-files), each read from this version's cache and checked by start/hook.js (made for
// this Pyodide, by this browser, intact). The bytes move to the page, transferred rather than copied.
// In: {url, filesURL, indexURL, cache}. Out: {bytes, files} | {why}.
"use strict";
importScripts("./hook.js", "./whose-fetches.js");
self.nn.sayWhoseFetches("prepare-worker");

self.addEventListener("message", async ({ data: { url, filesURL, indexURL, cache } }) => {
  const { start } = self.nn;
  try {
    const [snapshot, files] = await Promise.all([start.storedSnapshot(url, indexURL, cache),
      start.storedEntry(filesURL, indexURL, cache)]);
    if (!snapshot.bytes) {
      postMessage({ why: snapshot.why });
    } else if (files.why) {
      postMessage({ why: `without NumPy's files, which are ${files.why}` });
    } else {
      postMessage({ bytes: snapshot.bytes, files: start.unpack(files.bytes) }, [snapshot.bytes.buffer, files.bytes.buffer]);
    }
  } catch (error) {
    postMessage({ why: `unreadable (${error?.message ?? error})` });
  }
  close();
}, { once: true });
