// @ts-check
// SPDX-License-Identifier: MIT
// 我家能申请哪些救助: the questionnaire ⇄ the calculators' worker (calculators/screener.py) ⇄ the
// programme list. The state lives in the address after "#" (never sent to a server): a filled
// questionnaire is a link to share or print. Nothing typed leaves the phone.
import { adoptWorker, askAside, clearErrors as clearFormErrors, control, el, find, handOver, keepOffline, paramsMissing, today } from "./page-kit.js";
/** @import { Clause, InputErrorAnswer, ScreenedProgramme, ScreenerAnswer, ScreenerMember, ScreenerRequest } from "./answers" */
/** @import { ScreenerPageConfig } from "./page-globals" */
/** @import { ToolWorker } from "./worker-protocol" */

/** @type {ScreenerPageConfig} */
const cfg = JSON.parse(find(document, "#jz-config").textContent || "");
const box = find(document, ".jz-screener");
const form = /** @type {HTMLFormElement} */ (find(box, ".jz-form"));
const out = find(box, ".jz-out");
const membersBox = find(form, ".jz-members");
const template = /** @type {HTMLTemplateElement} */ (find(document, "#jz-member-template"));
const root = new URL(cfg.root || "./", location.href);
// Limits and the ages at which a question is asked come from Python (calculators/core/vocabulary.py).
const MAX = cfg.max;
const ASKS = cfg.asks;
const HOUSEHOLD_KEYS = ["j", "area", "rec", "sup", "house", "emg", "med", "edu", "other"];
const STATUS_HEAD = cfg.statusText;
/**
 * @param {number} x
 * @param {[number, number]} range
 */
const between = (x, range) => x >= range[0] && x <= range[1];
/** @param {string} name */
const field = (name) => control(form, name);
/** @param {number} i member i's 残疾证 box */
const hasDisability = (i) => /** @type {HTMLInputElement} */ (document.getElementById("jz-hasdis" + i));

/** @type {ToolWorker | null} */
let worker = null;
let ready = false;
let seq = 0;



function count() {
  const n = parseInt(field("n").value, 10);
  return n >= 1 && n <= MAX ? n : 0;
}

function renderMembers() {
  const n = count();
  while (membersBox.children.length > n) /** @type {Element} */ (membersBox.lastElementChild).remove();
  while (membersBox.children.length < n) {
    const i = membersBox.children.length + 1;
    const html = template.innerHTML.replaceAll("__N__", String(i));
    const t = document.createElement("template");
    t.innerHTML = html;
    membersBox.appendChild(/** @type {Element} */ (t.content.firstElementChild));
  }
  // Ask only what applies (ASKS): school by age; a wage by age when not in school; the grade
  // only with a 残疾证, the kind only for the grades where it decides 重度残疾 and 无劳动能力;
  // this year's education costs only when someone is in school; 赡养人 only for one person living alone.
  let student = false;
  for (let i = 1; i <= n; i++) {
    const age = parseInt(field("age" + i).value, 10);
    const known = !Number.isNaN(age);
    show("sch" + i, known && between(age, ASKS.school_age));
    const school = !field("sch" + i).disabled && field("sch" + i).value !== "";
    student = student || school;
    show("wage" + i, known && between(age, ASKS.wage_age) && !school);
    const disabled = hasDisability(i).checked;
    show("dis" + i, disabled);
    show("distype" + i, disabled && ASKS.kind_grades.map(String).includes(field("dis" + i).value));
  }
  show("edu", student);
  const age1 = n === 1 ? parseInt(field("age1").value, 10) : NaN;
  show("sup", n === 1 && !Number.isNaN(age1) && (!between(age1, ASKS.supporter_unless_age) || hasDisability(1).checked));
}

/**
 * @param {string} key
 * @param {boolean} on
 */
function show(key, on) {
  const f = /** @type {HTMLElement | null} */ (form.querySelector('.jz-field[data-key="' + key + '"]'));
  if (!f) return;
  f.hidden = !on;
  for (const c of /** @type {NodeListOf<HTMLInputElement>} */ (f.querySelectorAll("input,select"))) c.disabled = !on;
}

function state() {
  const q = new URLSearchParams();
  for (const c of /** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll("input,select"))) {
    if (c.disabled || !c.name) continue;
    if (c.type === "checkbox") { if (c.checked) q.set(c.name, "1"); }
    else if (c.value !== "" && !(c.name.startsWith("dis") && c.value === "0")) q.set(c.name, c.value.trim());
  }
  return q;
}

function restore() {
  const q = new URLSearchParams(location.hash.slice(1));
  const n = q.get("n");
  if (n) field("n").value = n;
  for (const k of HOUSEHOLD_KEYS) {
    const c = /** @type {HTMLInputElement | null} */ (form.elements.namedItem(k));
    if (q.has(k) && c) c.value = /** @type {string} */ (q.get(k));
  }
  renderMembers();
  for (const [k, v] of q) {
    const c = /** @type {HTMLInputElement | null} */ (form.elements.namedItem(k));
    if (!c || k === "n" || HOUSEHOLD_KEYS.includes(k)) continue;
    if (c.type === "checkbox") c.checked = v === "1"; else c.value = v;
  }
  for (let i = 1; i <= count(); i++) if (q.get("dis" + i)) hasDisability(i).checked = true;
  renderMembers();
}

/** @type {[string, Exclude<keyof ScreenerRequest, "jurisdiction" | "date" | "members">][]} */
const REQUEST_KEYS = [["area", "area"], ["rec", "receives"], ["sup", "supporter"], ["house", "housing"], ["emg", "emergency"],
  ["med", "medical_spending"], ["edu", "education_spending"], ["other", "other_income"]];

/**
 * The questionnaire's answers as the screener's request (calculators/core/household.py).
 * @param {URLSearchParams} q
 * @returns {ScreenerRequest}
 */
function request(q) {
  /** @type {ScreenerRequest} */
  const r = { jurisdiction: q.get("j") || "", date: today(), members: [] };
  for (const [k, name] of REQUEST_KEYS) {
    const v = q.get(k);
    if (v) r[name] = v;
  }
  for (let i = 1; i <= count(); i++) {
    /** @type {ScreenerMember} */
    const m = { age: q.get("age" + i) ?? "" };
    const [school, grade, kind, wage] = ["sch", "dis", "distype", "wage"].map((k) => q.get(k + i));
    if (school) m.school = school;
    if (grade) m.disability_grade = grade;
    if (kind) m.disability_type = kind;
    if (q.get("ill" + i)) m.serious_illness = true;
    if (wage) m.wage = wage;
    r.members.push(m);
  }
  return r;
}

function clearErrors() { clearFormErrors(form); }

// members[1].school → sch2 (the field next to which the message goes)
/** @param {string} field the request's field an error names */
function keyFor(field) {
  const m = /^members\[(\d+)\]\.(\w+)$/.exec(field || "");
  /** @type {Record<string, string>} */
  const names = { age: "age", school: "sch", disability_grade: "dis", disability_type: "distype", serious_illness: "ill", wage: "wage" };
  if (m) return (names[m[2]] || "age") + (parseInt(m[1], 10) + 1);
  return /** @type {Record<string, string>} */ ({ jurisdiction: "j", area: "area", receives: "rec", supporter: "sup", housing: "house",
    emergency: "emg", medical_spending: "med", education_spending: "edu", other_income: "other", members: "n" })[field] || "j";
}

/** @param {InputErrorAnswer} r */
function showError(r) {
  const key = keyFor(r.field);
  const p = document.getElementById("jz-" + key + "-err");
  const c = document.getElementById("jz-" + key);
  if (p) { p.textContent = r.message; p.hidden = false; }
  if (c) c.setAttribute("aria-invalid", "true");
  out.replaceChildren(el("p", "jz-prompt", r.message));
}

/**
 * @param {string} ref "doc#anchor"
 * @param {Record<string, Clause>} clauses
 */
function link(ref, clauses) {
  const c = clauses[ref];
  if (!c) return null;
  const a = el("a", "", c.cite);
  a.href = new URL(c.url, root).href;
  return a;
}

/**
 * The links to those of `refs` the answer has.
 * @param {string[]} refs
 * @param {Record<string, Clause>} clauses
 */
function links(refs, clauses) {
  return /** @type {HTMLAnchorElement[]} */ (refs.map((c) => link(c, clauses)).filter(Boolean));
}

/** @type {{ a: HTMLAnchorElement, calc: string, query: Record<string, string> }[]} */
let calcLinks = [];

/** @param {ScreenerAnswer} r */
function render(r) {
  calcLinks = [];
  clearErrors();
  if (r.error) { showError(r); return; }
  /** @type {Record<string, ScreenedProgramme[]>} */
  const groups = {};
  for (const p of r.programmes) (groups[p.status] = groups[p.status] || []).push(p);
  /** @type {HTMLElement[]} */
  const frag = [el("p", "jz-sheet-title", r.jurisdiction_name + "：可能适合您家的救助（" + r.date + "）")];
  for (const status of ["likely", "possible", "unknown", "unlikely"]) {
    const items = groups[status];
    if (!items) continue;
    const sec = el("section", "jz-programmes jz-programmes--" + status);
    sec.appendChild(el("h3", "", STATUS_HEAD[status] + "（" + items.length + " 项）"));
    const list = el("ul", "jz-programme-list");
    for (const p of items) {
      const li = el("li", "jz-programme");
      li.dataset.id = p.id;
      li.dataset.status = p.status;
      li.appendChild(el("p", "jz-programme__title", p.title + (p.amount ? "（" + p.amount + "）" : "")));
      for (const w of p.why) li.appendChild(el("p", "jz-programme__why", w));
      const cites = links(p.clauses, r.clauses);
      if (cites.length) {
        const basis = el("p", "jz-programme__basis", "依据：");
        cites.forEach((a, i) => { if (i) basis.append("；"); basis.appendChild(a); });
        li.appendChild(basis);
      }
      if (p.apply) li.appendChild(el("p", "jz-programme__apply", "怎么申请：" + p.apply));
      if (p.calculator) {
        const a = el("a", "jz-programme__calc", "详细估算");
        // The calculator's own prefilled link (calculators/ui/forms.py query_from_request): every answer it asks.
        a.href = new URL(p.calculator + "#" + new URLSearchParams(p.link || { j: r.jurisdiction }), root).href;
        li.appendChild(a);
        calcLinks.push({ a, calc: p.id, query: p.link || { j: r.jurisdiction } });
      }
      list.appendChild(li);
    }
    sec.appendChild(list);
    frag.push(sec);
  }
  if (r.next_steps && r.next_steps.length) {
    frag.push(el("h3", "", "下一步怎么办"));
    const steps = el("ul", "jz-next-steps");
    for (const st of r.next_steps) {
      const li = el("li", "", st.text);
      const cites = links(st.clauses, r.clauses);
      if (cites.length) {
        li.append("（依据：");
        cites.forEach((a, i) => { if (i) li.append("；"); li.appendChild(a); });
        li.append("）");
      }
      steps.appendChild(li);
    }
    frag.push(steps);
  }
  frag.push(el("p", "jz-disclaimer", r.disclaimer));
  out.replaceChildren(...frag);
  box.dataset.resultSeq = String(seq);
  prepareHandoff();
}

// Once the answers have been still for a moment, the calculator behind each 「详细估算」 gets its answer worked out
// here (this page's runtime is ready; the calculator's would take ≈ 2 s to start on a phone) and left in this tab
// for it (page-kit.js handOver). Then the one a resident is most likely to tap — the first programme that likely
// (else possibly) applies — is prerendered: the page's <head> has a Speculation Rules document rule for links marked
// "jz-prerender" (build/pages/forms.py SPECULATION_RULES; Chromium acts on it, other browsers ignore it). A
// prerendered page gets a copy of this tab's storage when it starts, so the mark comes after the answers are left.
// One prerender at a time (its runtime starts when it is shown); a changed answer moves the mark; none on 省流量.
// Measured in docs/about/performance.md (scripts/bench.py --handoff).
const HANDOFF_QUIET_MS = 1500;
let handoffTimer = 0;
function prepareHandoff() {
  clearTimeout(handoffTimer);
  const links = calcLinks;
  handoffTimer = window.setTimeout(async () => {
    if (!worker || !ready) return;
    const day = today();
    const answers = [];
    for (const l of links) {
      const answer = await askAside(/** @type {ToolWorker} */ (worker), l.calc, l.query, day);
      if (links !== calcLinks) return; // the answers changed meanwhile
      if (answer) answers.push({ href: l.a.href, calc: l.calc, answer });
    }
    handOver(answers, day);
    for (const l of links) l.a.classList.remove("jz-prerender");
    const c = navigator.connection;
    if (c && c.saveData) return;
    const likely = out.querySelector(".jz-programmes--likely .jz-programme__calc, .jz-programmes--possible .jz-programme__calc");
    if (likely) likely.classList.add("jz-prerender");
  }, HANDOFF_QUIET_MS);
}

// A ticked 残疾证 without a grade: say so next to the grade (the answer is shown meanwhile, without it).
function askGrades() {
  for (let i = 1; i <= count(); i++) {
    const p = document.getElementById("jz-dis" + i + "-err");
    if (!p || !hasDisability(i).checked || field("dis" + i).value !== "") continue;
    p.textContent = "请选残疾等级（残疾证上有写）；选好以后，结果才会算上残疾的情况。";
    p.hidden = false;
  }
}

function update() {
  renderMembers();
  const q = state();
  history.replaceState(null, "", location.pathname + location.search + (q.toString() ? "#" + q : ""));
  if (!q.get("j") || !count()) {
    clearErrors();
    out.replaceChildren(el("p", "jz-prompt", "选好所在的县、填上家里几口人和每个人的年龄，下面就列出可能适合您家的救助。"));
    return;
  }
  if (!ready) { out.replaceChildren(el("p", "jz-prompt", "正在准备，准备好后答案会自动显示在这里，填好的内容不会丢。")); return; }
  seq += 1;
  /** @type {ToolWorker} */ (worker).postMessage({ type: "run", seq, calc: "screener", request: request(q) });
}

function start() {
  worker = adoptWorker(box, "问卷程序", {
    ready() { ready = true; update(); keepOffline(root, [], field("j").value); },
    progressText: (pct) => "正在下载：" + pct + "%（可以先填写）",
    result(m) { if (m.seq === seq) { render(/** @type {ScreenerAnswer} */ (m.result)); askGrades(); } },
    runError(m) {
      if (m.seq === seq) out.replaceChildren(el("p", "jz-prompt jz-run-error", m.network
        ? paramsMissing("改动任意一项")
        : "这次没有算出来，是本站的问题，不是您填错了。填写的内容都还在，请稍后再试。"));
    },
  });
}

form.addEventListener("input", update);
form.addEventListener("change", update);
form.addEventListener("submit", (e) => e.preventDefault());
find(box, ".jz-copy").addEventListener("click", async () => {
  try { await navigator.clipboard.writeText(location.href); } catch (e) { /* the address bar has it */ }
});
find(box, ".jz-print").addEventListener("click", () => window.print());
// A shared link opened while already on this page changes only the #…: apply it (as the calculators do).
window.addEventListener("hashchange", () => {
  form.reset();
  for (const c of /** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll("input[type=checkbox]"))) c.checked = false;
  restore();
  update();
});

restore();
start();
update();
