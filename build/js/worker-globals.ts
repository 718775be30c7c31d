// SPDX-License-Identifier: MIT
// Globals of the two workers (types only, never shipped; checked by `tsc -p build/js/tsconfig.worker.json`).
import type { BootMarks } from "./worker-protocol";

declare global {
  /** calc-worker.js: where its start's time went (also in its ReadyMessage). */
  var marks: BootMarks | undefined;

  // sw.js is a template: build/publish/offline.py replaces these names with the lists it writes.
  /** Pages kept by every install (paths relative to the site root). */
  const __PAGES__: string[];
  /** The calculators' runtime: kept once a tool page asks ({type: "runtime"}). */
  const __RUNTIME__: string[];
  /** A tool's own files by name ("ledger"). */
  const __EXTRA__: Record<string, string[]>;
  /** Province scale: each place's own files and the places whose bundles come with it. */
  const __PLACES__: Record<string, { files: string[]; near: string[] }>;
  /** The Chinese offline page. */
  const __OFFLINE__: string;
  /** build/serve.py FINGERPRINTED, as a regular expression's source. */
  const __IMMUTABLE__: string;
}

export {};
