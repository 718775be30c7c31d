# SPDX-License-Identifier: MIT
"""Deploy recipes, tested on real parts: Debian nginx running deploy/nginx.conf over the built site
(every file: type, encoding, bytes, caching class; every page: its CSP header), the build's header
files, scripts/deploy_release.py (release swap and policy reloads on real nginx) and
scripts/upload_plan.py (object storage: keys, types, encodings, order). No network beyond loopback."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import shlex
import sys
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest
from deploy_support import RECIPE, Nginx, deploy, get, plan_site

from publish.csp import HEADER_FILES, IMMUTABLE, RE_META, format_nginx_map, merge_policies, nginx_map, page_policies, read_nginx_map
from publish.serve import is_fingerprinted

# What browsers need, by extension (media type without parameters). Debian's table serves .js as
# application/javascript, which is as good as text/javascript for scripts and module workers.
TYPES = {".html": {"text/html"}, ".wasm": {"application/wasm"}, ".mjs": {"text/javascript"},
         ".js": {"text/javascript", "application/javascript"}, ".css": {"text/css"}, ".json": {"application/json"},
         ".svg": {"image/svg+xml"}, ".png": {"image/png"}, ".xml": {"text/xml", "application/xml"}, ".zip": {"application/zip"}}


def site_files(site: Path) -> list[str]:
    """Every file a visitor can ask for (pre-compressed copies are chosen by the server, not asked for)."""
    return sorted(rel for p in site.rglob("*") if p.is_file()
                  and (rel := p.relative_to(site).as_posix()) not in HEADER_FILES
                  and not (rel.endswith((".br", ".gz")) and (site / rel[:-3]).is_file()))


@pytest.fixture(scope="module")
def nginx_site(built_site, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nginx")
    release = deploy(built_site, tmp / "srv", release_id="v1")
    with Nginx(tmp / "prefix", tmp / "srv") as server:
        yield server, release


def fetch_all(base: str, paths: list[str], encoding: str):
    """GET every path over one keep-alive connection: (status, headers, body) by path."""
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    out = {}
    try:
        for path in paths:
            conn.request("GET", "/" + path, headers={"Accept-Encoding": encoding})
            r = conn.getresponse()
            out[path] = (r.status, r.headers, r.read())
    finally:
        conn.close()
    return out


def test_every_file_has_its_type_encoding_bytes_and_caching_class(nginx_site):
    """For every file of the build, as Chromium asks (br, gzip): 200, the right type, the pre-compressed
    copy when the build wrote one (br before gzip) with its exact bytes, and `immutable` exactly for the
    files build/serve.py calls fingerprinted, `no-cache` for all others (pages, sw.js, pagefind entry …)."""
    server, site = nginx_site
    files = site_files(site)
    assert len(files) > 200
    got = fetch_all(server.url, files, "gzip, deflate, br")
    problems = []
    for rel in files:
        status, headers, body = got[rel]
        br, gz = site / (rel + ".br"), site / (rel + ".gz")
        want_enc, want_body = ("br", br) if br.is_file() and server.brotli else ("gzip", gz) if gz.is_file() else (None, site / rel)
        want_cache = IMMUTABLE if is_fingerprinted(rel) else "no-cache"
        media = (headers.get("Content-Type") or "").split(";")[0]
        if status != 200:
            problems.append(f"{rel}: {status}")
        elif headers.get("Content-Encoding") != want_enc or body != want_body.read_bytes():
            problems.append(f"{rel}: Content-Encoding {headers.get('Content-Encoding')} (want {want_enc})")
        elif headers.get("Cache-Control") != want_cache:
            problems.append(f"{rel}: Cache-Control {headers.get('Cache-Control')!r} (want {want_cache!r})")
        elif Path(rel).suffix in TYPES and media not in TYPES[Path(rel).suffix]:
            problems.append(f"{rel}: Content-Type {headers.get('Content-Type')}")
        elif want_enc and "Accept-Encoding" not in (headers.get("Vary") or ""):
            problems.append(f"{rel}: no Vary: Accept-Encoding")
    assert not problems, "\n".join(problems[:20])
    # The classes the README names, explicitly.
    wasm = next(r for r in files if r.endswith("pyodide.asm.wasm"))
    assert got[wasm][1]["Content-Type"] == "application/wasm" and got[wasm][1]["Cache-Control"] == IMMUTABLE
    assert got[wasm][1]["Content-Encoding"] == ("br" if server.brotli else "gzip") and len(got[wasm][2]) < 4_000_000
    assert got["index.html"][1]["Content-Type"] == "text/html; charset=utf-8"
    for rel in ("sw.js", "pagefind/pagefind-entry.json", "calculators/dibao/index.html"):
        assert got[rel][1]["Cache-Control"] == "no-cache", rel
    assert any(r.startswith("pagefind/fragment/") and got[r][1]["Cache-Control"] == IMMUTABLE for r in files)
    assert {got[r][1]["Content-Type"].split(";")[0] for r in files if r.endswith(".mjs")} == {"text/javascript"}


def test_gzip_for_browsers_without_brotli_and_nothing_for_neither(nginx_site):
    server, site = nginx_site
    wasm = next(site.glob("assets/pyodide/*/pyodide.asm.wasm")).relative_to(site).as_posix()
    status, headers, body = get(server.url + wasm, "gzip")
    assert headers["Content-Encoding"] == "gzip" and body == (site / (wasm + ".gz")).read_bytes()
    status, headers, body = get(server.url + wasm)
    assert "Content-Encoding" not in headers and body == (site / wasm).read_bytes()


def test_every_page_sends_its_own_policy_as_a_header(nginx_site):
    """The header nginx sends equals the page's <meta> policy (by its directory address and by
    index.html); other files get no CSP header (workers keep the behaviour they have under the meta)."""
    server, site = nginx_site
    policies = page_policies(site)
    paths = []
    for rel in policies:
        paths.append(rel)
        if rel.endswith("index.html"):
            paths.append(rel[: -len("index.html")])
    got = fetch_all(server.url, paths, "br")
    wrong = [p for p in paths if got[p][1].get("Content-Security-Policy") != policies[p if p.endswith(".html") else p + "index.html"]]
    assert not wrong, wrong[:10]
    assert "sha256-" in got["calculators/dibao/"][1]["Content-Security-Policy"]
    worker = next(site.glob("assets/calc/calc-worker.*.js")).relative_to(site).as_posix()
    assert "Content-Security-Policy" not in get(server.url + worker, "br")[1]


def test_header_files_and_missing_pages_are_not_served(nginx_site):
    server, site = nginx_site
    for name in HEADER_FILES:
        assert (site / name).is_file()
        status, headers, body = get(server.url + name)
        assert status == 404 and b"jz_csp" not in body and b"Content-Security-Policy:" not in body, name
    status, headers, body = get(server.url + "no/such/page/")
    assert status == 404 and headers["Cache-Control"] == "no-cache" and "社会救助政策明白站" in body.decode("utf-8")
    assert headers["Content-Security-Policy"] == page_policies(site)["404.html"]
    status, headers, _ = get(server.url + "calculators/dibao")
    assert status == 301 and headers["Location"] == "/calculators/dibao/"


def test_the_build_writes_the_header_files_from_its_pages(built_site):
    """_headers.nginx and _headers hold every page's current <meta> policy; neither is precached,
    indexed for search or compressed as a page."""
    policies = page_policies(built_site)
    assert len(policies) == len(list(built_site.rglob("*.html")))
    entries = read_nginx_map((built_site / "_headers.nginx").read_text(encoding="utf-8"))
    assert entries == read_nginx_map(nginx_map(policies))
    assert entries["/calculators/dibao/"] == RE_META.search((built_site / "calculators/dibao/index.html").read_text(encoding="utf-8")).group(1)
    netlify = (built_site / "_headers").read_text(encoding="utf-8")
    assert f"/calculators/dibao/\n  Content-Security-Policy: {entries['/calculators/dibao/']}\n" in netlify
    assert f"/assets/pyodide/*\n  Cache-Control: {IMMUTABLE}\n" in netlify
    sw = (built_site / "sw.js").read_text(encoding="utf-8")
    assert "_headers" not in sw
    assert not any("_headers" in p.name for p in (built_site / "pagefind").rglob("*"))


def test_policies_merge_for_a_swap_and_map_files_round_trip():
    a = "default-src 'self'; script-src 'self' 'sha256-A' 'sha256-C'; object-src 'none'"
    b = "default-src 'self'; script-src 'self' 'sha256-B' 'sha256-C'; object-src 'none'"
    assert merge_policies(a, b) == "default-src 'self'; script-src 'self' 'sha256-A' 'sha256-C' 'sha256-B'; object-src 'none'"
    assert merge_policies(a, a) == a
    entries = {"/": a, "/jiuzhu/calculators/dibao/": b}
    assert read_nginx_map(format_nginx_map(entries, "test")) == entries
    assert read_nginx_map(nginx_map({"index.html": a, "x/index.html": b}, "/jiuzhu/")) == {
        "/jiuzhu/": a, "/jiuzhu/index.html": a, "/jiuzhu/x/": b, "/jiuzhu/x/index.html": b}


# ------------------------------------------------------------------ scripts/deploy_release.py

def tiny_site(path: Path, policy: str, bundle: str) -> Path:
    """A two-file site with a page policy and one fingerprinted bundle."""
    (path / "assets" / "calc").mkdir(parents=True)
    (path / "index.html").write_text(f'<meta http-equiv="Content-Security-Policy" content="{policy}">{bundle}', encoding="utf-8")
    (path / "assets" / "calc" / bundle).write_text(bundle, encoding="utf-8")
    (path / "_headers.nginx").write_text(nginx_map({"index.html": policy}), encoding="utf-8")
    return path


@pytest.mark.nginx
def test_a_release_swap_loads_old_and_new_policies_first(tmp_path):
    """On real nginx: the first reload (policies of both releases) happens while the old release is
    still served and is confirmed before the swap; the second (new policies only) after it. The old
    release's bundle stays reachable; its map file is restored; only --keep releases are kept."""
    a = tiny_site(tmp_path / "a", "default-src 'self'; script-src 'self' 'sha256-AAA'", "one.111111111111.js")
    b = tiny_site(tmp_path / "b", "default-src 'self'; script-src 'self' 'sha256-BBB'", "two.222222222222.js")
    base = tmp_path / "srv"
    log = tmp_path / "reloads.log"
    deploy(a, base, release_id="a")
    with Nginx(tmp_path / "prefix", base) as server:
        assert get(server.url)[1]["Content-Security-Policy"] == "default-src 'self'; script-src 'self' 'sha256-AAA'"
        # The reload command records which release is being served when nginx is told to reload.
        reload = " ".join([shlex.quote(sys.executable), "-c", shlex.quote(RELOAD_AND_LOG), shlex.quote(str(base / "current")),
                           shlex.quote(str(log)), server.reload_command])
        deploy(b, base, reload_cmd=reload, check_url=server.url, release_id="b", keep=1)
        assert log.read_text().split() == ["a", "b"]  # both policies loaded while a is served; then b's own
        status, headers, body = get(server.url)
        assert headers["Content-Security-Policy"] == "default-src 'self'; script-src 'self' 'sha256-BBB'" and body.endswith(b"two.222222222222.js")
        assert get(server.url + "assets/calc/one.111111111111.js")[0] == 200  # carried over for one release
        assert sorted(p.name for p in (base / "releases").iterdir() if p.is_dir()) == ["b"]
        assert os.readlink(base / "current") == "releases/b"


def test_the_old_release_keeps_its_own_policies_for_a_rollback(tmp_path):
    a = tiny_site(tmp_path / "a", "default-src 'self'; script-src 'sha256-AAA'", "one.111111111111.js")
    b = tiny_site(tmp_path / "b", "default-src 'self'; script-src 'sha256-BBB'", "two.222222222222.js")
    base = tmp_path / "srv"
    deploy(a, base, release_id="a")
    deploy(b, base, release_id="b")  # no reload command: nothing to wait for
    assert (base / "releases" / "a" / "_headers.nginx").read_text() == (a / "_headers.nginx").read_text()
    assert json.loads((base / "releases" / "b.json").read_text())["carried_from_previous"] == 1


RELOAD_AND_LOG = """import os, subprocess, sys
current, log, *cmd = sys.argv[1:]
with open(log, "a") as f:
    f.write(os.path.basename(os.path.realpath(current)) + "\\n")
subprocess.run(cmd, check=True)
"""


def test_the_recipe_keeps_debians_mime_table():
    """The bug the deployment walk hit: a bare `types { }` replaces the MIME table (pages download)."""
    text = "\n".join(line.split("#", 1)[0] for line in RECIPE.read_text(encoding="utf-8").splitlines())
    server = text.split("server {", 1)[1]
    assert "include mime.types;" in server and server.index("include mime.types;") < server.index("types {")
    assert "add_header Cache-Control \"no-cache\" always;" in server


# ------------------------------------------------------------------ scripts/upload_plan.py

def test_upload_plan_stores_compressed_bytes_under_the_real_names(built_site):
    plan = plan_site(built_site)
    keys = [u.key for u in plan]
    assert sorted(keys) == site_files(built_site), "every file once, no .br/.gz objects, no _headers"
    assert [u.phase for u in plan] == sorted(u.phase for u in plan) and plan[-1].key == "sw.js"
    by_key = {u.key: u for u in plan}
    wasm = next(u for u in plan if u.key.endswith("pyodide.asm.wasm"))
    assert (wasm.source, wasm.content_encoding, wasm.content_type, wasm.cache_control, wasm.phase) == (
        wasm.key + ".br", "br", "application/wasm", IMMUTABLE, 1)
    page = by_key["calculators/dibao/index.html"]
    assert (page.content_encoding, page.content_type, page.cache_control, page.phase) == ("gzip", "text/html; charset=utf-8", "no-cache", 3)
    assert by_key["pagefind/pagefind-entry.json"].cache_control == "no-cache"
    for u in plan:  # the stored bytes decode to the file
        data = (built_site / u.source).read_bytes()
        raw = brotli.decompress(data) if u.content_encoding == "br" else gzip.decompress(data) if u.content_encoding == "gzip" else data
        assert raw == (built_site / u.key).read_bytes(), u.key
        assert u.cache_control == (IMMUTABLE if is_fingerprinted(u.key) else "no-cache"), u.key
    assert {u.content_encoding for u in plan_site(built_site, "gzip")} <= {"gzip", ""}
    assert {u.content_encoding for u in plan_site(built_site, "identity")} == {""}
    again = plan_site(built_site, previous=set(keys))
    assert again and all(u.phase > 1 for u in again), "fingerprinted objects uploaded last time are skipped"


def test_upload_scripts_for_aws_and_ossutil(built_site, capsys):
    from upload_plan import main

    for tool, bucket in (("aws", "s3://jiuzhu-bucket/county"), ("ossutil", "oss://jiuzhu-bucket/county")):
        assert main([str(built_site), "--emit", tool, "--bucket", bucket]) == 0
        lines = capsys.readouterr().out.splitlines()
        commands = [shlex.split(line) for line in lines if line.startswith(tool)]
        assert len(commands) == len(site_files(built_site))
        wasm = next(c for c in commands if any(a.endswith("pyodide.asm.wasm.br") for a in c))
        if tool == "aws":
            assert wasm[:3] == ["aws", "s3", "cp"] and wasm[4].startswith("s3://jiuzhu-bucket/county/assets/pyodide/") and wasm[4].endswith(".wasm")
        else:
            assert wasm[wasm.index("--key") + 1].startswith("county/assets/pyodide/") and wasm[wasm.index("--bucket") + 1] == "jiuzhu-bucket"
        for flag, value in (("--content-encoding", "br"), ("--content-type", "application/wasm"), ("--cache-control", IMMUTABLE)):
            assert wasm[wasm.index(flag) + 1] == value
        assert any(a.endswith("sw.js.gz") for a in commands[-1])
        refresh = lines[lines.index(next(line for line in lines if "refresh (purge)" in line)):]
        assert "#   calculators/dibao/" in refresh and "#   sw.js" in refresh
        assert not any("pyodide.asm.wasm" in line for line in refresh)


def test_the_local_server_agrees_on_header_files(built_site):
    """build/serve.py (scripts/serve.sh, the benchmark) does not serve the header files either."""
    import threading

    from publish.serve import make_server

    server = make_server(built_site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        for name in HEADER_FILES:
            assert get(base + name)[0] == 404, name
        assert get(base + "sw.js")[1]["Cache-Control"] == "no-cache"
    finally:
        server.shutdown()
        server.server_close()
