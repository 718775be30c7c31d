# SPDX-License-Identifier: MIT
"""A trimmed, byte-compiled ``python_stdlib.zip`` for the browser (see build/js/pack_stdlib.mjs).

The keep-list is generated on every build from what the calculators import while
running a workload in the real runtime — never kept by hand.  The result is cached
in ``.cache/stdlib/`` by the hash of its inputs (Pyodide version, the wheel, the
parameters, the workload).  ``tests/test_pyodide_node.py`` boots Pyodide with the
trimmed zip and runs every YAML case in it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from calculators.ui.forms import FORMS

from data.health import build_date

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "build" / "js" / "pack_stdlib.mjs"


class StdlibPackError(Exception):
    pass


def workload(bundle: dict[str, Any]) -> list[tuple[str, dict[str, str], str]]:
    """Representative form queries for every calculator and place, good and bad."""
    today = build_date().isoformat()
    base = {"area": "rural", "n": "2", "age1": "70", "age2": "30", "wage2": "800", "cur": "1", "kind": "illness",
            "persons": "2", "age": "70", "income": "0", "care": "full_care", "ucons": "20000", "rcons": "12000",
            "std": "600", "stdu": "800", "minwage": "1700", "ustd": "700", "rstd": "600", "med": "9000", "prior": "3000"}
    bad = {"area": "x", "n": "0", "age1": "-1", "wage1": "abc", "date": "2024-13-01"}
    out = []
    for j in bundle["jurisdictions"]:
        for name in FORMS:
            out.append((name, {"j": j, **base}, today))
            out.append((name, {"j": j, **base, "date": "2021-12-01"}, today))
            out.append((name, {"j": j, **bad}, today))
    return out


LEDGER_LIBS = ("openpyxl", "et_xmlfile")  # the ledger page's .xlsx reader/writer (pinned in pyproject.toml)


def ledger_sources() -> bytes:
    """The installed openpyxl and et_xmlfile sources as a zip (deterministic order, no caches)."""
    import importlib
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name in LEDGER_LIBS:
            pkg = Path(importlib.import_module(name).__file__ or "").parent
            for f in sorted(pkg.rglob("*")):
                if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc":
                    z.writestr(zipfile.ZipInfo(f.relative_to(pkg.parent).as_posix(), (1980, 1, 1, 0, 0, 0)), f.read_bytes())
    return out.getvalue()


def trimmed_stdlib(wheel: bytes, bundle: dict[str, Any], version: str) -> tuple[bytes, bytes, dict[str, Any]]:
    """(the calculators' trimmed stdlib zip, the ledger page's extra zip, a report)."""
    node = shutil.which("node")
    if node is None:
        raise StdlibPackError("需要 Node.js 来生成精简的 Python 标准库 / node is required to pack the stdlib")
    params = json.dumps(bundle, ensure_ascii=False, sort_keys=True).encode()
    load = workload(bundle)
    libs = ledger_sources()
    key = hashlib.sha256(version.encode() + wheel + params + json.dumps(load).encode() + SCRIPT.read_bytes() + libs).hexdigest()[:16]
    cache = ROOT / ".cache" / "stdlib" / key
    if (cache / "python_stdlib.zip").exists() and (cache / "ledger.zip").exists():
        return ((cache / "python_stdlib.zip").read_bytes(), (cache / "ledger.zip").read_bytes(),
                json.loads((cache / "report.json").read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "calc.whl").write_bytes(wheel)
        (t / "params.json").write_bytes(params)
        (t / "libs.zip").write_bytes(libs)
        job = {"wheel": str(t / "calc.whl"), "params": str(t / "params.json"), "workload": load, "out": str(t / "stdlib.zip"),
               "libs": str(t / "libs.zip"), "outLedger": str(t / "ledger.zip")}
        (t / "job.json").write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
        proc = subprocess.run([node, str(SCRIPT), str(t / "job.json")], cwd=ROOT, capture_output=True, text=True, timeout=300)
        if proc.returncode != 0:
            raise StdlibPackError("生成精简标准库失败 / packing the stdlib failed:\n" + proc.stderr[-3000:])
        data = (t / "stdlib.zip").read_bytes()
        ledger = (t / "ledger.zip").read_bytes()
        report = json.loads(proc.stdout)
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "python_stdlib.zip").write_bytes(data)
    (cache / "ledger.zip").write_bytes(ledger)
    (cache / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return data, ledger, report
