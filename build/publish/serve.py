# SPDX-License-Identifier: MIT
"""Serve a built site the way production should: one implementation for the README's serve
command, the benchmark (scripts/bench.py) and the tests.

* the pre-compressed ``x.br`` / ``x.gz`` the build writes, chosen by ``Accept-Encoding``;
* correct types (``application/wasm``: Pyodide streams-compiles it);
* ``Cache-Control: immutable`` for fingerprinted files (``assets/pyodide/<version>/``,
  ``assets/calc/*.<hash>.*``, Material's ``*.<hash>.min.*``, Pagefind's hashed chunks), ``no-cache``
  for everything else (pages, ``sw.js``, ``pagefind/pagefind-entry.json``);
* the build's ``_headers`` files are not served (they describe headers; nginx: deploy/nginx.conf);
* the site's ``404.html`` with status 404.

    python build/serve.py [site] [--port 8000] [--bind 127.0.0.1]
"""

from __future__ import annotations

import argparse
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

HEADER_FILES = ("_headers", "_headers.nginx")  # publish/csp.py: descriptions of headers, never served
TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json",
         ".zip": "application/zip", ".whl": "application/zip", ".html": "text/html; charset=utf-8", ".css": "text/css",
         ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8", ".png": "image/png", ".ico": "image/x-icon",
         ".xml": "application/xml", ".csv": "text/csv; charset=utf-8", ".pdf": "application/pdf",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".woff2": "font/woff2"}


# Files whose name changes when their content does: safe to cache forever. One rule for this server,
# deploy/nginx.conf (tests/test_deploy_nginx.py compares them file by file) and scripts/upload_plan.py.
FINGERPRINTED = re.compile(
    r"^(?:assets/pyodide/[^/]+/"                                      # the runtime, by Pyodide version
    r"|pyodide/"                                                     # the benchmark's stock runtime
    r"|assets/calc/[^/]+\.[0-9a-f]{12}\.[a-z]+(?:\.(?:br|gz))?$"       # our bundles, content hash in the name
    r"|assets/(?:javascripts|stylesheets)/(?:workers/)?[^/]+\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map|\.br|\.gz)?$"  # Material
    r"|pagefind/(?:fragment|index|filter)/[^/]+$"                     # Pagefind: content-hashed chunks
    r"|pagefind/pagefind\.[^/]+\.pf_meta(?:\.br|\.gz)?$)"
)


def is_fingerprinted(rel: str) -> bool:
    """Files whose name changes when their content does: safe to cache forever (``rel`` relative to the site)."""
    return FINGERPRINTED.match(rel) is not None


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files the production way. ``roots`` maps URL prefixes to folders ("/" is the site)."""

    roots: dict[str, Path] = {}
    sent = 0  # bytes sent (headers + bodies), for the benchmark
    served: list[str] | None = None  # paths served, when the benchmark sets a list (never for the serve command)
    lock = threading.Lock()

    def log_message(self, *args):  # quiet: the benchmark and tests print their own output
        pass

    def _resolve(self, path: str) -> tuple[Path, str]:
        base, root = "/", self.roots["/"]
        for prefix, r in self.roots.items():
            if prefix != "/" and path.startswith(prefix):
                base, root = prefix, r
        rel = path[len(base):].lstrip("/")
        f = (root / rel).resolve()
        if root.resolve() not in (f, *f.parents):  # no escaping the site folder
            return root / "\0", rel
        return f, rel

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        path = unquote(urlsplit(self.path).path)
        f, rel = self._resolve(path)
        if f.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return
            f, rel = f / "index.html", rel + "/index.html"
        status = 200
        if not f.is_file() or rel.lstrip("/") in HEADER_FILES:
            status, f = 404, self.roots["/"] / "404.html"
            if not f.is_file():
                self.send_error(404)
                return
        accept = self.headers.get("Accept-Encoding", "")
        body, encoding = f, None
        for enc, ext in (("br", ".br"), ("gzip", ".gz")):
            if enc in accept and f.with_name(f.name + ext).exists():
                body, encoding = f.with_name(f.name + ext), enc
                break
        data = body.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", TYPES.get(f.suffix, "application/octet-stream"))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if status == 200 and is_fingerprinted(rel) else "no-cache")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head:
            self.wfile.write(data)
        with Handler.lock:
            Handler.sent += len(data) + 250  # ~250 bytes of response headers
            if Handler.served is not None:
                Handler.served.append(path)


def make_server(site: Path, port: int = 0, bind: str = "127.0.0.1", extra_roots: dict[str, Path] | None = None):
    handler = type("SiteHandler", (Handler,), {"roots": {"/": site, **(extra_roots or {})}})
    return http.server.ThreadingHTTPServer((bind, port), handler)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="serve a built site with pre-compressed files and production caching")
    ap.add_argument("site", nargs="?", default="site", type=Path)
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--bind", default="127.0.0.1")
    args = ap.parse_args(argv)
    server = make_server(args.site.resolve(), args.port, args.bind)
    print(f"Serving {args.site}/ on http://{args.bind}:{server.server_address[1]}/ (brotli/gzip, Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0
