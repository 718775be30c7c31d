// SPDX-License-Identifier: MIT
// Material's search reacts to key presses only; pasting a query, voice input or a phone's word
// suggestions change the field without one. Turn every "input" into the key-up it listens for.
(function () {
  "use strict";
  document.addEventListener(
    "input",
    function (e) {
      var t = e.target;
      if (t && t.classList && t.classList.contains("md-search__input") && !e.isComposing) {
        t.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
      }
    },
    true
  );
  // Chinese IME: the query is complete when composition ends.
  document.addEventListener(
    "compositionend",
    function (e) {
      var t = e.target;
      if (t && t.classList && t.classList.contains("md-search__input")) t.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    },
    true
  );
})();
