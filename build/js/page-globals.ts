// SPDX-License-Identifier: MIT
// Globals the page scripts read (types only, never shipped; checked by `tsc -p build/js/tsconfig.json`).
import type { EarlyStart } from "./worker-protocol";

declare global {
  interface Window {
    /** The <head> script's early worker start (build/pages/forms.py EARLY_START). */
    __jzEarly?: EarlyStart;
    /** Tests shorten the calculator's “网络很慢” notice (tests/browser/test_faults.py); default 30 s. */
    __jzStallMs?: number;
  }
  interface Navigator {
    /** The Network Information API (Chromium): `saveData` is the browser's 省流量 / Data Saver. */
    connection?: { saveData?: boolean };
  }
  /** Chartist's UMD build (npm `chartist`): with the 台账核查 page, and fetched by a calculator when its chart opens. */
  var Chartist: typeof import("chartist") | undefined;
}

export {};

// --------------------------------------------------------------------------- what the build writes into the pages

/** `write_assets` (build/assets/calculator.py): the fingerprinted files, relative to the site's root. */
export interface CalcAssets {
  /** Pyodide's folder (ends with "/"). */
  pyodide: string;
  charts: { js: string; css: string };
  sizes: import("./worker-protocol").AssetSizes;
}

/** A calculator page's `#jz-calc-config` (build/pages/forms.py render_form). */
export interface CalcPageConfig {
  /** The form's name: "dibao", "tekun", "linshi", "standard". */
  calc: string;
  /** The site's root, relative to the page. */
  root: string;
  assets: CalcAssets;
  /** Which questions to show before Python is ready (pages/forms.py initial_visibility): the distinct lists
   * once, and by "j|area|kind" (then "j||", then "||") the index of the list. */
  visible: { sets: string[][]; at: Record<string, number> };
  /** Keys asked once per household member (`age` → `age1`, `age2` …). */
  memberKeys: string[];
  defaults: Record<string, string>;
  maxMembers: number;
}

/** The screener page's `#jz-config` (build/pages/forms.py). */
export interface ScreenerPageConfig {
  root: string;
  calc: "screener";
  /** Written by the build; the screener's script does not read it (the <head> script has the worker's config). */
  assets: CalcAssets;
  /** The household cap (calculators/core/vocabulary.py). */
  max: number;
  /** The ages and grades at which a question is asked (vocabulary.py SCREENER_ASKS). */
  asks: { school_age: [number, number]; wage_age: [number, number]; kind_grades: number[]; supporter_unless_age: [number, number] };
  /** A programme status → its heading. */
  statusText: Record<string, string>;
}

/** The 台账核查 page's `#jz-config`. */
export interface LedgerPageConfig {
  root: string;
  calc: "ledger";
}

// --------------------------------------------------------------------------- Pagefind (the search page)

/** The part of Pagefind's browser API (`pagefind/pagefind.js`, npm `pagefind`) the search page uses. */
export interface Pagefind {
  options(options: { baseUrl?: string; excerptLength?: number; ranking?: Record<string, number> }): Promise<void>;
  init(): Promise<void>;
  search(query: string, options?: { filters?: Record<string, string> }): Promise<{ results: { data(): Promise<PagefindPage> }[] }>;
}

export interface PagefindPage {
  url: string;
  excerpt: string;
  /** The page's meta (build/search_index.py): its title, and `lapsed` for a plan whose period is over. */
  meta: { title: string; lapsed?: string };
  sub_results?: PagefindSub[];
}

/** A heading's part of a page (a clause). */
export interface PagefindSub {
  title: string;
  url: string;
  excerpt: string;
  weighted_locations?: { weight?: number; balanced_score?: number }[];
}
