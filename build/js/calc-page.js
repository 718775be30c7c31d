// @ts-check
// SPDX-License-Identifier: MIT
// Calculator page: keeps the form, the URL state and the result in step with
// the Python worker. Only pages with a calculator load this file.
//
// State = flat "key=value" pairs, exactly the prefilled-link format
// (see 计算器链接参数 page). Python (calculators/forms.py) decides which
// questions are asked and turns the pairs into a calculator request. The worker and its messages: page-kit.js,
// worker-protocol.ts.
import {
  adoptWorker, clearErrors, el, faultReason, find, handedOver, keepOffline, offlineFault, paramsMissing, runtimeKept, today,
} from "./page-kit.js";
/** @import { CalcQuery, Clause, IncomeLine, QueryAnswer, Source } from "./answers" */
/** @import { CalcPageConfig } from "./page-globals" */
/** @import { ToolWorker } from "./worker-protocol" */

const cfgEl = /** @type {HTMLScriptElement} */ (document.getElementById("jz-calc-config"));
/** @type {CalcPageConfig} */
const cfg = JSON.parse(cfgEl.textContent || "");
const box = /** @type {HTMLElement} */ (document.querySelector(".jz-calc"));
const form = /** @type {HTMLFormElement} */ (box.querySelector(".jz-form"));
const out = /** @type {HTMLElement} */ (box.querySelector(".jz-out"));
const loading = /** @type {HTMLElement} */ (box.querySelector(".jz-loading"));
const bar = /** @type {HTMLProgressElement} */ (loading.querySelector("progress"));
const loadingText = /** @type {HTMLElement} */ (loading.querySelector(".jz-loading-text"));
const membersBox = /** @type {HTMLElement | null} */ (form.querySelector(".jz-members"));
const template = /** @type {HTMLTemplateElement | null} */ (document.getElementById("jz-member-template"));
const root = new URL(cfg.root || "./", location.href);
/** @param {string} p */
const abs = (p) => new URL(p, root).href;
/** @type {Set<string>} */
const touched = new Set();
let edited = false; // the resident changed an answer on this page (a handed-over answer no longer applies)

/** @type {ToolWorker | null} */
let worker = null;
let ready = false;
let seq = 0;
let shownSeq = 0;
/** @type {string[] | null} */
let lastVisible = null;

// ------------------------------------------------------------------ state

/** The form's answers as flat pairs (what a prefilled link holds). */
function collect() {
  /** @type {CalcQuery} */
  const q = {};
  for (const el of /** @type {Iterable<HTMLInputElement>} */ (form.elements)) {
    if (!el.name || el.disabled || el.matches(":disabled")) continue;
    if (el.type === "radio" && !el.checked) continue;
    const v = (el.value || "").trim();
    if (v !== "") q[el.name] = v;
  }
  return q;
}

/** @param {string} name a form key, `age2` for a member's */
function baseKey(name) {
  const m = /^([a-z_]+?)(\d{1,2})$/.exec(name);
  return m && cfg.memberKeys.includes(m[1]) ? m[1] : name;
}

/**
 * @param {string} name
 * @param {string} value
 */
function setValue(name, value) {
  const els = /** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll('[name="' + CSS.escape(name) + '"]'));
  for (const el of els) {
    if (el.type === "radio") el.checked = el.value === value;
    else el.value = value;
  }
}

let lastCount = 1;

function memberCount() {
  // While the count is being retyped (empty, or not yet a number) keep the members shown so far;
  // out-of-range counts get an inline message from Python and show at most the form's limit.
  const el = /** @type {HTMLInputElement | null} */ (form.elements.namedItem("n"));
  if (!el) return 0;
  const text = el.value.trim();
  if (!/^\d+$/.test(text)) return lastCount;
  const n = parseInt(text, 10);
  if (n < 1) return lastCount;
  lastCount = Math.min(n, cfg.maxMembers);
  return lastCount;
}

function renderMembers() {
  // Members beyond the count are hidden and disabled, never deleted: what was typed comes back.
  if (!membersBox || !template) return;
  const want = memberCount();
  for (let i = membersBox.children.length + 1; i <= want; i++) {
    const html = template.innerHTML.replaceAll("__N__", String(i));
    const holder = document.createElement("div");
    holder.innerHTML = html;
    membersBox.appendChild(/** @type {Element} */ (holder.firstElementChild));
    for (const k of Object.keys(cfg.defaults)) if (cfg.memberKeys.includes(k)) setValue(k + i, cfg.defaults[k]);
  }
  [.../** @type {HTMLCollectionOf<HTMLFieldSetElement>} */ (membersBox.children)].forEach((fs, i) => {
    fs.hidden = i >= want;
    fs.disabled = i >= want;
  });
}

function readLink() {
  // "#j=changle&area=urban" (what 复制链接 writes: never sent to a server) or "?j=…".
  const hash = location.hash.slice(1);
  const text = hash.includes("=") ? hash : location.search.slice(1);
  if (!text) return;
  const params = new URLSearchParams(text);
  if (params.has("n")) setValue("n", /** @type {string} */ (params.get("n")));
  renderMembers();
  for (const [k, v] of params) {
    setValue(k, v);
    touched.add(baseKey(k));
  }
  if (params.get("date")) form.querySelector('[data-group="staff"]')?.setAttribute("open", "");
}

/** @param {CalcQuery} q */
function linkFor(q) {
  const visible = new Set(lastVisible || []);
  const keep = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (visible.size && !visible.has(baseKey(k))) continue;
    if (cfg.defaults[baseKey(k)] === v) continue;
    keep.append(k, v);
  }
  return location.origin + location.pathname + "#" + keep.toString();
}

// ------------------------------------------------------------------ visibility and errors

/** @param {string[]} keys the questions to show */
function applyVisible(keys) {
  lastVisible = keys;
  const set = new Set(keys);
  for (const f of /** @type {NodeListOf<HTMLElement>} */ (form.querySelectorAll(".jz-field[data-key]"))) {
    const show = set.has(/** @type {string} */ (f.dataset.key));
    f.hidden = !show;
    for (const el of /** @type {NodeListOf<HTMLInputElement | HTMLSelectElement>} */ (f.querySelectorAll("input,select"))) el.disabled = !show;
  }
}

/** @param {CalcQuery} q */
function provisionalVisible(q) {
  // Compact map (pages/forms.py initial_visibility): the answer's own list, else the place's, else the default.
  const v = cfg.visible;
  const j = q.j || "";
  const i = v.at[j + "|" + (q.area || "") + "|" + (q.kind || "")] ?? v.at[j + "||"] ?? v.at["||"];
  return v.sets[i];
}

/**
 * A message next to the question `key`, if it is shown.
 * @param {string} key
 * @param {string} message
 */
function showFieldError(key, message) {
  const err = document.getElementById("jz-" + key + "-err");
  if (!err || err.parentElement?.closest("[hidden]")) return false;
  err.textContent = message;
  err.hidden = false;
  const control = document.getElementById("jz-" + key);
  if (control) control.setAttribute("aria-invalid", "true");
  return true;
}

// ------------------------------------------------------------------ result

/**
 * @param {string[] | undefined} refs "doc#anchor"
 * @param {Record<string, Clause>} clauses
 */
function clauseLinks(refs, clauses) {
  const span = el("span", "jz-cites");
  for (const ref of refs || []) {
    const c = clauses[ref];
    if (!c) continue;
    const a = el("a", "jz-cite", "依据：" + c.cite);
    a.href = abs(c.url);
    a.title = c.title;
    span.appendChild(a);
  }
  return span;
}

/** @param {Source[] | undefined} sources */
function sourceLinks(sources) {
  const span = el("span", "jz-sources");
  for (const s of sources || []) {
    // A paper notice or a phone call record has no url, and may have a date instead of a publisher.
    const about = s.publisher || s.date;
    const text = "来源：" + s.title + (about ? "（" + about + "）" : "");
    if (!s.url) {
      span.appendChild(el("span", "jz-source", text));
      continue;
    }
    const a = el("a", "jz-source", text);
    a.href = s.url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    span.appendChild(a);
  }
  return span;
}

// A bar at the bottom of the screen shows the answer while the form is being filled.
const sticky = /** @type {HTMLAnchorElement} */ (box.querySelector(".jz-sticky"));
let resultInView = false;
if ("IntersectionObserver" in window) {
  new IntersectionObserver((entries) => {
    resultInView = entries[0].isIntersecting;
    sticky.hidden = resultInView || !sticky.textContent;
  }).observe(/** @type {Element} */ (box.querySelector(".jz-result")));
}

/** @param {QueryAnswer} r */
function renderResult(r) {
  out.replaceChildren();
  sticky.textContent = r.error ? "" : "估算：" + r.summary.figure + "　查看原因 ↓";
  sticky.hidden = resultInView || !sticky.textContent;
  if (r.error) {
    const fieldShown = (touched.has(baseKey(r.key)) || r.error === "missing_parameter") && showFieldError(r.key, r.message);
    const p = el("p", r.error === "missing_parameter" ? "jz-prompt jz-need" : "jz-prompt", (fieldShown ? "请看上面标红的地方：" : "还差一步：") + r.message);
    out.appendChild(p);
    return;
  }
  const s = r.summary;
  const head = el("div", "jz-summary jz-tone-" + s.tone);
  head.appendChild(el("p", "jz-headline", s.headline));
  head.appendChild(el("p", "jz-figure", s.figure));
  head.appendChild(el("p", "jz-sentence", s.sentence));
  for (const line of s.lines || []) head.appendChild(el("p", "jz-line", line));
  head.appendChild(el("p", "jz-when", s.when));
  out.appendChild(head);

  const warnings = r.warnings.slice(0, -1);
  const estimate = r.warnings[r.warnings.length - 1];
  if (warnings.length) {
    const w = el("div", "jz-warnings");
    w.appendChild(el("p", "jz-h", "请注意"));
    const ul = el("ul");
    for (const t of warnings) ul.appendChild(el("li", "", t));
    w.appendChild(ul);
    out.appendChild(w);
  }

  if (r.line) out.appendChild(renderLine(r.line));

  const why = el("details", "jz-why");
  why.open = true;
  why.appendChild(el("summary", "", "为什么：计算过程"));
  const ol = el("ol", "jz-steps");
  for (const st of r.steps) {
    const li = el("li");
    li.appendChild(el("span", "jz-step-text", st.text));
    if (st.formula) li.appendChild(el("span", "jz-formula", "算法：" + st.formula));
    li.appendChild(clauseLinks(st.clauses, r.clauses));
    li.appendChild(sourceLinks(st.sources));
    ol.appendChild(li);
  }
  why.appendChild(ol);
  for (const n of r.notes) why.appendChild(el("p", "jz-note", n));
  why.appendChild(el("p", "jz-note", r.rounding));
  out.appendChild(why);

  if (r.parameters.length) {
    const pd = el("details", "jz-params");
    pd.appendChild(el("summary", "", "用到的政策数值（" + r.parameters.length + " 项）"));
    const ul = el("ul");
    for (const p of r.parameters) {
      const li = el("li", "jz-param jz-status-" + p.status);
      li.appendChild(el("span", "jz-param-name", p.label + "："));
      li.appendChild(el("strong", "", p.display));
      li.appendChild(el("span", "jz-param-from", "（" + (p.from || "") + " 起）"));
      li.appendChild(el("span", "jz-badge", p.status_label));
      if (p.state_label) li.appendChild(el("span", "jz-badge jz-stale", p.state_label));
      if (p.clause) li.appendChild(clauseLinks([p.clause], r.clauses));
      if (p.source) li.appendChild(sourceLinks([p.source]));
      if (p.checked) li.appendChild(el("span", "jz-checked", "本站核对于 " + p.checked));
      ul.appendChild(li);
    }
    pd.appendChild(ul);
    out.appendChild(pd);
  }

  const next = el("div", "jz-next");
  next.appendChild(el("p", "jz-h", "下一步怎么办"));
  const ol2 = el("ol");
  for (const st of r.next_steps) {
    const li = el("li", "", st.text);
    li.appendChild(clauseLinks(st.clauses, r.clauses));
    li.appendChild(sourceLinks(st.sources));
    ol2.appendChild(li);
  }
  next.appendChild(ol2);
  out.appendChild(next);
  out.appendChild(el("p", "jz-estimate", estimate));
}

// ------------------------------------------------------------------ 收入线在哪里 (低保)

// Chartist (SVG) is fetched the first time the chart is opened: most visitors never pay for it.
/** @type {Promise<typeof import("chartist")> | null} */
let chartist = null;
let lineOpen = false;
function loadChartist() {
  if (!chartist) {
    chartist = new Promise((resolve, reject) => {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL(cfg.assets.charts.css, root).href;
      document.head.appendChild(css);
      const js = document.createElement("script");
      js.src = new URL(cfg.assets.charts.js, root).href;
      js.onload = () => resolve(/** @type {typeof import("chartist")} */ (window.Chartist));
      js.onerror = () => { chartist = null; reject(new Error("chart")); };
      document.head.appendChild(js);
    });
  }
  return chartist;
}

// The y-axis gutter fits its widest label in the labels' own font, and the top leaves room for a label
// (长辈版 draws them larger: a fixed gutter wrapped “6000” into “600 / 0”).
/**
 * @param {HTMLElement} target
 * @param {string} text
 */
function labelBox(target, text) {
  const probe = el("span", "ct-label", text);
  probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap";
  target.appendChild(probe);
  const box = probe.getBoundingClientRect();
  probe.remove();
  return { width: Math.ceil(box.width), height: Math.ceil(box.height) };
}

/**
 * @param {HTMLElement} target
 * @param {IncomeLine} line
 */
function drawLine(target, line) {
  const pts = line.points.map((p) => ({ e: Number(p.earnings), b: Number(p.benefit), t: Number(p.total) }));
  const top = Math.max(...pts.map((p) => Math.max(p.b, p.t)), 1);
  loadChartist().then((C) => {
    const label = labelBox(target, String(Math.ceil(top * 1.25)));
    const gutter = label.width + 12;
    const chart = new C.LineChart(target, {
      series: [
        { name: "benefit", data: pts.map((p) => ({ x: p.e, y: p.b })) },
        { name: "total", data: pts.map((p) => ({ x: p.e, y: p.t })) },
      ],
    }, {
      axisX: { type: C.AutoScaleAxis, onlyInteger: true, scaleMinSpace: 60 },
      axisY: { onlyInteger: true, offset: Math.max(48, gutter) },
      lineSmooth: false, showPoint: false, low: 0, height: "240px",
      chartPadding: { right: 28, top: Math.max(15, label.height + 4) }, // a y label sits above its line: the top one whole
    });
    // The 边缘 band and the line itself, drawn on the chart's own scale.
    chart.on("created", (ctx) => {
      /** @param {number} v */
      const x = (v) => ctx.chartRect.x1 + ctx.axisX.projectValue(v);
      const th = line.threshold_earnings === null ? null : Number(line.threshold_earnings);
      const edge = line.edge_until_earnings === null ? null : Number(line.edge_until_earnings);
      if (edge !== null) {
        const from = th === null ? 0 : th;
        ctx.svg.elem("rect", { x: x(from), y: ctx.chartRect.y2, width: Math.max(0, x(edge) - x(from)), height: ctx.chartRect.height() },
          "jz-band-edge", true);
      }
      if (th !== null) ctx.svg.elem("line", { x1: x(th), x2: x(th), y1: ctx.chartRect.y2, y2: ctx.chartRect.y1 }, "jz-band-line");
    });
  }).catch(() => { target.textContent = "图没有加载出来（网络问题），数字见下表。"; });
}

/** @param {IncomeLine} line */
function renderLine(line) {
  const d = el("details", "jz-line-chart");
  d.appendChild(el("summary", "", "收入增加会怎样？（收入线）"));
  const who = "第 " + (line.member + 1) + " 位成员";
  if (line.threshold_earnings === null) {
    d.appendChild(el("p", "", "按您填写的其他收入，即使" + who + "没有工资，人均收入也不低于低保标准。"
      + (line.edge_until_earnings !== null ? who + "每月工资不超过 " + line.edge_until_earnings + " 元时，属于低保边缘家庭（人均收入低于标准的 "
        + line.edge_multiple + " 倍，财产也符合规定的），可以申请医疗、教育等专项救助。" : "")));
  } else {
    d.appendChild(el("p", "jz-line-answer", "全家每月计入的收入低于 " + line.threshold_total_income + " 元，就在低保标准以下（"
      + who + "每月工资不超过 " + line.threshold_earnings + " 元时；现在填的是 " + line.member_wage + " 元）。"));
    d.appendChild(el("p", "", line.deduction_cap === null
      ? "在这条线以下，每多挣 1 元，低保金就少 1 元，全家总收入不变；超过这条线，低保金停发，全家总收入随工资增加。"
      : "工资里的前 " + line.deduction_cap + " 元作为就业成本扣减、不算收入，这部分多挣的钱留在家里；再多挣的，在这条线以下每多 1 元，"
        + "低保金就少 1 元，全家总收入不变；超过这条线，低保金停发，全家总收入随工资增加。"));
    if (line.edge_until_earnings !== null) {
      d.appendChild(el("p", "", "工资在 " + line.threshold_earnings + " 到 " + line.edge_until_earnings + " 元之间时，属于低保边缘家庭（人均收入低于标准的 "
        + line.edge_multiple + " 倍，财产也符合规定的），仍然可以申请医疗、教育等专项救助（图中浅色的一段）。"));
    }
    if (line.phase_out) {
      d.appendChild(el("p", "", "您家正在享受低保：" + (line.phase_out_employment_only ? "因就业、收入增加" : "收入") + "超过标准后，当地可以给予渐退期" + (line.phase_out_months ? "（" + line.phase_out_months + " 个月）" : "")
        + "，不会马上停发。"));
    }
  }
  const legend = el("ul", "jz-legend");
  legend.setAttribute("aria-hidden", "true");
  for (const [k, t] of [["a", "每月低保金"], ["b", "全家每月总收入（工资 + 其他收入 + 低保金）"]]) {
    const li = el("li");
    li.append(el("i", "jz-swatch-" + k), t);
    legend.appendChild(li);
  }
  const chart = el("div", "jz-chart jz-chart-line");
  chart.setAttribute("role", "img");
  chart.setAttribute("aria-label", "横轴是" + who + "的月工资，纵轴是钱数（元）：低保金和全家总收入，数字见下表");
  d.append(legend, chart);
  const table = el("table", "jz-line-table");
  const head = el("tr");
  for (const h of [who + "月工资（元）", "低保金（元）", "全家总收入（元）"]) head.appendChild(el("th", "", h));
  table.appendChild(head);
  for (const p of line.points) {
    const tr = el("tr");
    if (p.earnings === line.threshold_earnings) tr.className = "jz-line-row";
    for (const v of [p.earnings, p.benefit, p.total]) tr.appendChild(el("td", "", v));
    table.appendChild(tr);
  }
  const tw = el("details", "jz-line-numbers");
  tw.appendChild(el("summary", "", "图里的数字"));
  tw.appendChild(table);
  d.appendChild(tw);
  // Stays open across answers: a what-if change redraws it at once.
  d.addEventListener("toggle", () => { lineOpen = d.open; if (d.open && !chart.firstChild) drawLine(chart, line); });
  if (lineOpen) { d.open = true; drawLine(chart, line); }
  return d;
}

// ------------------------------------------------------------------ worker

let loadedPct = 0;

// An answer to the current inputs is on screen (one handed over by the screener, before this page's runtime is ready).
let answered = false;

function showWaiting() {
  // Where the user looks: the result box (and the sticky bar) say the answer is on its way.
  if (ready || answered || box.dataset.state === "fault") return;
  const text = "正在准备计算器（" + loadedPct + "%）…准备好后，答案会自动显示在这里，填好的内容不会丢。";
  out.replaceChildren(el("p", "jz-prompt jz-waiting", text));
  sticky.textContent = "正在准备计算器 " + loadedPct + "%…";
  sticky.hidden = resultInView;
}

function update() {
  renderMembers();
  const q = collect();
  if (!ready) {
    applyVisible(provisionalVisible(q));
    answered = false; // the inputs changed: an answer on screen no longer answers them
    showWaiting();
    return;
  }
  seq += 1;
  performance.mark("jz:ask");
  /** @type {ToolWorker} */ (worker).postMessage({ type: "run", seq, calc: cfg.calc, query: q, today: today() });
}

/**
 * An answer on screen, if it answers the latest question (inputs may have changed since it was asked).
 * @param {number} asked the seq it answers
 * @param {QueryAnswer} r
 * @param {number} ms
 */
function showAnswer(asked, r, ms) {
  if (asked !== seq || asked < shownSeq) return;
  shownSeq = asked;
  answered = true;
  performance.mark("jz:answer");
  if (!box.dataset.firstResultMs) box.dataset.firstResultMs = performance.now().toFixed(0); // for scripts/bench.py
  clearErrors(form);
  applyVisible(r.visible);
  renderMembers();
  renderResult(r);
  performance.mark("jz:shown");
  box.dataset.resultSeq = String(asked);
  box.dataset.computeMs = ms.toFixed(2);
}

/** @param {boolean | undefined} network the place's parameters did not download */
function runError(network) {
  // The calculator failed on these answers (or the place's parameters did not download): a fixed
  // message, the page stays usable.
  out.replaceChildren();
  const text = network
    ? paramsMissing("点“重新计算”")
    : "这次没有算出来，是本站计算器的问题，不是您填错了。您填写的内容都还在，可以点“重新计算”再试一次；还不行的话，请稍后再试或向乡镇（街道）咨询。";
  const p = el("p", "jz-prompt jz-run-error", text);
  const again = el("button", "md-button jz-recompute", "重新计算");
  again.type = "button";
  again.addEventListener("click", update);
  out.append(p, again);
  sticky.textContent = "";
  sticky.hidden = true;
}

/** @param {string} message why the calculator cannot load */
function fault(message) {
  loading.classList.add("jz-failed");
  bar.hidden = true;
  sticky.textContent = ""; // the bar at the bottom no longer says it is still preparing
  sticky.hidden = true;
  out.replaceChildren(el("p", "jz-prompt", "计算器没有加载，这里暂时不能显示答案；填写的内容都还在。"));
  loadingText.textContent = offlineFault("计算器") || ("计算器没能加载（" + faultReason(message) + "）。可能是网络中断或浏览器版本太旧。政策原文不受影响；");
  const retry = el("button", "md-button jz-retry", "重新加载");
  retry.type = "button";
  retry.addEventListener("click", () => location.reload());
  loadingText.appendChild(retry);
  box.dataset.state = "fault";
}

// No news from the download for a while (a stalled mobile network): say so, offer a retry,
// keep waiting — it may still finish.
/** @type {ReturnType<typeof setTimeout> | undefined} */
let stall;
function watch() {
  clearTimeout(stall);
  stall = setTimeout(() => {
    if (ready || box.dataset.state === "fault") return;
    box.dataset.state = "slow";
    loadingText.textContent = "网络很慢，计算器还没下载完，仍在继续。可以稍等，或者";
    const retry = el("button", "md-button jz-retry", "重新加载");
    retry.type = "button";
    retry.addEventListener("click", () => location.reload());
    loadingText.appendChild(retry);
  }, window.__jzStallMs || 30000);
}

// The worker is created by the <head> script of the page (build/pages/forms.py EARLY_START), right after
// the first paint, or now if this script runs first; page-kit.js adopts it. The service worker keeps the runtime
// for repeat visits and offline use (page-kit.js keepOffline): asked once the calculator is ready, so it never
// delays the first answer.
function start() {
  watch();
  worker = adoptWorker(box, "计算器", {
    fault,
    startText: "下载完成，正在启动计算器…",
    progressText: (pct) => answered && box.dataset.answeredBy === "handoff"
      ? "下面的结果已经算好。计算器还在准备（" + pct + "%），准备好后改动填写内容会重新计算。"
      : "正在下载计算器：" + pct + "%（可以先填写）",
    progress(m) {
      watch();
      if (box.dataset.state === "slow") delete box.dataset.state;
      loadedPct = m.phase === "start" ? 99 : Math.min(Math.floor((100 * m.loaded) / m.total), 98);
      showWaiting();
    },
    ready(m) {
      performance.mark("jz:ready");
      clearTimeout(stall);
      ready = true;
      box.dataset.bootMs = String(Math.round(m.ms));
      box.dataset.bootMarks = JSON.stringify(m.marks || {});
      update();
      keepOffline(root, [], collect().j);
    },
    result(m) { showAnswer(m.seq, /** @type {QueryAnswer} */ (m.result), m.ms); },
    runError(m) {
      if (m.seq === seq) runError(m.network);
    },
  });
  // Opened from the screener's 「详细估算」 (or prerendered by it): its answer, until this page's runtime is ready.
  const h = worker && !ready && !edited ? handedOver(cfg.calc, today()) : null;
  if (h) {
    seq += 1;
    box.dataset.answeredBy = "handoff";
    showAnswer(seq, h.result, h.ms);
    loadingText.textContent = "下面的结果已经算好。计算器还在准备，准备好后改动填写内容会重新计算。";
  }
}

// ------------------------------------------------------------------ events

form.addEventListener("input", (e) => {
  const target = /** @type {HTMLInputElement} */ (e.target);
  if (target.name) touched.add(baseKey(target.name));
  edited = true;
  update();
});
form.addEventListener("change", update);
form.addEventListener("submit", (e) => e.preventDefault());
form.addEventListener("click", (e) => {
  const b = /** @type {HTMLElement | null} */ (/** @type {Element} */ (e.target).closest(".jz-step"));
  if (!b) return;
  const input = /** @type {HTMLInputElement} */ (document.getElementById(/** @type {string} */ (b.dataset.for)));
  const n = (parseInt(input.value, 10) || 0) + parseInt(/** @type {string} */ (b.dataset.step), 10);
  input.value = String(Math.min(Math.max(n, Number(input.dataset.lo)), Number(input.dataset.hi)));
  update();
});

find(box, ".jz-copy-link").addEventListener("click", async () => {
  const link = linkFor(collect());
  const status = find(box, ".jz-copy-status");
  try {
    if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(link);
    else throw new Error("no clipboard");
    status.textContent = "已复制链接。";
  } catch (e) {
    status.textContent = "请长按复制：" + link;
  }
  status.dataset.link = link;
});

// Result sheet (打印结果 / 另存为 PDF): one page — the answer and its reasons first, then the
// answers given (not the empty form), the date, the address to reopen it, the estimate notice.
function answersGiven() {
  /** @type {string[]} */
  const items = [];
  /** @param {HTMLElement} f a question (.jz-field) */
  const text = (f) => {
    const sel = f.querySelector("select");
    if (sel) return sel.value === "" || sel.value === "0" ? "" : sel.options[sel.selectedIndex].text;
    const radio = /** @type {HTMLInputElement | null} */ (f.querySelector("input[type=radio]:checked"));
    if (radio) return radio.value === "" ? "" : label(/** @type {Element} */ (radio.closest("label")));
    const input = f.querySelector("input");
    return input && input.value.trim() ? input.value.trim() + (f.querySelector(".jz-unit") ? " 元" : "") : "";
  };
  /** @param {Element} e */
  const label = (e) => (e.textContent || "").trim();
  for (const f of /** @type {NodeListOf<HTMLElement>} */ (form.querySelectorAll(".jz-field"))) {
    if (f.closest("[hidden]") || f.closest(".jz-member")) continue;
    const v = text(f);
    if (v) items.push(label(find(f, ".jz-label")) + "：" + v);
  }
  for (const fs of /** @type {HTMLFieldSetElement[]} */ (membersBox ? [...membersBox.children] : [])) {
    if (fs.hidden) continue;
    const parts = [];
    for (const f of /** @type {NodeListOf<HTMLElement>} */ (fs.querySelectorAll(".jz-field"))) {
      if (f.hidden) continue;
      const v = text(f);
      if (v) parts.push(label(find(f, ".jz-label")) + " " + v);
    }
    items.push(label(find(fs, "legend")) + "：" + (parts.join("，") || "（未填写）"));
  }
  return items;
}

function preparePrint() {
  document.documentElement.classList.add("jz-print-sheet");
  for (const d of /** @type {NodeListOf<HTMLDetailsElement>} */ (out.querySelectorAll("details.jz-why"))) d.open = true;
  let meta = box.querySelector(".jz-print-meta");
  if (!meta) {
    meta = el("p", "jz-print-meta");
    box.insertBefore(meta, box.firstChild);
  }
  meta.textContent = "打印于 " + today() + "。这是估算，不是审批结果，以乡镇（街道）审核确认为准。";
  let answers = box.querySelector(".jz-answers");
  if (!answers) {
    answers = el("section", "jz-answers");
    find(box, ".jz-result").after(answers);
  }
  const ul = el("ul");
  for (const t of answersGiven()) ul.appendChild(el("li", "", t));
  const again = el("p", "jz-again", "重新打开这次估算：" + linkFor(collect()));
  answers.replaceChildren(el("h2", "", "您填写的情况"), ul, again);
}
window.addEventListener("beforeprint", preparePrint);
window.addEventListener("afterprint", () => document.documentElement.classList.remove("jz-print-sheet"));
find(box, ".jz-print").addEventListener("click", () => {
  preparePrint();
  window.print();
});

// On a metered connection (the browser's 省流量/Data Saver), download only when asked.
async function loadOnIntent() {
  const saveData = navigator.connection && navigator.connection.saveData;
  if (!saveData || (await runtimeKept(abs(cfg.assets.pyodide + "pyodide.asm.wasm")))) return;
  const mb = (cfg.assets.sizes.download / 1e6).toFixed(1);
  bar.hidden = true;
  loadingText.textContent = "您开启了省流量模式。计算器需要下载约 " + mb + " MB（之后再用不必重新下载）。";
  const go = el("button", "md-button md-button--primary jz-start", "启动计算器");
  go.type = "button";
  const tables = el("a", "jz-tables-link", "先看速查表（不用下载）");
  tables.href = abs("tables/");
  loadingText.append(" ", go, " ", tables);
  box.dataset.state = "waiting";
  return /** @type {Promise<void>} */ (new Promise((resolve) =>
    go.addEventListener("click", () => {
      delete box.dataset.state;
      bar.hidden = false;
      loadingText.textContent = "正在下载计算器…";
      resolve();
    }, { once: true })
  ));
}

// A prefilled link opened while already on this page changes only the #…: apply it.
window.addEventListener("hashchange", () => {
  if (location.hash.includes("=")) {
    form.reset();
    readLink();
    update();
  }
});

readLink();
update();
loadOnIntent().then(start);
