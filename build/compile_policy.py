# SPDX-License-Identifier: MIT
"""Compile ``policy_data/`` (YAML) into the JSON bundle the calculators read.

Every problem is reported with the file, the line and a Chinese + English
sentence, all of them in one run: YAML syntax, unknown keys, wrong types (JSON
Schema in ``policy_data/schema.json``), unknown parameters, unsorted or
duplicate dates, a value of the wrong kind for its unit, a parent that does not
exist, a clause reference that is not an anchor of a published document, and a
``quote`` that the cited clause does not contain.

    python build/compile_policy.py [--out .cache/params.json]
    python build/compile_policy.py --report [--date 2026-12-03]   # 参数体检 (data health) as text
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from policy_pages import POLICY_DIR, PolicyPage, load_policy_pages

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / ".cache" / "params.json"

RE_DECIMAL = re.compile(r"^\d+(\.\d+)?$")
RE_FRACTION = re.compile(r"^\d+/[1-9]\d*$")
DECIMAL_UNITS = {"CNY/person/month", "CNY/month", "ratio"}
INTEGER_UNITS = {"months", "years", "working_days"}
RE_PHONE = re.compile(r"^(0\d{2,3}-\d{7,8}|1\d{4})$")


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
        for key, value in node.value:
            k = key.value
            out[path + (k,)] = key.start_mark.line + 1
            _line_index(value, path + (k,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_index(item, path + (i,), out)
    return out


def load_yaml(path: Path) -> tuple[Any, dict[tuple, int]]:
    text = path.read_text(encoding="utf-8-sig")
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise PolicyDataError(path, line, f"YAML 格式错误 / invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    if node is None:
        raise PolicyDataError(path, 1, "文件是空的 / file is empty")
    return _plain(data), _line_index(node)


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
            return f"单位为 {unit} 的值必须写成带引号的数字，如 \"0.30\" 或 \"1/6\" / a {unit} value must be a quoted decimal"
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


def validate_jurisdiction(
    path: Path,
    data: Any,
    lines: dict[tuple, int],
    definitions: dict[str, Any],
    clauses: dict[str, str],
    validator: jsonschema.Draft202012Validator,
) -> list[PolicyDataError]:
    """Every problem in one jurisdiction file."""
    problems: list[PolicyDataError] = []
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    for err in errors:
        where = tuple(err.absolute_path)
        field = ".".join(map(str, where)) or "(top level)"
        if err.validator == "additionalProperties":
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            where = where + (extra[0],) if extra else where
            msg = f"未知字段“{', '.join(extra)}” / unknown key {extra} in '{field}'"
        elif err.validator == "anyOf":
            msg = f"“{field}”没有写依据：每个值都要有 clause（条款）或 source（来源）/ value needs a clause or a source"
        else:
            msg = f"字段“{field}”不符合格式 / field '{field}': {err.message}"
        problems.append(PolicyDataError(path, line_of(lines, where), msg))
    if problems:
        return problems  # the checks below assume the schema holds
    if data["id"] != path.stem:
        problems.append(PolicyDataError(path, line_of(lines, ("id",)), f"id“{data['id']}”必须与文件名“{path.stem}”相同 / id must equal the file name"))
    for param, entries in data["parameters"].items():
        if param not in definitions:
            problems.append(PolicyDataError(
                path, line_of(lines, ("parameters", param)), f"未定义的参数“{param}”/ parameter '{param}' is not defined in policy_data/parameters.yaml"
            ))
            continue
        definition = definitions[param]
        unit = definition["unit"]
        previous = None
        for i, entry in enumerate(entries):
            at = ("parameters", param, i)
            if previous is not None and entry["from"] <= previous:
                problem = "重复" if entry["from"] == previous else "未按时间先后排列"
                problems.append(PolicyDataError(
                    path, line_of(lines, at + ("from",)), f"“{param}”的日期{problem} / dates of '{param}' must be strictly increasing ({previous} → {entry['from']})"
                ))
            previous = entry["from"]
            until = entry.get("until")
            if until is not None:
                nxt = entries[i + 1]["from"] if i + 1 < len(entries) else None
                if until < entry["from"] or (nxt is not None and until >= nxt):
                    problems.append(PolicyDataError(
                        path, line_of(lines, at + ("until",)), f"“{param}”的 until 要在 from 之后、下一条之前 / 'until' must lie between 'from' and the next entry"
                    ))
            msg = check_value_kind(unit, entry["value"], definition)
            if msg:
                problems.append(PolicyDataError(path, line_of(lines, at + ("value",)), f"“{param}”：{msg}"))
            clause = entry.get("clause")
            if clause and clause not in clauses:
                problems.append(PolicyDataError(
                    path,
                    line_of(lines, at + ("clause",)),
                    f"条款“{clause}”不存在 / clause '{clause}' is not an anchor of a published document (see about/anchors)",
                ))
            elif entry.get("quote"):
                if not clause:
                    problems.append(PolicyDataError(path, line_of(lines, at + ("quote",)), "quote 只能和 clause 一起用 / 'quote' needs a 'clause'"))
                elif _norm(entry["quote"]) not in clauses[clause]:
                    problems.append(PolicyDataError(
                        path, line_of(lines, at + ("quote",)),
                        f"条款“{clause}”里没有这句原文“{entry['quote']}” / the clause does not contain this quote",
                    ))
    return problems


def compile_policy_data(data_dir: Path, docs_dir: Path) -> dict[str, Any]:
    """Validate everything and return the bundle (a JSON-able dict); raises PolicyDataErrors with every problem."""
    pages = load_policy_pages(docs_dir)
    texts = clause_texts(pages)
    schema = json.loads((data_dir / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems: list[PolicyDataError] = []
    defs_path = data_dir / "parameters.yaml"
    definitions, def_lines = load_yaml(defs_path)
    for pid, d in definitions.items():
        missing = {"label", "unit", "description"} - set(d or {})
        if missing:
            problems.append(PolicyDataError(defs_path, line_of(def_lines, (pid,)), f"参数“{pid}”缺少 {sorted(missing)} / missing fields"))
            continue
        if d["unit"] == "choice" and not isinstance(d.get("choices"), dict):
            problems.append(PolicyDataError(defs_path, line_of(def_lines, (pid,)), f"参数“{pid}”是 choice，要写 choices / a choice parameter needs 'choices'"))
        if d.get("floor") not in (None, "higher", "lower"):
            problems.append(PolicyDataError(defs_path, line_of(def_lines, (pid, "floor")), "floor 只能是 higher 或 lower / floor must be higher or lower"))
        if d.get("cycle_months") is not None and (not isinstance(d["cycle_months"], int) or d["cycle_months"] <= 0 or not d.get("cycle_basis")):
            problems.append(PolicyDataError(defs_path, line_of(def_lines, (pid, "cycle_months")), "cycle_months 要是正整数，并写 cycle_basis / cycle_months needs a positive integer and a cycle_basis"))
    if problems:
        raise PolicyDataErrors(problems)
    jurisdictions: dict[str, Any] = {}
    line_tables: dict[str, tuple[Path, dict]] = {}
    for path in sorted((data_dir / "jurisdictions").glob("*.yaml")):
        try:
            data, lines = load_yaml(path)
        except PolicyDataError as exc:
            problems.append(exc)
            continue
        found = validate_jurisdiction(path, data, lines, definitions, texts, validator)
        problems += found
        if not found:
            jurisdictions[data["id"]] = data
            line_tables[data["id"]] = (path, lines)
    for jid, data in jurisdictions.items():
        path, lines = line_tables[jid]
        seen = {jid}
        parent = data["parent"]
        while parent is not None:
            if parent not in jurisdictions:
                problems.append(PolicyDataError(path, line_of(lines, ("parent",)), f"上级“{parent}”不存在 / parent '{parent}' has no file"))
                break
            if parent in seen:
                problems.append(PolicyDataError(path, line_of(lines, ("parent",)), f"上级关系成环 / parent chain loops at '{parent}'"))
                break
            seen.add(parent)
            parent = jurisdictions[parent]["parent"]
        for doc in data.get("documents", []):
            if doc not in pages:
                problems.append(PolicyDataError(path, line_of(lines, ("documents",)), f"文件“{doc}”不存在 / document '{doc}' is not published"))
    programmes = compile_programmes(data_dir, jurisdictions, texts, problems)
    for page in pages.values():
        if page.meta.get("on_expiry") not in (None, "lapse", "last_known"):
            problems.append(PolicyDataError(page.path, 1, "on_expiry 只能是 lapse 或 last_known / on_expiry must be lapse or last_known"))
    if problems:
        raise PolicyDataErrors(problems)
    return {
        "parameters": definitions,
        "jurisdictions": jurisdictions,
        "clauses": clause_table(pages),
        "documents": document_table(pages),
        "programmes": programmes,
    }


PROGRAMME_FIELDS = {"id", "title", "gives", "clause", "source", "quote", "who", "who_unstated", "apply", "bring", "from", "until", "status", "checked"}
CONDITIONS = {"receives", "member", "spending", "area", "housing", "emergency", "zero_employment"}
MEMBER_CONDITIONS = {"school", "disability_grade", "disabled", "severe_disability", "serious_illness", "age_min", "age_max", "able_to_work", "working"}


def compile_programmes(data_dir: Path, jurisdictions: dict[str, Any], texts: dict[str, str],
                       problems: list[PolicyDataError]) -> dict[str, list[dict[str, Any]]]:
    """``policy_data/programmes/<place>.yaml`` → {place: [programme]}: each with a clause that exists,
    a quote the clause contains, and conditions from the screener's vocabulary (calculators/screener.py)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for path in sorted((data_dir / "programmes").glob("*.yaml")) if (data_dir / "programmes").is_dir() else []:
        try:
            data, lines = load_yaml(path)
        except PolicyDataError as exc:
            problems.append(exc)
            continue
        j = (data or {}).get("jurisdiction")
        if j not in jurisdictions:
            problems.append(PolicyDataError(path, line_of(lines, ("jurisdiction",)), f"地区“{j}”没有参数文件 / unknown jurisdiction"))
            continue
        entries = []
        for i, p in enumerate(data.get("programmes") or []):
            at = ("programmes", i)
            bad = sorted(set(p) - PROGRAMME_FIELDS)
            missing = sorted({"id", "title", "gives", "who"} - set(p)) + ([] if p.get("clause") or p.get("source") else ["clause 或 source"])
            if bad or missing:
                problems.append(PolicyDataError(path, line_of(lines, at), f"项目字段不对：多了 {bad}，缺少 {missing} / unknown or missing fields"))
                continue
            if p.get("clause") and p["clause"] not in texts:
                problems.append(PolicyDataError(path, line_of(lines, at + ("clause",)), f"条款“{p['clause']}”不存在 / clause not found"))
                continue
            if p.get("quote") and (not p.get("clause") or _norm(p["quote"]) not in texts[p["clause"]]):
                problems.append(PolicyDataError(path, line_of(lines, at + ("quote",)), f"条款 {p['clause']} 里没有这句原文 / quote not in the clause: {p['quote']}"))
            for k, alt in enumerate(p["who"] if isinstance(p["who"], list) else [None]):
                if not isinstance(alt, dict) or set(alt) - CONDITIONS or set(alt.get("member") or {}) - MEMBER_CONDITIONS:
                    problems.append(PolicyDataError(path, line_of(lines, at + ("who", k)),
                                                    f"条件写法不对 / unknown condition (allowed: {sorted(CONDITIONS)}; member: {sorted(MEMBER_CONDITIONS)})"))
            entries.append({**p, "from": _iso(p.get("from")), "until": _iso(p.get("until"))})
        out[j] = entries
    return out


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
        from calculators.core.params import ParameterSet

        from health import build_date, health_text

        print(health_text(ParameterSet(bundle), args.date or build_date()))
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(bundle, ensure_ascii=False, sort_keys=True, indent=1), encoding="utf-8")
    n = sum(len(e) for j in bundle["jurisdictions"].values() for e in j["parameters"].values())
    print(f"wrote {args.out}: {len(bundle['jurisdictions'])} jurisdictions, {n} dated values")
    return 0


if __name__ == "__main__":
    sys.exit(main())
