# SPDX-License-Identifier: MIT
"""The Markdown writer: blocks → the page body, metadata → its front matter.

A ``Block`` is what the clause parser produces (a heading with its anchor and ``data-cite``, an anchored
paragraph, a paragraph, raw HTML); ``render`` writes them as Python-Markdown with ``attr_list``
(``## 一、总体要求 {#s1 data-cite="一、"}``), escaping what policy text would otherwise turn into markup;
editor's notes are marked and kept out of search.  Front matter is plain YAML, in the order written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ingest.readers import SourceError


def escape_md(text: str) -> str:
    """Escape the few characters in policy text that Markdown treats as markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([*_`\[\]\\])", r"\\\1", text)


@dataclass
class Block:
    kind: str  # "h1" | "heading" | "para" | "clause" (an anchored paragraph: an article's item or 款) | "raw"
    text: str = ""
    level: int = 0
    anchor: str = ""
    cite: str = ""


def render(blocks: list[Block], base_level: int = 2) -> str:
    out: list[str] = []
    for b in blocks:
        if b.kind == "h1":
            out.append(f"# {escape_md(b.text)} {{#title}}")
        elif b.kind == "heading":
            attrs = f"#{b.anchor}" + (f' data-cite="{b.cite}"' if b.cite else "")
            out.append(f"{'#' * (base_level + b.level)} {escape_md(b.text)} {{{attrs}}}")
        elif b.kind == "raw":
            out.append(b.text)
        elif b.kind == "clause":  # attr_list: the attributes on the paragraph's last line
            out.append(f'{escape_md(b.text)}\n{{: #{b.anchor} data-cite="{b.cite}" }}')
        else:
            out.append(escape_md(b.text))
        out.append("")
    return "\n".join(out)


def add_editor_notes(blocks: list[Block], notes: list[dict[str, str]]) -> list[Block]:
    """Insert each editor's note after the first block containing ``after``.

    Notes are visibly marked and excluded from search and from the
    faithful-text comparison (class ``editor-note``).
    """
    for note in notes:
        at = next((i for i, b in enumerate(blocks) if note["after"] in b.text), None)
        if at is None:
            raise SourceError(f"编者注的位置文字在原文中找不到 / editor note anchor text not found: {note['after']!r}")
        blocks.insert(
            at + 1,
            Block(
                "raw",
                '<div class="editor-note" data-search-exclude role="note">'
                f"<p><strong>编者注</strong>　{escape_md(note['text'])}</p></div>",
            ),
        )
    return blocks


def front_matter_text(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def existing_front_matter(path: Path) -> str | None:
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    end = text.find("\n---\n", 4)
    return text[: end + 5] + "\n" if text.startswith("---\n") and end > 0 else None
