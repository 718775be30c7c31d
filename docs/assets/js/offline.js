// @ts-check
// SPDX-License-Identifier: MIT
// The whole site offline after one visit: every page registers the service worker (build/js/sw.js) once the
// browser is idle after loading; its install keeps the pages (build/publish/offline.py says which), never the
// calculators' runtime. The tool pages register it themselves once their tool is ready (page-kit.js), and
// with the browser's Data Saver on, a reading page does not start the download.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  if (document.querySelector(".jz-calc")) return;
  var c = navigator.connection;
  if (c && c.saveData && !navigator.serviceWorker.controller) return;
  /** @type {{ base?: string }} Material's page config */
  var cfg = {};
  // No such element (or not JSON): the catch keeps the default.
  try { cfg = JSON.parse(/** @type {HTMLElement} */ (document.getElementById("__config")).textContent || ""); } catch (e) { /* default base */ }
  // base is "..", "." or "/" (the 404 page); document.baseURI, as the offline page is shown at other addresses
  var sw = new URL((cfg.base || ".").replace(/\/+$/, "") + "/sw.js", document.baseURI).href;
  // The worker does not see this first visit: it is told which page it was (a big site keeps that place's pages).
  function register() {
    navigator.serviceWorker.register(sw).then(function () { return navigator.serviceWorker.ready; }).then(function (reg) {
      if (reg.active) reg.active.postMessage({ type: "visit", path: location.pathname });
    }).catch(function () { /* private mode: online only */ });
  }
  function idle() {
    if ("requestIdleCallback" in window) requestIdleCallback(register, { timeout: 5000 });
    else setTimeout(register, 3000);
  }
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle);
})();
