# SPDX-License-Identifier: MIT
"""台账 files: .xlsx / .csv → rows of cell texts, and the checked 台账 back out.

The one module of ``calculators/`` that uses a library outside the standard library: ``openpyxl``
(pure Python, maintained) for .xlsx, imported only when an .xlsx is read or written — by the CLI,
the template at build time, and the ledger page's worker (which alone downloads it).  CSV uses the
standard library.

Every problem with the file itself is an ``InputError`` with a Chinese message for staff; problems
with single cells are reported by row and column (``cell_problems``) while the rest is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from ..core.errors import InputError
from ..tools.ledger import FLAG_TITLES, col_letter
from .parameters import STATUS

MAX_BYTES = 20 * 1024 * 1024  # a 台账 of 20,000 households is about 2 MB; bigger files carry pictures or the wrong sheet
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls / .doc
OUT_COLUMNS = ("核查标记", "核查原因", "人均月收入（元）", "使用的低保标准（元）", "依据")


def sniff(name: str, data: bytes) -> str:
    """``xlsx`` or ``csv`` from the content (a renamed file is read for what it is)."""
    if not data:
        raise InputError("文件是空的（0 字节）。请确认选对了文件。", "file")
    if len(data) > MAX_BYTES:
        raise InputError(f"文件太大（{len(data) / 1024 / 1024:.0f} MB）：台账一般只有几 MB。请删去图片、其他工作表，"
                         "或按乡镇拆分后再打开。", "file")
    if data.startswith(XLSX_MAGIC):
        other = _office_kind(data)
        if other:
            raise InputError(f"这是{other}，不是表格：请打开 .xlsx（Excel、WPS 表格）或 .csv 文件。", "file")
        return "xlsx"
    if data.startswith(OLE_MAGIC):
        raise InputError("这是旧版 Excel（.xls）文件：请在 Excel 或 WPS 里“另存为” .xlsx 格式后再打开。", "file")
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"
    if head.lstrip().lower().startswith((b"<html", b"<!doctype", b"<table", b"<?xml")):
        raise InputError("这个文件是网页（HTML）格式，只是名字像表格：请在 Excel 或 WPS 里打开后“另存为” .xlsx 再试。", "file")
    if b"\x00" in head or head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8", b"GIF8")):
        raise InputError("这个文件不是表格：请打开 .xlsx（Excel、WPS 表格）或 .csv 文件。", "file")
    return "csv"


def _office_kind(data: bytes) -> str:
    """A zip that is another Office file (.docx, .pptx), named: “Word 文档”; "" for a spreadsheet or an unknown zip."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return ""
    if any(n.startswith("word/") for n in names):
        return "一个 Word 文档（.docx）"
    if any(n.startswith("ppt/") for n in names):
        return "一个演示文稿（PPT）"
    return ""


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's “Unicode 文本” (UTF-16, tab-separated)
        return data.decode("utf-16")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError("读不出这个 CSV 文件的文字：请在 Excel 或 WPS 里另存为 .xlsx 或 “CSV UTF-8” 后再打开。", "file")


def read_csv(data: bytes) -> list[list[str]]:
    text = _decode(data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    except csv.Error:
        raise InputError("CSV 文件格式有误（例如引号没有配对）：请在 Excel 或 WPS 里另存为 .xlsx 后再打开。", "file") from None


def read_xlsx(data: bytes) -> tuple[list[list[Any]], list[dict[str, Any]]]:
    """The first sheet with data as rows of values, merged ranges filled with their top-left value.

    A formula whose result was never saved (a file written by a program and not opened in Excel)
    has no value: each such cell is reported and left empty."""
    import zipfile

    from openpyxl import load_workbook  # only here: the ledger page alone downloads it

    problems: list[dict[str, Any]] = []
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        # (the exception's name is for developers, never in the message staff read)
        raise InputError("这个文件打不开：它不是有效的 .xlsx 表格，或者已经损坏。请在 Excel 或 WPS 里重新保存后再试。", "file") from None
    except Exception:  # openpyxl raises its own errors for odd files; none may crash the page  # noqa: BLE001
        raise InputError("这个 .xlsx 文件读不出来。请在 Excel 或 WPS 里另存为新文件后再试。", "file") from None
    from ..tools.ledger import find_header

    def header_found(ws: Any) -> bool:
        try:
            find_header([list(r) for r in ws.iter_rows(max_row=15, values_only=True)])
            return True
        except InputError:
            return False

    # The first sheet with a 台账 header (a 封面 or 说明 sheet may come first), else the first with data.
    sheet = next((ws for ws in book.worksheets if header_found(ws)),
                 next((ws for ws in book.worksheets if ws.max_row > 1 or ws.max_column > 1), book.worksheets[0]))
    rows: list[list[Any]] = [list(r) for r in sheet.iter_rows(values_only=True)]
    for rng in list(sheet.merged_cells.ranges):
        top = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(rows) else None
        for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
            for c in range(rng.min_col - 1, min(rng.max_col, len(rows[r]))):
                rows[r][c] = top
    for row in rows:
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, bool):
                row[c] = "是" if v else "否"
            elif isinstance(v, (dt.datetime, dt.date, dt.time)):
                row[c] = v.isoformat()
            elif isinstance(v, float) and v.is_integer():
                row[c] = int(v)
            elif isinstance(v, float):
                row[c] = f"{v:.2f}".rstrip("0").rstrip(".")
    # Cells that hold a formula but no saved value: read the formulas only when the sheets have any.
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")]
    if any(b"<f>" in x or b"<f " in x for x in sheets) and any(v is None for row in rows for v in row):
        formulas = load_workbook(io.BytesIO(data), data_only=False)[sheet.title]
        for row_cells in formulas.iter_rows():
            for cell in row_cells:
                if isinstance(cell.value, str) and cell.value.startswith("=") and rows[cell.row - 1][cell.column - 1] is None:
                    problems.append({"row": cell.row, "column": col_letter(cell.column - 1),
                                     "message": f"{col_letter(cell.column - 1)}{cell.row} 是公式（{cell.value[:30]}），没有保存计算结果："
                                     "请在 Excel 或 WPS 里打开后保存一次，或把公式改成数值。"})
    return rows, problems


def read_table(name: str, data: bytes) -> tuple[list[list[Any]], list[dict[str, Any]]]:
    """(rows, problems with single cells) from a file's bytes."""
    kind = sniff(name, data)
    if kind == "xlsx":
        return read_xlsx(data)
    return read_csv(data), []


RE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe(v: Any) -> Any:
    """A cell as written back: no control characters (not allowed in .xlsx), and text that a spreadsheet would
    run as a formula (“=…”, “+…”, “@…”) kept as text with a leading apostrophe."""
    if not isinstance(v, str):
        return v
    v = RE_CONTROL.sub("", v)
    return "'" + v if v[:1] in ("=", "+", "@") or (v[:1] == "-" and not re.match(r"^-\d", v)) else v


def checked_rows(table: list[list[Any]], result: dict[str, Any]) -> list[list[Any]]:
    """The 台账 as read, with the check's columns appended to the header row and each checked row."""
    h = result["header_row"] - 1
    width = max(len(r) for r in table)
    by_row = {x["row"]: x for x in result["rows"]}
    out: list[list[Any]] = []
    for i, row in enumerate(table):
        cells = [safe(v) for v in row] + [None] * (width - len(row))
        if i < h:
            out.append(cells + [None] * len(OUT_COLUMNS))
        elif i == h:
            out.append(cells + list(OUT_COLUMNS))
        elif i + 1 in by_row:
            x = by_row[i + 1]
            flags = "、".join(FLAG_TITLES[f["flag"]] for f in x["flags"])
            reasons = " ".join(f"【{FLAG_TITLES[f['flag']]}】{f['reason']}" for f in x["flags"])
            cites = "；".join([result["clauses"].get(c, {}).get("cite", c) for f in x["flags"] for c in f["clauses"]]
                             + [src["title"] for f in x["flags"] for src in f.get("sources", [])])
            out.append(cells + [flags or "未发现问题", reasons, x["per_capita"], x["standard"], cites])
        else:
            out.append(cells + [None] * len(OUT_COLUMNS))
    return out


def notes(result: dict[str, Any]) -> list[list[str]]:
    """The 说明 sheet: date, place, standards used (what-if values marked), counts, the disclaimer."""
    lines = [["核查日期", result["date"]], ["地区", result["jurisdiction_name"]], ["户数", str(result["households"])]]
    for code, title in result["flag_titles"].items():
        lines.append([title, str(result["summary"][code])])
    for p in result["parameters"]:
        status = STATUS.get(str(p["status"]), "还没有核实")
        since = f"{p['from']}起；" if p.get("from") and p["status"] != "override" else ""
        v = p["value"]
        shown = ("是" if v else "否") if isinstance(v, bool) else p.get("display") or v  # never “True”/“edge”
        lines.append([p["label"], f"{shown}（{since}{status}）"])
    for w in result.get("warnings", []):
        lines.append(["请注意", w])
    lines.append(["说明", result["disclaimer"]])
    return lines


def write_csv(table: list[list[Any]], result: dict[str, Any]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    for row in checked_rows(table, result):
        w.writerow(["" if v is None else v for v in row])
    return buf.getvalue().encode("utf-8-sig")  # the BOM: Excel opens it as UTF-8


def _number(text: Any) -> Any:
    """"800.00" → 800.0 (a number Excel can sum); anything else unchanged."""
    try:
        return float(text) if isinstance(text, str) and text else text
    except ValueError:
        return text


def write_xlsx(table: list[list[Any]], result: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    ws = book.active
    ws.title = "核查结果"
    h = result["header_row"]
    fill = PatternFill("solid", fgColor="FFF2CC")
    for i, row in enumerate(checked_rows(table, result), start=1):
        if i > h and row[-5] not in (None,):  # per-capita income and standard as numbers, shown to the fen
            row = row[:-3] + [_number(row[-3]), _number(row[-2])] + row[-1:]
        ws.append(row)
        if i > h:
            for c in (len(row) - 2, len(row) - 1):
                ws.cell(row=i, column=c).number_format = "0.00"
        if i == h:
            for cell in ws[i]:
                cell.font = Font(bold=True)
        elif i > h and row[-5] not in (None, "未发现问题"):
            ws.cell(row=i, column=len(row) - 4).fill = fill
    ws.freeze_panes = ws.cell(row=h + 1, column=1)
    width = ws.max_column
    for c, w in zip(range(width - 4, width + 1), (14, 60, 12, 14, 40), strict=True):
        ws.column_dimensions[col_letter(c - 1)].width = w
    info = book.create_sheet("说明")
    for line in notes(result):
        info.append(line)
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 80
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


TEMPLATE_HEADER = ("户主", "地区", "城乡", "家庭人数", "家庭月总收入", "当前待遇", "重残重病人数", "60岁以上人数")


def template_xlsx() -> bytes:
    """The downloadable 台账模板: the header, drop-down lists for 城乡 and 当前待遇, and a 填写说明 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    ws = book.active
    ws.title = "台账"
    ws.append(list(TEMPLATE_HEADER))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col, options in (("C", "城市,农村"), ("F", "低保,特困,无")):
        dv = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
        dv.error = "请从下拉列表里选择"
        ws.add_data_validation(dv)
        dv.add(f"{col}2:{col}5000")
    ws.freeze_panes = "A2"
    for col, w in zip("ABCDEFGH", (10, 24, 8, 10, 14, 10, 14, 14), strict=True):
        ws.column_dimensions[col].width = w
    guide = book.create_sheet("填写说明")
    for line in TEMPLATE_GUIDE:
        guide.append(list(line))
    guide.column_dimensions["A"].width = 16
    guide.column_dimensions["B"].width = 70
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_csv() -> bytes:
    return (",".join(TEMPLATE_HEADER) + "\r\n").encode("utf-8-sig")


TEMPLATE_GUIDE = (
    ("列", "怎么填"),
    ("户主", "户主姓名。"),
    ("地区", "乡镇、村（居）名称，用来分村统计；写了县名的，按那个县的标准核查。"),
    ("城乡", "城市 或 农村（按低保类别）。"),
    ("家庭人数", "共同生活的家庭成员人数，整数。"),
    ("家庭月总收入", "全家每月计入的收入合计（元），没有收入写 0；按年算的除以 12。中央确定的城乡居民基础养老金、优待抚恤金、救助款物等不计入的收入不要算进去。"),
    ("当前待遇", "低保、特困 或 无。"),
    ("重残重病人数", "家中重度残疾人（一、二级，三级智力、精神）和重病患者的人数，没有写 0。"),
    ("60岁以上人数", "家中60周岁以上老人人数，没有写 0。"),
    ("说明", "列的顺序可以不同，列名写成“姓名”“人口数”“月收入”等常见写法也能认出；全角数字也可以。"),
)
