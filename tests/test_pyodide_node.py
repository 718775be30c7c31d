# SPDX-License-Identifier: MIT
"""Cross-runtime equivalence: every YAML case, and the browser form path, run in
the real Pyodide (npm package, under Node) and must equal CPython exactly.

The calculators ship to the browser byte-compiled inside the trimmed stdlib zip the build makes
(``build/assets/stdlib.py``): the "trimmed" run imports them from that very zip (no wheel installed);
the "stock" run installs the wheel the zip is made from, on the npm package's stdlib.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build"))

from calculators.api import calculate  # noqa: E402
from calculators.core.params import ParameterSet  # noqa: E402
from calculators.ui.query import run_query  # noqa: E402

from assets.calculator import calculators_wheel, pyodide_version  # noqa: E402
from assets.stdlib import trimmed_stdlib  # noqa: E402
from case_files import CASES, bundle, load_cases  # noqa: E402

TODAY = "2026-11-23"
# Form queries as the browser sends them (prefilled-link format): one per calculator and a few errors.
QUERIES = [
    ("dibao", {"j": "changle", "area": "urban", "n": "3", "age1": "45", "wage1": "1200", "age2": "43", "age3": "12", "date": "2021-12-01"}),
    ("dibao", {"j": "changle", "area": "urban", "n": "2", "age1": "45", "wage1": "1200", "age2": "43"}),
    ("dibao", {"j": "zongyang", "area": "rural", "n": "2", "age1": "50", "wage1": "1500", "age2": "70", "std": "600", "cur": "1"}),
    ("dibao", {"j": "template", "area": "rural", "n": "1", "age1": "80", "labour1": "none", "std": "500"}),
    ("dibao", {"j": "huaiyuan", "area": "rural", "n": "1", "age1": "-3"}),
    ("tekun", {"j": "changle", "area": "rural", "age": "75", "income": "0", "care": "full_care", "date": "2021-12-01", "minwage": "1900"}),
    ("linshi", {"j": "changle", "kind": "illness", "persons": "2", "date": "2021-12-01"}),
    ("standard", {"j": "changle", "ucons": "24000", "rcons": "15000", "date": "2021-12-01"}),
]


def _items() -> list[dict]:
    items = []
    for path in sorted(CASES.glob("*/*.yaml")):
        for case in load_cases(path):
            request = {**case["input"], "date": case["date"]}
            items.append({"kind": "calc", "calculator": path.parent.name, "request": request, "name": case["name"]})
    for name, query in QUERIES:
        items.append({"kind": "query", "calculator": name, "query": query, "today": TODAY, "name": f"{name} {query}"})
    return items


@pytest.fixture(scope="module", params=["stock", "trimmed"])
def pyodide_run(request, tmp_path_factory):
    """Run everything in Pyodide with the npm package's stdlib, and with the trimmed,
    byte-compiled stdlib the site ships (its keep-list is generated; a module it
    forgot would fail here as an ImportError)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed")
    if not (ROOT / "node_modules" / "pyodide").exists():
        pytest.fail("node_modules/pyodide is missing: run npm ci")
    tmp = tmp_path_factory.mktemp("pyodide")
    (tmp / "calculators.whl").write_bytes(calculators_wheel())
    (tmp / "params.json").write_text(json.dumps(bundle(), ensure_ascii=False), encoding="utf-8")
    items = _items()
    job = {"params": str(tmp / "params.json"), "items": items}
    if request.param == "trimmed":
        data, ledger, report = trimmed_stdlib(calculators_wheel(), bundle(), pyodide_version())
        assert len(report["kept"]) < report["of"] / 2, "the stdlib was not trimmed"
        assert "calculators/ui/query.py" in report["calculators"], "the calculators are not in the zip"
        (tmp / "python_stdlib.zip").write_bytes(data)
        (tmp / "ledger.zip").write_bytes(ledger)
        job["stdlib"] = str(tmp / "python_stdlib.zip")
    else:  # the stock stdlib and the wheel, with openpyxl from source
        job["wheel"] = str(tmp / "calculators.whl")
        from assets.stdlib import ledger_sources

        (tmp / "ledger.zip").write_bytes(ledger_sources())
    job["ledger"] = str(tmp / "ledger.zip")
    job["ledgerFiles"] = LEDGER_FILES
    (tmp / "job.json").write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([node, str(ROOT / "tests/pyodide/run_cases.mjs"), str(tmp / "job.json")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return items, json.loads(proc.stdout)


LEDGER_FILES = [{"name": p.name, "path": str(p), "place": "huaiyuan", "date": "2023-06-01"}
                for p in sorted((ROOT / "tests" / "ledger").iterdir()) if p.suffix in (".xlsx", ".csv", ".xls")]


def test_ledger_files_read_and_checked_in_pyodide_as_in_cpython(pyodide_run):
    # The ledger page's worker: the trimmed stdlib + the ledger zip (openpyxl and the stdlib only it needs).
    from calculators.core.errors import InputError
    from calculators.ui.ledger_files import read_table

    _, out = pyodide_run
    params = ParameterSet(bundle())
    assert len(out["ledger"]) == len(LEDGER_FILES) >= 7
    for f, got in zip(LEDGER_FILES, out["ledger"]):
        try:
            table, problems = read_table(f["name"], Path(f["path"]).read_bytes())
            want = {"problems": problems, "result": calculate("ledger", {"jurisdiction": f["place"], "date": f["date"], "table": table}, params)}
        except InputError as exc:
            want = exc.to_dict()
        assert got == json.loads(json.dumps(want, ensure_ascii=False)), f["name"]


def test_runs_in_python_314(pyodide_run):
    # Pyodide 314.x is CPython 3.14: the equivalence below is across interpreter versions.
    _, out = pyodide_run
    assert out["python"].startswith("3.14"), out["python"]


def test_every_case_equal_in_pyodide_and_cpython(pyodide_run):
    items, out = pyodide_run
    params = ParameterSet(bundle())
    assert len(out["results"]) == len(items) >= 60
    mismatches = []
    for item, got in zip(items, out["results"]):
        if item["kind"] == "calc":
            want = calculate(item["calculator"], item["request"], params)
        else:
            want = run_query(item["calculator"], item["query"], params, dt.date.fromisoformat(item["today"]))
        want = json.loads(json.dumps(want, ensure_ascii=False))
        if got != want:
            mismatches.append(item["name"])
    assert not mismatches, mismatches
