// For the tests: a background worker's fetches say whose they are, so that a request its page's end
// cut off is told from a failure (tests/conftest.py). A classic script that only adds
// globalThis.nn.sayWhoseFetches (start/snapshot-worker.js and start/python-worker.js import it).
"use strict";
/** Every fetch of this worker says whose it is (``by``, header x-nnbasics-by); Pyodide's too. Its
 * requests end when its page goes (closed or navigated away). */
(globalThis.nn ??= {}).sayWhoseFetches = (by) => {
  const siteFetch = globalThis.fetch;
  globalThis.fetch = (url, init = {}) => siteFetch(url, { ...init, headers: { ...init.headers, "x-nnbasics-by": by } });
};
