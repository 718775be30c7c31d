// SPDX-License-Identifier: MIT
// The screener → calculator handoff of a returning resident, timed in real Chromium (called by scripts/bench.py
// --handoff; one run per call, the result as one JSON line on stdout).
//
//   node --experimental-websocket scripts/bench_handoff.mjs '{"exe": …, "args": […], "profileDir": …,
//        "calcURL": …, "screenerURL": …, "readMs": 5000, "idleMs": 20000, "network": {…} | null, "prerender": true}'
//
// Why not Playwright: Chromium does not prerender while a DevTools client is attached to a page the old way
// (Playwright's; devtools_instrumentation IsPrerenderAllowed → HasSessionsWithoutTabTargetSupport). Here the
// Chrome DevTools Protocol is spoken directly and pages are reached through their tab target, as Puppeteer does,
// so Speculation Rules work as on a phone. "prerender": false turns them off for the same visit with DevTools'
// own switch (Page.setPrerenderingAllowed), which is the baseline.
//
// "verbose": true prints each step to stderr. Besides the timing, the JSON line carries the calculator page's
// performance marks (jz:…) and its worker's boot marks, to see where a slow handoff spent its time.
//
// The visit: (1) a first visit to the calculator, staying until the service worker keeps the runtime and idleMs
// more (the resident has used the site before); the browser closes. (2) The browser starts again on the same
// profile and opens the screener from a shared link with answers; once the answer list shows, the resident reads
// for readMs, then taps the 「详细估算」 the page marked (else the first one). Timed: from the tap to the
// calculator's first result on screen (its first paint after the tap if the result was already computed).
import { spawn } from "node:child_process";

const cfg = JSON.parse(process.argv[2]);
const log = (/** @type {string} */ m) => { if (cfg.verbose) process.stderr.write(m + "\n"); };
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** Chromium with a DevTools port; resolves with the browser's WebSocket address. */
function launch() {
  const proc = spawn(cfg.exe, [...cfg.args, "--headless=new", "--remote-debugging-port=0", `--user-data-dir=${cfg.profileDir}`,
    "--window-size=375,667", "about:blank"], { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let err = "";
    proc.stderr.on("data", (d) => {
      err += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) resolve({ proc, ws: m[1] });
    });
    proc.on("exit", (code) => reject(new Error(`chromium exited ${code}: ${err.slice(-500)}`)));
  });
}

class CDP {
  constructor(/** @type {WebSocket} */ ws) {
    this.ws = ws;
    this.id = 0;
    /** @type {Map<number, {resolve: Function, reject: Function}>} */
    this.pending = new Map();
    /** @type {((m: any) => void)[]} */
    this.listeners = [];
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data));
      if (m.id && this.pending.has(m.id)) {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error) p.reject(new Error(JSON.stringify(m.error))); else p.resolve(m.result);
      } else for (const l of this.listeners) l(m);
    };
  }
  static open(/** @type {string} */ url) {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => { ws.onopen = () => resolve(new CDP(ws)); ws.onerror = reject; });
  }
  send(/** @type {string} */ method, params = {}, /** @type {string | undefined} */ sessionId = undefined) {
    const id = ++this.id;
    this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }
  async eval(/** @type {string} */ sessionId, /** @type {string} */ expression, timeoutMs = 2000) {
    // A page that navigates away never answers: give up on it after a while (the caller asks again).
    const r = await Promise.race([this.send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true }, sessionId),
      sleep(timeoutMs).then(() => { throw new Error("no answer: " + expression.slice(0, 80)); })]);
    if (r.exceptionDetails) throw new Error(expression.slice(0, 80) + ": " + JSON.stringify(r.exceptionDetails).slice(0, 300));
    return r.result.value;
  }
}

/** The browser, its tab, and every page the tab holds (the shown one and any prerendered one), set up as a phone. */
async function browser() {
  const { proc, ws } = await launch();
  const cdp = await CDP.open(ws);
  /** @type {Map<string, {type: string, subtype?: string}>} sessionId → target */
  const pages = new Map();
  cdp.listeners.push(async (m) => {
    if (m.method !== "Target.attachedToTarget" || m.params.targetInfo.type !== "page") return;
    const s = m.params.sessionId;
    pages.set(s, m.params.targetInfo);
    const setup = [
      cdp.send("Emulation.setDeviceMetricsOverride", { width: 375, height: 667, deviceScaleFactor: 2, mobile: true }, s),
      cdp.send("Emulation.setTouchEmulationEnabled", { enabled: true }, s),
      cdp.send("Page.enable", {}, s),
      cdp.send("Page.setPrerenderingAllowed", { isAllowed: cfg.prerender }, s),
    ];
    if (cfg.network) setup.push(cdp.send("Network.enable", {}, s).then(() =>
      cdp.send("Network.emulateNetworkConditions", { offline: false, ...cfg.network }, s)));
    await Promise.all(setup).catch(() => {});
    await cdp.send("Runtime.runIfWaitingForDebugger", {}, s).catch(() => {});
  });
  cdp.listeners.push((m) => { if (m.method === "Target.detachedFromTarget") pages.delete(m.params.sessionId); });
  const { targetInfos } = await cdp.send("Target.getTargets", { filter: [{ type: "tab" }] });
  const { sessionId: tab } = await cdp.send("Target.attachToTarget", { targetId: targetInfos[0].targetId, flatten: true });
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, tab);
  for (let i = 0; i < 100 && ![...pages.values()].some((t) => t.subtype !== "prerender"); i++) await sleep(50);
  await sleep(cfg.settleMs ?? 3000); // the browser's own start-up work, not the visit's
  return { proc, cdp, pages };
}

/** The page the tab shows (not a prerendered one). */
function shown(/** @type {Map<string, any>} */ pages) {
  return [...pages.entries()].filter(([, t]) => t.subtype !== "prerender").map(([s]) => s).at(-1);
}

async function until(/** @type {() => Promise<any>} */ test, /** @type {number} */ ms, /** @type {string} */ what) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await test().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out: " + what);
    await sleep(50);
  }
}

async function close(/** @type {any} */ b) {
  await b.cdp.send("Browser.close").catch(() => {});
  await new Promise((r) => { if (b.proc.exitCode !== null) r(null); else b.proc.on("exit", r); });
}

const RESULT = "document.querySelector('[data-first-result-ms]')";

// (1) The first visit: the runtime is kept for next time.
let b = await browser();
let page = shown(b.pages);
log(`first visit on ${page} of ${JSON.stringify([...b.pages.values()])}`);
await b.cdp.send("Page.navigate", { url: cfg.calcURL }, page);
await until(() => b.cdp.eval(page, `!!${RESULT}`), 300_000, "first visit's result");
await b.cdp.eval(page, `new Promise((resolve) => {
  const end = Date.now() + 60000;
  const wasm = [...performance.getEntriesByType('resource')].map((e) => e.name).find((n) => n.endsWith('.wasm'));
  const poll = async () => { if ((wasm && await caches.match(wasm)) || Date.now() > end) resolve(); else setTimeout(poll, 500); };
  poll();
})`, 70_000);
log('kept');
await sleep(cfg.idleMs);
await close(b);
log('closed');

// (2) The return: the screener from a shared link, read, then 「详细估算」.
b = await browser();
page = shown(b.pages);
await b.cdp.send("Page.navigate", { url: cfg.screenerURL }, page);
await until(() => b.cdp.eval(page, "!!document.querySelector('.jz-programme__calc')"), 300_000, "screener's answer");
log('screener answered');
const screenerMs = await b.cdp.eval(page, "performance.now()");
await sleep(cfg.readMs);
const tap = await b.cdp.eval(page, `(() => {
  const a = document.querySelector('a.jz-prerender') || document.querySelector('.jz-programme__calc');
  const t = performance.timeOrigin + performance.now();
  a.click();
  return { t, href: a.href, marked: a.classList.contains('jz-prerender') };
})()`);
log('tapped ' + JSON.stringify(tap));
const calcPath = new URL(tap.href).pathname;
const out = await until(async () => {
  for (const s of b.pages.keys()) {
    const r = await b.cdp.eval(s, `(location.pathname === ${JSON.stringify(calcPath)} && !document.prerendering && ${RESULT})
      ? ({ origin: performance.timeOrigin, activation: performance.getEntriesByType('navigation')[0].activationStart,
           first: +${RESULT}.dataset.firstResultMs,
           fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
           figure: document.querySelector('.jz-figure')?.textContent || '',
           marks: Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('jz:')).map((m) => [m.name, Math.round(m.startTime)])),
           boot: document.querySelector('.jz-calc')?.dataset.bootMarks || '' }) : null`).catch(() => null);
    if (r) return r;
  }
  return null;
}, 300_000, "calculator's result after the tap");
// Paint timing of a prerendered page is reported after activation; the result was computed before it.
if (out.activation > 0 && !out.fcp) {
  await sleep(500);
  for (const s of b.pages.keys()) {
    const fcp = await b.cdp.eval(s, `location.pathname === ${JSON.stringify(calcPath)} ? (performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0) : 0`).catch(() => 0);
    if (fcp) out.fcp = fcp;
  }
}
const shownAt = out.origin + Math.max(out.first, out.fcp || out.activation);
await close(b);
console.log(JSON.stringify({
  handoff_ms: shownAt - tap.t, prerendered: out.activation > 0, marked: tap.marked, screener_ms: screenerMs,
  figure: out.figure, marks: out.marks, boot: out.boot, first_ms: out.first, activation_ms: out.activation, fcp_ms: out.fcp,
}));
process.exit(0);
