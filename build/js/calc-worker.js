// @ts-check
// SPDX-License-Identifier: MIT
// Module Web Worker: boots the self-hosted Pyodide (its trimmed stdlib zip holds the calculators too, byte-compiled),
// loads the parameter bundle, then answers "run" messages synchronously.
// Every message in and out, typed and explained: worker-protocol.ts (README “The worker protocol”).
// In:  init (config), run (a calculator page's query, or the screener's request), ledger, ledger_file (台账核查).
// Out: progress, ready, result, file, run_error, fault.
// Phase boundaries are performance marks named "jz:…" (scripts/bench.py reads them from a Chrome trace).
/** @import { BootMarks, LedgerFormat, PageToWorker, WorkerConfig, WorkerToPage } from "./worker-protocol" */
performance.mark("jz:worker-script");

/** @type {((name: string, queryJson: string, today: string, place: string) => string) | null} */
let run = null;

/**
 * Every message to the page goes through here (typed by the protocol).
 * @param {WorkerToPage} message
 * @param {Transferable[]} [transfer]
 */
function post(message, transfer) {
  self.postMessage(message, transfer || []);
}

// The runtime reports a broken .wasm (or an abort) only as a log line and then waits
// forever; turn such lines into a fault the page can show.
const FATAL = /instantiation failed|CompileError|LinkError|RuntimeError|Aborted\(/;
let faulted = false;
let restoring = false; // a snapshot that fails to restore is dropped and the runtime starts as usual: not a fault
/** @param {string} text */
function watchLog(text) {
  if (!faulted && !run && !restoring && FATAL.test(text)) {
    faulted = true;
    post({ type: "fault", message: "计算程序文件损坏或不完整" });
  }
}
for (const level of /** @type {const} */ (["error", "warn"])) {
  const original = console[level].bind(console);
  console[level] = (/** @type {unknown[]} */ ...args) => {
    watchLog(args.map(String).join(" "));
    original(...args);
  };
}

/**
 * @param {number} loaded
 * @param {number} total
 * @param {"download" | "start"} phase
 */
function progress(loaded, total, phase) {
  post({ type: "progress", loaded, total, phase });
}

// Count the bytes of every download the runtime makes, so the page can show a
// real progress bar. Totals are the uncompressed sizes measured at build time.
/**
 * @param {number} total
 * @returns {typeof fetch}
 */
function countingFetch(total) {
  const original = self.fetch.bind(self);
  let loaded = 0;
  let last = 0;
  return async (input, init) => {
    // The wasm response is passed through untouched: a re-wrapped Response loses the
    // browser's compiled-code cache, which makes every repeat visit compile 9.6 MB again.
    const passThrough = String(input).endsWith(".wasm");
    let res;
    try {
      res = await original(input, init);
      if (!res.ok) throw new Error("下载失败（" + res.status + "）：" + String(input).split("/").pop());
    } catch (err) {
      // Any failed download is fatal; say so at once (Emscripten may swallow the rejection).
      const message = String(err.message || err).startsWith("下载失败") ? err.message : "网络中断，计算程序没有下载完整";
      post({ type: "fault", message });
      throw err;
    }
    if (!res.body) return res;
    if (passThrough) {
      // Count the bytes on a clone (a tee of the same download) and hand over the original.
      const reader = /** @type {ReadableStream<Uint8Array>} */ (res.clone().body).getReader();
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          loaded += value.byteLength;
          progress(Math.min(loaded, total), total, "download");
        }
      })().catch(() => {});
      return res;
    }
    /** @type {TransformStream<Uint8Array, Uint8Array>} */
    const counter = new TransformStream({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        const now = Date.now();
        if (now - last > 100 || loaded >= total) {
          last = now;
          progress(Math.min(loaded, total), total, "download");
        }
        controller.enqueue(chunk);
      },
      flush() {
        progress(Math.min(loaded, total), total, "download");
      },
    });
    return new Response(res.body.pipeThrough(counter), {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
}

// Each place's parameters are a small bundle of their own (build/assets/calculator.py place_bundles):
// the one in a prefilled link comes with the runtime, another is fetched when it is chosen.
/** @type {((place: string, text: string) => void) | null} */
let loadPlace = null;
/** @type {((name: string, data: Uint8Array | undefined, place: string, date: string, overridesJson: string) => string) | null} */
let ledgerRun = null;
/** @type {((format: LedgerFormat) => { toJs(): Uint8Array<ArrayBuffer>, destroy(): void }) | null} */
let ledgerFile = null;
// The 台账's table stays in this worker (never posted anywhere): a what-if change checks it again.
const LEDGER_PY = `
import json
from calculators.api import calculate
from calculators.core.errors import InputError
from calculators.ui.ledger_files import read_table, write_csv, write_xlsx
_LEDGER = {}
def _ledger(name, data, place, date, overrides_json):
    if data is not None and hasattr(data, "to_bytes"):
        _LEDGER.clear()
        try:
            table, problems = read_table(name, data.to_bytes())
        except InputError as exc:
            return json.dumps(exc.to_dict(), ensure_ascii=False)
        _LEDGER.update(table=table, problems=problems)
    if "table" not in _LEDGER:
        return json.dumps({"error": "input_error", "field": "file", "message": "请先选择台账文件。"}, ensure_ascii=False)
    request = {"jurisdiction": place, "date": date, "table": _LEDGER["table"], "overrides": json.loads(overrides_json)}
    r = calculate("ledger", request, _PARAMS[place])
    if "error" not in r:
        _LEDGER["result"] = r
        r["problems"] = _LEDGER["problems"]
    return json.dumps(r, ensure_ascii=False)
def _ledger_file(fmt):
    t, r = _LEDGER["table"], _LEDGER["result"]
    return write_xlsx(t, r) if fmt == "xlsx" else write_csv(t, r)
`;
/** @type {((name: string, requestJson: string, place: string) => string) | null} */
let calcJson = null; // a ready request (the screener page): calculators.api.calculate_json
/** @type {WorkerConfig | null} */
let config = null;
/** @type {Record<string, Promise<string>>} */
const loaded = {};

/**
 * @param {WorkerConfig} c
 * @param {string} place
 */
function bundleFor(c, place) {
  return c.params[place] ? place : "other";
}

// Before the runtime is ready a failed download is fatal (the counting fetch says so); later, a
// place's bundle that does not arrive is only that answer's problem: the plain fetch.
const plainFetch = self.fetch.bind(self);

/**
 * @param {WorkerConfig} c
 * @param {string} place
 * @returns {Promise<{ place: string, text: string }>}
 */
function placeText(c, place, get = self.fetch) {
  const key = bundleFor(c, place);
  return get(c.params[key]).then((r) => {
    if (!r.ok) throw new Error("parameters " + key + ": HTTP " + r.status);
    return r.text();
  }).then((text) => ({ place: key, text }));
}

/**
 * @param {WorkerConfig} c
 * @param {string} place
 */
function ensurePlace(c, place) {
  const key = bundleFor(c, place);
  if (!loaded[key]) {
    loaded[key] = placeText(c, key, plainFetch).then((p) => { /** @type {NonNullable<typeof loadPlace>} */ (loadPlace)(p.place, p.text); return p.place; });
    loaded[key].catch(() => { delete loaded[key]; }); // a network failure: try again on the next answer
  }
  return loaded[key];
}

// A memory snapshot of this worker's interpreter, made on this phone once the calculators are imported and the
// resident has paused (Pyodide's _makeSnapshot/_loadSnapshot): a later visit restores it instead of starting the
// interpreter and importing the calculators again. Kept gzip-compressed (31.5 MB → ~5 MB) in a cache of its own, keyed
// by the stdlib zip's fingerprinted address (which changes with Pyodide's stdlib and the calculators); never downloaded.
const SNAPSHOT_CACHE = "pyodide-snapshot";
const SNAPSHOT_QUIET_MS = 5000;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let snapshotTimer;

// The kept snapshot's response (found quickly); its body is decompressed while the wasm downloads and compiles
// (loadPyodide awaits it only before instantiating).
/**
 * @param {WorkerConfig} c
 * @returns {Promise<Response | null>}
 */
async function findSnapshot(c) {
  try {
    return (await (await caches.open(SNAPSHOT_CACHE)).match(c.stdlibURL + ".snapshot")) || null;
  } catch (err) {
    return null; // no Cache API here (private mode): start as usual
  }
}

/** @param {Response} hit */
function readSnapshot(hit) {
  // The DOM typings give DecompressionStream a BufferSource input; a response body is Uint8Array chunks.
  const gunzip = /** @type {ReadableWritablePair<Uint8Array, Uint8Array>} */ (/** @type {unknown} */ (new DecompressionStream("gzip")));
  return new Response(/** @type {ReadableStream<Uint8Array>} */ (hit.body).pipeThrough(gunzip)).arrayBuffer().then((data) => {
    performance.mark("jz:snapshot-read");
    return new Uint8Array(data);
  });
}

/**
 * @param {WorkerConfig} c
 * @param {import("pyodide").PyodideAPI} pyodide
 */
function snapshotLater(c, pyodide) {
  clearTimeout(snapshotTimer);
  snapshotTimer = setTimeout(async () => {
    snapshotting = null; // once per visit
    try {
      const image = /** @type {Uint8Array<ArrayBuffer>} */ (pyodide.makeMemorySnapshot());
      const gzip = /** @type {ReadableWritablePair<Uint8Array, Uint8Array>} */ (/** @type {unknown} */ (new CompressionStream("gzip")));
      const body = /** @type {ReadableStream<Uint8Array>} */ (new Response(image).body).pipeThrough(gzip);
      const cache = await caches.open(SNAPSHOT_CACHE);
      for (const old of await cache.keys()) await cache.delete(old);
      await cache.put(c.stdlibURL + ".snapshot", new Response(body));
    } catch (err) {
      console.warn("no snapshot", err);
    }
  }, SNAPSHOT_QUIET_MS);
}

/** @type {import("pyodide").PyodideAPI | null} */
let snapshotting = null;

/** @param {WorkerConfig} c */
async function boot(c) {
  const t0 = performance.now();
  const snapshot = c.ledgerLibsURL || !self.caches ? Promise.resolve(null) : findSnapshot(c);
  self.fetch = countingFetch(c.sizes.fetched);
  progress(0, c.sizes.fetched, "download");
  performance.mark("jz:boot");
  // The runtime's 1.2 MB of JS (pyodide.asm.mjs) is fetched and compiled beside pyodide.mjs, not after it: loadPyodide
  // takes it as its documented (experimental) createPyodideModule option, awaited only when the wasm is instantiated.
  const asm = import(c.pyodideURL + "pyodide.asm.mjs").then((m) => { performance.mark("jz:runtime-asm"); return m.default; });
  asm.catch(() => {}); // a failed import is reported where it is awaited (loadPyodide)
  const { loadPyodide } = /** @type {typeof import("pyodide")} */ (await import(c.pyodideURL + "pyodide.mjs"));
  performance.mark("jz:runtime-js");
  /** @type {BootMarks} */
  const marks = { imported: performance.now() - t0 };
  /** @type {import("pyodide").PyodideConfig} */
  const options = {
    indexURL: c.pyodideURL,
    // Trimmed to what the calculators import, with the calculators themselves, all byte-compiled at build time
    // (build/js/pack_stdlib.mjs): ~3× faster start than the stock stdlib, 4× faster imports than a wheel's source.
    stdLibURL: c.stdlibURL,
    // No packages are loaded: a lock file with only the runtime's info saves a request.
    lockFileContents: { info: c.lockInfo, packages: {} },
    packageBaseUrl: c.pyodideURL,
    createPyodideModule: (settings) => asm.then((create) => create(settings)),
    stdout: () => {},
    stderr: (/** @type {string} */ m) => console.warn(m),
    // Runs once the wasm is instantiated and the stdlib written, before the interpreter starts.
    fsInit: async () => { performance.mark("jz:stdlib-written"); },
  };
  let restored = false;
  const start = async () => {
    const saved = await snapshot;
    if (saved) {
      restoring = true;
      try {
        const py = await loadPyodide({ ...options, _loadSnapshot: readSnapshot(saved) });
        restored = true;
        return py;
      } catch (err) {
        // A snapshot that cannot be restored (damaged, or from another runtime): drop it, start as usual.
        console.warn("snapshot not restored", err);
        caches.open(SNAPSHOT_CACHE).then((cache) => cache.delete(c.stdlibURL + ".snapshot")).catch(() => {});
      } finally {
        restoring = false;
      }
    }
    return loadPyodide(c.ledgerLibsURL ? options : { ...options, _makeSnapshot: true });
  };
  const [pyodide, params, ledgerLibs] = await Promise.all([
    start().then((py) => { performance.mark("jz:interpreter"); return py; }),
    // The place in a prefilled link; if its bundle cannot be had (offline and not kept on this phone), start with
    // the default one: the runtime still starts, and that place's answer says its parameters are missing.
    bundleFor(c, c.place) !== "other" ? placeText(c, c.place, plainFetch).catch(() => placeText(c, "other")) : placeText(c, c.place),
    c.ledgerLibsURL ? fetch(c.ledgerLibsURL).then((r) => r.arrayBuffer()) : null,
  ]);
  marks.loaded = performance.now() - t0;
  progress(c.sizes.fetched, c.sizes.fetched, "start");
  if (ledgerLibs) {
    // openpyxl and the stdlib modules only it needs (build/js/pack_stdlib.mjs), for this page alone.
    pyodide.unpackArchive(ledgerLibs, "zip", { extractDir: "/lib/ledger" });
    pyodide.runPython("import sys\nsys.path.insert(0, '/lib/ledger')\n" + LEDGER_PY);
    ledgerRun = pyodide.globals.get("_ledger");
    ledgerFile = pyodide.globals.get("_ledger_file");
  }
  if (!restored) pyodide.runPython(
    "import json\n" +
      "from calculators.core.params import ParameterSet\n" +
      "from calculators.ui.query import run_query_json\n" +
      "_PARAMS = {}\n" +
      "def _load(place, text):\n" +
      "    _PARAMS[place] = ParameterSet(json.loads(text))\n" +
      "def _run(name, query_json, today, place):\n" +
      "    return run_query_json(name, query_json, _PARAMS[place], today)\n" +
      "from calculators.api import calculate_json\n" +
      "def _calc(name, request_json, place):\n" +
      "    return calculate_json(name, request_json, _PARAMS[place])\n"
  );
  performance.mark("jz:imports");
  if (restored) pyodide.runPython("_PARAMS.clear()"); // the places of the visit it was made in: loaded afresh
  run = pyodide.globals.get("_run");
  calcJson = pyodide.globals.get("_calc");
  loadPlace = pyodide.globals.get("_load");
  /** @type {NonNullable<typeof loadPlace>} */ (loadPlace)(params.place, params.text);
  loaded[params.place] = Promise.resolve(params.place);
  performance.mark("jz:calculators");
  if (!restored && !c.ledgerLibsURL && self.caches) snapshotting = pyodide;
  marks.restored = restored;
  marks.ready = performance.now() - t0;
  self.marks = marks;
  return performance.now() - t0;
}

self.addEventListener("unhandledrejection", (event) => {
  post({ type: "fault", message: String((event.reason && event.reason.message) || event.reason) });
});

self.onmessage = async (event) => {
  /** @type {PageToWorker} */
  const msg = event.data;
  if (msg.type === "init") {
    try {
      config = msg.config;
      const ms = await boot(msg.config);
      post({ type: "ready", ms, marks: /** @type {BootMarks} */ (self.marks) });
    } catch (err) {
      post({ type: "fault", message: String((err && err.message) || err) });
    }
  } else if (msg.type === "ledger" && ledgerRun) {
    const t0 = performance.now();
    try {
      const place = await ensurePlace(/** @type {WorkerConfig} */ (config), msg.place || "");
      const data = msg.file ? new Uint8Array(msg.file) : undefined; // undefined is None (null would be JsNull)
      const out = ledgerRun(msg.name || "", data, place, msg.date, JSON.stringify(msg.overrides || {}));
      post({ type: "result", seq: msg.seq, result: JSON.parse(out), ms: performance.now() - t0 });
    } catch (err) {
      console.error("ledger error", err);
      post({ type: "run_error", seq: msg.seq, network: String(err).includes("parameters") });
    }
  } else if (msg.type === "ledger_file" && ledgerFile) {
    try {
      const bytes = ledgerFile(msg.format);
      const data = bytes.toJs();
      bytes.destroy();
      post({ type: "file", seq: msg.seq, format: msg.format, data }, [data.buffer]);
    } catch (err) {
      console.error("ledger file error", err);
      post({ type: "run_error", seq: msg.seq });
    }
  } else if (msg.type === "run" && run) {
    const t0 = performance.now();
    performance.mark("jz:run");
    let place;
    try {
      place = await ensurePlace(/** @type {WorkerConfig} */ (config), (msg.request ? msg.request.jurisdiction : msg.query.j) || "");
    } catch (err) {
      console.error("parameters not loaded", err);
      post({ type: "run_error", seq: msg.seq, network: true });
      return;
    }
    try {
      const out = msg.request
        ? /** @type {NonNullable<typeof calcJson>} */ (calcJson)(msg.calc, JSON.stringify(msg.request), place)
        : run(msg.calc, JSON.stringify(msg.query), msg.today, place);
      performance.mark("jz:run-done");
      if (snapshotting) snapshotLater(/** @type {WorkerConfig} */ (config), snapshotting);
      post({ type: "result", seq: msg.seq, result: JSON.parse(out), ms: performance.now() - t0 });
    } catch (err) {
      // A Python exception is a bug of ours, not the resident's: details to the console only.
      console.error("calculator error", err);
      post({ type: "run_error", seq: msg.seq });
    }
  }
};
