# SPDX-License-Identifier: MIT
"""Upload a built site to object storage (S3, OSS, COS, OBS …) behind a CDN: the plan and the commands.

    python scripts/upload_plan.py site/                                  # what would be uploaded, by phase
    python scripts/upload_plan.py site/ --emit aws --bucket s3://BUCKET > upload.sh
    python scripts/upload_plan.py site/ --emit ossutil --bucket oss://BUCKET > upload.sh
    python scripts/upload_plan.py site/ --json > plan.json               # keep it: --previous next time

``aws s3 sync`` / ``ossutil cp -r`` would upload ``x.wasm.br`` as an object of its own, which no CDN
substitutes for ``x.wasm``, and phones would get the 9.6 MB runtime uncompressed. A bucket cannot
choose an encoding per request, so each object is stored once, with its encoding fixed:

* ``--encoding br`` (default): the fingerprinted files (the runtime, our bundles, the theme: the large
  ones) as their ``.br`` bytes with ``Content-Encoding: br``, everything else as ``.gz`` bytes with
  ``gzip``. A browser that does not accept br cannot run the calculator from this bucket — but every
  browser able to run it (WebAssembly, module workers) accepts br over HTTPS, and pages stay in gzip,
  which every browser reads. Plain HTTP: Chromium does not accept br there; use gzip.
* ``--encoding gzip``: ``.gz`` bytes everywhere (runtime 3.5 MB instead of 2.7 MB); safe for any client.
* ``--encoding identity``: the files as they are, for a CDN that compresses (check it does for
  ``application/wasm``: many do not).

Order (phases): 1 fingerprinted files (new names: nothing points at them yet), 2 other files, 3 pages,
4 ``sw.js`` (its precache list names the new pages). Old objects are never deleted by the plan: a page
opened before the upload still finds its bundles; delete fingerprinted objects missing from the last two
plans a few weeks later. After the upload, refresh (purge) the CDN for every path that is not
fingerprinted (listed at the end; or refresh the site's directory). Build with ``JZ_PUBLIC_URL`` set
to the published address. The build's ``_headers`` files are not uploaded (a bucket cannot send a
per-page CSP header; the pages' ``<meta>`` policy applies).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build"))
from publish.csp import HEADER_FILES, IMMUTABLE  # noqa: E402
from publish.serve import TYPES, is_fingerprinted  # noqa: E402

NO_CACHE = "no-cache"
EXTRA_TYPES = {".map": "application/json", ".webmanifest": "application/manifest+json", ".gif": "image/gif", ".jpg": "image/jpeg",
               ".jpeg": "image/jpeg", ".webp": "image/webp", ".woff": "font/woff"}  # .pf_* and .pagefind: octet-stream
PHASES = {1: "fingerprinted files", 2: "other files", 3: "pages", 4: "service worker"}


@dataclass
class Upload:
    key: str               # object key (path under the bucket prefix)
    source: str            # file whose bytes are uploaded, relative to the site (x.br for x with br)
    content_type: str
    content_encoding: str  # "" for none
    cache_control: str
    phase: int
    size: int              # bytes uploaded


def content_type(rel: str) -> str:
    suffix = Path(rel).suffix
    return TYPES.get(suffix) or EXTRA_TYPES.get(suffix) or "application/octet-stream"


def phase_of(rel: str) -> int:
    if is_fingerprinted(rel):
        return 1
    if rel == "sw.js":
        return 4
    return 3 if rel.endswith(".html") else 2


def is_precompressed_copy(site: Path, rel: str) -> bool:
    return rel.endswith((".br", ".gz")) and (site / rel[:-3]).is_file()


def plan_site(site: Path, encoding: str = "br", previous: set[str] | None = None) -> list[Upload]:
    """Every object to upload, in upload order. ``previous``: keys uploaded last time; fingerprinted
    files among them are skipped (same name, same bytes)."""
    if encoding not in ("br", "gzip", "identity"):
        raise ValueError(f"encoding must be br, gzip or identity, not {encoding!r}")
    plan = []
    for p in sorted(site.rglob("*")):
        rel = p.relative_to(site).as_posix()
        if not p.is_file() or rel in HEADER_FILES or is_precompressed_copy(site, rel):
            continue
        phase = phase_of(rel)
        if phase == 1 and previous and rel in previous:
            continue
        wanted = ("br" if phase == 1 else "gzip") if encoding == "br" else encoding
        source, used = rel, ""
        for enc, ext in (("br", ".br"), ("gzip", ".gz")):
            if wanted == enc and (site / (rel + ext)).is_file():
                source, used = rel + ext, enc
                break
        else:  # no br copy: gzip if there is one (small files have neither: stored as they are)
            if wanted == "br" and (site / (rel + ".gz")).is_file():
                source, used = rel + ".gz", "gzip"
        plan.append(Upload(rel, source, content_type(rel), used, IMMUTABLE if phase == 1 else NO_CACHE, phase, (site / source).stat().st_size))
    plan.sort(key=lambda u: u.phase)  # stable: alphabetical within a phase
    return plan


def refresh_paths(plan: list[Upload]) -> list[str]:
    """Paths a CDN must refresh after the upload: everything not fingerprinted; a page also by its
    directory address (``calculators/dibao/``), which is how visitors ask for it."""
    out = []
    for u in plan:
        if u.phase == 1:
            continue
        if u.key == "index.html" or u.key.endswith("/index.html"):
            out.append(u.key[: -len("index.html")])
        out.append(u.key)
    return out


def join(bucket: str, key: str) -> str:
    return bucket.rstrip("/") + "/" + key


def emit_aws(plan: list[Upload], site: Path, bucket: str) -> list[str]:
    lines = []
    for u in plan:
        cmd = ["aws", "s3", "cp", str(site / u.source), join(bucket, u.key), "--content-type", u.content_type, "--cache-control", u.cache_control]
        if u.content_encoding:
            cmd += ["--content-encoding", u.content_encoding]
        lines.append((u.phase, shlex.join(cmd)))
    return script(lines, plan)


def emit_ossutil(plan: list[Upload], site: Path, bucket: str) -> list[str]:
    """ossutil 2.0: ``ossutil api put-object`` sets each header explicitly (OSS would guess the type)."""
    name, _, prefix = bucket.removeprefix("oss://").partition("/")
    lines = []
    for u in plan:
        cmd = ["ossutil", "api", "put-object", "--bucket", name, "--key", (prefix.rstrip("/") + "/" if prefix else "") + u.key,
               "--body", "file://" + str(site / u.source), "--content-type", u.content_type, "--cache-control", u.cache_control]
        if u.content_encoding:
            cmd += ["--content-encoding", u.content_encoding]
        lines.append((u.phase, shlex.join(cmd)))
    return script(lines, plan)


def script(commands: list[tuple[int, str]], plan: list[Upload]) -> list[str]:
    out = ["#!/bin/sh", "# Written by scripts/upload_plan.py: upload in this order; stop at the first error.", "set -eu"]
    shown = 0
    for phase, cmd in commands:
        if phase != shown:
            out += ["", f"# {phase}/4 {PHASES[phase]}"]
            shown = phase
        out.append(cmd)
    out += ["", "# Then refresh (purge) these paths on the CDN (relative to the site's address), or refresh the site's",
            "# whole directory; fingerprinted files need no refresh:"]
    out += [f"#   {p or './'}" for p in refresh_paths(plan)]
    return out


def summary(plan: list[Upload]) -> list[str]:
    out = []
    for phase, what in PHASES.items():
        items = [u for u in plan if u.phase == phase]
        by_enc: dict[str, int] = {}
        for u in items:
            by_enc[u.content_encoding or "none"] = by_enc.get(u.content_encoding or "none", 0) + 1
        out.append(f"{phase}. {what}: {len(items)} objects, {sum(u.size for u in items) / 1e6:.1f} MB "
                   f"({', '.join(f'{k} {v}' for k, v in sorted(by_enc.items()))})")
    big = max(plan, key=lambda u: u.size, default=None)
    if big:
        out.append(f"largest: {big.key} as {big.source} ({big.content_encoding or 'no encoding'}), {big.size / 1e6:.1f} MB")
    out.append(f"then refresh {len(refresh_paths(plan))} paths on the CDN (printed by --emit)")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="plan (and script) the upload of a built site to object storage + CDN")
    ap.add_argument("site", type=Path)
    ap.add_argument("--encoding", choices=("br", "gzip", "identity"), default="br")
    ap.add_argument("--emit", choices=("aws", "ossutil"), help="print a shell script of upload commands")
    ap.add_argument("--bucket", help="s3://BUCKET[/prefix] or oss://BUCKET[/prefix] (with --emit)")
    ap.add_argument("--json", action="store_true", help="print the plan as JSON")
    ap.add_argument("--previous", type=Path, help="the --json plan of the last upload: fingerprinted objects in it are skipped")
    args = ap.parse_args(argv)
    if not (args.site / "index.html").is_file():
        ap.error(f"{args.site} is not a built site (no index.html)")
    previous = {u["key"] for u in json.loads(args.previous.read_text(encoding="utf-8"))} if args.previous else None
    plan = plan_site(args.site.resolve(), args.encoding, previous)
    if args.json:
        print(json.dumps([asdict(u) for u in plan], ensure_ascii=False, indent=1))
    elif args.emit:
        if not args.bucket:
            ap.error("--emit needs --bucket")
        emit = emit_aws if args.emit == "aws" else emit_ossutil
        print("\n".join(emit(plan, args.site.resolve(), args.bucket)))
    else:
        print("\n".join(summary(plan)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
