// Practice mode's sandboxed frame (worker-client.js makes it, this script inline: an opaque
// origin, with no storage, cache or page of the site). It starts the practice worker from the
// code the page hands over -- pyodide.asm.js, pyodide.js and worker.js as one blob, since an
// opaque origin may not start a worker from the site's URL and the frame's CSP allows no other
// script -- and gives it the page's MessagePort. The worker's own errors go back to the page.
// The site's CSP allows this script by its hash (netlify.toml): a test says when to update it.
"use strict";
let started = false;

addEventListener("message", (event) => {
  if (started || self.origin !== "null" || event.source !== parent || event.data?.type !== "start"
    || event.ports.length !== 1) return; // only ever in the sandbox, only once, only from the page
  started = true;
  const code = URL.createObjectURL(new Blob(event.data.code, { type: "text/javascript" }));
  const worker = new Worker(code, { name: "nnbasics-practice" });
  worker.addEventListener("error", (error) => {
    error.preventDefault();
    parent.postMessage({ type: "error", message: String(error.message || "the worker failed") }, "*");
  });
  worker.postMessage({ type: "port" }, [...event.ports]);
});
