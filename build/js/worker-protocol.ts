// SPDX-License-Identifier: MIT
// The calculators' worker protocol: every message between a tool page (calc-page.js, screener-page.js,
// ledger-page.js, through page-kit.js) and its module Web Worker (calc-worker.js), declared once; and the two
// messages a page sends the service worker (sw.js). Types only: a .ts of declarations that tsc checks and the
// build never copies; nothing here is shipped or loaded at run time.
// The JS files use it through JSDoc (`@import`, `@type`, `@param`) and `tsc` checks both sides (README “JS checks”).
//
// The life of a worker (one per page session):
//  1. The page's <head> script (build/pages/forms.py EARLY_START) creates the worker and posts an
//     `InitMessage` at once. What the worker says before the page script runs is queued (`EarlyStart.queue`)
//     and replayed when the page script adopts the worker (page-kit.js adoptWorker).
//  2. The worker downloads Pyodide, the trimmed stdlib (the calculators in it) and the place's parameters,
//     says how far it is (`ProgressMessage`), then `ReadyMessage`; or `FaultMessage` (final: the tool cannot load).
//  3. Each answer: the page posts a request with a new `seq` (`RunQueryMessage`, `RunRequestMessage`,
//     `LedgerMessage`, `LedgerFileMessage`); the worker answers with the same `seq`: `ResultMessage` or `FileMessage`,
//     else `RunErrorMessage`. A page shows only the answer to its latest `seq` (inputs may have changed meanwhile).
//     The worker ignores requests that come before it is ready: the pages wait for `ReadyMessage`.
// Errors: what the resident can fix is part of a result (`{error: "input_error", field, message}`); a Python
// exception is a bug of ours and becomes `RunErrorMessage` (details go to the worker's console, never to the page).

import type { LockfileInfo } from "pyodide";
import type { CalcQuery, LedgerAnswer, QueryAnswer, ScreenerAnswer, ScreenerRequest } from "./answers";

// --------------------------------------------------------------------------- page → worker

/** The first message (sent by the <head> script): where everything is. All URLs absolute. */
export interface InitMessage {
  type: "init";
  config: WorkerConfig;
}

/** Written by build/pages/forms.py (`early_start_script`, from what build/assets/calculator.py `write_assets` returns). */
export interface WorkerConfig {
  /** The folder of the self-hosted Pyodide (`…/assets/pyodide/<version>/`, ends with "/"). */
  pyodideURL: string;
  /** The trimmed stdlib with the calculators, all byte-compiled (`calc/python_stdlib.<hash>.zip`). */
  stdlibURL: string;
  /** Each place's parameter bundle (`calc/params-<place>.<hash>.json`); key "other" is the national-rules default. */
  params: Record<string, string>;
  /** The place in a prefilled link (`#j=…` or `?j=…`), "" for none: its bundle comes with the runtime. */
  place: string;
  /** The `info` block of pyodide-lock.json: the worker loads with a lock file of no packages (no request). */
  lockInfo: LockfileInfo;
  /** Byte counts measured at build time; `fetched` is what goes through the worker's fetch (the progress total). */
  sizes: AssetSizes;
  /** The 台账核查 page only: openpyxl and the stdlib modules only it needs (`calc/ledger-libs.<hash>.zip`). */
  ledgerLibsURL?: string;
}

export interface AssetSizes {
  wasm: number;
  stdlib: number;
  /** Everything the runtime loads, uncompressed. */
  total: number;
  /** What the worker's counting fetch sees (the wasm, stdlib and default bundle; not the two .mjs). */
  fetched: number;
  /** What a phone downloads the first time (the brotli copies): the size the Data Saver prompt says. */
  download: number;
}

/** A calculator page's answers, flat, as in a prefilled link (calculators/ui/query.py run_query_json). */
export interface RunQueryMessage {
  type: "run";
  seq: number;
  /** A form's name (calculators/ui/forms.py FORMS): "dibao", "tekun", "linshi", "standard". */
  calc: string;
  query: CalcQuery;
  /** The phone's date, ISO (the calculators never read a clock). */
  today: string;
  request?: undefined;
}

/** A ready request for a registered programme (calculators.api.calculate_json): the screener page. */
export interface RunRequestMessage {
  type: "run";
  seq: number;
  /** A programme's name in the registry: "screener". */
  calc: string;
  request: ScreenerRequest;
  query?: undefined;
  today?: undefined;
}

/** 台账核查: read and check a 台账. `file` is transferred and kept in the worker (never posted anywhere);
 * without it the kept one is checked again (another place, date or what-if value). */
export interface LedgerMessage {
  type: "ledger";
  seq: number;
  place: string;
  /** The date the check is for, ISO. */
  date: string;
  /** What-if values by parameter id ("dibao.standard.urban": "900"): a staff 测算, never the policy. */
  overrides: Record<string, string>;
  /** The file's name (its extension decides .xlsx or .csv). */
  name?: string;
  file?: ArrayBuffer;
}

/** 台账核查: the checked 台账 as a file to download (answered by `FileMessage`). */
export interface LedgerFileMessage {
  type: "ledger_file";
  seq: number;
  format: LedgerFormat;
}

export type LedgerFormat = "xlsx" | "csv";

export type PageToWorker = InitMessage | RunQueryMessage | RunRequestMessage | LedgerMessage | LedgerFileMessage;

// --------------------------------------------------------------------------- worker → page

/** How far the runtime's download is (bytes through the worker's fetch); phase "start": all there, starting. */
export interface ProgressMessage {
  type: "progress";
  loaded: number;
  total: number;
  phase: "download" | "start";
}

/** The runtime is ready: requests are answered from now on. */
export interface ReadyMessage {
  type: "ready";
  /** Milliseconds from the worker's start to ready. */
  ms: number;
  /** Where the time went (ms from the start), for scripts/bench.py. */
  marks: BootMarks;
}

export interface BootMarks {
  /** pyodide.mjs imported */
  imported?: number;
  /** runtime, stdlib and bundle downloaded */
  loaded?: number;
  ready?: number;
  /** the interpreter came from this phone's memory snapshot (no interpreter start, no calculators import) */
  restored?: boolean;
}

/** The answer to request `seq`, as the calculators returned it (JSON): its shape is the request's —
 * `QueryAnswer` for `RunQueryMessage`, `ScreenerAnswer` for the screener's request, `LedgerAnswer` for `LedgerMessage`. */
export interface ResultMessage {
  type: "result";
  seq: number;
  result: QueryAnswer | ScreenerAnswer | LedgerAnswer;
  /** Milliseconds the worker spent on it. */
  ms: number;
}

/** The checked 台账 as bytes (transferred). */
export interface FileMessage {
  type: "file";
  seq: number;
  format: LedgerFormat;
  data: Uint8Array<ArrayBuffer>;
}

/** Request `seq` failed: `network` when the place's parameters did not download (the resident may retry);
 * else a bug of ours (a Python exception: details in the worker's console only). */
export interface RunErrorMessage {
  type: "run_error";
  seq: number;
  network?: boolean;
}

/** The runtime cannot load (a failed download, a broken .wasm, an exception while booting): final. */
export interface FaultMessage {
  type: "fault";
  /** Chinese where the worker words it; otherwise the error's own text (pages never show a traceback). */
  message: string;
}

export type WorkerToPage = ProgressMessage | ReadyMessage | ResultMessage | FileMessage | RunErrorMessage | FaultMessage;

// --------------------------------------------------------------------------- the worker as the pages see it

/** A `Worker` that speaks this protocol. */
export interface ToolWorker extends Omit<Worker, "postMessage" | "onmessage"> {
  postMessage(message: PageToWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerToPage>) => void) | null;
}

/** `window.__jzEarly`, made by the <head> script (EARLY_START): the one place the worker is created. */
export interface EarlyStart {
  /** What the worker said before a page script took over, and its `error` events (an ErrorEvent, or a plain
   * Event when the worker's script did not load). */
  queue: (MessageEvent<WorkerToPage> | ErrorEvent | Event)[];
  worker: ToolWorker | null;
  /** The worker's configuration, once it is created (page-kit.js handOver / handedOver compare builds by it). */
  config: WorkerConfig | null;
  /** performance.now() when the worker was created. */
  t: number;
  /** Creates the worker once (then returns the same one); null where it cannot be created, or with Data Saver on
   * unless `asked` (the page script asking, after a tap or with the runtime already kept). */
  start(asked?: boolean): ToolWorker | null;
}

// --------------------------------------------------------------------------- page → page (sessionStorage "jz-handoff")
// The screener leaves the answers of its 「详细估算」 links for the calculator pages they open (page-kit.js handOver,
// handedOver): by link address, with what they were worked out with.

export interface Handoff {
  /** The calculator (form name). */
  calc: string;
  /** The day they were worked out for (the calculators' `today`). */
  day: string;
  /** The build: the stdlib zip with the calculators, and the parameter bundles' addresses. */
  key: string;
  result: QueryAnswer;
  ms: number;
}

// --------------------------------------------------------------------------- page → service worker (sw.js)

/** A tool page once its tool is ready (page-kit.js keepOffline): keep the runtime, `extra` tools' files
 * (["ledger"]) and `place` with its neighbours at province scale. */
export interface KeepRuntimeMessage {
  type: "runtime";
  extra: string[];
  place: string;
}

/** A reading page's first visit (docs/assets/js/offline.js): the service worker did not see it. */
export interface VisitMessage {
  type: "visit";
  path: string;
}

export type PageToServiceWorker = KeepRuntimeMessage | VisitMessage;
