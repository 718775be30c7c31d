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
      text.textContent = what + "没能加载（" + m.message + "）。请检查网络后重新打开本页。";
    }
  };
  worker.onerror = (e) => { box.dataset.state = "fault"; text.textContent = what + "出错：" + (e.message || ""); };
  for (const e of early.queue.splice(0)) (e.type === "error" ? worker.onerror : worker.onmessage)(e);
  return worker;
}
