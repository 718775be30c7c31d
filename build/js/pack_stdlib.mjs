// SPDX-License-Identifier: MIT
// Build step (run by build/stdlib_pack.py under Node): make a trimmed, byte-compiled
// python_stdlib.zip for the browser, *inside* Pyodide, so the bytecode is exactly the
// runtime's (CPython 3.14) and the module list is what our code really imports.
//
// 1. boot the stock runtime, install the calculators wheel, run the workload
//    (every calculator over representative and bad inputs, as the browser would);
// 2. keep every stdlib module then in sys.modules (+ their packages' __init__ and
//    all of pyodide/_pyodide), compile each to .pyc (PYTHONNODEBUGRANGES=1: smaller);
// 3. write an uncompressed (stored) zip — the server compresses it far better.
// Usage: node build/js/pack_stdlib.mjs job.json   (job: {wheel, params, workload, out})
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const py = await loadPyodide({ env: { PYTHONNODEBUGRANGES: "1" }, stdout: () => {}, stderr: (m) => process.stderr.write(m + "\n") });
py.unpackArchive(new Uint8Array(readFileSync(job.wheel)), "wheel");
py.globals.set("PARAMS_JSON", readFileSync(job.params, "utf8"));
py.globals.set("WORKLOAD_JSON", JSON.stringify(job.workload));
const report = py.runPython(`
import io, json, sys, zipfile
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
out = io.BytesIO()
with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as dst:
    for n in sorted(keep):
        data = src.read(n)
        if n.endswith(".py"):
            code = compile(data, prefix + n, "exec", dont_inherit=True)
            pyc = bootstrap._code_to_timestamp_pyc(code, 0, len(data))
            info = zipfile.ZipInfo(n[:-3] + ".pyc", date_time=(1980, 1, 1, 0, 0, 0))
            dst.writestr(info, bytes(pyc))
        else:
            dst.writestr(zipfile.ZipInfo(n, date_time=(1980, 1, 1, 0, 0, 0)), data)
OUT = out.getvalue()
json.dumps({"kept": sorted(keep), "of": len(names), "python": sys.version.split()[0]})
`);
writeFileSync(job.out, py.globals.get("OUT").toJs());
process.stdout.write(report);
