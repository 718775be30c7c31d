# SPDX-License-Identifier: MIT
"""临时救助估算：给出一个范围，不是一个确定的金额.

昌乐县（乐办字〔2021〕21号 二、（一）8）：“对重大疾病患者和因子女自负教育费用负担过重的支出型
救助对象，分别按照城市低保月标准的3—12倍和3—6倍进行救助”。Our reading: the multiple belongs to
the 救助对象 — the patient, or the family carrying the children's education costs — once per
case; it is **not** multiplied by the number of people in the household.  It is the aid for this
hardship (a multiple of the *monthly* standard), not a monthly payment — the result says so. No text
here says the aid is paid in one sum: 枞阳 二、（三） and 织金 三、12 describe 分阶段救助 (said where the
place's text has it, ``linshi.staged_aid``); elsewhere the result says the text does not say how it is paid.

Whether aid is given and how much depends on the out-of-pocket cost after insurance, the
family's income and property, and the township's assessment; the range is what the clause
allows, not an entitlement.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.form import DATE, JURISDICTION, Field, Form
from ..core.inputs import choice
from ..core.money import yuan
from ..core.params import ParameterSet, Resolved
from ..core.programme import CardLine, CardSection, Programme, Screening, run
from ..core.trace import STALE_HINT, Trace
from ..core.vocabulary import LINSHI_KINDS
from ..core.words import place, quoted, state_label, times
from .dibao import standards_lines

WHO = {"illness": "一名重大疾病患者", "education": "一户因子女教育费用负担过重的家庭"}

PARAMETERS = (
    "dibao.standard.urban", "linshi.illness_multiple_min", "linshi.illness_multiple_max", "linshi.education_multiple_min",
    "linshi.education_multiple_max", "linshi.case_by_case", "linshi.advance_aid", "linshi.staged_aid", "linshi.staged_aid_emergency",
    "linshi.tiered_no_multiples", "linshi.apply_where_emergency",
)
NEEDS = (  # (data health report) what a place must have for a full answer
    ("linshi.illness_multiple_min", "文件没有公布重大疾病临时救助的倍数：只能请居民向乡镇咨询"),
    ("dibao.standard.urban", "没有城市低保标准：只能给出倍数，算不出金额"),
)
CLAUSES: tuple[str, ...] = ()


def _quoted(r: Resolved, fallback: str) -> str:
    """The clause's own words for a rule (e.g. “小金额先行救助”), else our short name for it."""
    return str(r.entry.get("quote")) if r is not None and r.entry.get("quote") else fallback


def _whose(params: ParameterSet, r: Resolved) -> str:
    """Whose text says it: a national rule is said as the country's, never as “当地文件”."""
    return "国家" if params.jurisdictions.get(r.jurisdiction, {}).get("level") == "national" else "当地"


def calculate(request: dict[str, Any], params: ParameterSet, on: dt.date, overrides: dict[str, Any]) -> dict[str, Any]:
    jurisdiction = str(request.get("jurisdiction") or "")
    params.chain(jurisdiction)
    t = Trace(params, jurisdiction, on, overrides)
    kind = choice(request.get("kind"), "kind", "遇到的困难", LINSHI_KINDS)
    fields: dict[str, Any] = {"kind": kind, "min_amount": None, "max_amount": None, "eligible": None}

    if kind == "emergency":
        advance = t.get("linshi.advance_aid")
        if advance is not None:
            words = _quoted(advance, "先行救助")
            t.step(f"{_whose(params, advance)}文件写明，急难情况可以实行“{words}”：简化核对、评议和公示，先救助，事后补齐手续。",
                   cites=(advance,))
        else:
            t.step("遇到突发急难，请立即向乡镇（街道）或村（社区）求助。")
        t.warn("急难型临时救助的金额由当地按困难程度确定，本站不估算金额。")
        fields["status"] = "refer"
    else:
        lo = t.get(f"linshi.{kind}_multiple_min")
        hi = t.get(f"linshi.{kind}_multiple_max")
        if lo is None or hi is None:
            tiered = t.get("linshi.tiered_no_multiples")
            t.step(
                f"{place(t.params, jurisdiction)}的文件没有公布{LINSHI_KINDS[kind]}临时救助的具体倍数"
                + ("（只要求参照城市低保标准分类分档）" if tiered else "")
                + "，本站无法估算范围；请向乡镇（街道）咨询当地的分类分档标准。",
                cites=(tiered,),
            )
            fields["status"] = "no_local_rule"
        else:
            _range(t, request, kind, lo, hi, fields)
    staged = t.get("linshi.staged_aid")
    if staged is None and kind == "emergency":
        staged = t.get("linshi.staged_aid_emergency")
    if staged is not None:
        t.step(f"{_whose(params, staged)}文件写明可以“{_quoted(staged, '分阶段救助')}”：困难持续的，不一定一次给完。",
               cites=(staged,))
    fields["staged"] = staged is not None
    case = t.get("linshi.case_by_case")
    if case is not None:
        t.step("生活仍有重大困难的，可以按“一事一议”适度提高救助。", cites=(case,))
    t.notes.append("临时救助给不给、给多少，由乡镇（街道）根据医保报销后自己负担的费用、家庭收入和财产、困难程度审核确定。")
    return t.result("linshi", **fields)


def _range(t: Trace, request: dict[str, Any], kind: str, lo_r: Resolved, hi_r: Resolved, fields: dict[str, Any]) -> None:
    std = t.basis("dibao.standard.urban", request.get("standard_urban"), "standard_urban", "城市低保月标准")
    multiples = (lo_r, hi_r)
    lo, hi = lo_r.fraction, hi_r.fraction
    if std.amount is None:
        t.step(
            f"{LINSHI_KINDS[kind]}：按城市低保月标准的 {lo_r.value}—{times(hi_r.value)}救助（{WHO[kind]}算一份，不按家里人数相乘）。"
            "本站没有查到当地城市低保标准，知道的可以填上，就能算出范围。",
            formula="城市低保月标准 × 倍数", cites=multiples,
        )
        fields.update(status="multiples_only", min_multiple=str(lo_r.value), max_multiple=str(hi_r.value))
        return
    t.step(f"城市低保月标准：{std.phrase()}。", cites=(std,))
    if not std.current:
        t.warn_stale("standard_urban", f"{std.phrase()}：{STALE_HINT}，按现在的标准算，范围也会更高。")
    low, high = lo * std.amount, hi * std.amount
    t.step(
        f"{LINSHI_KINDS[kind]}：按城市低保月标准的 {lo_r.value}—{times(hi_r.value)}，约 {yuan(low)}—{yuan(high)} 元。"
        f"这是{WHO[kind]}这次困难的救助数额，不是每月发放的钱，也不按家里人数相乘。",
        formula="城市低保月标准 × 倍数",
        cites=multiples,
    )
    fields.update(status="range", min_amount=yuan(low), max_amount=yuan(high), standard_current=std.current)


# --------------------------------------------------------------------------- how a result is said


def how_paid(result: dict[str, Any]) -> str:
    """Whether the place's text says the aid may be paid in parts (``linshi.staged_aid``), in its words."""
    return "当地文件写明可以分阶段救助，不一定一次给完" if result.get("staged") else "文件没有写分几次发放"


def summarize(result: dict[str, Any]) -> dict[str, Any]:
    s = result.get("status")
    where = "当地" if result["jurisdiction"] == "other" else str(result["jurisdiction_name"])
    lines: list[str] = []
    said: list[str] = []
    if s == "range":
        out = {"tone": "maybe", "headline": "遇到这类困难，可以申请临时救助", "figure": f"约 {result['min_amount']}—{result['max_amount']} 元",
               "sentence": f"按{where}的规定，这类困难的临时救助一般在 {result['min_amount']} 到 {result['max_amount']} 元之间"
               f"（这次困难的救助数额，不是每月发放；算一份，不按家里人数相乘；{how_paid(result)}）。"
               "给不给、给多少，看医保报销后自己负担的费用、家庭收入和财产，由乡镇（街道）审核确定。"}
        stale = result["stale_warnings"].get("standard_urban")
        if stale:
            lines.append(stale)
            said.append("standard_urban")
    elif s == "multiples_only":
        out = {"tone": "maybe", "headline": "遇到这类困难，可以申请临时救助",
               "figure": f"城市低保标准的 {result['min_multiple']}—{result['max_multiple']} 倍",
               "sentence": f"按{where}的规定，这类困难按当地城市低保月标准的 {result['min_multiple']}—{result['max_multiple']} 倍救助"
               "（算一份，不按家里人数相乘）。本站没有查到当地城市低保标准，知道的填上就能算出金额。"}
    elif s == "refer":
        out = {"tone": "maybe", "headline": "遇到急难，请马上求助", "figure": "马上求助",
               "sentence": "急难型临时救助的金额按困难程度确定，本站不估算；请立即联系乡镇（街道）或村（社区）。"}
    else:
        out = {"tone": "maybe", "headline": "当地没有公布具体标准", "figure": "请咨询当地",
               "sentence": f"{where}的文件没有公布这类临时救助的倍数，本站无法估算范围；可以向乡镇（街道）申请，由他们按困难程度确定。"}
    return {**out, "lines": lines, "stale_said": said}


def screen(s: Screening) -> dict[str, Any] | None:
    """临时救助 in the screener: an emergency (急难) is “likely” and told to ask at once; medical or education costs
    the household bears give the 支出型 range — also when an emergency was chosen (突发重病 with this year's
    medical costs keeps its estimate)."""
    h = s.household
    entry: dict[str, Any] = {"id": "linshi", "title": PROGRAMME.full_title, "amount": None, "clauses": [], "bring": [],
                             "apply": "向乡镇（街道）申请；情况紧急的可以直接求助。", "calculator": PROGRAMME.page}
    emergency = h["emergency"] in ("fire", "accident", "illness", "disaster")
    spending = None
    if (h.get("medical_spending") or 0) > 0 and (h["emergency"] == "illness" or any(m["serious_illness"] for m in h["members"])):
        spending = "illness"
    elif (h.get("education_spending") or 0) > 0:
        spending = "education"
    if not emergency and spending is None:
        return {**entry, "status": "possible" if h["emergency"] is None else "unlikely",
                "why": ["遇到突发事件、意外事故、重病或教育费用负担过重，基本生活暂时有困难的，可以申请临时救助。"
                        + ("您没有填写最近是否遇到急难。" if h["emergency"] is None else "按您填写的情况，目前没有这类急难。")]}
    why: list[str] = []
    clauses: set[str] = set()
    amount = None
    for kind in (["emergency"] if emergency else []) + ([spending] if spending else []):
        r = run(calculate, {"jurisdiction": s.jurisdiction, "kind": kind}, s.params, s.on, s.overrides)
        if "error" in r:
            return None
        s.results["linshi"] = r
        summary = summarize(r)
        why += [summary["sentence"]] + summary["lines"]
        clauses |= {c for st in r["steps"] for c in st["clauses"]}
        if r.get("min_amount") is not None:
            amount = f"约 {r['min_amount']}—{r['max_amount']} 元"
    return {**entry, "status": "likely" if emergency else "possible", "why": why, "amount": amount, "clauses": sorted(clauses),
            "request": {"jurisdiction": s.jurisdiction, "kind": spending or "emergency"}}


def card(params: ParameterSet, j: str, on: dt.date) -> list[CardSection]:
    def get(p: str) -> Resolved | None:
        r = params.resolve(p, j, on)
        return None if r is None or r.off else r

    when = (CardLine("因突发事件、意外伤害、重大疾病等，基本生活暂时出现严重困难，其他救助暂时无法覆盖的家庭或个人。"),)
    much: list[CardLine] = []
    for kind, kind_name in (("illness", "重大疾病患者"), ("education", "因子女教育费用负担过重的")):
        lo, hi = get(f"linshi.{kind}_multiple_min"), get(f"linshi.{kind}_multiple_max")
        if lo and hi:
            much.append(CardLine(f"{kind_name}：按城市低保月标准的 {lo.value}—{times(hi.value)}救助（这次困难的救助数额，不是每月发放；"
                                 "算一份，不按家里人数相乘）。", (lo, hi)))
    if much:
        much += standards_lines(params, j, on, areas=("urban",))
    else:
        much.append(CardLine("当地文件没有公布具体倍数，给多少由乡镇（街道）按困难程度确定。"))
    advance = get("linshi.advance_aid")
    if advance is not None:
        much.append(CardLine(f"情况紧急的，可以“{_quoted(advance, '先行救助')}”，事后补办手续。", (advance,)))
    staged = get("linshi.staged_aid")
    if staged is not None:
        much.append(CardLine(f"困难持续的，可以“{_quoted(staged, '分阶段救助')}”。", (staged,)))
    elif (staged_emergency := get("linshi.staged_aid_emergency")) is not None:
        much.append(CardLine(f"遇到急难的，可以“{_quoted(staged_emergency, '分阶段救助')}”。", (staged_emergency,)))
    case = get("linshi.case_by_case")
    if case is not None:
        much.append(CardLine("救助后仍有重大困难的，可以“一事一议”。", (case,)))
    return [CardSection("什么情况可以申请", when), CardSection("能领多少", tuple(much))]


def next_steps(params: ParameterSet, j: str, on: dt.date) -> list[dict[str, Any]]:
    """Applying where the emergency happened: in the clause's own words (枞阳 “探索…”, 怀远 “全面开展…”)."""
    r = params.resolve("linshi.apply_where_emergency", j, on)
    if r is None or r.off:
        return []
    text = (f"{_whose(params, r)}文件写明{quoted(r.entry['quote'])}：不是本地户籍的，可以向急难发生地的乡镇（街道）问问能不能申请临时救助。"
            if r.entry.get("quote") else "不是本地户籍的，可以向急难发生地的乡镇（街道）问问能不能申请临时救助。")
    if not r.current:
        text += f"（{state_label(r.to_dict())}。）"
    return [{"text": text, "clauses": [r.entry["clause"]] if r.entry.get("clause") else [],
             "sources": [r.entry["source"]] if r.entry.get("source") else []}]


FORM = Form(
    "linshi",
    "临时救助估算",
    (
        JURISDICTION,
        Field("kind", "kind", "遇到了什么困难", "choice", "",
              (("illness", "家里有人得了大病，医疗费负担重"), ("education", "孩子上学，自己负担的教育费用太重"),
               ("emergency", "突发事故、灾害等急难情况"))),
        Field("stdu", "standard_urban", "当地现在的城市低保标准（知道才填，元/人/月）", "money",
              "不知道就空着，本站按查到的最近一次标准估算。",
              when=(("in", "kind", ("illness", "education")), ("has", "linshi.{kind}_multiple_min"),
                    ("not_current", "dibao.standard.urban")), group="more"),
        DATE,
    ),
    (("basic", "基本情况"), ("more", "补充情况"), ("staff", "工作人员选项")),
)

PROGRAMME = Programme(
    name="linshi",
    title="临时救助",
    full_title="临时救助",
    calculate=calculate,
    parameters=PARAMETERS,
    clauses=CLAUSES,
    needs=NEEDS,
    form=FORM,
    summarize=summarize,
    screen=screen,
    card=card,
    topic="临时救助",
    apply="向乡镇人民政府（街道办事处）提出申请",
    next_steps=next_steps,
    order=30,
)
