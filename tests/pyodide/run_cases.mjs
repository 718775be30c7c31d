// SPDX-License-Identifier: MIT
// Run calculator requests inside the real Pyodide (npm package) under Node.
// Usage: node tests/pyodide/run_cases.mjs job.json  → JSON results on stdout.
// job.json: {wheel?, params, stdlib?, items: [{kind: "calc", calculator, request}
//                                           | {kind: "query", calculator, query, today}],
//            ledger?: the ledger page's zip, ledgerFiles?: [{name, path, place, date}]}
// With ledger files, each is read and checked as the 台账核查 page's worker does.
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const options = { stdout: () => {}, stderr: (m) => process.stderr.write(m + "\n") };
if (job.stdlib) options.stdLibURL = job.stdlib;
const t0 = performance.now();
const pyodide = await loadPyodide(options);
// The site's stdlib zip holds the calculators (byte-compiled); the stock stdlib needs the wheel.
if (job.wheel) pyodide.unpackArchive(new Uint8Array(readFileSync(job.wheel)), "wheel");
pyodide.globals.set("PARAMS_JSON", readFileSync(job.params, "utf8"));
pyodide.globals.set("ITEMS_JSON", JSON.stringify(job.items));
const files = (job.ledgerFiles || []).map((f) => ({ ...f, data: Array.from(readFileSync(f.path)) }));
if (job.ledger) pyodide.unpackArchive(new Uint8Array(readFileSync(job.ledger)), "zip", { extractDir: "/lib/ledger" });
pyodide.globals.set("LEDGER_FILES_JSON", JSON.stringify(files));
let out;
try {
  out = pyodide.runPython(`
import json, sys, datetime as dt
from calculators.api import calculate
from calculators.ui.query import run_query
from calculators.core.params import ParameterSet
P = ParameterSet(json.loads(PARAMS_JSON))
results = []
for item in json.loads(ITEMS_JSON):
    if item["kind"] == "calc":
        results.append(calculate(item["calculator"], item["request"], P))
    else:
        results.append(run_query(item["calculator"], item["query"], P, dt.date.fromisoformat(item["today"])))
ledger = []
files = json.loads(LEDGER_FILES_JSON)
if files:
    sys.path.insert(0, "/lib/ledger")
    from calculators.ui.ledger_files import read_table
    from calculators.core.errors import InputError
    for f in files:
        try:
            table, problems = read_table(f["name"], bytes(f["data"]))
        except InputError as exc:
            ledger.append(exc.to_dict())
            continue
        ledger.append({"problems": problems, "result": calculate("ledger", {"jurisdiction": f["place"], "date": f["date"], "table": table}, P)})
json.dumps({"python": sys.version.split()[0], "results": results, "ledger": ledger}, ensure_ascii=False)
`);
} catch (err) {
  // Print the Python traceback, not Node's dump of the minified runtime source.
  process.stderr.write("PYODIDE ERROR: " + String((err && err.message) || err).slice(-4000) + "\n");
  process.exit(1);
}
const parsed = JSON.parse(out);
parsed.boot_ms = Math.round(performance.now() - t0);
process.stdout.write(JSON.stringify(parsed));
