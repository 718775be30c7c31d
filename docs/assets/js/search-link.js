// @ts-check
// SPDX-License-Identifier: MIT
// Old and printed links put the query on any page (…/?q=渐退期): send them to the search page.
(function () {
  "use strict";
  var q = new URLSearchParams(location.search).get("q");
  if (!q || document.getElementById("jz-search")) return;
  /** @type {{ base?: string }} Material's page config */
  var cfg = {};
  // No such element (or not JSON): the catch keeps the default.
  try { cfg = JSON.parse(/** @type {HTMLElement} */ (document.getElementById("__config")).textContent || ""); } catch (e) { /* default base */ }
  location.replace(new URL((cfg.base || ".") + "/search/", location.href).href + location.search);
})();
