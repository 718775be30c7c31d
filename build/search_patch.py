# SPDX-License-Identifier: MIT
"""Fix Chinese query segmentation in Material for MkDocs' search worker.

Hack: Material (9.x) segments a Chinese query against the words in the search
index, but its ``segment`` function never tries the whole run (``j <
query.length``) and drops trailing characters, so 渐退期 is searched as 渐退,
低保边缘 as 低保 and 一事一议 as 一, 事 — the clause the user asked for is lost.
We replace that one function in the built worker with forward maximum matching
over the same index vocabulary (longest indexed word at each position; an
unknown character stands alone; a remainder that starts an indexed word, such
as 工作日 of 工作日内, is kept whole for the wildcard to match).  The first and last segment are padded with
a space so that a Chinese run next to digits ("1.3倍", "20个工作日") is split
from them instead of forming one unmatchable term.  The build fails if the function is not
found, so a Material upgrade cannot silently undo this.
"""

from __future__ import annotations

import re
from pathlib import Path

# The minified function as shipped: function fe(t,e){let r=new Set,n=new Uint16Array(t.length);…return r.has("")?new Set([t]):r}
RE_SEGMENT = re.compile(
    r'function (?P<name>[A-Za-z_$][\w$]*)\((?P<q>\w),(?P<idx>\w)\)\{let \w=new Set,\w=new Uint16Array\(\w\.length\);'
    r'.*?return \w\.has\(""\)\?new Set\(\[\w\]\):\w\}'
)

REPLACEMENT = (
    "function {name}(q,idx){{let out=new Set,p=0,keys=null;"
    "while(p<q.length){{let n=1,rest=q.slice(p);"
    "if(rest.length>1&&!(rest in idx)){{keys=keys||Object.keys(idx);"
    "if(keys.some(k=>k.startsWith(rest))){{out.add(rest);break}}}}"
    "for(let j=Math.min(q.length,p+16);j>p+1;j--)if(q.slice(p,j) in idx){{n=j-p;break}}"
    "out.add(q.slice(p,p+n));p+=n}}"
    "let a=[...out];if(!a.length)return new Set([q]);"
    "a[0]=' '+a[0];a[a.length-1]+=' ';return new Set(a)}}"
)


# Hack: Material appends a wildcard to every query term, so "20" also matches
# 2021/2022/2023 — years in every title — and "20个工作日" ranks the 2023 task
# list above the clause that says 20个工作日.  Whole numbers are matched exactly.
WILDCARD_RULE = "/(^[+-]|[~^]\\d+$)/.test("
WILDCARD_RULE_FIXED = "/(^[+-]|[~^]\\d+$|^\\d+$)/.test("


class SearchPatchError(RuntimeError):
    pass


def patch_worker_source(js: str) -> str:
    matches = list(RE_SEGMENT.finditer(js))
    if len(matches) != 1:
        raise SearchPatchError(
            f"Material search worker: expected one query segmentation function, found {len(matches)}; "
            "check build/search_patch.py against the installed mkdocs-material version"
        )
    m = matches[0]
    js = js[: m.start()] + REPLACEMENT.format(name=m.group("name")) + js[m.end() :]
    if js.count(WILDCARD_RULE) != 1:
        raise SearchPatchError(
            "Material search worker: query wildcard rule not found; "
            "check build/search_patch.py against the installed mkdocs-material version"
        )
    return js.replace(WILDCARD_RULE, WILDCARD_RULE_FIXED)


def patch_site(site_dir: Path) -> Path:
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise SearchPatchError(f"expected one search worker in {site_dir}, found {len(workers)}")
    path = workers[0]
    path.write_text(patch_worker_source(path.read_text(encoding="utf-8")), encoding="utf-8")
    stale_map = path.with_name(path.name + ".map")
    if stale_map.exists():  # the source map no longer matches the patched file
        stale_map.unlink()
    return path
