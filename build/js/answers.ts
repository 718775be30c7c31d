// SPDX-License-Identifier: MIT
// What the pages send the calculators and read from their answers (the JSON the worker passes through unchanged).
// Types only (never shipped). The Python side is the truth: calculators/ui/query.py (a calculator page), calculators/tools/screener.py,
// calculators/tools/ledger.py; these list the fields the pages use, not every field an answer has.

/** A calculator page's answers as flat "key=value" pairs, exactly the prefilled-link format (calculators/ui/forms.py). */
export type CalcQuery = Record<string, string>;

/** Something the resident can fix: said next to the question it names (calculators/core/errors.py to_dict). */
export interface InputErrorAnswer {
  /** The error's kind (errors.py: CalculatorError "error", InputError, MissingParameterError). */
  error: "error" | "input_error" | "missing_parameter";
  field: string;
  message: string;
}

/** A clause a result cites, by "doc#anchor". */
export interface Clause {
  /** How the clause is cited: "二、（一）8". */
  cite: string;
  title: string;
  /** Relative to the site's root. */
  url: string;
}

/** A source that is not a clause of ours (a notice, a web page, a phone record: no url). */
export interface Source {
  title: string;
  url?: string | null;
  publisher?: string | null;
  date?: string | null;
}

export interface Step {
  text: string;
  formula?: string;
  clauses: string[];
  sources?: Source[];
}

/** A value a result used, in words (calculators/ui/parameters.py shown_parameters). */
export interface ShownParameter {
  id: string;
  label: string;
  display: string;
  /** verified | secondary | unverified | override */
  status: string;
  status_label: string;
  state_label?: string | null;
  from?: string | null;
  clause?: string | null;
  source?: Source | null;
  checked?: string | null;
}

/** The one-sentence answer (calculators/ui/summary.py). */
export interface Summary {
  /** Colours the box: "yes", "no", "maybe" … */
  tone: string;
  headline: string;
  figure: string;
  sentence: string;
  lines?: string[];
  when: string;
}

/** 收入线在哪里 (低保, calculators/programmes/dibao.py where_is_the_line); money as decimal strings. */
export interface IncomeLine {
  /** Index of the member whose wage varies (0-based). */
  member: number;
  member_wage: string;
  /** null: under the standard even earning nothing more. */
  threshold_earnings: string | null;
  threshold_total_income: string | null;
  edge_until_earnings: string | null;
  edge_multiple: string | null;
  phase_out: boolean;
  phase_out_months: number | null;
  phase_out_employment_only: boolean;
  deduction_cap: string | null;
  points: { earnings: string; benefit: string; total: string }[];
}

/** A calculator page's answer (calculators/ui/query.py run_query): a result, or a fixable problem. */
export type QueryAnswer = QueryResult | QueryError;

export interface QueryError extends InputErrorAnswer {
  /** The form's key the message goes next to. */
  key: string;
  /** The questions to show for these answers. */
  visible: string[];
}

export interface QueryResult {
  error?: undefined;
  summary: Summary;
  /** The last one is the estimate notice (shown at the end). */
  warnings: string[];
  steps: Step[];
  notes: string[];
  rounding: string;
  parameters: ShownParameter[];
  clauses: Record<string, Clause>;
  next_steps: Step[];
  line?: IncomeLine | null;
  visible: string[];
}

/** 我家能申请哪些救助: the household as the screener reads it (calculators/core/household.py). */
export interface ScreenerRequest {
  jurisdiction: string;
  date: string;
  members: ScreenerMember[];
  area?: string;
  receives?: string;
  supporter?: string;
  housing?: string;
  emergency?: string;
  medical_spending?: string;
  education_spending?: string;
  other_income?: string;
}

export interface ScreenerMember {
  age: string;
  school?: string;
  disability_grade?: string;
  disability_type?: string;
  serious_illness?: boolean;
  wage?: string;
}

export type ScreenerAnswer = ScreenerResult | InputErrorAnswer;

export interface ScreenerResult {
  error?: undefined;
  jurisdiction: string;
  jurisdiction_name: string;
  date: string;
  programmes: ScreenedProgramme[];
  next_steps?: Step[];
  clauses: Record<string, Clause>;
  disclaimer: string;
}

export interface ScreenedProgramme {
  id: string;
  title: string;
  /** likely | possible | unknown | unlikely */
  status: string;
  amount?: string | null;
  why: string[];
  clauses: string[];
  apply?: string;
  /** The calculator page's path, and its prefilled link's answers. */
  calculator?: string;
  link?: Record<string, string>;
}

/** 台账核查 (calculators/tools/ledger.py). */
export type LedgerAnswer = LedgerResult | InputErrorAnswer;

export interface LedgerResult {
  error?: undefined;
  date: string;
  jurisdiction_name: string;
  households: number;
  /** Flag code → its title, in the order shown. */
  flag_titles: Record<string, string>;
  /** Flag code → households with it. */
  summary: Record<string, number>;
  /** Place (as written in the 台账) → flag code → households. */
  by_place: Record<string, Record<string, number>>;
  rows: LedgerRow[];
  missing_columns: string[];
  what_if: { label: string; value: string }[];
  warnings?: string[];
  stale_note?: string;
  /** Cells that could not be read (added by the worker). */
  problems?: { message: string }[];
  clauses: Record<string, Clause>;
  disclaimer: string;
}

export interface LedgerRow {
  /** The row's number in the 台账. */
  row: number;
  head?: string;
  place_text?: string;
  per_capita?: string;
  standard?: string;
  flags: { flag: string; reason: string; clauses: string[]; sources?: Source[] }[];
}
