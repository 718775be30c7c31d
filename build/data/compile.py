# SPDX-License-Identifier: MIT
"""Compile ``policy_data/`` (YAML) into the JSON bundle the calculators read.

Every problem is reported with the file, the line and a Chinese + English
sentence, all of them in one run (an error in one file never hides or invents
one in another): YAML syntax, a key written twice (YAML would silently keep the
last), unknown keys, wrong types (JSON Schema in ``policy_data/schema.json``),
impossible dates (2024-02-30), unknown parameters, unsorted or duplicate dates,
a value of the wrong kind for its unit, a value outside its definition's
``plausible`` range or changed too much from the place's previous value (unless
confirmed with ``plausibility_checked``), a parent that does not exist, a clause
reference that is not an anchor of a published document, and a ``quote`` that
the cited clause does not contain.

    python build/compile_policy.py [--out .cache/params.json]
    python build/compile_policy.py --report [--date 2026-12-03]   # 参数体检 (data health) as text
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from calculators.core.params import ParameterSet
from calculators.tools import screener

from data.documents import POLICY_DIR, PolicyPage, load_policy_pages
from data.health import build_date, health_text

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / ".cache" / "params.json"

RE_DECIMAL = re.compile(r"^\d+(\.\d+)?$")
RE_FRACTION = re.compile(r"^\d+/[1-9]\d*$")
DECIMAL_UNITS = {"CNY/person/month", "CNY/month", "ratio"}
INTEGER_UNITS = {"months", "years", "working_days"}
RE_PHONE = re.compile(r"^(0\d{2,3}-\d{7,8}|1\d{4})$")
RE_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATE_FIELDS = ("from", "until", "checked", "date")  # the date fields of places' files and programme catalogues
# How a value of each unit is written (in messages) and read.
UNIT_EXAMPLES = {"CNY/person/month": '"760" 或 "760.50"', "CNY/month": '"1900"', "ratio": '"0.30" 或 "1/6"'}
UNIT_WORDS = {"CNY/person/month": "元/人/月", "CNY/month": "元/月", "months": "个月", "years": "周岁", "working_days": "个工作日", "ratio": ""}


@dataclass
class PolicyDataError(Exception):
    """One problem in one file, at one line."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        try:
            shown = self.path.relative_to(ROOT)
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}: {self.message}"


class PolicyDataErrors(PolicyDataError):
    """Every problem found in one run (the first one's file and line stand for the whole)."""

    def __init__(self, errors: list[PolicyDataError]) -> None:
        first = errors[0]
        super().__init__(first.path, first.line, first.message)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(PolicyDataError.__str__(e) for e in self.errors)


# ---------------------------------------------------------------------------
# YAML with line numbers
# ---------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """YAML dates → ISO strings so that JSON Schema and JSON see one type."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, dt.date) else k.isoformat(): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _line_index(node: yaml.Node, path: tuple = (), out: dict | None = None) -> dict[tuple, int]:
    """Map each path in the document (keys / list indexes) to its 1-based line."""
    out = {} if out is None else out
    out.setdefault(path, node.start_mark.line + 1)  # a key's own line wins over its value's
    if isinstance(node, yaml.MappingNode):
        last = {key.value: (key, value) for key, value in node.value}  # a key written twice: the one the data keeps
        for k, (key, value) in last.items():
            out[path + (k,)] = key.start_mark.line + 1
            _line_index(value, path + (k,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_index(item, path + (i,), out)
    return out


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, except that an impossible date (``2024-02-30``) stays its text instead of
    raising a bare ``ValueError``: the compile then reports it with its file, line and field."""

    def construct_yaml_timestamp(self, node: Any) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)

MERGE_TAG = "tag:yaml.org,2002:merge"


def duplicate_keys(node: yaml.Node, path: tuple = (), out: list | None = None, seen: set | None = None) -> list[tuple[tuple, int, int]]:
    """Every mapping key written twice in one mapping, as (path of the key, first line, second line).
    A plain YAML load keeps the last one and silently drops the first with everything under it."""
    out = [] if out is None else out
    seen = set() if seen is None else seen
    if id(node) in seen:  # an alias: the anchored node was walked already
        return out
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key, value in node.value:
            if key.tag == MERGE_TAG:
                continue
            k = str(key.value)
            line = key.start_mark.line + 1
            if k in first:
                out.append((path + (k,), first[k], line))
            else:
                first[k] = line
            duplicate_keys(value, path + (k,), out, seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            duplicate_keys(item, path + (i,), out, seen)
    return out


def duplicate_key_message(key_path: tuple, first: int) -> str:
    """What to do instead of writing a key twice (the usual two mistakes get their own sentence)."""
    key = str(key_path[-1])
    if key_path[:-1] == ("parameters",):
        return (f"参数“{key}”在第 {first} 行已经写过，这里又写了一遍：YAML 只保留后一个，第 {first} 行下的数值会被悄悄丢掉。"
                f"要加一个新日期的值（如明年的标准），请在第 {first} 行的“{key}:”下面加一个列表项（- from: …），不要再写一遍这个参数 / "
                f"duplicate key '{key}' (first on line {first}): add a list item under the existing key instead")
    if key_path == ("parameters",):
        return (f"“parameters:”在第 {first} 行已经写过，这里又写了一遍（例如留下了模板里的 parameters: {{}}）："
                f"YAML 只保留后一个，第 {first} 行下的全部数值会被悄悄丢掉。删掉多余的这一行，数值都写在第 {first} 行的 parameters: 下面 / "
                f"duplicate key 'parameters' (first on line {first}): delete this one")
    field = ".".join(map(str, key_path))
    return (f"“{field}”在第 {first} 行已经写过，这里又写了一遍：YAML 只保留后一个，前面的会被悄悄丢掉。"
            f"删掉其中一个，或把两处的内容合并到第 {first} 行 / duplicate key '{field}' (first on line {first})")


def load_yaml_checked(path: Path) -> tuple[Any, dict[tuple, int], list[PolicyDataError]]:
    """(data, line index, problems that do not stop reading: duplicate keys); raises on a syntax error."""
    text = path.read_text(encoding="utf-8-sig")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise PolicyDataError(path, line, f"YAML 格式错误 / invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    finally:
        loader.dispose()
    if node is None:
        raise PolicyDataError(path, 1, "文件是空的 / file is empty")
    problems = [PolicyDataError(path, second, duplicate_key_message(key_path, first)) for key_path, first, second in duplicate_keys(node)]
    return _plain(data), _line_index(node), problems


def load_yaml(path: Path) -> tuple[Any, dict[tuple, int]]:
    """(data, line index); raises PolicyDataError(s) on a syntax error or a key written twice."""
    data, lines, problems = load_yaml_checked(path)
    if problems:
        raise PolicyDataErrors(problems)
    return data, lines


def line_of(lines: dict[tuple, int], path: tuple) -> int:
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------


def check_value_kind(unit: str, value: Any, definition: dict[str, Any] | None = None) -> str | None:
    if value is None:
        return None
    if unit == "choice":
        allowed = sorted((definition or {}).get("choices") or {})
        if value not in allowed:
            return f"值必须是 {', '.join(allowed)} 之一 / value must be one of {allowed}"
        return None
    if unit in DECIMAL_UNITS:
        if not (isinstance(value, str) and (RE_DECIMAL.match(value) or (unit == "ratio" and RE_FRACTION.match(value)))):
            return f"单位为 {unit} 的值必须写成带引号的数字，如 {UNIT_EXAMPLES[unit]} / a {unit} value must be a quoted decimal"
    elif unit in INTEGER_UNITS:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return f"单位为 {unit} 的值必须是非负整数 / a {unit} value must be a non-negative integer"
    elif unit == "bool":
        if not isinstance(value, bool):
            return "此参数的值必须是 true 或 false / value must be true or false"
    elif unit == "phone":
        if not (isinstance(value, str) and RE_PHONE.match(value)):
            return "电话号码要写成带引号的 \"0562-1234567\" 或 5 位热线号 \"12345\" / a phone value must be a quoted number"
    return None


def _norm(text: str) -> str:
    """NFKC, no whitespace: how a quote is compared with the clause text."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def clause_texts(pages: dict[str, PolicyPage]) -> dict[str, str]:
    """doc#anchor → the clause's text (heading to the next heading), normalised."""
    out = {}
    for doc, page in pages.items():
        lines = page.path.read_text(encoding="utf-8").splitlines()
        starts = sorted(c.line for c in page.clauses)
        for c in page.clauses:
            later = [n for n in starts if n > c.line]
            end = later[0] - 1 if later else len(lines)
            body = re.sub(r"<[^>]+>", "", "\n".join(lines[c.line - 1:end]))
            out[f"{doc}#{c.anchor}"] = _norm(body)
    return out


def field_name(at: tuple) -> str:
    """A field as staff read it: ``dibao.standard.urban 第 2 条的 from`` rather than a dotted path."""
    if len(at) >= 3 and at[0] == "parameters" and isinstance(at[2], int):
        rest = ".".join(map(str, at[3:]))
        return f"{at[1]} 第 {at[2] + 1} 条" + (f"的 {rest}" if rest else "")
    if len(at) >= 2 and at[0] == "programmes" and isinstance(at[1], int):
        rest = ".".join(map(str, at[2:]))
        return f"programmes 第 {at[1] + 1} 项" + (f"的 {rest}" if rest else "")
    return ".".join(map(str, at))


def date_problem(text: str) -> str | None:
    """Why a ``YYYY-MM-DD`` text names no day of the calendar (``2024-02-30``); None if it names one."""
    m = RE_ISO_DATE.match(text)
    if not m:
        return None
    year, month, day = map(int, m.groups())
    if year < 1:
        return "年份不对"
    if not 1 <= month <= 12:
        return "月份只能是 01—12"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{year}年{month}月只有 {days} 天"
    return None


def date_problems(path: Path, data: Any, lines: dict[tuple, int], check_format: bool = False) -> list[PolicyDataError]:
    """Every date field (``from``, ``until``, ``checked``, a source's ``date``) that names no real day.
    ``check_format``: also dates not written YYYY-MM-DD (where no JSON Schema already says so)."""
    out: list[PolicyDataError] = []

    def walk(x: Any, at: tuple) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                here = at + (k,)
                if k in DATE_FIELDS and isinstance(v, str):
                    why = date_problem(v)
                    if why:
                        out.append(PolicyDataError(path, line_of(lines, here), f"“{field_name(here)}”的日期“{v}”不存在：{why} / no such date: {v}"))
                    elif check_format and not RE_ISO_DATE.match(v):
                        out.append(PolicyDataError(path, line_of(lines, here),
                                                   f"“{field_name(here)}”的日期“{v}”要写成 YYYY-MM-DD，如 2024-07-01 / write dates as YYYY-MM-DD"))
                else:
                    walk(v, here)
        elif isinstance(x, list):
            for i, v in enumerate(x):
                walk(v, at + (i,))

    walk(data, ())
    return out


def number(value: Any) -> Fraction | None:
    """A value or bound as an exact number: ``"760"``, ``"0.30"``, ``"1/6"``, ``12``; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, str) and (RE_DECIMAL.match(value) or RE_FRACTION.match(value)):
        return Fraction(value)
    return None


def _shown(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{float(x):g}"


CONFIRM = "plausibility_checked: \"核对的经过\""
PLAUSIBLE_KEYS = ("min", "max", "max_change")


def plausible_bounds(definition: dict[str, Any]) -> tuple[Fraction | None, Fraction | None, Fraction | None] | None:
    """A definition's ``plausible: {min, max, max_change}`` as numbers; None when it has none or they
    are malformed (parameters.yaml's own check reports that)."""
    bounds = definition.get("plausible")
    if not isinstance(bounds, dict) or not bounds or set(bounds) - set(PLAUSIBLE_KEYS):
        return None
    if definition.get("unit") not in DECIMAL_UNITS | INTEGER_UNITS or any(number(v) is None for v in bounds.values()):
        return None
    lo, hi, jump = (number(bounds.get(k)) for k in PLAUSIBLE_KEYS)
    if (lo is not None and hi is not None and lo > hi) or (jump is not None and jump <= 0):
        return None
    return lo, hi, jump


def plausibility_problems(path: Path, param: str, definition: dict[str, Any], entries: list[Any],
                          lines: dict[tuple, int]) -> list[PolicyDataError]:
    """Values outside the definition's ``plausible`` range (min, max), or changed from the place's
    previous value by more than ``max_change`` (a fraction): usually a yearly figure in a monthly
    field or a digit too many.  An entry with ``plausibility_checked: "<reason>"`` is a confirmed outlier."""
    bounds = plausible_bounds(definition)
    if bounds is None:
        return []
    lo, hi, jump = bounds
    unit = UNIT_WORDS.get(definition.get("unit", ""), definition.get("unit", ""))
    out: list[PolicyDataError] = []
    previous: tuple[Fraction, str, int] | None = None  # the place's previous value, its date and line
    for i, entry in enumerate(entries):
        x = number(entry.get("value")) if isinstance(entry, dict) else None
        if x is None:  # null (a value not found) or not a number: the change to the next one is unknown
            previous = None
            continue
        at = ("parameters", param, i, "value")
        line = line_of(lines, at)
        confirmed = isinstance(entry.get("plausibility_checked"), str) and entry["plausibility_checked"].strip()
        if not confirmed:
            if (lo is not None and x < lo) or (hi is not None and x > hi):
                per_month = "（这是每月的数：按年公布的要除以 12）" if hi is not None and x > hi and "月" in unit else ""
                out.append(PolicyDataError(path, line, (
                    f"“{param}”（{definition.get('label', param)}）的值 {entry['value']} 不在常见范围 "
                    f"{_shown(lo) if lo is not None else '…'}—{_shown(hi) if hi is not None else '…'} {unit}内{per_month}。"
                    f"笔误请改正；核对过确实如此的，在这一条加上 {CONFIRM} / value {entry['value']} is outside the plausible "
                    f"range in policy_data/parameters.yaml; confirm a true outlier with plausibility_checked")))
            elif jump is not None and previous is not None and previous[0] > 0 and abs(x - previous[0]) / previous[0] > jump:
                change = (x - previous[0]) / previous[0] * 100
                out.append(PolicyDataError(path, line, (
                    f"“{param}”（{definition.get('label', param)}）从 {_shown(previous[0])}（第 {previous[2]} 行，{previous[1]} 起）"
                    f"变为 {entry['value']}，变化 {float(change):+.0f}%，超过 ±{float(jump * 100):g}%：常见原因是写成了年标准、"
                    f"多打或少打了一位。核对过确实如此的，在这一条加上 {CONFIRM} / a change of {float(change):+.0f}% from the "
                    f"previous value exceeds max_change; confirm it with plausibility_checked")))
        previous = (x, str(entry.get("from")), line)
    return out


def validate_jurisdiction(
    path: Path,
    data: Any,
    lines: dict[tuple, int],
    definitions: dict[str, Any] | None,
    clauses: dict[str, str],
    validator: jsonschema.Draft202012Validator,
    broken: frozenset[str] | set[str] = frozenset(),
) -> list[PolicyDataError]:
    """Every problem in one jurisdiction file: the schema's, then every other check on the fields the
    schema found well-formed (a wrong type in one entry does not hide a wrong quote in another).
    ``definitions`` None: parameters.yaml could not be read, so parameter names and units are not
    checked here (rather than every one reported as unknown); ``broken``: definitions without a
    usable unit, whose values are not checked against them."""
    problems: list[PolicyDataError] = []
    schema_paths: set[tuple] = set()
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    for err in errors:
        where = tuple(err.absolute_path)
        schema_paths.add(where)
        field = ".".join(map(str, where)) or "(top level)"
        if err.validator == "additionalProperties":
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            where = where + (extra[0],) if extra else where
            msg = f"未知字段“{', '.join(extra)}” / unknown key {extra} in '{field}'"
        elif err.validator == "anyOf" and where[-1:] == ("source",):
            msg = (f"来源“{field}”要写发布单位（publisher）或日期（date）：纸质通知写发文机关和日期，电话记录写对方单位和日期；"
                   "url 没有可以不写 / a source needs a title and a publisher or a date")
        elif err.validator == "anyOf":
            msg = f"“{field}”没有写依据：每个值都要有 clause（条款）或 source（来源）/ value needs a clause or a source"
        else:
            msg = f"字段“{field}”不符合格式 / field '{field}': {err.message}"
        problems.append(PolicyDataError(path, line_of(lines, where), msg))

    def clean(at: tuple) -> bool:
        """No schema error at this field or inside it: its other checks can run."""
        return not any(p[: len(at)] == at for p in schema_paths)

    if not isinstance(data, dict):
        return problems
    if isinstance(data.get("id"), str) and data["id"] != path.stem:
        problems.append(PolicyDataError(path, line_of(lines, ("id",)), f"id“{data['id']}”必须与文件名“{path.stem}”相同 / id must equal the file name"))
    parameters = data.get("parameters")
    for param, entries in parameters.items() if isinstance(parameters, dict) else ():
        definition = None
        if definitions is not None:
            if param not in definitions:
                problems.append(PolicyDataError(
                    path, line_of(lines, ("parameters", param)), f"未定义的参数“{param}”/ parameter '{param}' is not defined in policy_data/parameters.yaml"
                ))
                continue
            if param not in broken:
                definition = definitions[param]
        if not isinstance(entries, list):
            continue
        previous = None
        well_formed: list[Any] = []  # the entries whose value is of the right kind (the plausibility check reads them)
        for i, entry in enumerate(entries):
            well_formed.append(None)
            if not isinstance(entry, dict):
                continue
            at = ("parameters", param, i)
            start = entry.get("from")
            if isinstance(start, str) and clean(at + ("from",)):
                if previous is not None and start <= previous:
                    problem = "重复" if start == previous else "未按时间先后排列"
                    problems.append(PolicyDataError(
                        path, line_of(lines, at + ("from",)), f"“{param}”的日期{problem} / dates of '{param}' must be strictly increasing ({previous} → {start})"
                    ))
                previous = start
            until = entry.get("until")
            if isinstance(until, str) and isinstance(start, str) and clean(at + ("until",)):
                following = entries[i + 1] if i + 1 < len(entries) else None
                nxt = following.get("from") if isinstance(following, dict) and isinstance(following.get("from"), str) else None
                if until < start or (nxt is not None and until >= nxt):
                    problems.append(PolicyDataError(
                        path, line_of(lines, at + ("until",)), f"“{param}”的 until 要在 from 之后、下一条之前 / 'until' must lie between 'from' and the next entry"
                    ))
            if definition is not None and "value" in entry and clean(at + ("value",)):
                kind_problem = check_value_kind(definition["unit"], entry["value"], definition)
                if kind_problem:
                    problems.append(PolicyDataError(path, line_of(lines, at + ("value",)), f"“{param}”：{kind_problem}"))
                else:
                    well_formed[-1] = entry
            clause = entry.get("clause")
            quote = entry.get("quote")
            if not clean(at + ("clause",)) or (quote is not None and not isinstance(quote, str)):
                continue
            if clause and clause not in clauses:
                problems.append(PolicyDataError(
                    path,
                    line_of(lines, at + ("clause",)),
                    f"条款“{clause}”不存在 / clause '{clause}' is not an anchor of a published document (see about/anchors)",
                ))
            elif quote:
                if not clause:
                    problems.append(PolicyDataError(path, line_of(lines, at + ("quote",)), "quote 只能和 clause 一起用 / 'quote' needs a 'clause'"))
                elif _norm(quote) not in clauses[clause]:
                    problems.append(PolicyDataError(
                        path, line_of(lines, at + ("quote",)),
                        f"条款“{clause}”里没有这句原文“{quote}” / the clause does not contain this quote",
                    ))
        if definition is not None:
            problems += plausibility_problems(path, param, definition, well_formed, lines)
    problems += date_problems(path, data, lines)
    return problems


KNOWN_UNITS = DECIMAL_UNITS | INTEGER_UNITS | {"bool", "phone", "choice"}


def check_definitions(path: Path, problems: list[PolicyDataError]) -> tuple[dict[str, Any] | None, set[str]]:
    """``parameters.yaml``: (definitions, ids of definitions without a usable unit). None when the file
    cannot be read: the places' files are then checked without it, not reported as all unknown."""
    try:
        definitions, lines, found = load_yaml_checked(path)
    except PolicyDataError as exc:
        problems.append(exc)
        return None, set()
    problems += found
    if not isinstance(definitions, dict):
        problems.append(PolicyDataError(path, 1, "parameters.yaml 要写成“参数代码: 定义”/ parameters.yaml must map parameter ids to definitions"))
        return None, set()
    broken: set[str] = set()
    for pid, d in definitions.items():
        if not isinstance(d, dict):
            problems.append(PolicyDataError(path, line_of(lines, (pid,)), f"参数“{pid}”要写 label、unit、description / missing fields"))
            broken.add(pid)
            continue
        missing = {"label", "unit", "description"} - set(d)
        if missing:
            problems.append(PolicyDataError(path, line_of(lines, (pid,)), f"参数“{pid}”缺少 {sorted(missing)} / missing fields"))
        unit = d.get("unit")
        if unit is not None and unit not in KNOWN_UNITS:
            problems.append(PolicyDataError(path, line_of(lines, (pid, "unit")), f"参数“{pid}”的单位“{unit}”不认识，只能是 {', '.join(sorted(KNOWN_UNITS))} / unknown unit"))
        if unit not in KNOWN_UNITS:
            broken.add(pid)
        if unit == "choice" and not isinstance(d.get("choices"), dict):
            problems.append(PolicyDataError(path, line_of(lines, (pid,)), f"参数“{pid}”是 choice，要写 choices / a choice parameter needs 'choices'"))
            broken.add(pid)
        if d.get("floor") not in (None, "higher", "lower", "later"):
            problems.append(PolicyDataError(path, line_of(lines, (pid, "floor")), "floor 只能是 higher、lower 或 later / floor must be higher, lower or later"))
        elif d.get("floor") == "later" and unit != "bool":
            problems.append(PolicyDataError(path, line_of(lines, (pid, "floor")), "floor: later 只用于是/否规则 / floor: later is for a bool parameter"))
        if d.get("cycle_months") is not None and (not isinstance(d["cycle_months"], int) or d["cycle_months"] <= 0 or not d.get("cycle_basis")):
            problems.append(PolicyDataError(path, line_of(lines, (pid, "cycle_months")), "cycle_months 要是正整数，并写 cycle_basis / cycle_months needs a positive integer and a cycle_basis"))
        if d.get("plausible") is not None and plausible_bounds(d) is None:
            problems.append(PolicyDataError(path, line_of(lines, (pid, "plausible")), (
                f"参数“{pid}”的 plausible 只用于数值参数，写成 {{min: \"150\", max: \"2500\", max_change: \"0.30\"}}（min ≤ max；"
                "max_change 是同一地区相邻两个值之间的最大变化比例，大于 0）/ plausible needs numeric min ≤ max and max_change > 0")))
    return definitions, broken


def compile_policy_data(data_dir: Path, docs_dir: Path) -> dict[str, Any]:
    """Validate everything and return the bundle (a JSON-able dict); raises PolicyDataErrors with every
    problem of every file, each once: an error in one file never hides another file's, nor makes one up
    (a broken place file still exists for its children and its programme catalogue)."""
    pages = load_policy_pages(docs_dir)
    texts = clause_texts(pages)
    schema = json.loads((data_dir / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems: list[PolicyDataError] = []
    definitions, broken = check_definitions(data_dir / "parameters.yaml", problems)
    files = sorted((data_dir / "jurisdictions").glob("*.yaml"))
    existing = {path.stem for path in files}
    jurisdictions: dict[str, Any] = {}  # the bundle: files without a problem
    loaded: dict[str, tuple[Path, dict[str, Any], dict[tuple, int]]] = {}  # every file that could be read, by file name
    for path in files:
        try:
            data, lines, found = load_yaml_checked(path)
        except PolicyDataError as exc:
            problems.append(exc)
            continue
        found += validate_jurisdiction(path, data, lines, definitions, texts, validator, broken)
        problems += found
        if isinstance(data, dict):
            loaded[path.stem] = (path, data, lines)
            if not found:
                jurisdictions[data["id"]] = data
    for stem, (path, data, lines) in loaded.items():
        seen = {stem}
        parent = data.get("parent")
        while isinstance(parent, str):
            if parent not in existing:
                problems.append(PolicyDataError(path, line_of(lines, ("parent",)), f"上级“{parent}”不存在 / parent '{parent}' has no file"))
                break
            if parent in seen:
                problems.append(PolicyDataError(path, line_of(lines, ("parent",)), f"上级关系成环 / parent chain loops at '{parent}'"))
                break
            seen.add(parent)
            parent = loaded[parent][1].get("parent") if parent in loaded else None
        documents = data.get("documents")
        for i, doc in enumerate(documents if isinstance(documents, list) else []):
            if isinstance(doc, str) and doc not in pages:
                problems.append(PolicyDataError(path, line_of(lines, ("documents", i)), f"文件“{doc}”不存在 / document '{doc}' is not published"))
    programmes = compile_programmes(data_dir, existing, texts, problems)
    pending = compile_pending(data_dir, pages, problems)
    for page in pages.values():
        if page.meta.get("on_expiry") not in (None, "lapse", "last_known"):
            problems.append(PolicyDataError(page.path, 1, "on_expiry 只能是 lapse 或 last_known / on_expiry must be lapse or last_known"))
    if problems:
        once = {(str(e.path), e.line, e.message): e for e in problems}
        raise PolicyDataErrors(sorted(once.values(), key=lambda e: (str(e.path), e.line)))
    return {
        "parameters": definitions,
        "jurisdictions": jurisdictions,
        "clauses": clause_table(pages),
        "documents": supersede(document_table(pages), pending),
        "programmes": programmes,
        "pending": pending,
    }


PROGRAMME_FIELDS = {"id", "title", "gives", "clause", "source", "quote", "who", "who_unstated", "apply", "bring", "from", "until", "status", "checked"}
# The screener's condition vocabulary, read from the screener itself (one list, not a second copy).
CONDITIONS = set(screener.CONDITIONS)
MEMBER_CONDITIONS = set(screener.MEMBER_CONDITIONS)


def compile_programmes(data_dir: Path, places: set[str] | dict[str, Any], texts: dict[str, str],
                       problems: list[PolicyDataError]) -> dict[str, list[dict[str, Any]]]:
    """``policy_data/programmes/<place>.yaml`` → {place: [programme]}: each with a clause that exists,
    a quote the clause contains, and conditions from the screener's vocabulary (calculators/tools/screener.py).
    ``places``: the places that have a file (a place file with errors still exists: its catalogue is
    checked all the same, and not called unknown)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for path in sorted((data_dir / "programmes").glob("*.yaml")) if (data_dir / "programmes").is_dir() else []:
        try:
            data, lines, found = load_yaml_checked(path)
        except PolicyDataError as exc:
            problems.append(exc)
            continue
        problems += found
        if not isinstance(data, dict):
            problems.append(PolicyDataError(path, 1, "要写 jurisdiction: 地区代码 和 programmes: 列表 / needs 'jurisdiction' and 'programmes'"))
            continue
        j = data.get("jurisdiction")
        if j not in places:
            problems.append(PolicyDataError(path, line_of(lines, ("jurisdiction",)), f"地区“{j}”没有参数文件 / unknown jurisdiction"))
        items = data.get("programmes") or []
        if not isinstance(items, list):
            problems.append(PolicyDataError(path, line_of(lines, ("programmes",)), "programmes 要写成列表（每项以 - 开头）/ 'programmes' must be a list"))
            items = []
        entries = []
        for i, p in enumerate(items):
            at = ("programmes", i)
            if not isinstance(p, dict):
                problems.append(PolicyDataError(path, line_of(lines, at), "每一项要写成 id、title、gives、who 等字段 / each programme is a mapping"))
                continue
            bad = sorted(set(p) - PROGRAMME_FIELDS)
            missing = sorted({"id", "title", "gives", "who"} - set(p)) + ([] if p.get("clause") or p.get("source") else ["clause 或 source"])
            if bad or missing:
                problems.append(PolicyDataError(path, line_of(lines, at), f"项目字段不对：多了 {bad}，缺少 {missing} / unknown or missing fields"))
            clause = p.get("clause")
            if clause and (not isinstance(clause, str) or clause not in texts):
                problems.append(PolicyDataError(path, line_of(lines, at + ("clause",)), f"条款“{clause}”不存在 / clause not found"))
            elif p.get("quote") and (not clause or not isinstance(p["quote"], str) or _norm(p["quote"]) not in texts[clause]):
                problems.append(PolicyDataError(path, line_of(lines, at + ("quote",)), f"条款 {clause} 里没有这句原文 / quote not in the clause: {p['quote']}"))
            if "who" in p:
                for k, alt in enumerate(p["who"] if isinstance(p["who"], list) else [None]):
                    if not isinstance(alt, dict) or set(alt) - CONDITIONS or set(alt.get("member") or {}) - MEMBER_CONDITIONS:
                        problems.append(PolicyDataError(path, line_of(lines, at + ("who", k)),
                                                        f"条件写法不对 / unknown condition (allowed: {sorted(CONDITIONS)}; member: {sorted(MEMBER_CONDITIONS)})"))
            entries.append({**p, "from": _iso(p.get("from")), "until": _iso(p.get("until"))})
        problems += date_problems(path, data, lines, check_format=True)
        if isinstance(j, str):
            out[j] = entries
    return out


PENDING_FIELDS = {"id", "title", "issuer", "jurisdiction", "supersedes", "readings", "reports", "adopted", "effective", "checked", "note"}


def compile_pending(data_dir: Path, pages: dict[str, PolicyPage], problems: list[PolicyDataError]) -> list[dict[str, Any]]:
    """``policy_data/pending_documents.yaml``: documents on their way (a law in its readings), with dated status.

    Each needs an id, a title, readings with a date, a text and a source; ``effective`` is null until
    verified, and ``supersedes`` names published documents. Dates are real days (file:line otherwise)."""
    path = data_dir / "pending_documents.yaml"
    if not path.exists():
        return []
    try:
        data, lines, found = load_yaml_checked(path)
    except PolicyDataError as exc:
        problems.append(exc)
        return []
    problems += found
    problems += date_problems(path, data, lines, check_format=True)
    docs = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(docs, list):
        problems.append(PolicyDataError(path, 1, "要有 documents: 列表 / needs a `documents:` list"))
        return []
    out = []
    for i, d in enumerate(docs):
        at = ("documents", i)
        if not isinstance(d, dict):
            problems.append(PolicyDataError(path, line_of(lines, at), "每一项要写成“字段: 值” / each entry is a mapping"))
            continue
        bad = sorted(set(d) - PENDING_FIELDS)
        missing = sorted({"id", "title", "readings"} - set(d))
        if bad or missing:
            problems.append(PolicyDataError(path, line_of(lines, at), f"字段不对 / unknown {bad} or missing {missing} fields"))
            continue
        for k, r in enumerate(d["readings"] if isinstance(d["readings"], list) else [None]):
            if not isinstance(r, dict) or not {"date", "text", "source"} <= set(r):
                problems.append(PolicyDataError(path, line_of(lines, at + ("readings", k)), "每次审议要写 date、text、source / a reading needs date, text and source"))
        for k, doc in enumerate(d.get("supersedes") or []):
            if doc not in pages:
                problems.append(PolicyDataError(path, line_of(lines, at + ("supersedes", k)), f"文件“{doc}”不存在 / document '{doc}' is not published"))
        out.append(_plain(d))
    return out


def supersede(documents: dict[str, dict[str, Any]], pending: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A pending document with an ``effective`` date ends each document it supersedes the day before:
    their values become “last known” from then (and the new text's values, from that date, take precedence)."""
    for p in pending:
        if not p.get("effective"):
            continue
        end = (dt.date.fromisoformat(p["effective"]) - dt.timedelta(days=1)).isoformat()
        for doc in p.get("supersedes") or []:
            if doc in documents and not documents[doc].get("valid_until"):
                documents[doc] = {**documents[doc], "valid_until": end, "on_expiry": "last_known", "superseded_by": p["id"]}
    return documents


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def document_table(pages: dict[str, PolicyPage]) -> dict[str, dict[str, Any]]:
    """What resolution and the health report need of each document: its title and period."""
    return {
        doc: {
            "title": page.meta["short_title"],
            "date": _iso(page.meta.get("date")),
            "valid_from": _iso(page.meta.get("valid_from")),
            "valid_until": _iso(page.meta.get("valid_until")),
            "on_expiry": page.meta.get("on_expiry") or ("last_known" if page.meta.get("valid_until") else None),
            "url": page.url,
        }
        for doc, page in pages.items()
    }


def clause_table(pages: dict[str, PolicyPage]) -> dict[str, dict[str, str]]:
    """What the calculators need to show a clause: citation text and link."""
    out = {}
    for doc, page in pages.items():
        for c in page.clauses:
            out[f"{doc}#{c.anchor}"] = {
                "cite": f"{page.meta['cite_title']}{c.cite}",
                "title": c.title,
                "url": f"{POLICY_DIR}/{doc}/#{c.anchor}",
            }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Compile policy_data/ into the calculators' JSON bundle")
    ap.add_argument("--data", type=Path, default=ROOT / "policy_data")
    ap.add_argument("--docs", type=Path, default=ROOT / "docs")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--report", action="store_true", help="print the data health report (参数体检) instead of writing the bundle")
    ap.add_argument("--date", type=dt.date.fromisoformat, help="report as of this date (default: the build date)")
    args = ap.parse_args(argv)
    try:
        bundle = compile_policy_data(args.data, args.docs)
    except PolicyDataError as exc:
        errors = getattr(exc, "errors", [exc])
        print(f"policy_data：{len(errors)} 处错误 / {len(errors)} error(s):", file=sys.stderr)
        for e in errors:
            print(f"  {PolicyDataError.__str__(e)}", file=sys.stderr)
        return 1
    if args.report:
        print(health_text(ParameterSet(bundle), args.date or build_date()))
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(bundle, ensure_ascii=False, sort_keys=True, indent=1), encoding="utf-8")
    n = sum(len(e) for j in bundle["jurisdictions"].values() for e in j["parameters"].values())
    print(f"wrote {args.out}: {len(bundle['jurisdictions'])} jurisdictions, {n} dated values")
    return 0
