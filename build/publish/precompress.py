# SPDX-License-Identifier: MIT
"""Pre-compressed copies next to the site's files: ``x.wasm.br`` and ``x.wasm.gz``.

A static server that knows them (nginx ``brotli_static on; gzip_static on;``, Caddy
``file_server { precompressed br gzip }``) sends the small file with
``Content-Encoding`` — the 9.6 MB ``pyodide.asm.wasm`` goes out as 2.7 MB (brotli).
Brotli at quality 11 is slow (54 ms for a 56 KB policy page, 1.6 ms at quality 5 for 10 %
more bytes), so it is used only for the runtime and theme files under ``assets/`` — large,
the same build after build, and cached by content hash in ``.cache/compressed/``.  Pages,
QR codes and the search index change with the documents and there can be tens of thousands
of them at province scale: they get quality 5 (and gzip 6).  See README "Serving".
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import brotli

EXTENSIONS = {".wasm", ".mjs", ".js", ".zip", ".json", ".css", ".html", ".svg", ".xml", ".txt"}
MIN_SIZE = 1024


def compressed_copy(data: bytes, kind: str, cache: Path) -> bytes:
    """Brotli (quality 11) or gzip (9) of ``data``, cached by content in ``cache``."""
    key = cache / f"{hashlib.sha256(data).hexdigest()}.{kind}"
    if key.exists():
        return key.read_bytes()
    out = brotli.compress(data, quality=11) if kind == "br" else gzip.compress(data, compresslevel=9, mtime=0)
    cache.mkdir(parents=True, exist_ok=True)
    key.write_bytes(out)
    return out


def _fast(data: bytes, kind: str) -> bytes:
    return brotli.compress(data, quality=5) if kind == "br" else gzip.compress(data, compresslevel=6, mtime=0)


def precompress(site_dir: Path, cache: Path) -> dict[str, int]:
    """Write .br and .gz beside every compressible file; return byte totals."""
    totals = {"files": 0, "raw": 0, "br": 0, "gz": 0}
    for p in sorted(site_dir.rglob("*")):
        if not p.is_file() or p.suffix not in EXTENSIONS or p.stat().st_size < MIN_SIZE:
            continue
        data = p.read_bytes()
        static = p.relative_to(site_dir).parts[0] == "assets"
        for kind in ("br", "gz"):
            packed = compressed_copy(data, kind, cache) if static else _fast(data, kind)
            if len(packed) < len(data):
                p.with_name(p.name + "." + kind).write_bytes(packed)
                totals[kind] += len(packed)
        totals["files"] += 1
        totals["raw"] += len(data)
    return totals
