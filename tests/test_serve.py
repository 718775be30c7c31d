# SPDX-License-Identifier: MIT
"""build/serve.py — the README's serve command and the benchmark's server — serves what the build
wrote the way production should: brotli/gzip by Accept-Encoding, application/wasm, immutable caching
for fingerprinted files only, 404 page, nothing outside the site folder."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request

import pytest

from publish.serve import make_server


@pytest.fixture(scope="module")
def served(built_site):
    server = make_server(built_site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", built_site
    server.shutdown()
    server.server_close()


def get(url: str, encoding: str = ""):
    req = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_wasm_is_brotli_typed_and_immutable(served):
    base, site = served
    wasm = next(site.glob("assets/pyodide/*/pyodide.asm.wasm"))
    rel = wasm.relative_to(site).as_posix()
    status, headers, body = get(base + rel, "gzip, deflate, br")
    assert status == 200 and headers["Content-Type"] == "application/wasm"
    assert headers["Content-Encoding"] == "br" and "immutable" in headers["Cache-Control"]
    assert body == (site / (rel + ".br")).read_bytes() and len(body) < wasm.stat().st_size / 2
    status, headers, body = get(base + rel, "gzip")
    assert headers["Content-Encoding"] == "gzip" and body == (site / (rel + ".gz")).read_bytes()
    status, headers, body = get(base + rel)
    assert "Content-Encoding" not in headers and body == wasm.read_bytes()


def test_pages_revalidate_and_missing_pages_get_the_404_page(served):
    base, site = served
    status, headers, body = get(base + "policies/changle-2021-yijian/", "br")
    assert status == 200 and headers["Cache-Control"] == "no-cache" and headers["Content-Type"].startswith("text/html")
    status, headers, _ = get(base + "sw.js")
    assert headers["Cache-Control"] == "no-cache"
    status, _, body = get(base + "no/such/page/")
    assert status == 404 and "社会救助政策明白站" in body.decode("utf-8")
    status, _, _ = get(base + "../../etc/passwd")
    assert status == 404
