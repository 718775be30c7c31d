# SPDX-License-Identifier: MIT
"""A Content-Security-Policy on every page: only the site's own origin.

Written as a ``<meta http-equiv>`` (a static host may not let us set headers), first
in ``<head>``.  Inline scripts are allowed by hash, page by page (Material has two
tiny ones; the screener's ``<script type="speculationrules">`` is one too: a hash allows it); WebAssembly needs ``'wasm-unsafe-eval'`` — nothing else is loosened for
scripts.  Only scripts the build itself writes are hashed: the page's content (what comes from
Markdown or YAML, inside ``<article>``) may carry data (``<script type="application/json">``,
written with ``pages/forms.py``'s ``json_script`` so a ``</script>`` in the data cannot close it) but never an executable
inline script — the build fails and names the page (``content_scripts``).  Styles allow inline (Material sets style attributes from JS).  Hosts that
can send headers should send the same policy as a header (see README "Serving").

The hashes change with the data (the calculator's ``<head>`` script names the parameter bundles),
so a header copied by hand goes stale at the next build and blocks the calculator.  The
post-build stage therefore writes, on every build, the header for every page next to it:

* ``_headers`` — Netlify / Cloudflare Pages format (per page CSP, ``immutable`` for fingerprinted
  files); those hosts read it and do not serve it;
* ``_headers.nginx`` — the same policies as ``map`` entries (``"/path" "policy";``), included by
  ``deploy/nginx.conf`` inside ``map $uri $jz_csp { … }``.  nginx reads it when it (re)loads its
  configuration: ``scripts/deploy_release.py`` loads old + new policies before swapping releases.

Keys carry the path of the public address (``JZ_PUBLIC_URL``, e.g. ``/jiuzhu/``).  Neither file
is a page: not precached, not indexed, not uploaded by ``scripts/upload_plan.py``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path
from urllib.parse import urlsplit

RE_INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:json|ld\+json)\")[^>]*>(.*?)</script>", re.S)
BASE = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


class CspError(Exception):
    pass


def content_scripts(page_html: str) -> list[str]:
    """Executable inline scripts inside the page's content (``<article>``): none may exist — Markdown and
    YAML are content, and a script there would be allowed by its hash if we hashed it."""
    start, end = page_html.find("<article"), page_html.find("</article>")
    if start < 0 or end < 0:
        return []
    return [m.group(0)[:120] for m in RE_INLINE.finditer(page_html, start, end)]


def policy_for(html: str) -> str:
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode() + "'"
        for m in RE_INLINE.finditer(html)
    })
    return BASE.format(hashes="".join(" " + h for h in hashes))


def add_csp(site_dir: Path) -> int:
    n = 0
    found = [(page, s) for page in sorted(site_dir.rglob("*.html")) for s in content_scripts(page.read_text(encoding="utf-8"))]
    if found:
        raise CspError("页面内容里有脚本（来自 Markdown 或 YAML），本站不允许 / inline script in page content:\n"
                       + "\n".join(f"  {page.relative_to(site_dir)}: {s}" for page, s in found))
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


# ---------------------------------------------------------------------------- header files

HEADER_FILES = ("_headers", "_headers.nginx")
RE_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Fingerprinted paths as ``_headers`` patterns, a splat only at the end (build/serve.py FINGERPRINTED is the
# exact rule; Pagefind's small *.pf_meta stays revalidated there).
IMMUTABLE_PATTERNS = ("assets/pyodide/*", "assets/calc/*", "assets/javascripts/bundle.*", "assets/javascripts/workers/*",
                      "assets/stylesheets/*", "pagefind/fragment/*", "pagefind/index/*", "pagefind/filter/*")
IMMUTABLE = "public, max-age=31536000, immutable"


def url_prefix(public_url: str) -> str:
    """The path the site is published under: ``/`` or e.g. ``/jiuzhu/``."""
    path = urlsplit(public_url).path if public_url else "/"
    return path if path.endswith("/") else path + "/"


def page_policies(site_dir: Path) -> dict[str, str]:
    """Every page's policy, exactly as its ``<meta>`` states it, by path relative to the site."""
    out = {}
    for page in sorted(site_dir.rglob("*.html")):
        m = RE_META.search(page.read_text(encoding="utf-8"))
        if m:
            out[page.relative_to(site_dir).as_posix()] = html.unescape(m.group(1))
    return out


def page_paths(rel: str, prefix: str = "/") -> list[str]:
    """The request paths of a page: ``calculators/dibao/index.html`` is asked for as
    ``/calculators/dibao/`` and (after nginx's ``index``) ``/calculators/dibao/index.html``."""
    if rel == "index.html" or rel.endswith("/index.html"):
        return [prefix + rel[: -len("index.html")], prefix + rel]
    return [prefix + rel]


def nginx_map(policies: dict[str, str], prefix: str = "/") -> str:
    lines = ["# Content-Security-Policy of every page (the page's own <meta>), written by the build",
             "# (build/csp.py) on every build. Included inside `map $uri $jz_csp { … }` in deploy/nginx.conf.",
             "# Do not edit: the next build rewrites it. nginx reads it on (re)load."]
    for rel, policy in policies.items():
        for path in page_paths(rel, prefix):
            lines.append(f'"{path}" "{policy}";')
    return "\n".join(lines) + "\n"


RE_MAP_LINE = re.compile(r'^"([^"]*)"\s+"([^"]*)";$')


def read_nginx_map(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in map(RE_MAP_LINE.match, text.splitlines()) if m}


def format_nginx_map(entries: dict[str, str], note: str) -> str:
    return f"# {note}\n" + "".join(f'"{k}" "{v}";\n' for k, v in entries.items())


def merge_policies(a: str, b: str) -> str:
    """A policy allowing what either allows, directive by directive (same directives in both:
    only the inline-script hashes differ between builds). For the moment of a release swap."""
    merged: dict[str, list[str]] = {}
    for policy in (a, b):
        for directive in filter(None, (d.strip() for d in policy.split(";"))):
            name, *sources = directive.split()
            have = merged.setdefault(name, [])
            have.extend(s for s in sources if s not in have)
    return "; ".join(" ".join([name, *sources]) for name, sources in merged.items())


def netlify_headers(policies: dict[str, str], prefix: str = "/") -> str:
    lines = ["# Response headers for Netlify / Cloudflare Pages, written by the build (build/csp.py) on every",
             "# build: the policy of every page (the same as its <meta>) and long caching for fingerprinted files.",
             "# Every other file keeps the host's default (revalidated on every visit)."]
    for pattern in IMMUTABLE_PATTERNS:
        lines += [prefix + pattern, f"  Cache-Control: {IMMUTABLE}"]
    for rel, policy in policies.items():
        lines += [page_paths(rel, prefix)[0], f"  Content-Security-Policy: {policy}"]
    return "\n".join(lines) + "\n"


def write_header_files(site_dir: Path, public_url: str = "") -> int:
    """``_headers`` and ``_headers.nginx`` from the pages' policies; returns the number of pages."""
    policies = page_policies(site_dir)
    prefix = url_prefix(public_url)
    (site_dir / "_headers").write_text(netlify_headers(policies, prefix), encoding="utf-8")
    (site_dir / "_headers.nginx").write_text(nginx_map(policies, prefix), encoding="utf-8")
    return len(policies)
