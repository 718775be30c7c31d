# SPDX-License-Identifier: MIT
"""Browser calculators at build time: runtime files and fingerprinted bundles (their forms: ``pages/forms.py``).

What lands in the site (all under ``assets/``, all same-origin):

* ``pyodide/<version>/`` — the npm ``pyodide`` package's runtime files
  (``pyodide.mjs``, ``pyodide.asm.mjs``, ``pyodide.asm.wasm``,
  ``python_stdlib.zip``), copied from ``node_modules`` (pinned by
  package-lock.json).  The version is in the path, so the path is a fingerprint.
* ``calc/python_stdlib.<hash>.zip`` — the stdlib trimmed to what the calculators
  import, and the calculators themselves, all byte-compiled (``assets/stdlib.py``)
  from ``calculators/`` packed as a wheel by the standard ``build`` frontend (from a
  temporary copy, so setuptools never writes into our ``build/`` directory; cached in
  ``.cache/wheels`` by a hash of the sources).  The wheel itself is not shipped.
* ``calc/params.<hash>.json`` — the compiled ``policy_data`` bundle.
* ``calc/calc-page.<hash>.js`` and ``calc/calc-worker.<hash>.js`` — the page
  script and the module worker, from ``build/js/``.

Only pages with a ``<!-- jz:calculator NAME -->`` marker reference any of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from calculators.api import uses
from calculators.core.params import ParameterSet
from calculators.ui.forms import FORMS, OTHER_PLACE, jurisdiction_options

from assets.stdlib import trimmed_stdlib
from publish.precompress import EXTENSIONS, MIN_SIZE, compressed_copy

ROOT = Path(__file__).resolve().parents[2]

# The stock python_stdlib.zip is replaced by a trimmed, byte-compiled one (assets/stdlib.py).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
JS_DIR = ROOT / "build" / "js"


class CalculatorBuildError(Exception):
    pass


def short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def pyodide_dir(root: Path = ROOT) -> Path:
    return root / "node_modules" / "pyodide"


def pyodide_version(root: Path = ROOT) -> str:
    pkg = pyodide_dir(root) / "package.json"
    if not pkg.exists():
        raise CalculatorBuildError(
            "找不到 node_modules/pyodide：请先运行 npm ci（或 bash scripts/setup.sh）/ "
            "node_modules/pyodide is missing: run `npm ci` first"
        )
    return str(json.loads(pkg.read_text(encoding="utf-8"))["version"])


def lock_info(root: Path = ROOT) -> dict[str, Any]:
    """The ``info`` block of pyodide-lock.json: enough for a lock file with no packages."""
    lock = json.loads((pyodide_dir(root) / "pyodide-lock.json").read_text(encoding="utf-8"))
    return dict(lock["info"])


def calculators_wheel(root: Path = ROOT) -> bytes:
    """``calculators/`` as a wheel built by ``python -m build`` (cached by source hash)."""
    package = root / "calculators"
    modules = sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)
    digest = hashlib.sha256()
    for p in modules + [root / "pyproject.toml"]:
        digest.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    cache = root / ".cache" / "wheels" / f"{digest.hexdigest()[:16]}.whl"
    if cache.exists():
        return cache.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        for p in modules:
            target = src / p.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, target)
        shutil.copy2(root / "pyproject.toml", src / "pyproject.toml")
        (src / "README.md").write_text("社会救助估算计算器（calculators/）。\n", encoding="utf-8")
        env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800"}  # reproducible zip timestamps
        proc = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(Path(tmp) / "dist"), str(src)],
            capture_output=True, text=True, env=env, cwd=tmp,
        )
        if proc.returncode != 0:
            raise CalculatorBuildError("打包 calculators 失败 / building the calculators wheel failed:\n" + proc.stdout[-2000:] + proc.stderr[-2000:])
        wheel = next((Path(tmp) / "dist").glob("*.whl")).read_bytes()
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(wheel)
    return wheel


def cited_clauses(bundle: dict[str, Any]) -> set[str]:
    """Every clause a result can cite: those behind a parameter value, and those a calculator cites itself."""
    refs = {e["clause"] for j in bundle["jurisdictions"].values() for es in j["parameters"].values() for e in es if e.get("clause")}
    refs |= {p["clause"] for ps in bundle.get("programmes", {}).values() for p in ps if p.get("clause")}  # the screener's
    return refs | {ref for name in FORMS for ref in uses(name)[1]}


def browser_bundle(bundle: dict[str, Any]) -> dict[str, Any]:
    """What the browser needs of the bundle: only the clauses a result can cite (not every clause of
    every document, which grows with the library, not with the calculators); no staff-only notes."""
    keep = cited_clauses(bundle)
    jurisdictions = {
        j: {**d, "parameters": {p: [{k: v for k, v in e.items() if k != "note"} for e in es] for p, es in d["parameters"].items()}}
        for j, d in bundle["jurisdictions"].items()
    }
    return {**bundle, "jurisdictions": jurisdictions, "clauses": {k: v for k, v in bundle["clauses"].items() if k in keep},
            "parameters": {p: {k: v for k, v in d.items() if k != "cycle_basis"} for p, d in bundle["parameters"].items()}}


DEFAULT_PLACE = OTHER_PLACE  # 其他地区: national rules only; the bundle used before a place is chosen


def place_bundles(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """One self-contained browser bundle per place a resident can choose: the place's chain
    (county → city → province → national), the clauses its values and the calculators cite,
    and those clauses' documents.  A calculator page fetches only the chosen place's (≈ 5 KB
    whether the site has 5 places or 100, instead of every place's values and clauses)."""
    full = browser_bundle(bundle)
    params = ParameterSet(full)
    own = {ref for name in FORMS for ref in uses(name)[1]}
    places = [j for j, _ in jurisdiction_options(params)]
    if DEFAULT_PLACE in full["jurisdictions"] and DEFAULT_PLACE not in places:
        places.append(DEFAULT_PLACE)
    out = {}
    for j in places:
        chain = params.chain(j)
        jur = {k: full["jurisdictions"][k] for k in chain}
        refs = own | {e["clause"] for d in jur.values() for es in d["parameters"].values() for e in es if e.get("clause")}
        docs = {r.split("#", 1)[0] for r in refs} | {doc for d in jur.values() for doc in d.get("documents") or []}
        refs |= {p["clause"] for level in chain for p in full.get("programmes", {}).get(level, []) if p.get("clause")}
        out[j] = {**full, "jurisdictions": jur, "clauses": {k: v for k, v in full["clauses"].items() if k in refs},
                  "programmes": {k: v for k, v in full.get("programmes", {}).items() if k in chain},
                  "documents": {k: v for k, v in full.get("documents", {}).items() if k in docs}}
    return out


def transfer_size(data: bytes, suffix: str, cache: Path) -> int:
    """Bytes sent for a file by a server that uses the build's brotli copies (``precompress``: same cache)."""
    if suffix not in EXTENSIONS or len(data) < MIN_SIZE:
        return len(data)
    return min(len(data), len(compressed_copy(data, "br", cache)))


def write_assets(site_dir: Path, bundle: dict[str, Any], root: Path = ROOT) -> dict[str, Any]:
    """Copy/write every calculator asset; return their site-relative URLs and sizes."""
    version = pyodide_version(root)
    base = f"assets/pyodide/{version}/"
    out_dir = site_dir / base
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name in PYODIDE_FILES:
        src = pyodide_dir(root) / name
        dst = out_dir / name
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            shutil.copyfile(src, dst)
        sizes[name] = src.stat().st_size
    calc_dir = site_dir / "assets" / "calc"
    calc_dir.mkdir(parents=True, exist_ok=True)

    def put(stem: str, ext: str, data: bytes) -> str:
        name = f"{stem}.{short_hash(data)}.{ext}"
        (calc_dir / name).write_bytes(data)
        sizes[name] = len(data)
        return f"assets/calc/{name}"

    wheel_bytes = calculators_wheel(root)  # packed into the stdlib zip, byte-compiled: not shipped itself
    stdlib_bytes, ledger_bytes, stdlib_report = trimmed_stdlib(wheel_bytes, bundle, version)
    stdlib = put("python_stdlib", "zip", stdlib_bytes)
    ledger_libs = put("ledger-libs", "zip", ledger_bytes)  # fetched by the 台账核查 page only
    from calculators.ui.ledger_files import template_csv, template_xlsx

    template = {"xlsx": put("ledger-template", "xlsx", template_xlsx()), "csv": put("ledger-template", "csv", template_csv())}
    places = {j: put(f"params-{j}", "json", json.dumps(b, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode())
              for j, b in place_bundles(bundle).items()}
    worker = put("calc-worker", "js", (JS_DIR / "calc-worker.js").read_bytes())
    # The tool pages import the shared kit by its fingerprinted name (so each page's own hash covers it).
    kit = Path(put("page-kit", "js", (JS_DIR / "page-kit.js").read_bytes())).name

    def tool_page(name: str) -> str:
        text = (JS_DIR / f"{name}.js").read_text(encoding="utf-8")
        if '"./page-kit.js"' not in text:
            raise CalculatorBuildError(f"build/js/{name}.js does not import ./page-kit.js")
        return put(name, "js", text.replace('"./page-kit.js"', json.dumps("./" + kit)).encode())

    page = tool_page("calc-page")
    screener = tool_page("screener-page")
    ledger_page = tool_page("ledger-page")
    chartist = root / "node_modules" / "chartist" / "dist"
    charts = {"js": put("chartist", "js", (chartist / "index.umd.js").read_bytes()),
              "css": put("chartist", "css", (chartist / "index.css").read_bytes())}
    first = [out_dir / n for n in PYODIDE_FILES] + [site_dir / places[DEFAULT_PLACE], site_dir / stdlib]
    ours = sizes[Path(places[DEFAULT_PLACE]).name] + sizes[Path(stdlib).name]
    total = sum(sizes[n] for n in PYODIDE_FILES) + ours
    # The worker counts what goes through fetch(); the two .mjs files arrive by import().
    fetched = sizes["pyodide.asm.wasm"] + ours
    # What a phone actually downloads the first time: the pre-compressed copies a server sends (README "Serving").
    download = sum(transfer_size(f.read_bytes(), f.suffix, root / ".cache" / "compressed") for f in first)
    return {
        "pyodide": base,
        "pyodideVersion": version,
        "lockInfo": lock_info(root),
        "params": places,
        "stdlib": stdlib,
        "stdlibModules": len(stdlib_report["kept"]),
        "worker": worker,
        "page": page,
        "screener": screener,
        "ledgerLibs": ledger_libs,
        "ledgerPage": ledger_page,
        "charts": charts,
        "ledgerTemplate": template,
        "sizes": {"wasm": sizes["pyodide.asm.wasm"], "stdlib": sizes[Path(stdlib).name], "total": total, "fetched": fetched,
                  "download": download},
    }
