// @ts-check
// SPDX-License-Identifier: MIT
// The search page: Pagefind (self-hosted under pagefind/), loaded only here.
// Policy clauses come first (filter 类别=政策条款), then tool and help pages; an optional 地区 filter
// scopes the clauses to one place. A one-term query is also run as an exact phrase, whose clauses come
// first; then clauses whose excerpt holds a typed term exactly. Every keystroke, paste, voice input or IME commit searches (input event).
/** @import { Pagefind, PagefindPage, PagefindSub } from "../../../build/js/page-globals" */
/** @typedef {{ doc?: string, title: string, url: string, excerpt: string, exact?: number, score?: number, rank?: number, lapsed?: number }} Hit */
(function () {
  "use strict";
  var form = document.getElementById("jz-search");
  if (!form) return;
  // The rest of the search page's form (build/search_index.py search_form).
  var box = /** @type {HTMLInputElement} */ (document.getElementById("jz-q"));
  var place = /** @type {HTMLSelectElement} */ (document.getElementById("jz-place"));
  var status = /** @type {HTMLElement} */ (document.getElementById("jz-search-status"));
  var list = /** @type {HTMLElement} */ (document.getElementById("jz-search-results"));
  var more = /** @type {HTMLElement} */ (document.getElementById("jz-search-tools"));
  /** @type {{ base?: string }} Material's page config */
  var cfg = {};
  // No such element (or not JSON): the catch keeps the default.
  try { cfg = JSON.parse(/** @type {HTMLElement} */ (document.getElementById("__config")).textContent || ""); } catch (e) { /* default base */ }
  var base = new URL((cfg.base || ".") + "/", location.href);
  /** @type {Promise<Pagefind> | null} */
  var pagefind = null;
  var seq = 0;
  var CLAUSES = 10;
  var TOOLS = 4;
  var PAGES = 6; // documents whose clauses are listed (each costs one fragment download)

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
        // Clauses sit in long pages: page length should not push them down.
        return pf.options({ baseUrl: base.pathname, excerptLength: 40, ranking: { pageLength: 0.2 } })
          .then(function () { return pf.init(); }) // wasm and the index's entry files, before the first query
          .then(function () { return pf; });
      });
    }
    return pagefind;
  }

  /** @param {PagefindSub} sub */
  function score(sub) {
    var s = 0;
    (sub.weighted_locations || []).forEach(function (w) { s += w.balanced_score || w.weight || 0; });
    return s;
  }

  /** @param {string | undefined} html */
  function plain(html) {
    return (html || "").replace(/<[^>]*>/g, "").replace(/\s+/g, "");
  }

  // A clause's rank: first how many of the typed terms appear exactly in its excerpt (渐退期 as
  // typed, not 渐退 … 期 far apart), then texts in force before a lapsed plan, then Pagefind's score.
  // The document's own title block and a
  // notice's plan heading match every word of the title: they come last.
  /**
   * @param {PagefindPage[]} pages
   * @param {string[]} terms
   * @returns {Hit[]}
   */
  function clausesOf(pages, terms) {
    /** @type {Required<Hit>[]} */
    var out = [];
    pages.forEach(function (p, rank) {
      (p.sub_results || []).forEach(function (s) {
        if (!s.weighted_locations || !s.weighted_locations.length) return;
        var anchor = s.url.split("#")[1] || "";
        var text = plain(s.excerpt);
        var exact = terms.filter(function (t) { return text.indexOf(t) >= 0; }).length;
        var tail = !anchor || anchor === "title" || anchor === "plan";
        out.push({ doc: p.meta.title, title: s.title, url: s.url, excerpt: s.excerpt, exact: tail ? -1 : exact, score: score(s), rank: rank,
          lapsed: p.meta.lapsed ? 1 : 0 });
      });
    });
    // A plan whose period is over (and whose rules lapsed) comes after texts in force that match as well.
    return out.sort(function (a, b) { return b.exact - a.exact || a.lapsed - b.lapsed || b.score - a.score || a.rank - b.rank; });
  }

  /**
   * @param {Pagefind} pf
   * @param {string} query
   * @param {Record<string, string>} filters
   * @param {number} n
   * @returns {Promise<PagefindPage[]>}
   */
  function run(pf, query, filters, n) {
    return pf.search(query, { filters: filters }).then(function (r) {
      return Promise.all(r.results.slice(0, n).map(function (x) { return x.data(); }));
    });
  }

  /**
   * @param {Hit} hit
   * @param {boolean} withDoc
   */
  function li(hit, withDoc) {
    var item = document.createElement("li");
    var a = document.createElement("a");
    a.href = hit.url;
    a.className = "jz-hit__link";
    var t = document.createElement("span");
    t.className = "jz-hit__title";
    t.textContent = hit.title;
    a.appendChild(t);
    if (withDoc && hit.doc && hit.doc !== hit.title) {
      var d = document.createElement("span");
      d.className = "jz-hit__doc";
      d.textContent = hit.doc;
      a.appendChild(d);
    }
    item.appendChild(a);
    if (hit.excerpt) {
      var p = document.createElement("p");
      p.className = "jz-hit__excerpt";
      p.innerHTML = hit.excerpt; // Pagefind's excerpt: escaped text with <mark> around the matches
      item.appendChild(p);
    }
    return item;
  }

  function search() {
    var q = box.value.trim();
    var mine = ++seq;
    var params = new URLSearchParams();
    if (q) params.set("q", q);
    if (place.value) params.set("place", place.value);
    history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    list.innerHTML = "";
    more.innerHTML = "";
    delete status.dataset.done;
    if (!q) { status.textContent = ""; status.dataset.done = "1"; return; }
    status.textContent = "正在搜索…";
    var terms = q.replace(/["“”]/g, " ").split(/\s+/).filter(Boolean);
    /** @type {Record<string, string>} */
    var filters = { 类别: "政策条款" };
    if (place.value) filters["地区"] = place.value;
    /** @type {Pagefind} */
    var pf;
    load().then(function (loaded) {
      pf = loaded;
      // One term: first as an exact phrase (勤工助学 would otherwise match 勤 … 工 … 助 … 学), then as
      // words. One search at a time: run side by side, Pagefind's phrase search came back empty in
      // the browser (reproduced on every try with three searches in flight).
      var phrase = terms.length === 1 && terms[0].length >= 2 ? run(pf, '"' + terms[0] + '"', filters, PAGES) : Promise.resolve([]);
      return phrase.then(function (exactPages) {
        return run(pf, q, filters, PAGES).then(function (wordPages) { return [exactPages, wordPages]; });
      });
    }).then(function (res) {
      if (mine !== seq) return; // a newer query is on its way
      /** @type {Record<string, boolean>} */
      var seen = {};
      var hits = clausesOf(res[0], terms).concat(clausesOf(res[1], terms)).filter(function (h) {
        if (seen[h.url]) return false;
        seen[h.url] = true;
        return true;
      }).slice(0, CLAUSES);
      // A clause counts as found when its text holds every typed term as typed; the others are listed after
      // it as holding only part of the words (单人户: 3 clauses hold it, not the 10 listed).
      var full = hits.filter(function (h) { return h.exact === terms.length; });
      hits.forEach(function (h) {
        var item = li(h, true);
        if (h.exact !== terms.length) item.className = "jz-hit--partial";
        list.appendChild(item);
      });
      var scope = place.value ? "（" + place.selectedOptions[0].textContent + "）" : "";
      var words = terms.map(function (t) { return "“" + t + "”"; }).join("和");
      var exact = full.length > 0;
      /** @type {string} */
      var said;
      if (!hits.length) {
        said = "没有找到含“" + q + "”的条款" + scope + "。可以换个说法，或只输入其中的一两个字词。";
      } else if (!exact) {
        // Only the single characters matched, here and there: say so rather than pretend.
        said = "没有找到含“" + q + "”的条款" + scope + "；下面 " + hits.length + " 条只含其中部分字词，可以换个说法再搜。";
      } else {
        said = (full.length === CLAUSES ? "列出前 " + CLAUSES + " 条" : "找到 " + full.length + " 条") + "含" + words + "的条款" + scope
          + (hits.length > full.length ? "；后面 " + (hits.length - full.length) + " 条只含其中部分字词" : "") + "。";
      }
      status.textContent = said;
      // Tool and help pages come after the clauses, when they arrive.
      return run(pf, q, { 类别: "工具与说明" }, TOOLS).then(function (pages) {
        if (mine !== seq) return;
        pages.forEach(function (p) { more.appendChild(li({ title: p.meta.title, url: p.url, excerpt: p.excerpt }, false)); });
        /** @type {HTMLElement} */ (document.getElementById("jz-tools-title")).hidden = !pages.length;
        if (pages.length && hits.length && exact) status.textContent = said.replace(/。$/, "，另有 " + pages.length + " 个工具和说明页面。");
        status.dataset.done = "1"; // every list is final (tests wait for this)
      });
    }).catch(function () {
      pagefind = null; // try loading again on the next query
      if (mine !== seq) return;
      // Offline, with the search index not kept on this phone (a big site keeps only what was used).
      status.textContent = navigator.onLine === false
        ? "现在没有联网，搜索用的索引还没有存到这部手机上，联网后再搜。已经存下的政策文件可以从“政策文件”目录逐份打开。"
        : "搜索暂时不能使用：请检查网络后再试一次。政策文件也可以从“政策文件”目录逐份查看。";
      status.dataset.offline = navigator.onLine === false ? "1" : "";
      status.dataset.done = "1";
    });
  }

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  var timer;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(search, 60);
  }
  box.addEventListener("input", function (e) { if (!e.isComposing) soon(); });
  box.addEventListener("compositionend", soon);
  place.addEventListener("change", search);
  form.addEventListener("submit", function (e) { e.preventDefault(); search(); });

  var start = new URLSearchParams(location.search);
  var startPlace = start.get("place");
  var startQuery = start.get("q");
  if (startPlace) place.value = startPlace;
  if (startQuery) { box.value = startQuery; search(); }
  else load(); // fetch the small entry files while the visitor types
})();
