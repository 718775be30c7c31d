# SPDX-License-Identifier: MIT
"""A Content-Security-Policy on every page: only the site's own origin.

Written as a ``<meta http-equiv>`` (a static host may not let us set headers), first
in ``<head>``.  Inline scripts are allowed by hash, page by page (Material has two
tiny ones); WebAssembly needs ``'wasm-unsafe-eval'`` — nothing else is loosened for
scripts.  Styles allow inline (Material sets style attributes from JS).  Hosts that
can send headers should send the same policy as a header (see README "Serving").
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

RE_INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:json|ld\+json)\")[^>]*>(.*?)</script>", re.S)
BASE = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def policy_for(html: str) -> str:
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode() + "'"
        for m in RE_INLINE.finditer(html)
    })
    return BASE.format(hashes="".join(" " + h for h in hashes))


def add_csp(site_dir: Path) -> int:
    n = 0
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="Content-Security-Policy"' in html:
            continue
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
        head = re.search(r"<head[^>]*>", html)
        charset = re.search(r'<meta charset="[^"]*">', html)
        at = charset.end() if charset else (head.end() if head else 0)
        page.write_text(html[:at] + meta + html[at:], encoding="utf-8")
        n += 1
    return n
