# SPDX-License-Identifier: MIT
"""One vocabulary of answers: every request key's allowed values and their words.

The calculators validate against these, the forms offer them, the screener's
catalogue conditions name them.  A label here is how the value is said to a
resident; a form may ask the question differently, but never with other values.

Definitions the documents share (who counts as 重度残疾) live here too, so the
低保 calculator, the screener and the next steps cannot disagree.
"""

from __future__ import annotations

from typing import Any

AREAS = {"urban": "城市", "rural": "农村"}
LABOUR = {"full": "有劳动能力", "partial": "部分丧失劳动能力", "none": "完全丧失劳动能力"}
DISABILITY_GRADES = {"0": "没有残疾证", "1": "一级", "2": "二级", "3": "三级", "4": "四级"}
DISABILITY_TYPES = {
    "physical": "肢体",
    "intellectual": "智力",
    "mental": "精神",
    "visual": "视力",
    "hearing": "听力",
    "speech": "言语",
    "multiple": "多重",
}
SCHOOL_STAGES = {
    "preschool": "学前教育（幼儿园）",
    "compulsory": "义务教育（小学、初中）",
    "high_school": "高中、中专、职高",
    "higher": "大学、高职、专科",
    "postgraduate": "研究生",
}
CARE_LEVELS = {"self_care": "全自理", "half_care": "半护理", "full_care": "全护理"}
# What the household receives now (the screener's ``receives``; ``edge``: 低保边缘家庭).
RECEIVES = {"dibao": "低保", "tekun": "特困供养", "edge": "低保边缘家庭", "none": "都没有"}
HOUSING = {"rent": "租房", "own": "自有住房", "unsafe": "住房不安全（危房）", "none": "没有住房"}
EMERGENCY = {"none": "没有", "fire": "火灾", "accident": "意外事故", "illness": "突发重病", "disaster": "自然灾害"}
LINSHI_KINDS = {"illness": "重大疾病（支出型）", "education": "教育费用负担过重（支出型）", "emergency": "突发急难（急难型）"}
WORKING_AGE = (16, 59)  # 劳动年龄 (法定劳动年龄 as read here): 16 周岁 to before 60 — the screener and the 低保 chart
MAX_MEMBERS = 20  # the most household members a form or request takes (more: ask the township)
# When the screener asks a question (the page shows it before Python is ready, from this data):
SCREENER_ASKS = {
    "school_age": (3, 25),  # 上学阶段: from 学前 to 大学 age
    "wage_age": (16, 64),  # 月工资: working age, and the years after 60 in which many still work
    "kind_grades": (1, 2, 3),  # 残疾类别 decides 重度残疾 and 无劳动能力 only for these grades
    # 赡养人 (特困 in play): one person alone, outside working age or with a 残疾证 (无劳动能力 is possible)
    "supporter_unless_age": WORKING_AGE,
}


def options(vocabulary: dict[str, str], blank: str | None = None) -> tuple[tuple[str, str], ...]:
    """A vocabulary as form options, optionally led by an empty choice worded ``blank``."""
    lead = (("", blank),) if blank is not None else ()
    return lead + tuple(vocabulary.items())


def severe_disability(grade: Any, kind: Any) -> bool:
    """重度残疾人: 一、二级残疾人, and 三级智力、精神残疾人.

    The 范本 二、（二） (``xx-mzj-doudi-fangan#s2-2``): “重度残疾人是指……一级、二级重度残疾人和三级智力残疾人、
    三级精神残疾人”; the 2021《最低生活保障审核确认办法》 says the same (its article number is not verified).
    """
    g = int(grade or 0)
    return g in (1, 2) or (g == 3 and kind in ("intellectual", "mental"))
