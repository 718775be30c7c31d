// SPDX-License-Identifier: MIT
// Shared by the tool pages (screener-page.js, ledger-page.js): small DOM helpers and the adoption of the
// worker started early in <head> (calculator_build.EARLY_START). The build fingerprints this file and
// rewrites the pages' `./page-kit.js` import to its hashed name.

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function today() {
  const d = new Date();
  return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
}

export function clearErrors(form) {
  for (const p of form.querySelectorAll(".jz-error")) { p.hidden = true; p.textContent = ""; }
  for (const c of form.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
}

// Adopt the early worker and dispatch its messages. `what` names the tool in messages (“问卷程序”);
// `on` has ready(), result(m), runError(m), and optionally file(m) and progressText(m).
export function adoptWorker(box, what, on) {
  const loading = box.querySelector(".jz-loading");
  const text = loading.querySelector(".jz-loading-text");
  const early = window.__jzEarly;
  const worker = early && early.start(true);
  if (!worker) { text.textContent = what + "无法启动：请换用较新的浏览器。"; return null; }
  worker.onmessage = (event) => {
    const m = event.data;
    if (box.dataset.state === "fault") return; // a failed load stays failed (later progress must not hide it)
    if (m.type === "ready") {
      box.dataset.state = "ready";
      loading.hidden = true;
      on.ready();
    } else if (m.type === "progress") {
      text.textContent = m.phase === "start" ? "下载完成，正在启动…"
        : (on.progressText ? on.progressText(m) : "正在下载：" + Math.floor((100 * m.loaded) / m.total) + "%");
    } else if (m.type === "result") {
      on.result(m);
    } else if (m.type === "file" && on.file) {
      on.file(m);
    } else if (m.type === "run_error") {
      on.runError(m);
    } else if (m.type === "fault") {
      box.dataset.state = "fault";
      text.textContent = offlineFault(what) || (what + "没能加载（" + m.message + "）。请检查网络后重新打开本页。");
    }
  };
  worker.onerror = (e) => { box.dataset.state = "fault"; text.textContent = what + "出错：" + (e.message || ""); };
  for (const e of early.queue.splice(0)) (e.type === "error" ? worker.onerror : worker.onmessage)(e);
  return worker;
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

export function keepOffline(root, extra, place) {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const ask = () => navigator.serviceWorker.register(new URL("sw.js", root).href)
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => { if (reg.active) reg.active.postMessage({ type: "runtime", extra: extra || [], place: place || "" }); })
    .catch(() => {});
  let timer = null;
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

// Whether this phone already keeps the runtime (then Data Saver need not ask before starting).
export function runtimeKept(wasmURL) {
  if (!window.caches) return Promise.resolve(false);
  return caches.match(wasmURL).then(Boolean, () => false);
}

// Offline, a tool whose runtime was never kept on this phone says so (instead of a download error).
export function offlineFault(what) {
  return navigator.onLine === false
    ? "您现在没有联网，" + what + "还没有存到这部手机上：联网时打开用过一次，以后没有网络也能用。政策原文和其他页面不受影响；"
    : "";
}

// A place's parameters that did not arrive (the worker's run_error with network: true).
export function paramsMissing(retry) {
  return navigator.onLine === false
    ? "您现在没有联网，这个地区的参数还没有存到这部手机上。填写的内容都还在，联网后" + retry + "即可。"
    : "这个地区的参数没有下载下来，可能是网络断了。填写的内容都还在，网络恢复后" + retry + "即可。";
}
