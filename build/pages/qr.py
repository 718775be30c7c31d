# SPDX-License-Identifier: MIT
"""QR codes (segno, SVG) for pages, clause permalinks, calculators and prefilled links.

A QR code must hold the published address, so the build makes them only when
``extra.public_url`` is set (env ``JZ_PUBLIC_URL``).  For a hand-written campaign
link (a prefilled calculator), use the command line:

    .venv/bin/python build/qr.py "https://…/calculators/dibao/#j=changle&area=rural" poster.svg
"""

from __future__ import annotations

import argparse
import hashlib
import io
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import segno


def qr_svg(url: str, title: str = "") -> str:
    """An SVG QR code (error correction M, 4-module quiet zone) for ``url``."""
    code = segno.make(url, error="m", micro=False, boost_error=False)
    buf = io.BytesIO()
    code.save(buf, kind="svg", scale=6, border=4, xmldecl=False, title=title or url, svgclass="qr", lineclass=None)
    svg = buf.getvalue().decode("utf-8")
    # segno writes width/height only; a viewBox lets CSS scale the code (e.g. 32 mm on a 明白卡).
    size = code.symbol_size(scale=6, border=4)
    return svg.replace("<svg ", f'<svg viewBox="0 0 {size[0]} {size[1]}" ', 1)


def _key(url: str, title: str) -> str:
    return hashlib.sha256(f"{segno.__version__}\0{url}\0{title}".encode()).hexdigest()


def _make(job: tuple[str, str]) -> str:
    return qr_svg(*job)


def write_many(jobs: dict[Path, tuple[str, str]], cache: Path) -> int:
    """Write ``{path: (url, title)}`` QR codes; returns how many were made (not from the cache).

    Finding the best mask pattern costs ~8 ms a code; a province has tens of thousands of clause
    codes, so codes are cached by content (``.cache/qr/``) and the new ones made on every core.
    """
    todo: list[tuple[Path, Path, tuple[str, str]]] = []
    for path, job in jobs.items():
        hit = cache / f"{_key(*job)}.svg"
        path.parent.mkdir(parents=True, exist_ok=True)
        if hit.exists():
            path.write_bytes(hit.read_bytes())
        else:
            todo.append((path, hit, job))
    if not todo:
        return 0
    cache.mkdir(parents=True, exist_ok=True)
    if len(todo) < 200:
        made = [_make(job) for _, _, job in todo]
    else:
        with ProcessPoolExecutor() as pool:
            made = list(pool.map(_make, [job for _, _, job in todo], chunksize=64))
    for (path, hit, _), svg in zip(todo, made):
        path.write_text(svg, encoding="utf-8")
        hit.write_text(svg, encoding="utf-8")
    return len(todo)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="二维码：一个推广链接（如预填好的计算器链接）/ a QR code for a campaign link")
    ap.add_argument("url", help='the address, e.g. "https://…/calculators/dibao/#j=changle&area=rural"')
    ap.add_argument("out", help="the SVG file to write, e.g. poster.svg")
    args = ap.parse_args(argv)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(qr_svg(args.url))
    print(f"wrote {args.out}: {args.url}")
    return 0
