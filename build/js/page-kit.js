// @ts-check
// SPDX-License-Identifier: MIT
// Shared by the tool pages (calc-page.js, screener-page.js, ledger-page.js): small DOM helpers and the adoption of
// the worker started early in <head> (pages/forms.py EARLY_START). The build fingerprints this file and
// rewrites the pages' `./page-kit.js` import to its hashed name. The messages: worker-protocol.ts.
/** @import { FileMessage, Handoff, ProgressMessage, ReadyMessage, ResultMessage, RunErrorMessage, ToolWorker, WorkerToPage } from "./worker-protocol" */
/** @import { CalcQuery, QueryAnswer } from "./answers" */

/**
 * A new element with an optional class and text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [cls]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * An element the build always writes into the page (not checked for null: a page without it is a build bug).
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {HTMLElement}
 */
export function find(root, selector) {
  return /** @type {HTMLElement} */ (root.querySelector(selector));
}

/**
 * A form's control that the build always writes, by name (an <input> or a <select>: typed as an input, for the
 * properties they share).
 * @param {HTMLFormElement} form
 * @param {string} name
 */
export function control(form, name) {
  return /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
}

/** The phone's date, ISO (the calculators never read a clock). */
export function today() {
  const d = new Date();
  return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
}

/** @param {HTMLFormElement} form */
export function clearErrors(form) {
  for (const p of form.querySelectorAll(".jz-error")) { /** @type {HTMLElement} */ (p).hidden = true; p.textContent = ""; }
  for (const c of form.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
}

/**
 * What a tool page does with its worker's messages (page-kit.js adoptWorker).
 * @typedef {object} WorkerHooks
 * @property {(m: ReadyMessage) => void} ready the worker is ready (the box is marked ready and the loading line hidden)
 * @property {(m: ResultMessage) => void} result an answer (check `m.seq`: only the latest request's counts)
 * @property {(m: RunErrorMessage) => void} runError a request failed
 * @property {(m: FileMessage) => void} [file] a file to download (台账核查)
 * @property {(percent: number) => string} [progressText] the loading line while the runtime downloads
 * @property {string} [startText] the loading line once it is downloaded
 * @property {(m: ProgressMessage) => void} [progress] after the bar and the loading line are updated
 * @property {(message: string) => void} [fault] the tool cannot load: show it (default: the loading line says so,
 *   with the message); `message` is never a traceback (see faultReason)
 */

/**
 * Adopt the worker the <head> script started (replaying what it said meanwhile) and dispatch its messages.
 * `what` names the tool in messages (“问卷程序”). Returns null when no worker can be started.
 * @param {HTMLElement} box the tool's root: holds `.jz-loading` (a `<progress>` and `.jz-loading-text`)
 * @param {string} what
 * @param {WorkerHooks} on
 * @returns {ToolWorker | null}
 */
export function adoptWorker(box, what, on) {
  const loading = /** @type {HTMLElement} */ (box.querySelector(".jz-loading"));
  const text = /** @type {HTMLElement} */ (loading.querySelector(".jz-loading-text"));
  const bar = loading.querySelector("progress");
  /** @param {string} message */
  const fail = on.fault || ((message) => {
    box.dataset.state = "fault";
    text.textContent = offlineFault(what) || (what + "没能加载（" + faultReason(message) + "）。请检查网络后重新打开本页。");
  });
  const supported = typeof Worker !== "undefined" && typeof WebAssembly !== "undefined";
  const early = window.__jzEarly;
  const worker = supported && early ? early.start(true) : null;
  if (!early || !worker) {
    if (on.fault) on.fault(supported ? "计算程序无法启动" : "浏览器不支持 WebAssembly 或 Web Worker");
    else text.textContent = what + "无法启动：请换用较新的浏览器。";
    return null;
  }
  box.dataset.startMs = early.t.toFixed(0); // for scripts/bench.py
  /** @param {MessageEvent<WorkerToPage>} event */
  const heard = (event) => {
    const m = event.data;
    if (box.dataset.state === "fault") return; // a failed load stays failed (later progress must not hide it)
    if (m.type === "ready") {
      box.dataset.state = "ready";
      loading.hidden = true;
      on.ready(m);
    } else if (m.type === "progress") {
      if (bar) {
        bar.max = m.total;
        bar.value = m.phase === "start" ? m.total : m.loaded;
      }
      const pct = Math.floor((100 * m.loaded) / m.total);
      text.textContent = m.phase === "start" ? on.startText || "下载完成，正在启动…"
        : (on.progressText ? on.progressText(pct) : "正在下载：" + pct + "%");
      if (on.progress) on.progress(m);
    } else if (m.type === "result") {
      on.result(m);
    } else if (m.type === "file") {
      if (on.file) on.file(m);
    } else if (m.type === "run_error") {
      on.runError(m);
    } else if (m.type === "fault") {
      fail(m.message);
    }
  };
  // An ErrorEvent, or a plain Event (no message) when the worker's script did not load.
  /** @param {Event} e */
  const failed = (e) => fail(/** @type {Partial<ErrorEvent>} */ (e).message || "计算程序出错");
  worker.onmessage = heard;
  worker.onerror = failed;
  for (const e of early.queue.splice(0)) {
    if (e.type === "error") failed(e);
    else heard(/** @type {MessageEvent<WorkerToPage>} */ (e));
  }
  return worker;
}

// ------------------------------------------------------------------ handing an answer to the next page
// The screener works out, with its ready runtime, the answer of each 「详细估算」 it shows and leaves them in this tab's
// sessionStorage; the calculator opened from one shows its answer at once, while its own runtime starts (≈ 2 s on a
// phone; a prerendered page gets no worker before it is shown). Same browser tab, same build (`key`), same day, the
// untouched link: nothing leaves the phone, and the tab's storage goes when the tab is closed. The calculator's own
// worker then answers again (tests/browser/test_handoff.py: the same figures).

const HANDOFF = "jz-handoff";
const ASIDE_SEQ = 1e9; // the seq of a request made aside from the page's own answers (its hooks ignore it)
let aside = 0;

/** @param {import("./worker-protocol").WorkerConfig} c the same build: the calculators' code and the parameters */
const buildKey = (c) => c.stdlibURL + " " + JSON.stringify(c.params);

/**
 * A calculator's answer from this page's worker, beside the page's own requests.
 * @param {ToolWorker} worker
 * @param {string} calc
 * @param {CalcQuery} query
 * @param {string} day
 * @returns {Promise<ResultMessage | null>}
 */
export function askAside(worker, calc, query, day) {
  const seq = ASIDE_SEQ + ++aside;
  return new Promise((resolve) => {
    /** @param {MessageEvent<WorkerToPage>} e */
    const heard = (e) => {
      const m = e.data;
      if ((m.type !== "result" && m.type !== "run_error") || m.seq !== seq) return;
      worker.removeEventListener("message", heard);
      resolve(m.type === "result" ? m : null);
    };
    worker.addEventListener("message", heard);
    worker.postMessage({ type: "run", seq, calc, query, today: day });
  });
}

/**
 * Leave answers for the pages these links open (link address → calculator and its answer), replacing earlier ones.
 * @param {{ href: string, calc: string, answer: ResultMessage }[]} answers
 * @param {string} day
 */
export function handOver(answers, day) {
  const early = window.__jzEarly;
  if (!early || !early.config) return;
  const key = buildKey(early.config);
  /** @type {Record<string, Handoff>} */
  const all = {};
  for (const a of answers) all[a.href] = { calc: a.calc, day, key, result: /** @type {QueryAnswer} */ (a.answer.result), ms: a.answer.ms };
  try { sessionStorage.setItem(HANDOFF, JSON.stringify(all)); } catch (e) { /* storage off or full: no handoff */ }
}

/**
 * The answer left for this page's address, if it was worked out by the same build today for this calculator.
 * @param {string} calc
 * @param {string} day
 * @returns {Handoff | null}
 */
export function handedOver(calc, day) {
  const early = window.__jzEarly;
  if (!early || !early.config) return null;
  try {
    const h = /** @type {Record<string, Handoff>} */ (JSON.parse(sessionStorage.getItem(HANDOFF) || "{}"))[location.href];
    return h && h.calc === calc && h.day === day && h.key === buildKey(early.config) && h.result ? h : null;
  } catch (e) {
    return null;
  }
}

/**
 * A fault's message as a page may show it: a Python traceback (a bug of ours) goes to the console only.
 * @param {string} message
 */
export function faultReason(message) {
  if (!/Traceback|File "|Error:/.test(message)) return message;
  console.error(message);
  return "程序内部错误";
}

// The service worker (build/js/sw.js) keeps the calculators' runtime once a tool page has it, so the tools work
// offline; `extra` names what this tool alone needs (["ledger"]), `place` the place chosen (kept with its
// neighbours on a big site). Without a service worker (private mode, policy) the tools still work online.
// Keeping is background work (its install downloads and stores every page, then copies the runtime): it starts
// once the tool is ready and the resident has left the form alone for QUIET_MS — it never competes with the first
// answer, nor with the answers recomputed while the form is being changed (scripts/bench.py measured a first
// recompute of 27–90 ms while the install ran beside it).
const QUIET_MS = 4000;
const TOUCHES = ["input", "change", "pointerdown", "keydown"];

/**
 * @param {URL} root the site's root
 * @param {string[]} [extra]
 * @param {string} [place]
 */
export function keepOffline(root, extra, place) {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  /** @type {import("./worker-protocol").KeepRuntimeMessage} */
  const keep = { type: "runtime", extra: extra || [], place: place || "" };
  const ask = () => navigator.serviceWorker.register(new URL("sw.js", root).href)
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => { if (reg.active) reg.active.postMessage(keep); })
    .catch(() => {});
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const t of TOUCHES) document.removeEventListener(t, later, true);
      if ("requestIdleCallback" in window) requestIdleCallback(ask, { timeout: 4000 });
      else ask();
    }, QUIET_MS);
  };
  for (const t of TOUCHES) document.addEventListener(t, later, true);
  later();
}

/**
 * Whether this phone already keeps the runtime (then Data Saver need not ask before starting).
 * @param {string} wasmURL
 * @returns {Promise<boolean>}
 */
export function runtimeKept(wasmURL) {
  if (!window.caches) return Promise.resolve(false);
  return caches.match(wasmURL).then(Boolean, () => false);
}

/**
 * Offline, a tool whose runtime was never kept on this phone says so (instead of a download error).
 * @param {string} what
 */
export function offlineFault(what) {
  return navigator.onLine === false
    ? "您现在没有联网，" + what + "还没有存到这部手机上：联网时打开用过一次，以后没有网络也能用。政策原文和其他页面不受影响；"
    : "";
}

/**
 * A place's parameters that did not arrive (the worker's run_error with network: true).
 * @param {string} retry what the resident does to try again
 */
export function paramsMissing(retry) {
  return navigator.onLine === false
    ? "您现在没有联网，这个地区的参数还没有存到这部手机上。填写的内容都还在，联网后" + retry + "即可。"
    : "这个地区的参数没有下载下来，可能是网络断了。填写的内容都还在，网络恢复后" + retry + "即可。";
}
