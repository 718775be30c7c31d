# SPDX-License-Identifier: MIT
"""Readers: a source as received → its lines and any page metadata.

``.txt`` (UTF-8 or GB18030), ``.docx`` (python-docx, paragraphs and tables in document order) and a saved web
page (``.html``: block elements are lines, the page's ``<meta>`` kept, menus before the title skipped).  A table
becomes blank-line separated rows of ``\\t``-prefixed cells, whatever the format, for ``clauses.table_rows``.
A new source format is a new ``read_*`` function here, chosen by ``read_source``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path


class SourceError(ValueError):
    """A source the tool cannot import: the message says what to fix."""


def read_source(path: Path) -> tuple[list[str], dict[str, str]]:
    """The source as lines (tables as blank-line separated rows of ``\\t`` cells) and any page metadata."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path), {}
    if suffix in (".html", ".htm"):
        return read_html(path.read_bytes())
    if suffix not in (".txt", ".md", ""):
        raise SourceError(f"{path}: 只能读取 .txt、.docx 或 .html 文件 / unsupported file type {suffix}")
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).splitlines(), {}
        except UnicodeDecodeError:
            continue
    raise SourceError(f"{path}: 文件编码无法识别（应为 UTF-8 或 GB18030）")


def table_lines(rows: list[list[str]]) -> list[str]:
    out = [""]
    for row in rows:
        out += ["\t" + cell for cell in row] + [""]
    return out


def read_docx(path: Path) -> list[str]:
    import docx  # python-docx, only needed for .docx sources
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            lines.append(item.text)
        elif isinstance(item, Table):
            rows = []
            for row in item.rows:
                cells, seen = [], set()
                for cell in row.cells:  # a merged cell appears once per grid column
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append("".join(p.text for p in cell.paragraphs).strip())
                rows.append(cells)
            lines += table_lines(rows)
    return lines


class _PageText(HTMLParser):
    """Text of a saved web page: block elements are lines, table cells ``\\t`` lines."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "select", "button", "noscript"}
    BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "table", "tr", "dd", "dt", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skip = 0
        self.meta: dict[str, str] = {}
        self.in_title = False
        self.title = ""
        self.rows: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.table_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and a.get("name") and a.get("content"):
            self.meta[a["name"]] = a["content"]
        if tag == "title":
            self.in_title = True
        if tag in self.SKIP:
            self.skip += 1
        if self.skip:
            return
        if tag == "table":
            self.table_depth += 1
            if self.table_depth == 1:
                self.rows = []
        elif tag == "tr" and self.rows is not None and self.table_depth == 1:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None and self.table_depth == 1:
            self.cell = []
        elif tag in self.BLOCK and self.cell is None:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in ("td", "th") and self.cell is not None and self.rows:
            self.rows[-1].append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "table":
            self.table_depth -= 1
            if self.table_depth == 0 and self.rows is not None:
                self.lines += table_lines([r for r in self.rows if any(r)])
                self.rows = None
                self.lines.append("")
        elif tag in self.BLOCK and self.cell is None:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        else:
            self.lines[-1] += data.replace("\n", " ")


def read_html(data: bytes) -> tuple[list[str], dict[str, str]]:
    head = data[:4096].decode("ascii", "ignore").lower()
    m = re.search(r'charset=["\']?([a-z0-9_-]+)', head)
    encoding = m.group(1) if m else "utf-8"
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        text = data.decode("gb18030", "replace")
    parser = _PageText()
    parser.feed(text)
    parser.close()
    lines = [ln if ln.startswith("\t") else ln.replace("\xa0", " ").strip() for ln in parser.lines]
    meta = dict(parser.meta)
    title = meta.get("ArticleTitle") or parser.title.split("_")[0].split("-")[0].strip()
    # A portal page repeats menus before the document: start at its title.
    start = next((i for i, ln in enumerate(lines) if title and ln.strip() == title), 0)
    meta["title"] = title
    return lines[start:], meta
