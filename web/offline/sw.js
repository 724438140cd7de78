// The service worker: the whole site, one version at a time, for offline use.
// build.py fills in VERSION (a hash of every file it ships) and PRECACHE (every file).
const VERSION = "__VERSION__";
const PRECACHE = ["__PRECACHE__"];
const PREFIX = "nnbasics-";
const CACHE = PREFIX + VERSION;
const scope = new URL(self.registration.scope);
const INDEX = new URL("./index.html", scope).href;

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

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin) return;
  event.respondWith((async () => {
    // Pages are one document whatever their query (the query is the page's state).
    const key = request.mode === "navigate" ? INDEX : request;
    const cached = await caches.match(key, { cacheName: CACHE, ignoreSearch: request.mode === "navigate" });
    if (cached) return cached;
    const response = await fetch(request);
    // Keep what this version lacked, unless a newer version has replaced (deleted) this cache.
    if (response.ok && response.type === "basic" && (await caches.has(CACHE))) {
      (await caches.open(CACHE)).put(request, response.clone());
    }
    return response;
  })());
});
