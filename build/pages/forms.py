# SPDX-License-Identifier: MIT
"""The tool pages' HTML: calculator forms, the screener (我家能申请哪些救助), the 台账核查 page, and the
script in ``<head>`` that starts the calculator's worker early.

Rendered from each programme's declared ``Form`` (``calculators/ui/forms.py``) and the assets the
assets stage wrote (``assets`` below: the fingerprinted addresses and sizes ``assets.calculator.write_assets``
returns); a page gets its form where its ``<!-- jz:calculator NAME -->`` marker was.  The page scripts
read their configuration from ``json_script`` blocks, never from inline code.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from calculators.core.params import ParameterSet
from calculators.core.vocabulary import (
    AREAS,
    DISABILITY_GRADES,
    DISABILITY_TYPES,
    EMERGENCY,
    HOUSING,
    MAX_MEMBERS,
    RECEIVES,
    SCHOOL_STAGES,
    SCREENER_ASKS,
    options,
)
from calculators.tools.screener import STATUS_TEXT
from calculators.ui.forms import FORMS, Field, Form, jurisdiction_options, query_reference, visible_keys


def json_script(element_id: str, data: Any) -> str:
    """``<script type="application/json">`` with the data escaped as Django's json_script does: ``<``, ``>``
    and ``&`` become ``\\u003c`` … so text in the data (a title, a note) can never end the element."""
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _attr(s: str) -> str:
    return html.escape(s, quote=True)


def _control(f: Field, key: str, options: list[tuple[str, str]]) -> str:
    fid = f"jz-{key}"
    described = f'aria-describedby="{fid}-help {fid}-err"'
    if f.kind == "jurisdiction":
        opts = '<option value="">请选择</option>' + "".join(
            f'<option value="{_attr(v)}">{html.escape(t)}</option>' for v, t in options
        )
        return f'<select id="{fid}" name="{key}" {described}>{opts}</select>'
    if f.kind in ("choice", "flag") and len(f.options) <= 3:
        radios = "".join(
            f'<label class="jz-choice"><input type="radio" name="{key}" value="{_attr(v)}"'
            f'{" checked" if v == f.default else ""}><span>{html.escape(t)}</span></label>'
            for v, t in f.options
        )
        return f'<div class="jz-choices" role="radiogroup" id="{fid}" aria-labelledby="{fid}-label" {described}>{radios}</div>'
    if f.kind == "choice":
        opts = "".join(
            f'<option value="{_attr(v)}"{" selected" if v == f.default else ""}>{html.escape(t)}</option>' for v, t in f.options
        )
        return f'<select id="{fid}" name="{key}" {described}>{opts}</select>'
    if f.kind == "count":
        return (
            f'<div class="jz-stepper"><button type="button" class="jz-step" data-for="{fid}" data-step="-1" aria-label="减一">−</button>'
            f'<input id="{fid}" name="{key}" type="text" inputmode="numeric" pattern="[0-9]*" value="{_attr(f.default)}" '
            f'data-lo="{f.lo}" data-hi="{f.hi}" {described}>'
            f'<button type="button" class="jz-step" data-for="{fid}" data-step="1" aria-label="加一">＋</button></div>'
        )
    if f.kind == "date":
        return f'<input id="{fid}" name="{key}" type="date" {described}>'
    mode = "decimal" if f.kind in ("money", "ratio") else "numeric"
    placeholder = ' placeholder="0"' if f.kind == "money" else ""
    return (
        f'<input id="{fid}" name="{key}" type="text" inputmode="{mode}" autocomplete="off"{placeholder} '
        f'{described}>' + ('<span class="jz-unit">元</span>' if f.kind == "money" else "")
    )


def _field_html(f: Field, key: str, options: list[tuple[str, str]], hidden: bool) -> str:
    fid = f"jz-{key}"
    label_tag = (
        f'<span class="jz-label" id="{fid}-label">{html.escape(f.label)}</span>'
        if f.kind in ("choice", "flag") and len(f.options) <= 3
        else f'<label class="jz-label" id="{fid}-label" for="{fid}">{html.escape(f.label)}</label>'
    )
    return (
        f'<div class="jz-field" data-key="{f.key}"{" hidden" if hidden else ""}>'
        + label_tag
        + _control(f, key, options)
        + f'<p class="jz-help" id="{fid}-help">{html.escape(f.help)}</p>'
        + f'<p class="jz-error" id="{fid}-err" role="alert" hidden></p></div>'
    )


def initial_visibility(form: Form, params: ParameterSet, today: dt.date) -> dict[str, Any]:
    """Questions to show before Python has loaded, per place and per answer they depend on, as a
    compact map: the distinct question lists once (``sets``), and for ``"j|area|kind"`` the index
    of its list only where it differs from ``"j||"``, and ``"j||"`` only where it differs from
    ``"||"`` (100 places are ~1 KB, not one list per place and answer)."""
    sets: list[list[str]] = []

    def index(keys: list[str]) -> int:
        if keys not in sets:
            sets.append(keys)
        return sets.index(keys)

    at = {"||": index(visible_keys(form.name, {}, params, today))}
    for j, _ in jurisdiction_options(params):
        place = index(visible_keys(form.name, {"j": j}, params, today))
        if place != at["||"]:
            at[f"{j}||"] = place
        for area in ("", "urban", "rural"):
            for kind in ("", "illness", "education", "emergency"):
                if area == kind == "":
                    continue
                i = index(visible_keys(form.name, {"j": j, "area": area, "kind": kind}, params, today))
                if i != place:
                    at[f"{j}|{area}|{kind}"] = i
    return {"sets": sets, "at": at}


def render_form(name: str, params: ParameterSet, assets: dict[str, Any], up: str, today: dt.date, qr: bool = False) -> str:
    """The calculator: form, loading bar, result area, and the config for the page script."""
    form = FORMS[name]
    options = jurisdiction_options(params)
    shown = set(visible_keys(name, {}, params, today))
    groups = []
    for gid, title in form.groups:
        fields = [f for f in form.fields if f.group == gid]
        if not fields:
            continue
        plain = [f for f in fields if not f.member]
        body = "".join(_field_html(f, f.key, options, f.key not in shown) for f in plain)
        if gid == "members":
            member = "".join(_field_html(f, f"{f.key}__N__", options, f.key not in shown) for f in fields if f.member)
            body += (
                '<div class="jz-members" aria-live="polite"></div>'
                f'<template id="jz-member-template"><fieldset class="jz-member"><legend>第 __N__ 位家庭成员</legend>{member}</fieldset></template>'
            )
        tag = "details" if gid == "staff" else "fieldset"
        legend = f"<summary>{title}</summary>" if tag == "details" else f"<legend>{title}</legend>"
        groups.append(f'<{tag} class="jz-group" data-group="{gid}">{legend}{body}</{tag}>')
    mb = assets["sizes"]["download"] / 1_000_000
    config = {
        "calc": name,
        "root": up,
        "assets": assets,
        "visible": initial_visibility(form, params, today),
        "memberKeys": [f.key for f in form.fields if f.member],
        "defaults": {f.key: f.default for f in form.fields if f.default},
        "maxMembers": max((f.hi for f in form.fields if f.kind == "count"), default=0),
    }
    return (
        f'<div class="jz-calc" data-calc="{name}">'
        '<noscript><p class="jz-fault">计算器需要浏览器开启 JavaScript。下面的政策原文和说明不受影响。</p></noscript>'
        f'<div class="jz-loading" role="status" aria-live="polite"><progress max="100" value="0" aria-label="计算器加载进度"></progress>'
        f'<span class="jz-loading-text">正在加载计算器（约 {mb:.1f} MB，首次打开较慢），可以先填写。</span></div>'
        f'<form class="jz-form" novalidate autocomplete="off">{"".join(groups)}</form>'
        '<section class="jz-result" id="jz-result" aria-live="polite" aria-label="估算结果"><div class="jz-out"><p class="jz-prompt">填写上面的内容后，这里会显示估算结果。</p></div></section>'
        '<a class="jz-sticky" href="#jz-result" hidden></a>'
        '<div class="jz-actions"><button type="button" class="jz-copy-link md-button">复制链接</button>'
        '<button type="button" class="jz-print md-button">打印结果</button>'
        + (f'<a class="md-button" href="qr.svg" download="{name}-qr.svg">本页二维码</a>' if qr else "")
        +         '<span class="jz-copy-status" role="status"></span></div>'
        '<p class="jz-privacy">您填写的内容只在您的手机（电脑）上计算，不会发送给本站或任何人，也不会保存。'
        '“复制链接”生成的链接把填写内容放在 # 号后面，打开链接时这部分也不会发送到服务器。</p>'
        + json_script("jz-calc-config", config)
        + f'<script type="module" src="{up}{assets["page"]}"></script>'
        "</div>"
    )


EARLY_START = """(function () {
  // Start the calculator's worker right after the first frame is painted — before the page and
  // theme scripts, without delaying the first paint. calc-page.js adopts it (window.__jzEarly)
  // and replays what arrived meanwhile; if the page script runs first, it calls start(true) itself.
  // The one place the worker is created: start(true) is the page script asking (after a Data Saver tap).
  var early = window.__jzEarly = { queue: [], worker: null, config: null, t: 0, start: function (asked) {
    if (early.worker) return early.worker;
    try {
      var c = navigator.connection;
      if (asked !== true && c && c.saveData) return null; // the page script starts it: at once if this phone keeps the runtime, else on a tap
      if (typeof Worker === "undefined" || typeof WebAssembly === "undefined") return null;
      var base = new URL(ROOT, location.href);
      var abs = function (p) { return new URL(p, base).href; };
      var absAll = function (m) { var o = {}; for (var k in m) o[k] = abs(m[k]); return o; };
      // The place in a prefilled link (#j=… or ?j=…): its parameters are fetched with the runtime.
      var place = function () { return new URLSearchParams(location.hash.slice(1)).get("j") || new URLSearchParams(location.search).get("j") || ""; };
      if (window.performance && performance.mark) performance.mark("jz:worker-create"); // scripts/bench.py's phases
      var w = new Worker(abs(WORKER), { type: "module" });
      w.onmessage = w.onerror = function (e) { early.queue.push(e); };
      early.config = CONFIG_EXPR;
      w.postMessage({ type: "init", config: early.config });
      early.worker = w;
      early.t = performance.now();
      return w;
    } catch (e) {
      return null; // the page script starts the worker itself
    }
  } };
  requestAnimationFrame(function () { setTimeout(early.start, 0); });
})();"""


# The screener prerenders the one calculator a resident is most likely to open next (screener-page.js marks its
# link): a fixed document rule in <head>, allowed by its hash like the page's other build-written scripts.
SPECULATION_RULES = ('<script type="speculationrules">{"prerender":[{"source":"document",'
                     '"where":{"selector_matches":"a.jz-prerender"},"eagerness":"immediate"}]}</script>')


def early_start_script(assets: dict[str, Any], up: str, ledger: bool = False) -> str:
    """The inline ``<head>`` script that starts the worker early (same init as calc-page.js);
    on the 台账核查 page the worker also fetches openpyxl (``ledgerLibsURL``)."""
    extra = (", ledgerLibsURL: abs(" + json.dumps(assets["ledgerLibs"]) + ")") if ledger else ""
    config = ("{ pyodideURL: abs(" + json.dumps(assets["pyodide"]) + ")" + extra
              + ", params: absAll(" + json.dumps(assets["params"], separators=(",", ":")) + "), place: place(), stdlibURL: abs(" + json.dumps(assets["stdlib"])
              + "), lockInfo: " + json.dumps(assets["lockInfo"]) + ", sizes: " + json.dumps(assets["sizes"]) + " }")
    text = (EARLY_START.replace("ROOT", json.dumps(up or "./")).replace("WORKER", json.dumps(assets["worker"]))
            .replace("CONFIG_EXPR", config))
    return f"<script>{text}</script>"


def query_reference_md(name: str, params: ParameterSet) -> str:
    """Markdown table of a calculator's link parameters (for campaigns)."""
    rows = ["| 参数 | 含义 | 取值 |", "| --- | --- | --- |"]
    for r in query_reference(name):
        rows.append(f"| `{r['key']}` | {r['label']} | {r['values']} |")
    return "\n".join(rows)


def jurisdiction_codes_md(params: ParameterSet) -> str:
    rows = ["| 代码 `j=` | 地区 |", "| --- | --- |"]
    rows += [f"| `{j}` | {n} |" for j, n in jurisdiction_options(params)]
    return "\n".join(rows)


# --------------------------------------------------------------------------- 我家能申请哪些救助 (screener)

# The screener's options: the calculators' vocabulary, led by the answer “not known / not filled”.
SCREENER_SCHOOL = options(SCHOOL_STAGES, "不上学")
SCREENER_RECEIVES = options(RECEIVES, "不清楚")
SCREENER_HOUSING = options(HOUSING, "不填")
SCREENER_EMERGENCY = options(EMERGENCY, "不填")
SCREENER_GRADES = (("", "请选择"),) + tuple((k, v) for k, v in DISABILITY_GRADES.items() if k != "0")
SCREENER_TYPES = options(DISABILITY_TYPES, "请选择")
SCREENER_SUPPORTER = (("", "不清楚"), ("1", "有"), ("0", "没有"))


def _select(key: str, label: str, options: tuple[tuple[str, str], ...] | list[tuple[str, str]], help_text: str = "") -> str:
    opts = "".join(f'<option value="{_attr(v)}">{html.escape(t)}</option>' for v, t in options)
    return (f'<div class="jz-field" data-key="{key}"><label class="jz-label" for="jz-{key}">{html.escape(label)}</label>'
            f'<select id="jz-{key}" name="{key}" aria-describedby="jz-{key}-help jz-{key}-err">{opts}</select>'
            f'<p class="jz-help" id="jz-{key}-help">{html.escape(help_text)}</p><p class="jz-error" id="jz-{key}-err" role="alert" hidden></p></div>')


def _number(key: str, label: str, help_text: str = "", mode: str = "decimal") -> str:
    return (f'<div class="jz-field" data-key="{key}"><label class="jz-label" for="jz-{key}">{html.escape(label)}</label>'
            f'<input id="jz-{key}" name="{key}" type="text" inputmode="{mode}" autocomplete="off" aria-describedby="jz-{key}-help jz-{key}-err">'
            f'<p class="jz-help" id="jz-{key}-help">{html.escape(help_text)}</p><p class="jz-error" id="jz-{key}-err" role="alert" hidden></p></div>')


def render_ledger(params: ParameterSet, assets: dict[str, Any], up: str) -> str:
    """The 台账核查 page (staff): place, date, file, what-if standards; results drawn by ledger-page.js."""
    places = [("", "请选择")] + [(j, n) for j, n in jurisdiction_options(params)]
    t = assets["ledgerTemplate"]
    config = {"root": up, "calc": "ledger"}
    return (
        '<div class="jz-calc jz-ledger" data-calc="ledger">'
        '<noscript><p class="jz-fault">台账核查需要浏览器开启 JavaScript。</p></noscript>'
        '<div class="jz-loading" role="status" aria-live="polite"><progress max="100" value="0" aria-label="加载进度"></progress>'
        '<span class="jz-loading-text">正在准备核查程序（可以先选文件）…</span></div>'
        '<form class="jz-form" novalidate autocomplete="off">'
        '<fieldset class="jz-group"><legend>台账</legend>'
        + _select("j", "台账是哪个县（市、区）的", places, "按这个县的标准核查；“地区”列里写了其他县名的行，按那个县核查。")
        + '<div class="jz-field" data-key="date"><label class="jz-label" for="jz-date">按哪一天的政策核查</label>'
        '<input id="jz-date" name="date" type="date" aria-describedby="jz-date-err"><p class="jz-error" id="jz-date-err" role="alert" hidden></p></div>'
        '<div class="jz-field jz-drop" data-key="file"><label class="jz-label" for="jz-file">选择台账文件（.xlsx 或 .csv）</label>'
        '<input id="jz-file" name="file" type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"'
        ' aria-describedby="jz-file-help jz-file-err">'
        '<p class="jz-help" id="jz-file-help">也可以把文件拖到这里。文件只在本机读取和核查，不会上传。'
        f'没有台账的，先下载模板：<a href="{up}{t["xlsx"]}" download="台账模板.xlsx">台账模板（.xlsx）</a>、'
        f'<a href="{up}{t["csv"]}" download="台账模板.csv">（.csv）</a>。</p>'
        '<p class="jz-file-name" aria-live="polite"></p><p class="jz-error" id="jz-file-err" role="alert" hidden></p></div>'
        '</fieldset>'
        '<details class="jz-group jz-what-if-form"><summary>假设标准（测算用，结果会标明）</summary>'
        '<p class="jz-help">填了就按填的数核查，结果和下载的台账都会注明“工作人员假设的值”；不填就用本站查到的标准。</p>'
        + _number("stdu", "城市低保标准（元/人/月）")
        + _number("stdr", "农村低保标准（元/人/月）")
        + _number("edge", "低保边缘家庭：低于低保标准的几倍", "全国规定一般为 1.5 倍。")
        + '</details></form>'
        '<div class="jz-result" aria-live="polite"><div class="jz-out"></div></div>'
        '<p class="jz-actions"><button type="button" class="md-button jz-print">打印结果</button></p>'
        f'<link rel="stylesheet" href="{up}{assets["charts"]["css"]}">'
        f'<script src="{up}{assets["charts"]["js"]}"></script>'
        + json_script("jz-config", config)
        + f'<script type="module" src="{up}{assets["ledgerPage"]}"></script></div>'
    )


def render_screener(params: ParameterSet, assets: dict[str, Any], up: str) -> str:
    """The 我家能申请哪些救助 page: a short questionnaire (questions appear only when they apply:
    the school stage, the wage, the disability kind by ``SCREENER_ASKS``) and the programme list, computed by
    ``calculators.tools.screener`` in the same worker as the calculators."""
    places = [("", "请选择")] + [(j, n) for j, n in jurisdiction_options(params)]
    member = (
        '<fieldset class="jz-member"><legend>第 __N__ 位家庭成员</legend>'
        + _number("age__N__", "年龄", "", "numeric")
        + _select("sch__N__", "正在上什么学", SCREENER_SCHOOL)
        + '<div class="jz-field" data-key="ill__N__"><p class="jz-label">身体情况（有就勾上）</p>'
        '<label class="jz-choice"><input type="checkbox" id="jz-hasdis__N__"> 有残疾证</label>'
        '<label class="jz-choice"><input type="checkbox" id="jz-ill__N__" name="ill__N__" value="1"> 患重特大疾病</label>'
        '<p class="jz-error" id="jz-ill__N__-err" role="alert" hidden></p></div>'
        + _select("dis__N__", "残疾等级", SCREENER_GRADES)
        + _select("distype__N__", "残疾类别", SCREENER_TYPES, "看残疾证上写的类别；三级的智力、精神残疾也算重度残疾。")
        + _number("wage__N__", "每月工资（元）", "打工、上班每月到手的钱；没有填 0。")
        + "</fieldset>"
    )
    # Every number and word the page's script needs comes from Python (no threshold written in JS).
    config = {"root": up, "assets": assets, "calc": "screener", "max": MAX_MEMBERS, "asks": SCREENER_ASKS,
              "statusText": STATUS_TEXT}
    return (
        '<div class="jz-calc jz-screener" data-calc="screener">'
        '<noscript><p class="jz-fault">这个问卷需要浏览器开启 JavaScript。</p></noscript>'
        '<div class="jz-loading" role="status" aria-live="polite"><progress max="100" value="0" aria-label="加载进度"></progress>'
        '<span class="jz-loading-text">正在准备（可以先填写）…</span></div>'
        '<form class="jz-form" novalidate autocomplete="off">'
        '<fieldset class="jz-group"><legend>基本情况</legend>'
        + _select("j", "您家在哪个县（市、区）", places, "选“其他地区”时按全国性规定判断。")
        + _select("area", "住在城市还是农村", options(AREAS, "请选择"))
        + _select("rec", "现在是否享受低保或特困", SCREENER_RECEIVES)
        + _select("sup", "有没有能赡养、抚养、扶养您的人", SCREENER_SUPPORTER,
                  "一个人生活的老人、未成年人或残疾人才问（特困供养要看这一条）：有能力尽义务的配偶、子女、父母等。他们自己也困难、没有能力的，选“没有”。")
        + "</fieldset>"
        '<fieldset class="jz-group" data-group="members"><legend>家庭成员</legend>'
        + _number("n", "家里几口人一起生活", "", "numeric")
        + f'<div class="jz-members" aria-live="polite"></div><template id="jz-member-template">{member}</template></fieldset>'
        '<fieldset class="jz-group"><legend>补充情况（知道才填）</legend>'
        + _number("other", "全家其他每月收入（元）", "种地、养殖、子女给的赡养费、退休金等；中央确定的城乡居民基础养老金、救助金一般不算（以当地规定为准）。")
        + _select("house", "住房情况", SCREENER_HOUSING)
        + _select("emg", "最近是否遇到急难", SCREENER_EMERGENCY)
        + _number("med", "今年自己负担的医疗费（元）", "看病自付部分，按全年算。")
        + _number("edu", "今年自己负担的教育费用（元）", "家里有人上学时才问：学费、住宿费等，按全年算。")
        + "</fieldset></form>"
        '<div class="jz-result" aria-live="polite"><div class="jz-out"></div></div>'
        '<p class="jz-actions"><button type="button" class="md-button jz-copy">复制链接</button> '
        '<button type="button" class="md-button jz-print">打印结果</button></p>'
        + json_script("jz-config", config)
        + f'<script type="module" src="{up}{assets["screener"]}"></script></div>'
    )
