// @ts-check
// SPDX-License-Identifier: MIT
// Build step (run by build/assets/stdlib.py under Node): make a trimmed, byte-compiled
// python_stdlib.zip for the browser, *inside* Pyodide, so the bytecode is exactly the
// runtime's (CPython 3.14) and the module list is what our code really imports.
//
// 1. boot the stock runtime, install the calculators wheel, run the workload
//    (every calculator over representative and bad inputs, as the browser would);
// 2. keep every stdlib module then in sys.modules (+ their packages' __init__ and
//    all of pyodide/_pyodide), compile each to .pyc (PYTHONNODEBUGRANGES=1: smaller);
// 3. write an uncompressed (stored) zip — the server compresses it far better — with the calculators package
//    byte-compiled into it as well (the browser needs no wheel);
// 4. the ledger page's extra (job.libs: openpyxl + et_xmlfile sources): run the 台账 workload
//    (template → read → check → write .xlsx/.csv), then pack the libraries and the stdlib modules
//    only they needed, byte-compiled, as a second zip (job.outLedger) that only that page fetches.
//    A module whose package is already in the main zip goes into the main zip (a package cannot
//    span a zip and a folder).
// Usage: node build/js/pack_stdlib.mjs job.json   (job: {wheel, params, workload, out, libs, outLedger})
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const py = await loadPyodide({ env: { PYTHONNODEBUGRANGES: "1" }, stdout: () => {}, stderr: (m) => process.stderr.write(m + "\n") });
py.unpackArchive(new Uint8Array(readFileSync(job.wheel)), "wheel");
py.globals.set("PARAMS_JSON", readFileSync(job.params, "utf8"));
py.globals.set("WORKLOAD_JSON", JSON.stringify(job.workload));
py.unpackArchive(new Uint8Array(readFileSync(job.libs)), "zip", { extractDir: "/lib/ledger-src" });
let report;
try {
report = py.runPython(`
import io, json, os, sys, zipfile
import importlib._bootstrap_external as bootstrap
from calculators.ui.query import run_query_json
from calculators.api import calculate_json
from calculators.core.params import ParameterSet

params = ParameterSet(json.loads(PARAMS_JSON))
for name, query, today in json.loads(WORKLOAD_JSON):
    json.loads(run_query_json(name, json.dumps(query), params, today))
calculate_json("dibao", "{not json", params)

stdzip = next(p for p in sys.path if p.endswith(".zip"))
prefix = stdzip + "/"
used = {m.__file__[len(prefix):] for m in list(sys.modules.values())
        if isinstance(getattr(m, "__file__", None), str) and m.__file__.startswith(prefix)}
src = zipfile.ZipFile(stdzip)
names = src.namelist()
keep = set(used)
for n in used:  # every enclosing package's __init__
    parts = n.split("/")[:-1]
    for i in range(1, len(parts) + 1):
        init = "/".join(parts[:i]) + "/__init__.py"
        if init in names:
            keep.add(init)
keep |= {n for n in names if n.startswith(("pyodide/", "_pyodide/")) or not n.endswith(".py") and not n.endswith("/")}

# The ledger page's workload, with the libraries on the path.
sys.path.insert(0, "/lib/ledger-src")
from calculators.ui.ledger_files import read_table, template_xlsx, write_csv, write_xlsx
lp = ParameterSet(json.loads(PARAMS_JSON))
place = next(iter(lp.jurisdictions))
csv_text = "户主,城乡,家庭人数,家庭月总收入,当前待遇\\n甲,农村,2,300,无\\n"
# .xlsx, a UTF-8 CSV with its BOM (Excel's “CSV UTF-8”) and a GB18030 one (Excel on Chinese Windows)
for data in (template_xlsx(), csv_text.encode("utf-8-sig"), csv_text.encode("gb18030")):
    table, _ = read_table("t", data)
    table = table + [["甲", "", "农村", "2", "300", "无", "1", "0"]]
    result = json.loads(calculate_json("ledger", json.dumps({"jurisdiction": place, "date": "2024-01-01", "table": table}), lp))
    write_xlsx(table, result)
    write_csv(table, result)
after = {m.__file__[len(prefix):] for m in list(sys.modules.values())
         if isinstance(getattr(m, "__file__", None), str) and m.__file__.startswith(prefix)}
extra = set()
for n in after - keep:
    parts = n.split("/")[:-1]
    chain = ["/".join(parts[:i]) + "/__init__.py" for i in range(1, len(parts) + 1)]
    if any(c in keep for c in chain):
        keep.add(n)  # its package lives in the main zip
    else:
        extra.add(n)
        extra |= {c for c in chain if c in names}

def pyc(data, path):
    code = compile(data, path, "exec", dont_inherit=True)
    return bytes(bootstrap._code_to_timestamp_pyc(code, 0, len(data)))

def stamp(name):
    return zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))

ledger = io.BytesIO()
with zipfile.ZipFile(ledger, "w", compression=zipfile.ZIP_STORED) as dst:
    for n in sorted(extra):
        dst.writestr(stamp(n[:-3] + ".pyc"), pyc(src.read(n), prefix + n))

    for base, dirs, files in os.walk("/lib/ledger-src"):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for f in sorted(files):
            full = os.path.join(base, f)
            rel = os.path.relpath(full, "/lib/ledger-src")
            data = open(full, "rb").read()
            if f.endswith(".py"):
                dst.writestr(stamp(rel[:-3] + ".pyc"), pyc(data, "/lib/ledger/" + rel))
            else:
                dst.writestr(stamp(rel), data)
LEDGER = ledger.getvalue()

# The calculators themselves, byte-compiled into the same zip: the browser then neither fetches nor unpacks a
# wheel, and never compiles our source at start-up (importing them took 4x as long from the wheel's .py files).
import calculators
site = os.path.dirname(os.path.dirname(calculators.__file__))
ours = []
for base, dirs, files in os.walk(os.path.join(site, "calculators")):
    dirs[:] = sorted(d for d in dirs if d != "__pycache__")
    ours += [os.path.relpath(os.path.join(base, f), site) for f in sorted(files) if f.endswith(".py")]

out = io.BytesIO()
with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as dst:
    for n in sorted(keep):
        data = src.read(n)
        if n.endswith(".py"):
            dst.writestr(stamp(n[:-3] + ".pyc"), pyc(data, prefix + n))
        else:
            dst.writestr(stamp(n), data)
    for n in ours:
        dst.writestr(stamp(n[:-3] + ".pyc"), pyc(open(os.path.join(site, n), "rb").read(), prefix + n))
OUT = out.getvalue()
json.dumps({"kept": sorted(keep), "of": len(names), "python": sys.version.split()[0], "ledger_stdlib": sorted(extra),
            "calculators": ours})
`);
} catch (err) {
  // The Python traceback, not Node's dump of the minified runtime.
  process.stderr.write("PYODIDE ERROR: " + String((err && err.message) || err).slice(-4000) + "\n");
  process.exit(1);
}
writeFileSync(job.out, py.globals.get("OUT").toJs());
writeFileSync(job.outLedger, py.globals.get("LEDGER").toJs());
process.stdout.write(report);
