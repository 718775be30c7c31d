// SPDX-License-Identifier: MIT
// Service worker: instant repeat visits and offline use of the calculators and the reading pages.
// Registered only by calculator pages (after the first answer, when idle). It stores the site's own files (never what a
// visitor types). Versioned: the build writes VERSION (a hash of what it serves), and
// activation deletes every older cache, so an update is never served stale.
const VERSION = "__VERSION__";
const CACHE = "jz-" + VERSION;
const PRECACHE = __PRECACHE__; // pages and their CSS/JS, relative to this file
const SCOPE = new URL("./", self.location).pathname;
// Content-hashed or versioned paths: never change, so cache-first is always right.
const IMMUTABLE = [/^assets\/pyodide\/[^/]+\//, /^assets\/calc\/.+\.[0-9a-f]{12}\.[a-z]+$/,
  /^assets\/(javascripts|stylesheets)\/.+\.[0-9a-f]{8}\.min\.(js|css)$/];

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE)).catch(() => {}));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith("jz-") && key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (err) {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return;
  const path = url.pathname.slice(SCOPE.length) || "./";
  if (IMMUTABLE.some((re) => re.test(path))) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate" || PRECACHE.includes(path)) {
    event.respondWith(networkFirst(request));
  }
});
