# SPDX-License-Identifier: MIT
"""Writes the bad and awkward 台账 files under tests/ledger/ (run once; the files are committed).

    .venv/bin/python tests/ledger/make_files.py

The 50 MB file is not committed: tests/test_ledger.py makes it in a temporary folder.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
HEADER = ["户主", "地区", "城乡", "家庭人数", "家庭月总收入", "当前待遇", "重残重病人数", "60岁以上人数"]


def save(book: Workbook, name: str) -> None:
    out = io.BytesIO()
    book.save(out)
    (HERE / name).write_bytes(out.getvalue())


def main() -> None:
    (HERE / "empty.xlsx").write_bytes(b"")
    # A picture saved with a spreadsheet's name (what a phone's file picker may hand over).
    (HERE / "picture.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    # An old binary .xls (OLE compound file header, then nothing useful).
    (HERE / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    # A zip that is not a workbook.
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "不是表格")
    (HERE / "not-a-workbook.xlsx").write_bytes(buf.getvalue())

    # Formulas written by a program and never opened in Excel: no saved results.
    book = Workbook()
    ws = book.active
    ws.append(HEADER)
    ws.append(["甲", "城关镇东村", "农村", 3, "=300*3", "无", 0, 0])
    ws.append(["乙", "城关镇东村", "农村", 2, 3000, "低保", 0, 0])
    save(book, "formulas.xlsx")

    # A two-row header with merged cells (“家庭情况” over several columns), the 地区 merged down
    # over the households of one village, full-width digits and common column-name variants.
    book = Workbook()
    ws = book.active
    ws.append(["城关镇困难群众台账（2023年）"])
    ws.merge_cells("A1:H1")
    ws.append(["基本信息", None, None, "家庭情况", None, None, "特殊人员", None])
    ws.merge_cells("A2:C2")
    ws.merge_cells("D2:F2")
    ws.merge_cells("G2:H2")
    ws.append(["姓名", "所在村", "城乡类别", "人口数", "月收入", "救助类别", "重残重病", "60周岁以上人数"])
    ws.append(["丙", "东村", "农村", "３", "９００", "无", "0", "1"])
    ws.append(["丁", None, "农村", "两", "3000", "低保", "0", "0"])
    ws.append(["戊", None, "农村", "3", "2500元", "无", "1", "0"])
    ws.merge_cells("B4:B6")
    ws.append(["己", "西村", "农村", "三人", "abc", "无", "0", "0"])
    save(book, "merged-header.xlsx")

    # A CSV saved by Excel on a Chinese Windows machine: GB18030, full-width digits.
    text = ",".join(HEADER) + "\r\n" + "庚,南村,农村,３,６００,无,０,１\r\n"
    (HERE / "gbk.csv").write_bytes(text.encode("gb18030"))


if __name__ == "__main__":
    main()
