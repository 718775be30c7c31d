// @ts-check
// SPDX-License-Identifier: MIT
// 长辈版 (工信部《互联网网站适老化通用设计规范》): large text, high contrast, big targets.
// The choice is remembered on this device only when the visitor turns it on
// (localStorage "jz-elder"); turning it off removes the key.
(function () {
  "use strict";
  var root = document.documentElement;
  /** @param {HTMLElement} btn */
  function sync(btn) {
    var on = root.classList.contains("elder");
    btn.setAttribute("aria-pressed", on ? "true" : "false");
    btn.textContent = on ? "退出长辈版" : "长辈版：大字、高对比";
  }
  function init() {
    var btn = /** @type {HTMLElement} */ (document.querySelector(".elder-toggle"));
    if (!btn) return;
    sync(btn);
    btn.addEventListener("click", function () {
      var on = root.classList.toggle("elder");
      try {
        if (on) localStorage.setItem("jz-elder", "1");
        else localStorage.removeItem("jz-elder");
      } catch (e) {
        // Storage blocked: the mode still applies to this page.
      }
      sync(btn);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
