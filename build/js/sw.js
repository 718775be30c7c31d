// @ts-check
// SPDX-License-Identifier: MIT
// Service worker: the whole site offline after one visit (what is kept and when: build/publish/offline.py, which
// writes the lists below). Registered by every page when the browser is idle (assets/js/offline.js) and by
// the tool pages once their tool is ready (page-kit.js keepOffline). It stores the site's own files, never
// what a visitor types (answers live after "#" and never reach it).
//
// * install: a new cache holding PAGES, plus the runtime, tools and places the previous cache held
//   (fingerprinted files are copied from it). Complete or nothing: if one file fails, the install fails,
//   the new cache is deleted and the previous worker goes on serving its own cache.
// * activate (only after a complete install): the older caches are deleted.
// * {type: "runtime", extra: ["ledger"], place} from a tool page: keep the calculators' runtime (and that tool's
//   files). A reading page never sends it, so reading a policy never downloads Pyodide.
// * province scale (PLACES not empty): a visit to a page of a place ({type: "visit"}, or a fetch once this worker
//   controls the page), or its bundle, keeps that place's pages and bundle and its neighbours' bundles.
// * pages: network first; offline, the kept copy, else the Chinese offline page (never the browser's error).
// The messages from pages: worker-protocol.ts (PageToServiceWorker).
/** @import { PageToServiceWorker } from "./worker-protocol" */
/** @typedef {{ runtime: boolean, extra: string[], places: string[], bundles: string[] }} Kept what a cache holds beyond PAGES */

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const VERSION = "__VERSION__";
const CACHE = "jz-" + VERSION;
const PAGES = __PAGES__;
const RUNTIME = __RUNTIME__;
const EXTRA = __EXTRA__;
const PLACES = __PLACES__;
const OFFLINE = __OFFLINE__;
const IMMUTABLE = new RegExp(__IMMUTABLE__); // build/serve.py FINGERPRINTED: the name changes with the content
const SCOPE = new URL("./", sw.location.href).pathname;
const STATE = new URL("__jz-offline-state.json", sw.location.href).href; // what this cache holds beyond PAGES

// A path that belongs to one place alone (its place page, 明白卡, own documents, bundle) names that place.
/** @type {Record<string, string | null>} */
const OWNER = {};
for (const [place, g] of Object.entries(PLACES)) {
  for (const f of g.files) OWNER[f] = OWNER[f] === undefined ? place : null;
}
const KNOWN = new Set([...PAGES, ...RUNTIME, ...Object.values(EXTRA).flat(), ...Object.values(PLACES).flatMap((g) => g.files)]);

/** @param {string} path */
const abs = (path) => new URL(path, sw.location.href).href;
/** @returns {Kept} */
const empty = () => ({ runtime: false, extra: [], places: [], bundles: [] });

/** @param {Kept} state */
function filesOf(state) {
  const out = [];
  if (state.runtime) out.push(...RUNTIME);
  for (const k of state.extra) out.push(...(EXTRA[k] || []));
  for (const p of state.places) out.push(...(PLACES[p] ? PLACES[p].files : []));
  for (const p of state.bundles) out.push(...(PLACES[p] ? PLACES[p].files.filter((f) => f.startsWith("assets/")) : []));
  return out;
}

/**
 * @param {Partial<Kept>} a
 * @param {Partial<Kept>} b
 * @returns {Kept}
 */
function merge(a, b) {
  /**
   * @param {string[] | undefined} x
   * @param {string[] | undefined} y
   */
  const union = (x, y) => [...new Set([...(x || []), ...(y || [])])];
  return { runtime: !!(a.runtime || b.runtime), extra: union(a.extra, b.extra), places: union(a.places, b.places),
    bundles: union(a.bundles, b.bundles) };
}

/**
 * @param {Cache} cache
 * @returns {Promise<Kept | null>}
 */
async function readState(cache) {
  const hit = await cache.match(STATE);
  return hit ? merge(empty(), await hit.json()) : null;
}

/**
 * @param {Cache} cache
 * @param {Kept} state
 */
function writeState(cache, state) {
  return cache.put(STATE, new Response(JSON.stringify(state), { headers: { "Content-Type": "application/json" } }));
}

// What the caches of earlier versions held: the new version keeps the same.
async function previousState() {
  let state = empty();
  for (const key of await caches.keys()) {
    if (!key.startsWith("jz-") || key === CACHE) continue;
    const cache = await caches.open(key);
    const saved = await readState(cache);
    if (saved) state = merge(state, saved);
    else if ((await cache.keys()).some((r) => r.url.endsWith(".wasm"))) state.runtime = true; // a cache from before the lists
  }
  return {
    runtime: state.runtime,
    extra: state.extra.filter((k) => EXTRA[k]),
    places: state.places.filter((p) => PLACES[p]),
    bundles: state.bundles.filter((p) => PLACES[p]),
  };
}

// Put every path into the cache, a few downloads at a time; throws if any fails (nothing is skipped).
/**
 * @param {Cache} cache
 * @param {string[]} paths
 */
async function fill(cache, paths) {
  const queue = [...new Set(paths)];
  /** @param {string} path */
  const one = async (path) => {
    const url = abs(path);
    if (IMMUTABLE.test(path)) {
      const kept = await caches.match(url); // an earlier version's copy of a fingerprinted file is this file
      if (kept) return cache.put(url, kept);
    }
    const response = await fetch(new Request(url, { cache: IMMUTABLE.test(path) ? "default" : "no-cache" }));
    if (!response.ok) throw new Error(path + ": HTTP " + response.status);
    await cache.put(url, response);
  };
  const worker = async () => {
    while (queue.length) await one(/** @type {string} */ (queue.shift()));
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

sw.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const existed = await caches.has(CACHE);
    const state = await previousState();
    const cache = await caches.open(CACHE);
    try {
      await fill(cache, PAGES.concat(filesOf(state)));
      await writeState(cache, merge((await readState(cache)) || empty(), state));
    } catch (err) {
      if (!existed) await caches.delete(CACHE); // never half a cache; the previous worker keeps serving
      throw err;
    }
    await sw.skipWaiting();
  })());
});

sw.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith("jz-") && key !== CACHE) await caches.delete(key);
    await sw.clients.claim();
  })());
});

// Additions to the active cache, one at a time (each records what it completed).
/** @type {Promise<void>} */
let queue = Promise.resolve();
/** @param {Partial<Kept>} add */
function keep(add) {
  queue = queue.then(async () => {
    const cache = await caches.open(CACHE);
    const state = (await readState(cache)) || empty();
    const wanted = merge(state, add);
    if (JSON.stringify(wanted) === JSON.stringify(state)) return;
    await fill(cache, filesOf(wanted).filter((f) => !filesOf(state).includes(f)));
    await writeState(cache, merge((await readState(cache)) || empty(), wanted));
  }).catch(() => { /* offline or a failed download: tried again on the next visit */ });
  return queue;
}

const placesAsked = new Set();
/** @param {string | null | undefined} place */
function keepPlace(place) {
  if (!place || !PLACES[place] || placesAsked.has(place)) return null;
  placesAsked.add(place);
  return keep({ places: [place], bundles: PLACES[place].near });
}

/** @param {string} path */
function ownerOf(path) {
  return OWNER[path] || OWNER[path + "/"] || null;
}

// {type: "runtime", extra, place} from a tool page once its tool is ready; {type: "visit", path} from a reading page
// (the first visit is not seen by this worker: it registers the worker). The place is kept at province scale.
sw.addEventListener("message", (event) => {
  /** @type {Partial<PageToServiceWorker>} */
  const m = event.data || {};
  const jobs = [];
  if (m.type === "runtime") jobs.push(keep({ runtime: true, extra: (m.extra || []).filter((k) => EXTRA[k]) }), keepPlace(m.place));
  if (m.type === "visit" && typeof m.path === "string" && m.path.startsWith(SCOPE)) jobs.push(keepPlace(ownerOf(m.path.slice(SCOPE.length))));
  if (jobs.some(Boolean)) event.waitUntil(Promise.all(jobs));
});

/** @param {Request} request */
async function cacheFirst(request) {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

// V8 keeps a wasm module's compiled code beside the copy it was compiled from: the HTTP cache's copy (written on the
// first visit, before this worker controls the page) or this cache's (only once this cache has served it). The runtime's
// .wasm is therefore served from the HTTP cache while the browser still has it there (the first return then skips
// compiling 9.6 MB: scripts/bench.py shows the code cache hit), and from this cache otherwise (offline, evicted).
/** @param {Request} request */
async function wasmFirst(request) {
  try {
    const hit = await fetch(request.url, { cache: "only-if-cached", mode: "same-origin", credentials: "same-origin" });
    if (hit.ok) return hit;
  } catch (err) {
    // not in the HTTP cache
  }
  return cacheFirst(request);
}

/**
 * @param {Request} request
 * @param {string} [key]
 */
async function networkFirst(request, key) {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") (await caches.open(CACHE)).put(key || request, response.clone());
    return response;
  } catch (err) {
    const hit = await caches.match(key || request, { ignoreSearch: true });
    if (hit) return hit;
    throw err;
  }
}

// The Chinese offline page, served at the address asked for (its links resolve from its own folder).
async function offlinePage() {
  const hit = await caches.match(abs(OFFLINE));
  if (!hit) return Response.error();
  const text = (await hit.text()).replace(/<head[^>]*>/, (head) => head + '<base href="' + SCOPE + OFFLINE + '">');
  return new Response(text, { status: 503, statusText: "Offline", headers: { "Content-Type": "text/html; charset=utf-8" } });
}

/**
 * @param {Request} request
 * @param {string} path
 */
async function page(request, path) {
  const url = new URL(request.url);
  const key = url.origin + url.pathname; // one copy per page, whatever ?q= or ?j= it was opened with
  try {
    return await networkFirst(request, key);
  } catch (err) {
    if (!path.endsWith("/")) {
      const hit = await caches.match(key + "/");
      if (hit) return hit;
    }
    return offlinePage();
  }
}

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin || !url.pathname.startsWith(SCOPE)) return;
  const path = url.pathname.slice(SCOPE.length) || "./";
  const kept = keepPlace(ownerOf(path));
  if (kept) event.waitUntil(kept);
  if (IMMUTABLE.test(path)) event.respondWith(path.endsWith(".wasm") ? wasmFirst(request) : cacheFirst(request));
  else if (request.mode === "navigate") event.respondWith(page(request, path));
  else if (KNOWN.has(path) || path.startsWith("pagefind/")) event.respondWith(networkFirst(request));
});
