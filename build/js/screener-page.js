// SPDX-License-Identifier: MIT
// 我家能申请哪些救助: the questionnaire ⇄ the calculators' worker (calculators/screener.py) ⇄ the
// programme list. The state lives in the address after "#" (never sent to a server): a filled
// questionnaire is a link to share or print. Nothing typed leaves the phone.
import { adoptWorker, clearErrors as clearFormErrors, el, keepOffline, paramsMissing, today } from "./page-kit.js";

const cfg = JSON.parse(document.getElementById("jz-config").textContent);
const box = document.querySelector(".jz-screener");
const form = box.querySelector(".jz-form");
const out = box.querySelector(".jz-out");
const membersBox = form.querySelector(".jz-members");
const template = document.getElementById("jz-member-template");
const root = new URL(cfg.root || "./", location.href);
// Limits and the ages at which a question is asked come from Python (calculators/core/vocabulary.py).
const MAX = cfg.max;
const ASKS = cfg.asks;
const HOUSEHOLD_KEYS = ["j", "area", "rec", "sup", "house", "emg", "med", "edu", "other"];
const STATUS_HEAD = cfg.statusText;
const between = (x, range) => x >= range[0] && x <= range[1];

let worker = null;
let ready = false;
let seq = 0;



function count() {
  const n = parseInt(form.elements.n.value, 10);
  return n >= 1 && n <= MAX ? n : 0;
}

function renderMembers() {
  const n = count();
  while (membersBox.children.length > n) membersBox.lastElementChild.remove();
  while (membersBox.children.length < n) {
    const i = membersBox.children.length + 1;
    const html = template.innerHTML.replaceAll("__N__", String(i));
    const t = document.createElement("template");
    t.innerHTML = html;
    membersBox.appendChild(t.content.firstElementChild);
  }
  // Ask only what applies (ASKS): school by age; a wage by age when not in school; the grade
  // only with a 残疾证, the kind only for the grades where it decides 重度残疾 and 无劳动能力;
  // this year's education costs only when someone is in school; 赡养人 only for one person living alone.
  let student = false;
  for (let i = 1; i <= n; i++) {
    const age = parseInt(form.elements["age" + i].value, 10);
    const known = !Number.isNaN(age);
    show("sch" + i, known && between(age, ASKS.school_age));
    const school = !form.elements["sch" + i].disabled && form.elements["sch" + i].value !== "";
    student = student || school;
    show("wage" + i, known && between(age, ASKS.wage_age) && !school);
    const disabled = document.getElementById("jz-hasdis" + i).checked;
    show("dis" + i, disabled);
    show("distype" + i, disabled && ASKS.kind_grades.map(String).includes(form.elements["dis" + i].value));
  }
  show("edu", student);
  const age1 = n === 1 ? parseInt(form.elements.age1.value, 10) : NaN;
  show("sup", n === 1 && !Number.isNaN(age1) && (!between(age1, ASKS.supporter_unless_age) || document.getElementById("jz-hasdis1").checked));
}

function show(key, on) {
  const f = form.querySelector('.jz-field[data-key="' + key + '"]');
  if (!f) return;
  f.hidden = !on;
  for (const c of f.querySelectorAll("input,select")) c.disabled = !on;
}

function state() {
  const q = new URLSearchParams();
  for (const c of form.querySelectorAll("input,select")) {
    if (c.disabled || !c.name) continue;
    if (c.type === "checkbox") { if (c.checked) q.set(c.name, "1"); }
    else if (c.value !== "" && !(c.name.startsWith("dis") && c.value === "0")) q.set(c.name, c.value.trim());
  }
  return q;
}

function restore() {
  const q = new URLSearchParams(location.hash.slice(1));
  if (q.get("n")) form.elements.n.value = q.get("n");
  for (const k of HOUSEHOLD_KEYS) if (q.has(k) && form.elements[k]) form.elements[k].value = q.get(k);
  renderMembers();
  for (const [k, v] of q) {
    const c = form.elements[k];
    if (!c || k === "n" || HOUSEHOLD_KEYS.includes(k)) continue;
    if (c.type === "checkbox") c.checked = v === "1"; else c.value = v;
  }
  for (let i = 1; i <= count(); i++) if (q.get("dis" + i)) document.getElementById("jz-hasdis" + i).checked = true;
  renderMembers();
}

function request(q) {
  const r = { jurisdiction: q.get("j") || "", date: today(), members: [] };
  for (const [k, name] of [["area", "area"], ["rec", "receives"], ["sup", "supporter"], ["house", "housing"], ["emg", "emergency"],
    ["med", "medical_spending"], ["edu", "education_spending"], ["other", "other_income"]]) if (q.get(k)) r[name] = q.get(k);
  for (let i = 1; i <= count(); i++) {
    const m = { age: q.get("age" + i) ?? "" };
    if (q.get("sch" + i)) m.school = q.get("sch" + i);
    if (q.get("dis" + i)) m.disability_grade = q.get("dis" + i);
    if (q.get("distype" + i)) m.disability_type = q.get("distype" + i);
    if (q.get("ill" + i)) m.serious_illness = true;
    if (q.get("wage" + i)) m.wage = q.get("wage" + i);
    r.members.push(m);
  }
  return r;
}

function clearErrors() { clearFormErrors(form); }

// members[1].school → sch2 (the field next to which the message goes)
function keyFor(field) {
  const m = /^members\[(\d+)\]\.(\w+)$/.exec(field || "");
  const names = { age: "age", school: "sch", disability_grade: "dis", disability_type: "distype", serious_illness: "ill", wage: "wage" };
  if (m) return (names[m[2]] || "age") + (parseInt(m[1], 10) + 1);
  return { jurisdiction: "j", area: "area", receives: "rec", supporter: "sup", housing: "house", emergency: "emg",
    medical_spending: "med", education_spending: "edu", other_income: "other", members: "n" }[field] || "j";
}

function showError(r) {
  const key = keyFor(r.field);
  const p = document.getElementById("jz-" + key + "-err");
  const c = document.getElementById("jz-" + key);
  if (p) { p.textContent = r.message; p.hidden = false; }
  if (c) c.setAttribute("aria-invalid", "true");
  out.replaceChildren(el("p", "jz-prompt", r.message));
}

function link(ref, clauses) {
  const c = clauses[ref];
  if (!c) return null;
  const a = el("a", "", c.cite);
  a.href = new URL(c.url, root).href;
  return a;
}

function render(r) {
  clearErrors();
  if (r.error) { showError(r); return; }
  const groups = {};
  for (const p of r.programmes) (groups[p.status] = groups[p.status] || []).push(p);
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
      const cites = p.clauses.map((c) => link(c, r.clauses)).filter(Boolean);
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
      const cites = st.clauses.map((c) => link(c, r.clauses)).filter(Boolean);
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
}

// A ticked 残疾证 without a grade: say so next to the grade (the answer is shown meanwhile, without it).
function askGrades() {
  for (let i = 1; i <= count(); i++) {
    const p = document.getElementById("jz-dis" + i + "-err");
    if (!p || !document.getElementById("jz-hasdis" + i).checked || form.elements["dis" + i].value !== "") continue;
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
  worker.postMessage({ type: "run", seq, calc: "screener", request: request(q) });
}

function start() {
  worker = adoptWorker(box, "问卷程序", {
    ready() { ready = true; update(); keepOffline(root, [], form.elements.j.value); },
    progressText: (m) => "正在下载：" + Math.floor((100 * m.loaded) / m.total) + "%（可以先填写）",
    result(m) { if (m.seq === seq) { render(m.result); askGrades(); } },
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
box.querySelector(".jz-copy").addEventListener("click", async () => {
  try { await navigator.clipboard.writeText(location.href); } catch (e) { /* the address bar has it */ }
});
box.querySelector(".jz-print").addEventListener("click", () => window.print());
// A shared link opened while already on this page changes only the #…: apply it (as the calculators do).
window.addEventListener("hashchange", () => {
  form.reset();
  for (const c of form.querySelectorAll("input[type=checkbox]")) c.checked = false;
  restore();
  update();
});

restore();
start();
update();
