// @ts-check
// SPDX-License-Identifier: MIT
// 台账核查 (staff): a .xlsx/.csv 台账 is read and checked inside this page's worker
// (calculators/tools/ledger.py, openpyxl from ledger-libs.*.zip). The file is never sent
// anywhere: it goes from the file picker to the worker, and the checked 台账 comes back as a download.
// Charts: Chartist (SVG), loaded with this page; the same counts are in a table for screen readers.
import { adoptWorker, clearErrors as clearFormErrors, control, el, find, keepOffline, today } from "./page-kit.js";
/** @import { LedgerAnswer, LedgerResult } from "./answers" */
/** @import { LedgerPageConfig } from "./page-globals" */
/** @import { FileMessage, LedgerFormat, LedgerMessage, ToolWorker } from "./worker-protocol" */

/** @type {LedgerPageConfig} */
const cfg = JSON.parse(find(document, "#jz-config").textContent || "");
const box = find(document, ".jz-ledger");
const form = /** @type {HTMLFormElement} */ (find(box, ".jz-form"));
const out = find(box, ".jz-out");
const MAX_BYTES = 20 * 1024 * 1024;
const WHAT_IF = { stdu: "dibao.standard.urban", stdr: "dibao.standard.rural", edge: "dibao.edge_multiple" };

/** @typedef {{ name: string, data: ArrayBuffer }} ChosenFile */

/** @type {ToolWorker | null} */
let worker = null;
let ready = false;
let seq = 0;
/** @type {ChosenFile | null} */
let pending = null; // read before the worker was ready
/** @type {LedgerResult | null} */
let current = null; // the last result
let haveFile = false;
/** @type {{ flags: Set<string>, place: string, text: string }} */
const filter = { flags: new Set(), place: "", text: "" };
/** @param {string} name */
const field = (name) => control(form, name);



/**
 * A message next to the question `key` ("" clears it).
 * @param {string} key
 * @param {string} message
 */
function fieldError(key, message) {
  const p = document.getElementById("jz-" + key + "-err");
  const c = document.getElementById("jz-" + key);
  if (p) { p.textContent = message; p.hidden = !message; }
  if (c) { if (message) c.setAttribute("aria-invalid", "true"); else c.removeAttribute("aria-invalid"); }
}

function clearErrors() { clearFormErrors(form); }

function overrides() {
  /** @type {Record<string, string>} */
  const o = {};
  for (const [key, param] of Object.entries(WHAT_IF)) {
    const v = field(key).value.trim();
    if (v) o[param] = v;
  }
  return o;
}

/** @param {ChosenFile | null} file a new file, or null: check the kept one again */
function send(file) {
  const place = field("j").value;
  if (!place) {
    if (file) pending = file; // sent as soon as the place is chosen
    fieldError("j", "请先选择台账是哪个县（市、区）的。");
    return;
  }
  if (!ready) {
    if (file) pending = file;
    out.replaceChildren(el("p", "jz-prompt", "正在准备核查程序，准备好后自动开始，选好的文件不会丢。"));
    return;
  }
  seq += 1;
  box.dataset.state = "checking";
  out.replaceChildren(el("p", "jz-prompt", "正在核查…"));
  /** @type {LedgerMessage} */
  const msg = { type: "ledger", seq, place, date: field("date").value || today(), overrides: overrides() };
  const w = /** @type {ToolWorker} */ (worker);
  if (file) { msg.name = file.name; msg.file = file.data; w.postMessage(msg, [file.data]); }
  else w.postMessage(msg);
}

let t0 = 0; // file chosen → rows on screen (the benchmark reads data-e2e-ms)
/** @param {File | undefined} f */
async function choose(f) {
  t0 = performance.now();
  clearErrors();
  if (!f) return;
  if (f.size === 0) { fieldError("file", "文件是空的（0 字节）。请确认选对了文件。"); return; }
  if (f.size > MAX_BYTES) {
    fieldError("file", "文件太大（" + Math.round(f.size / 1024 / 1024) + " MB）：台账一般只有几 MB。请删去图片、其他工作表，或按乡镇拆分后再打开。");
    return;
  }
  const data = await f.arrayBuffer();
  haveFile = true;
  find(box, ".jz-file-name").textContent = "已选择：" + f.name;
  send({ name: f.name, data });
}

/**
 * @param {LedgerResult} r
 * @param {string} code
 */
function flagTitle(r, code) { return r.flag_titles[code] || code; }

/**
 * @param {LedgerResult} r
 * @param {string} ref "doc#anchor"
 */
function link(r, ref) {
  const c = r.clauses[ref];
  if (!c) return null;
  const a = el("a", "", c.cite);
  a.href = new URL(c.url, new URL(cfg.root || "./", location.href)).href;
  return a;
}

/**
 * @param {HTMLElement} target
 * @param {string[]} labels
 * @param {(number[] | { name: string, data: number[] })[]} series one per colour
 * @param {boolean} stack
 */
function chart(target, labels, series, stack) {
  target.replaceChildren();
  if (typeof Chartist === "undefined") return;
  // Horizontal bars are drawn bottom-up: reverse the rows (not the series, whose colours the legend names).
  const rows = labels.slice().reverse();
  const data = series.map((x) => (Array.isArray(x) ? x.slice().reverse() : { ...x, data: x.data.slice().reverse() }));
  new Chartist.BarChart(target, { labels: rows, series: data }, {
    stackBars: !!stack, horizontalBars: true, seriesBarDistance: 12,
    axisY: { offset: 112 }, axisX: { onlyInteger: true }, height: Math.max(120, labels.length * (stack ? 34 : 30) + 40) + "px",
  });
}

/** @param {LedgerResult} r */
function summary(r) {
  const wrap = el("section", "jz-ledger-summary");
  wrap.appendChild(el("h2", "", "核查结果：共 " + r.households + " 户"));
  const codes = Object.keys(r.flag_titles).filter((c) => r.summary[c] > 0);
  const buttons = el("p", "jz-flag-buttons");
  for (const code of Object.keys(r.flag_titles)) {
    const b = el("button", "md-button jz-flag-button", flagTitle(r, code) + " " + r.summary[code] + " 户");
    b.type = "button";
    b.dataset.flag = code;
    b.setAttribute("aria-pressed", filter.flags.has(code) ? "true" : "false");
    b.disabled = r.summary[code] === 0;
    b.addEventListener("click", () => {
      if (filter.flags.has(code)) filter.flags.delete(code); else filter.flags.add(code);
      b.setAttribute("aria-pressed", filter.flags.has(code) ? "true" : "false");
      renderRows(r);
    });
    buttons.appendChild(b);
  }
  wrap.appendChild(buttons);
  if (r.stale_note) wrap.appendChild(el("p", "jz-stale-note", r.stale_note));
  const flagChart = el("div", "jz-chart jz-chart-flags");
  flagChart.setAttribute("role", "img");
  flagChart.setAttribute("aria-label", "按标记统计的户数：" + codes.map((c) => flagTitle(r, c) + " " + r.summary[c] + " 户").join("，"));
  wrap.appendChild(el("h3", "", "按标记"));
  wrap.appendChild(flagChart);
  const places = Object.keys(r.by_place);
  const placeChart = el("div", "jz-chart jz-chart-places");
  placeChart.setAttribute("role", "img");
  placeChart.setAttribute("aria-label", "按地区、按标记统计的户数，数字见下表");
  wrap.appendChild(el("h3", "", "按地区"));
  const legend = el("ul", "jz-legend");
  legend.setAttribute("aria-hidden", "true");
  codes.forEach((c, i) => {
    const li = el("li");
    const swatch = el("i", "jz-swatch-" + "abcdefghij"[i]);
    li.append(swatch, flagTitle(r, c));
    legend.appendChild(li);
  });
  wrap.append(legend, placeChart);
  // The same numbers as a table (screen readers, print).
  const table = el("table", "jz-ledger-counts");
  const head = el("tr");
  head.appendChild(el("th", "", "地区"));
  for (const c of codes) head.appendChild(el("th", "", flagTitle(r, c)));
  table.appendChild(head);
  for (const p of places) {
    const tr = el("tr");
    tr.appendChild(el("th", "", p));
    for (const c of codes) tr.appendChild(el("td", "", String(r.by_place[p][c])));
    table.appendChild(tr);
  }
  wrap.appendChild(table);
  requestAnimationFrame(() => {
    chart(flagChart, codes.map((c) => flagTitle(r, c)), [codes.map((c) => r.summary[c])], false);
    chart(placeChart, places, codes.map((c) => ({ name: flagTitle(r, c), data: places.map((p) => r.by_place[p][c]) })), true);
  });
  return wrap;
}

/** @param {LedgerResult} r */
function filters(r) {
  const wrap = el("div", "jz-ledger-filters");
  const places = Object.keys(r.by_place);
  const lab = el("label", "jz-label", "地区 ");
  const sel = el("select");
  sel.id = "jz-filter-place";
  sel.appendChild(new Option("全部地区", ""));
  for (const p of places) sel.appendChild(new Option(p, p));
  sel.value = filter.place;
  sel.addEventListener("change", () => { filter.place = sel.value; renderRows(r); });
  lab.appendChild(sel);
  const lab2 = el("label", "jz-label", "户主 ");
  const input = el("input");
  input.id = "jz-filter-text";
  input.type = "search";
  input.value = filter.text;
  input.addEventListener("input", () => { filter.text = input.value.trim(); renderRows(r); });
  lab2.appendChild(input);
  wrap.append(lab, lab2);
  return wrap;
}

/** @param {LedgerResult} r */
function renderRows(r) {
  const body = out.querySelector(".jz-ledger-rows tbody");
  if (!body) return;
  const rows = r.rows.filter((x) =>
    (!filter.flags.size || x.flags.some((f) => filter.flags.has(f.flag)))
    && (!filter.place || (x.place_text || r.jurisdiction_name) === filter.place)
    && (!filter.text || (x.head || "").includes(filter.text)));
  const frag = document.createDocumentFragment();
  for (const x of rows.slice(0, 500)) {
    const tr = el("tr");
    tr.dataset.row = String(x.row);
    tr.dataset.flags = x.flags.map((f) => f.flag).join(" ");
    for (const [cls, label, text] of [["", "行", String(x.row)], ["", "户主", x.head || "—"], ["", "地区", x.place_text || "—"],
      ["jz-num", "人均", x.per_capita || "—"], ["jz-num", "标准", x.standard || "—"]]) {
      const td = el("td", cls, text);
      td.dataset.label = label;
      tr.appendChild(td);
    }
    const why = el("td", "jz-why");
    if (!x.flags.length) why.textContent = "未发现问题";
    for (const f of x.flags) {
      const p = el("p");
      p.appendChild(el("strong", "jz-flag jz-flag-" + f.flag, flagTitle(r, f.flag)));
      p.append(" " + f.reason);
      const cites = /** @type {HTMLAnchorElement[]} */ (f.clauses.map((c) => link(r, c)).filter(Boolean));
      for (const src of f.sources || []) {
        const a = el("a", "", src.title);
        if (src.url) { a.href = src.url; a.rel = "noopener"; } // a link only: nothing is fetched from it
        cites.push(a);
      }
      if (cites.length) { p.append("（依据："); cites.forEach((a, i) => { if (i) p.append("；"); p.appendChild(a); }); p.append("）"); }
      why.appendChild(p);
    }
    tr.appendChild(why);
    frag.appendChild(tr);
  }
  body.replaceChildren(frag);
  find(out, ".jz-ledger-shown").textContent = "显示 " + Math.min(rows.length, 500) + " / " + rows.length + " 户"
    + (rows.length > 500 ? "（只显示前 500 户，全部结果请下载）" : "");
}

/** @param {LedgerAnswer} r */
function render(r) {
  box.dataset.state = "ready";
  if (r.error) {
    const key = r.field === "jurisdiction" ? "j" : r.field && r.field.startsWith("overrides.") ? ({ "overrides.dibao.standard.urban": "stdu", "overrides.dibao.standard.rural": "stdr", "overrides.dibao.edge_multiple": "edge" })[r.field] || "file" : "file";
    fieldError(key, r.message);
    // Said once, next to the field; here only where to look (the walk saw the message twice).
    out.replaceChildren(el("p", "jz-prompt", document.getElementById("jz-" + key + "-err") ? "没有核查：请看上面标红的说明。" : r.message));
    return;
  }
  current = r;
  // Filters that do not apply to this result are dropped (a flag with no household, a place not in it).
  for (const code of [...filter.flags]) if (!r.summary[code]) filter.flags.delete(code);
  if (filter.place && !(filter.place in r.by_place)) filter.place = "";
  const frag = [];
  if (r.what_if.length) {
    frag.push(el("p", "jz-what-if", "测算：使用了工作人员假设的值（不是政策规定）：" + r.what_if.map((p) => p.label + " " + p.value).join("；") + "。"));
  }
  for (const w of r.warnings || []) frag.push(el("p", "jz-warning", w));
  if (r.missing_columns.length) frag.push(el("p", "jz-warning", "台账缺少这些列：" + r.missing_columns.join("、") + "。缺的列按“缺少数据”处理；可以下载模板对照。"));
  if (r.problems && r.problems.length) {
    const ul = el("ul", "jz-cell-problems");
    for (const p of r.problems) ul.appendChild(el("li", "", p.message));
    frag.push(el("p", "jz-warning", "有些单元格读不出来（其余照常核查）："), ul);
  }
  frag.push(summary(r));
  const dl = el("p", "jz-downloads");
  for (const [fmt, label] of /** @type {[LedgerFormat, string][]} */ ([["xlsx", "下载核查结果（.xlsx）"], ["csv", "下载核查结果（.csv）"]])) {
    const b = el("button", "md-button jz-download", label);
    b.type = "button";
    b.dataset.format = fmt;
    b.addEventListener("click", () => { seq += 1; /** @type {ToolWorker} */ (worker).postMessage({ type: "ledger_file", seq, format: fmt }); });
    dl.appendChild(b);
  }
  frag.push(dl, filters(r), el("p", "jz-ledger-shown"));
  const table = el("table", "jz-ledger-rows");
  const head = el("thead");
  const tr = el("tr");
  for (const h of ["行", "户主", "地区", "人均月收入（元）", "低保标准（元）", "标记和原因"]) tr.appendChild(el("th", "", h));
  head.appendChild(tr);
  table.append(head, el("tbody"));
  const scroll = el("div", "jz-table-scroll");
  scroll.appendChild(table);
  frag.push(scroll, el("p", "jz-disclaimer", r.disclaimer));
  out.replaceChildren(...frag);
  renderRows(r);
  box.dataset.resultSeq = String(seq);
}

/** @param {FileMessage} m */
function download(m) {
  const type = m.format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv";
  const url = URL.createObjectURL(new Blob([m.data], { type }));
  const a = el("a");
  a.href = url;
  a.download = "台账核查结果-" + (current ? current.date : today()) + "." + m.format;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function start() {
  worker = adoptWorker(box, "核查程序", {
    ready() {
      ready = true;
      keepOffline(new URL(cfg.root || "./", location.href), ["ledger"]);
      if (pending && field("j").value) { const p = pending; pending = null; send(p); }
      else out.replaceChildren(el("p", "jz-prompt", "选择台账文件（.xlsx 或 .csv），就在本机核查；文件不会上传。"));
    },
    progressText: (pct) => "正在下载核查程序：" + pct + "%",
    result(m) {
      if (m.seq !== seq) return;
      render(/** @type {LedgerAnswer} */ (m.result));
      box.dataset.checkMs = m.ms.toFixed(0);
      if (t0) box.dataset.e2eMs = (performance.now() - t0).toFixed(0);
    },
    file: download,
    runError(m) {
      if (m.seq !== seq) return;
      box.dataset.state = "ready";
      out.replaceChildren(el("p", "jz-prompt jz-run-error", m.network
        ? "这个地区的参数没有下载下来，可能是网络断了。网络恢复后重新选择文件即可。"
        : "这次没有核查出来，是本站的问题，不是台账填错了。请刷新页面后再试。"));
    },
  });
}

const file = field("file");
file.addEventListener("change", () => choose(/** @type {FileList} */ (file.files)[0]));
const drop = find(box, ".jz-drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("jz-drop--over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("jz-drop--over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("jz-drop--over");
  choose(/** @type {DataTransfer} */ (e.dataTransfer).files[0]);
});
// A changed place, date or what-if value: the kept table is checked again (nothing re-read).
for (const key of ["j", "date", "stdu", "stdr", "edge"]) {
  field(key).addEventListener("change", () => {
    clearErrors();
    if (key === "j") history.replaceState(null, "", location.pathname + (field("j").value ? "#j=" + field("j").value : ""));
    if (pending && ready) { const p = pending; pending = null; send(p); } else if (haveFile && !pending) send(null);
  });
}
form.addEventListener("submit", (e) => e.preventDefault());
const linked = new URLSearchParams(location.hash.slice(1)).get("j");
const places = /** @type {HTMLSelectElement} */ (form.elements.namedItem("j"));
if (linked && [...places.options].some((o) => o.value === linked)) places.value = linked;
if (!field("date").value) field("date").value = today();
find(box, ".jz-print").addEventListener("click", () => window.print());
start();
