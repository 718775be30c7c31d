// @ts-check
// SPDX-License-Identifier: MIT
// "复制引用": copy a formal citation of a clause, e.g.
//   《…实施意见》（乐办字〔2021〕21号）二、（一）8
//   https://…/policies/changle-2021-yijian/#s2-1-8
// Also follows recorded anchor redirects (build/anchors.lock.json).
(function () {
  "use strict";

  /**
   * @param {string} text
   * @returns {Promise<void>}
   */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Intranet sites are often plain http: fall back to a hidden textarea.
    return new Promise(function (resolve, reject) {
      var ta = document.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.style.position = "fixed";
      ta.style.opacity = "0";
      document.body.appendChild(ta);
      ta.select();
      try {
        document.execCommand("copy") ? resolve() : reject(new Error("copy failed"));
      } catch (e) {
        reject(e);
      } finally {
        document.body.removeChild(ta);
      }
    });
  }

  // 明白卡 built without a public address: print the full address of the link where it was opened.
  function absoluteLinks() {
    var links = /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll("a.mb-abs"));
    for (var i = 0; i < links.length; i++) links[i].textContent = links[i].href;
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", absoluteLinks);
  else absoluteLinks();

  /**
   * @param {HTMLElement} root the policy text (its data-cite-title)
   * @param {HTMLElement} heading a clause (its data-cite)
   */
  function citation(root, heading) {
    var url = location.origin + location.pathname + "#" + heading.id;
    return (root.dataset.citeTitle || "") + (heading.dataset.cite || "") + "\n" + url;
  }

  function followRedirect() {
    var map = document.getElementById("anchor-redirects");
    var id = decodeURIComponent(location.hash.slice(1));
    if (!map || !id || document.getElementById(id)) return;
    var target = JSON.parse(map.textContent)[id];
    if (!target) return;
    var parts = target.split("#");
    var here = location.pathname.replace(/\/$/, "").split("/").pop();
    location.replace(parts[0] === here ? "#" + parts[1] : "../" + parts[0] + "/#" + (parts[1] || ""));
  }

  function init() {
    followRedirect();
    var root = /** @type {HTMLElement} */ (document.querySelector(".policy-text"));
    if (!root) return;
    var status = document.createElement("span");
    status.className = "cite-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    root.appendChild(status);
    /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-cite][id]")).forEach(function (h) {
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "cite-btn";
      btn.textContent = "复制引用";
      btn.setAttribute("aria-label", "复制本条引用：" + h.dataset.cite);
      btn.addEventListener("click", function () {
        var text = citation(root, h);
        copyText(text).then(
          function () {
            btn.textContent = "已复制";
            status.textContent = "已复制引用：" + text;
          },
          function () {
            window.prompt("请手动复制以下引用：", text);
          }
        );
        setTimeout(function () { btn.textContent = "复制引用"; }, 2000);
      });
      h.appendChild(btn);
      if (root.dataset.qr) {
        // Built only when the public address is known (JZ_PUBLIC_URL): for posters and 明白卡.
        var qr = document.createElement("a");
        qr.className = "qr-btn";
        qr.href = root.dataset.qr + h.id + ".svg";
        qr.textContent = "二维码";
        qr.setAttribute("download", root.dataset.docId + "-" + h.id + ".svg");
        qr.setAttribute("aria-label", "下载本条二维码：" + h.dataset.cite);
        h.appendChild(qr);
      }
    });
  }

  // Wide tables scroll sideways inside Material's wrapper: make that region reachable
  // and scrollable with the keyboard (axe: scrollable-region-focusable).
  function focusableScrollRegions() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset__table").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", "表格（可左右滑动）");
      }
    });
  }
  window.addEventListener("load", focusableScrollRegions);
  window.addEventListener("resize", focusableScrollRegions);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
