# SPDX-License-Identifier: MIT
"""台账核查: run the 低保 calculator over a township's household list and flag each household.

怀远 2023 任务清单 第1项 “以村居为单位，建立困难群众台账，一一排查……杜绝漏保” and 第9项 the
“应享未享、重复享受、违规享受” 专项整治: staff keep these lists in spreadsheets; this checks them.
The table is read elsewhere (``calculators.ui.ledger_files``: .xlsx/.csv → rows of text); here it
is only text cells in, flags with reasons and clause links out.  Nothing leaves the machine.

Each row is a household for ``calculators.programmes.dibao.calculate`` — the same rule, the same time
model and the same sentence for a last-known standard as the calculator page and the screener.  A
台账 gives the household's *total* monthly income, not each member's wage, so the employment cost
deduction cannot be applied: every reason says the figure is before deductions.

Flags (a household may have several), each with the standard it rests on (``basis``: current,
last_known, assumed — a staff what-if — or typed):

* ``unserved`` 应享未享 — per-capita income below the 低保 standard, receiving neither 低保 nor 特困
  (below an old standard is below today's too: standards are raised, never cut);
* ``review`` 可能不再符合 — receiving 低保, per-capita income not below a *current* (or what-if)
  standard (with the place's 渐退期); receiving 特困 and, for a household of one, the person's income not
  below it (《特困人员认定办法》第六条 tests the person's own income, so larger 特困 households are not judged);
* ``edge`` 低保边缘 — not on 低保, income below the 边缘 line of a current standard → 专项救助;
* ``single`` 单人保候选 — a 边缘 family of two or more with 重残/重病 members, where the place lets them
  apply alone (单人户);
* ``stale`` 按旧标准，需核对 — the answer turns on a *last-known* standard: a recipient above it, or a
  non-recipient between it and its 边缘 line.  Said with the one stale-standard sentence (“按2022年7月…；现行
  标准高于 X 元时，就符合低保的收入条件”), counted apart, and never a finding to 复核 or to exit;
* ``duplicate`` 可能重复 — the same 身份证号 on two rows, or the same 户主 in the same 地区 (怀远 第9项 “重复享受”);
* ``missing`` 缺少数据 — a needed cell is empty or unreadable (the rest of the row is still checked);
* ``no_standard`` 缺少标准 — no standard known for the place and date: the income line is given.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from fractions import Fraction
from typing import Any

from ..core.dates import cn_month
from ..core.errors import InputError
from ..core.money import yuan
from ..core.params import ParameterSet
from ..core.programme import run
from ..core.vocabulary import AREAS
from ..core.words import LAST_KNOWN, place
from ..programmes import dibao

# Canonical column → the header texts accepted for it (compared after NFKC, without spaces/brackets).
COLUMNS: dict[str, tuple[str, ...]] = {
    "head": ("户主", "户主姓名", "姓名", "申请人", "户主名称"),
    "id": ("身份证号", "身份证号码", "户主身份证号", "户主身份证号码", "公民身份号码", "证件号码"),
    "place": ("地区", "所在地", "村居", "村(居)", "村", "乡镇", "乡镇街道", "地址", "所在村"),
    "area": ("城乡", "城乡类别", "城乡属性", "户籍类别", "城市农村", "城乡类型"),
    "size": ("家庭人数", "家庭人口", "家庭人口数", "人口数", "人数", "共同生活人数", "家庭成员人数", "保障人数"),
    "income": ("家庭月总收入", "月总收入", "家庭月收入", "月收入", "家庭收入月", "家庭总收入月"),
    "benefit": ("当前待遇", "待遇", "享受待遇", "救助类别", "保障类别", "现享受待遇", "享受类别"),
    "severe": ("重残重病人数", "重残重病", "重度残疾重病人数", "重残重病成员数", "重病重残人数"),
    "elderly": ("60岁以上人数", "60周岁以上人数", "老年人数", "60岁以上老人数", "老人人数"),
}
LABELS = {"head": "户主", "id": "身份证号", "place": "地区", "area": "城乡", "size": "家庭人数", "income": "家庭月总收入",
          "benefit": "当前待遇", "severe": "重残重病人数", "elderly": "60岁以上人数"}
REQUIRED = ("head", "area", "size", "income", "benefit")
FLAG_TITLES = {"unserved": "应享未享", "review": "可能不再符合", "edge": "低保边缘", "single": "单人保候选",
               "stale": "按旧标准，需核对", "duplicate": "可能重复", "missing": "缺少数据", "no_standard": "缺少标准"}
AREA_WORDS = {"城市": "urban", "城镇": "urban", "城": "urban", "城区": "urban", "urban": "urban", "居民": "urban",
              "城市低保": "urban", "城镇低保": "urban",
              "农村": "rural", "乡村": "rural", "农": "rural", "rural": "rural", "村民": "rural", "农村低保": "rural"}
TOTAL_ROWS = {"合计", "总计", "小计", "汇总"}
BENEFIT_WORDS = {"低保": "dibao", "城市低保": "dibao", "农村低保": "dibao", "城镇低保": "dibao", "低保户": "dibao",
                 "最低生活保障": "dibao", "特困": "tekun", "特困供养": "tekun", "特困人员": "tekun", "五保": "tekun",
                 "五保户": "tekun", "分散供养特困": "tekun", "集中供养特困": "tekun",
                 "无": "none", "没有": "none", "否": "none", "未享受": "none", "-": "none", "—": "none", "/": "none",
                 "低保边缘": "edge", "边缘": "edge", "边缘户": "edge", "低保边缘家庭": "edge"}
BENEFIT_NAMES = {"dibao": "低保", "tekun": "特困供养", "none": "无", "edge": "低保边缘"}
CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
MAX_ROWS = 20_000
RE_NUMBER = re.compile(r"^\d+(\.\d+)?$")
RE_SPACE = re.compile(r"[\s\u3000()（）【】\[\]:：*＊]")
RE_UNIT = re.compile(r"[（(][^）)]{0,6}[）)]$")  # “家庭月总收入（元）”, “人数(人)”
PARAMETERS = dibao.PARAMETERS
CLAUSES: tuple[str, ...] = ()
ESTIMATE = ("核查结果是按台账里的数字和公开政策做的初步筛查，不是审核结论；家庭收入未扣减就业成本等，"
            "“家庭月总收入”应不含低保金、特困供养金等救助款物和优待抚恤金、奖励金；"
            "是否纳入、退出或调整，以入户调查和乡镇（街道）审核确认为准。")


def col_letter(i: int) -> str:
    """0 → A, 25 → Z, 26 → AA (how staff name a column)."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def norm(text: Any) -> str:
    """A cell as text: NFKC (full-width digits and letters become ASCII), trimmed."""
    return unicodedata.normalize("NFKC", "" if text is None else str(text)).strip()


def header_key(text: Any) -> str | None:
    t = RE_SPACE.sub("", RE_UNIT.sub("", norm(text))).replace("周岁", "岁")
    for key, names in COLUMNS.items():
        if t in {RE_SPACE.sub("", n).replace("周岁", "岁") for n in names}:
            return key
    return None


def find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]]:
    """The header row (the first of the first 15 rows naming ≥ 3 known columns) and column positions."""
    for r, row in enumerate(rows[:15]):
        found: dict[str, int] = {}
        for c, cell in enumerate(row):
            key = header_key(cell)
            if key and key not in found:
                found[key] = c
        if len(found) >= 3:
            return r, found
    raise InputError("没有找到表头：表格前几行里要有“户主、城乡、家庭人数、家庭月总收入、当前待遇”等列名。"
                     "可以先下载模板，把数据贴进去再打开。", "file")


def _count(text: str) -> int | None:
    t = text.removesuffix("人").removesuffix("口").removesuffix("名").strip()
    if t in ("无", "没有", "-", "—", "/"):
        return 0
    if t.isascii() and t.isdigit():
        return int(t)
    if t and all(ch in CN_DIGITS for ch in t) and len(t) <= 3:
        if t == "十":
            return 10
        if t.startswith("十"):
            return 10 + CN_DIGITS[t[1]]
        if len(t) == 1:
            return CN_DIGITS[t]
        if len(t) == 2 and t[1] == "十":
            return CN_DIGITS[t[0]] * 10
        if len(t) == 3 and t[1] == "十":
            return CN_DIGITS[t[0]] * 10 + CN_DIGITS[t[2]]
    return None


def _money(text: str) -> Fraction | None:
    t = text.replace(",", "").replace("，", "").removesuffix("元").strip()
    return Fraction(t) if RE_NUMBER.match(t) else None


class Checker:
    """Runs the 低保 calculator for each row; a staff what-if applies to the table's own place only."""

    def __init__(self, params: ParameterSet, on: dt.date, place: str, overrides: dict[str, Any]) -> None:
        self.params, self.on, self.place, self.overrides = params, on, place, overrides
        self.used: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.cache: dict[tuple[Any, ...], dict[str, Any]] = {}

    def dibao(self, j: str, area: str, size: int, income: Fraction, recipient: bool, severe: int, elderly: int) -> dict[str, Any]:
        key = (j, area, size, income, recipient, severe, elderly)
        if key not in self.cache:
            members = [{"age": 60 if k < elderly else 40, "severe": k < severe} for k in range(size)]
            request = {"jurisdiction": j, "area": area, "members": members, "income": {"other": yuan(income)},
                       "current_recipient": recipient, "line": False}
            r = run(dibao.calculate, request, self.params, self.on, self.overrides if j == self.place else {})
            for p in r.get("parameters", []):
                choices = self.params.definitions[p["id"]].get("choices") or {}
                v = p["value"]
                display = ("是" if v else "否") if isinstance(v, bool) else choices.get(v, v) if isinstance(v, str) else v
                self.used.setdefault((p["id"], str(p["jurisdiction"]), str(p["from"])), {**p, "display": display})
            self.cache[key] = r
        return self.cache[key]


DOUBT = {"secondary": "；从转载中查到", "unverified": "；本站还没有核实"}


def _param(r: dict[str, Any], pid: str) -> dict[str, Any] | None:
    return next((p for p in r["parameters"] if p["id"] == pid), None)


def _refs(r: dict[str, Any], *pids: str) -> tuple[list[str], list[dict[str, Any]]]:
    """(clauses, sources) of the values a flag rests on; a value resting on no clause of ours is cited by its source."""
    clauses: list[str] = []
    sources: list[dict[str, Any]] = []
    for pid in pids:
        p = _param(r, pid)
        if p is None:
            continue
        if p.get("clause"):
            clauses.append(p["clause"])
        elif p.get("source") and p["source"] not in sources:
            sources.append(p["source"])
    return list(dict.fromkeys(clauses)), sources


def _std_words(r: dict[str, Any], area: str) -> str:
    """“农村低保标准 722.00 元（2022年7月起，本站查到的最近一次；本站还没有核实）” for a reason."""
    p = _param(r, f"dibao.standard.{area}")
    if r["standard_kind"] == "assumed" or p is None:
        return f"假设的{AREAS[area]}低保标准 {r['standard']} 元"
    doubt = DOUBT.get(str(p.get("status")), "")
    level = r["bases"]["standard"].get("level") or ""
    when = cn_month(p.get("from"))
    if r["standard_kind"] == "current":
        return f"{level}{AREAS[area]}低保标准 {r['standard']} 元（{when}起{doubt}）"
    return f"{level}{AREAS[area]}低保标准 {r['standard']} 元（{when}起，{LAST_KNOWN}{doubt}）"


def _flag(code: str, reason: str, r: dict[str, Any] | None, *pids: str) -> dict[str, Any]:
    clauses, sources = _refs(r, *pids) if r is not None else ([], [])
    return {"flag": code, "reason": reason, "clauses": clauses, "sources": sources,
            "basis": r.get("standard_kind") if r is not None else None}


def place_of(text: str, params: ParameterSet, default: str, names: dict[str, str]) -> str:
    """A row's place: a county named in its 地区 cell (“昌乐县宝城街道…”), else the table's place."""
    for name, j in names.items():
        if name and name in text:
            return j
    return default


def check_row(cells: dict[str, str], j: str, c: Checker) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """One household: (flags, figures).  ``cells`` are the row's texts by canonical column."""
    flags: list[dict[str, Any]] = []
    errors: list[str] = []
    figures: dict[str, Any] = {"per_capita": None, "standard": None, "basis": None, "status": None, "amount": None,
                               "stale_sentence": None}

    def problem(key: str, why: str) -> None:
        errors.append(f"“{LABELS[key]}”{why}")

    area = AREA_WORDS.get(cells.get("area", "").replace("户", ""))
    if not cells.get("area"):
        problem("area", "没有填")
    elif area is None:
        problem("area", f"写的是“{cells['area']}”，要写“城市”或“农村”")
    size = _count(cells.get("size", ""))
    if not cells.get("size"):
        problem("size", "没有填")
    elif size is None or size < 1 or size > 30:
        problem("size", f"写的是“{cells['size']}”，要写 1 到 30 的整数")
        size = None
    income = _money(cells.get("income", ""))
    if not cells.get("income"):
        problem("income", "没有填（没有收入写 0）")
    elif income is None:
        problem("income", f"写的是“{cells['income']}”，要写金额，例如 1500 或 1500.50")
    benefit = BENEFIT_WORDS.get(cells.get("benefit", ""))
    if "benefit" not in cells:
        problem("benefit", "这一列台账里没有（不知道是否在享受，就判断不了应享未享还是可能不再符合）")
    elif not cells["benefit"]:
        problem("benefit", "没有填（不享受的写“无”）")
    elif benefit is None:
        problem("benefit", f"写的是“{cells['benefit']}”，要写“低保”“特困”或“无”")
    severe = _count(cells.get("severe", "") or "0")
    if severe is None:
        problem("severe", f"写的是“{cells['severe']}”，要写人数")
    elderly = _count(cells.get("elderly", "") or "0")
    if elderly is None:
        problem("elderly", f"写的是“{cells['elderly']}”，要写人数")
    if size is not None and severe is not None and elderly is not None and max(severe, elderly) > size:
        problem("severe" if severe > size else "elderly", f"比家庭人数（{size} 人）还多")
        severe = elderly = None
    if errors:
        flags.append(_flag("missing", "；".join(errors) + "。", None))
    if area is None or size is None or income is None:
        return flags, figures
    r = c.dibao(j, area, size, income, benefit == "dibao", severe or 0, elderly or 0)
    if "error" in r:  # (a cell the checks above let through): said as missing data, never a traceback
        flags.append(_flag("missing", r["message"], None))
        return flags, figures
    pc = r["per_capita_income"]
    figures.update(per_capita=pc, status=r["status"])
    if r["status"] == "income_line":
        flags.append(_flag("no_standard", f"本站没有查到{place(c.params, j)}的{AREAS[area]}低保标准：这户人均月收入 {pc} 元，"
                                          f"当地标准高于 {r['income_line']} 元，这户就在标准以下。可以在“假设标准”里填上当地标准再核查。", r))
        return flags, figures
    figures.update(standard=r["standard"], basis=r["standard_kind"],
                   amount=r["monthly_amount"] if r["status"] == "eligible" else None, stale_sentence=r["stale_sentence"])
    if benefit is None:  # said under 缺少数据; which flag applies depends on it
        return flags, figures
    std = f"dibao.standard.{area}"
    stale = r["stale_sentence"] or ""
    base = f"人均月收入 {pc} 元（{yuan(income)} ÷ {size} 人，未扣减就业成本）"
    last_known = r["standard_kind"] == "last_known"
    if benefit in ("none", "edge"):
        if r["status"] == "eligible":
            lone_old = size == 1 and (elderly or 0) >= 1
            flags.append(_flag("unserved", f"{base}低于{_std_words(r, area)}，当前没有享受低保或特困：请入户核实，符合的及时纳入。"
                               + (f"{stale}" if stale else "")
                               + ("独居老人还要看有没有赡养人，没有的可能符合特困供养。" if lone_old else ""), r, std))
        elif r.get("edge"):
            if last_known:
                flags.append(_flag("stale", f"当前没有享受低保。{stale}按这个旧标准属于低保边缘家庭；标准提高后，仍是边缘家庭或符合低保。"
                                   "请用当地现在执行的标准核对是否应享未享。", r, std, "dibao.edge_multiple"))
            else:
                flags.append(_flag("edge", f"{base}不低于{_std_words(r, area)}，低于边缘线 {r['edge_line']} 元："
                                   "财产也符合规定的，属于低保边缘家庭，可享受医疗、教育等专项救助。", r, std, "dibao.edge_multiple"))
            if r.get("single_person_applicants"):
                scope = _param(r, "dibao.single_person_scope")
                flags.append(_flag("single", f"低保边缘家庭中有 {severe} 名重残、重病成员：可以按单人户单独申请低保"
                                   + ("（当地限于未脱贫建档立卡贫困户）。" if scope and scope["value"] == "poverty_registered" else "。"),
                                   r, "dibao.single_person_household", "dibao.single_person_scope"))
        elif r.get("single_person_basis") == "adult_disabled":
            flags.append(_flag("single", f"有 {severe} 名重残、重病成员：其中成年、无业的重度残疾人，不论家庭是不是低保边缘家庭，"
                               "都可以参照单人户单独申请低保（看本人的收入和财产）。请核实是否成年、无业、重度残疾。",
                               r, "dibao.single_person_adult_disabled"))
    elif benefit == "dibao" and r["status"] != "eligible":
        if last_known:
            flags.append(_flag("stale", f"正在享受低保。{stale}请用当地现在执行的标准核对，不要按旧标准作出退出决定。", r, std))
        else:
            text = f"{base}不低于{_std_words(r, area)}，正在享受低保：可能不再符合，请核实家庭收入（是否退出，以入户核查和审核确认为准）。"
            rule = r.get("phase_out_rule")
            if rule:  # L1: the text's own length and “可以”, never “不是马上停发”
                text += (("因家庭成员就业、收入增加而" if rule["employment_only"] else "")
                         + f"超过标准的，可以给予渐退期（{rule['length']}），渐退期内继续领取低保金。" + rule["area_caveat"])
            if r.get("edge"):
                text += f"收入低于边缘线 {r['edge_line']} 元，退出后（财产也符合规定的）属于低保边缘家庭，仍可享受专项救助。"
            flags.append(_flag("review", text, r, std, *dibao.PHASE_OUT, "dibao.phase_out_employment_only", "dibao.edge_multiple"))
    elif benefit == "tekun" and size == 1 and r["status"] != "eligible":
        rule = "特困供养要求本人收入低于当地低保标准（《特困人员认定办法》第六条）"
        if last_known:
            flags.append(_flag("stale", f"正在享受特困供养。{stale}{rule}；请用当地现在执行的标准核对，不要按旧标准作出终止决定。", r, std))
        else:
            flags.append(_flag("review", f"本人月收入 {pc} 元不低于{_std_words(r, area)}，正在享受特困供养：{rule}，"
                               "可能不再符合，请核实收入（是否终止，以调查核实和审核确认为准）。", r, std))
    return flags, figures


def check(table: list[list[Any]], params: ParameterSet, on: dt.date, place: str,
          overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Check a whole 台账. ``table``: rows of cells as read from the file (row 0 = the file's first row)."""
    overrides = overrides or {}
    end = len(table)
    while end and not any(norm(c) for c in table[end - 1]):  # formatted but empty rows at the end
        end -= 1
    table = table[:end]
    if not table:
        raise InputError("表格是空的，没有找到任何数据。", "file")
    if len(table) > MAX_ROWS:
        raise InputError(f"一次最多核查 {MAX_ROWS} 行；请按乡镇或村分开核查。", "file")
    h, cols = find_header(table)
    names = {str(d["name"]): j for j, d in params.jurisdictions.items() if d.get("level") == "county"}
    if not place and "place" in cols:  # the county most often named in the 地区 column
        seen = [place_of(norm(r[cols["place"]]) if cols["place"] < len(r) else "", params, "", names) for r in table[h + 1:]]
        named = [j for j in seen if j]
        place = max(set(named), key=named.count) if named else ""
    if not place:
        raise InputError("请选择这份台账是哪个县（市、区）的：“地区”列里没有写县名。", "jurisdiction")
    params.chain(place)  # an unknown place: a clear error
    missing_cols = [LABELS[k] for k in REQUIRED if k not in cols]
    c = Checker(params, on, place, overrides)
    rows: list[dict[str, Any]] = []
    for r in range(h + 1, len(table)):
        raw = table[r]
        if not any(norm(c) for c in raw):
            continue
        cells = {k: norm(raw[c]) if c < len(raw) else "" for k, c in cols.items()}
        if RE_SPACE.sub("", cells.get("head", "")) in TOTAL_ROWS or RE_SPACE.sub("", cells.get("place", "")) in TOTAL_ROWS:
            continue  # a 合计 row is not a household
        j = place_of(cells.get("place", ""), params, place, names)
        flags, figures = check_row(cells, j, c)
        rows.append({"row": r + 1, "head": cells.get("head", ""), "id_number": RE_SPACE.sub("", cells.get("id", "")).upper(),
                     "place_text": cells.get("place", ""),
                     "jurisdiction": j, "flags": flags, **figures})
    if not rows:
        raise InputError("表头下面没有数据行。", "file")
    # 可能重复: the same 身份证号 (whatever the name), or the same 户主 in the same 地区 text.
    by_key: dict[tuple[str, ...], list[int]] = {}

    def keys(x: dict[str, Any]) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = [("id", x["id_number"])] if x["id_number"] else []
        if x["head"]:
            out.append(("name", RE_SPACE.sub("", x["head"]), RE_SPACE.sub("", x["place_text"])))
        return out

    for x in rows:
        for k in keys(x):
            by_key.setdefault(k, []).append(x["row"])
    for x in rows:
        for k in keys(x):
            same = [r for r in by_key[k] if r != x["row"]]
            if not same:
                continue
            if k[0] == "id":
                reason = f"身份证号 {x['id_number']} 还出现在第 {'、'.join(map(str, same))} 行：请核对是否重复登记、重复享受。"
            else:
                where = "同一地区的户主" if x["place_text"] else "户主"
                reason = (f"{where}“{x['head']}”还出现在第 {'、'.join(map(str, same))} 行：请核对是否重复登记、重复享受"
                          "（同名的不同家庭不算）。")
            x["flags"].append({"flag": "duplicate", "clauses": [], "sources": [], "basis": None, "reason": reason})
            break
    summary = {code: sum(1 for x in rows if any(f["flag"] == code for f in x["flags"])) for code in FLAG_TITLES}
    by_place: dict[str, dict[str, int]] = {}
    for x in rows:
        key = x["place_text"] or params.name(x["jurisdiction"])
        bucket = by_place.setdefault(key, {code: 0 for code in FLAG_TITLES})
        for code in {f["flag"] for f in x["flags"]}:
            bucket[code] += 1
    used = list(c.used.values())
    clause_ids = {c for x in rows for f in x["flags"] for c in f["clauses"]}
    what_if = list({u["id"]: {"id": u["id"], "label": u["label"], "value": u["value"]}
                    for u in used if u["status"] == "override"}.values())
    if what_if and any(x["jurisdiction"] != place for x in rows):
        # L3: a what-if for one county is never applied to another county's rows of a mixed 台账.
        notes = [f"假设值只用于{params.name(place)}的行；其他县的行按本站查到的标准核查。"]
    else:
        notes = []
    warnings = list(dict.fromkeys(
        f"“{u['label']}”（{u.get('display', u['value'])}）" + ("是从新闻报道、转载等查到的，本站没有见到原件" if u["status"] == "secondary"
                                           else "还没有核实（出处的日期或适用范围有疑问）") + "，请以当地公布的为准。"
        for u in used if u["status"] in ("secondary", "unverified")))
    stale_note = (f"“{FLAG_TITLES['stale']}”的 {summary['stale']} 户：本站只查到往年的低保标准，这些户符不符合，要看当地现在执行的标准；"
                  "它们和按现行标准得出的标记分开统计，不能作为复核或退出的依据。可以把现在的标准填在“假设标准”里再核查一遍。"
                  if summary.get("stale") else "")
    return {
        "calculator": "ledger",
        "stale_note": stale_note,
        "date": on.isoformat(),
        "jurisdiction": place,
        "jurisdiction_name": params.name(place),
        "header_row": h + 1,
        "columns": {LABELS[k]: col_letter(c) for k, c in cols.items()},
        "missing_columns": missing_cols,
        "rows": rows,
        "flag_titles": FLAG_TITLES,
        "summary": summary,
        "by_place": by_place,
        "households": len(rows),
        "parameters": used,
        "what_if": what_if,
        "warnings": notes + warnings,
        "clauses": {c: params.clauses[c] for c in sorted(clause_ids) if c in params.clauses},
        "disclaimer": ESTIMATE,
    }


def calculate(request: dict[str, Any], params: ParameterSet, on: dt.date, overrides: dict[str, Any]) -> dict[str, Any]:
    """The registry's entry: ``{"jurisdiction", "table": [[cell, …], …]}``."""
    table = request.get("table")
    if not isinstance(table, list) or not all(isinstance(r, list) for r in table):
        raise InputError("没有读到表格内容。", "file")
    return check(table, params, on, str(request.get("jurisdiction") or ""), overrides)
