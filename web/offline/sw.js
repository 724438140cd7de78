// The service worker: the whole site, one version at a time, for offline use.
// build.py fills in CACHE (nnbasics- and a hash of every file it ships), PRECACHE (every file but the
// practice editor), LAZY (the editor's files: kept once a Practice tab loaded them) and HEADERS
// (netlify.toml's headers for every path: the CSP and the other security headers). Every
// response served from the cache gets HEADERS, whatever the cache holds -- but data that scripts
// fetch (Pyodide's files, the page's Python), which such headers do nothing for: it is served as the
// cache holds it, straight from the disk (rebuilt here, every byte of it would pass through this
// worker, which made a warm start several times slower). A path that is no file of this version is
// the server's answer (a 404), or a 404 of its own when offline. A file is looked up and kept under its
// path alone: with any query string it is the same file, answered from its one copy, so that no request
// (another site's navigation, a script's fetch) can add to the cache, which holds FILES and SNAPSHOTS only.
// start/snapshot and start/practice-snapshot are no files: they are this browser's memory snapshots
// of Python (start/snapshot-worker.js makes them), and start/numpy-files what a restore writes, kept only
// in this version's cache, never fetched from the network (start/python-worker.js reads them from that cache).
const CACHE = "__CACHE__";
const PRECACHE = ["__PRECACHE__"];
const LAZY = ["__LAZY__"];
const HEADERS = { __HEADERS__: "" };
const PREFIX = "nnbasics-"; // every version's cache
const scope = new URL(self.registration.scope);
const PAGES = new Set([scope.href, new URL("./index.html", scope).href]); // the app page, as either
// (whatever its query: the page's state), kept once, as "./"
const LAZY_FILES = new Set(LAZY.map((path) => new URL(path, scope).href));
const SNAPSHOTS = new Set(["./start/snapshot", "./start/practice-snapshot", "./start/numpy-files"].map((path) => new URL(path, scope).href));
const FILES = new Set([...PRECACHE.map((path) => new URL(path, scope).href), ...LAZY_FILES]);

self.addEventListener("install", (event) => {
  // All or nothing: if any file fails, this version is not installed at all. Files outside
  // vendor/ are revalidated, so no stale copy from the HTTP cache joins the new version;
  // vendored files live under version-pinned paths and never change.
  const requests = PRECACHE.map((url) => new Request(url, { cache: url.includes("/vendor/") ? "default" : "no-cache" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

/** What a lazily loaded module (the code editor) is offline before it was ever fetched: a module
 * that says so, which its loader takes as "use the plain editor" -- no failed request. */
function offlinePlaceholder() {
  return withHeaders(new Response('export const unavailable = "offline, and not downloaded before";\n',
    { headers: { "Content-Type": "text/javascript; charset=utf-8" } }));
}

/** ``response`` with the site's own headers (a cached response is never trusted to carry them). */
function withHeaders(response) {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** A start-up snapshot: GET answers it from this version's cache (204 when there is none), PUT
 * (from start/snapshot-worker.js, with its metadata headers) keeps it there: 201, or 204 when this
 * version's cache is gone (a newer version replaced it). */
async function snapshot(request, path) {
  if (request.method === "PUT") {
    if (!(await caches.has(CACHE))) return new Response(null, { status: 204 });
    const headers = { "Content-Type": "application/octet-stream" };
    for (const [name, value] of request.headers) if (name.startsWith("x-nnbasics-")) headers[name] = value;
    await (await caches.open(CACHE)).put(path, new Response(await request.arrayBuffer(), { headers }));
    return new Response(null, { status: 201 });
  }
  return (await caches.match(path, { cacheName: CACHE })) ?? new Response(null, { status: 204 });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  const path = url.origin + url.pathname;
  if (SNAPSHOTS.has(path)) {
    event.respondWith(snapshot(request, path));
    return;
  }
  if (request.method !== "GET" || url.origin !== scope.origin) return;
  event.respondWith((async () => {
    const page = request.mode === "navigate" && PAGES.has(path);
    const cached = await caches.match(page ? scope.href : path, { cacheName: CACHE }); // never by its query
    if (cached) return request.destination === "" ? cached : withHeaders(cached); // "": fetch()
    let response;
    try {
      response = await fetch(request);
    } catch (error) {
      if (LAZY_FILES.has(path)) return offlinePlaceholder();
      if (FILES.has(path)) throw error; // a file of this site that is not cached: a network error
      return withHeaders(new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } }));
    }
    // Keep a file of this version that was missing, unless a newer version has replaced (deleted) this cache.
    if (response.ok && response.type === "basic" && FILES.has(path) && (await caches.has(CACHE))) {
      (await caches.open(CACHE)).put(path, response.clone()); // one copy, whatever the query
    }
    return response;
  })());
});
