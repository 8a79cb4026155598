import type { Json } from '@mlops/core';
import { categoryColumn, columnValue, type CategoryColumn, type Column, type Frame } from '@mlops/frame';
import { findPii, type PiiKind } from './findPii';
import { redactText, type PiiPolicy } from './redactText';

/** What the validator found in one column holding personal data. */
export interface PiiFinding {
  column: string;
  /** Listed in `pii.columns` (every value is replaced) rather than detected. */
  configured: boolean;
  /** Rows whose value was (or will be) masked or tokenized; exact. */
  rows: number;
  /** Rows holding each kind (a row may hold several). */
  kinds: Partial<Record<PiiKind, number>>;
  /** The first few affected rows, for examples. */
  firstRows: number[];
}

/** Where to look for personal data and what to do with it (the schema's `pii` block). */
export interface PiiSettings extends PiiPolicy {
  columns: readonly string[];
  /** Columns never scanned (configured columns are still redacted). */
  exclude?: readonly string[];
  /** Dictionary entries sampled per category column before deciding it holds PII. */
  sampleSize: number;
}

interface ColumnRule {
  whole: boolean;
  /** Redacted text by original text (dictionary-sized for categories). */
  cache: Map<string, string>;
}

/**
 * Finds personal data in a frame and replaces it, the same way in the output frame and in every
 * example the report shows, so no raw value leaves the validator.
 */
export class Redactor {
  private constructor(
    private readonly policy: PiiPolicy,
    private readonly rules: ReadonlyMap<string, ColumnRule>,
    /** One entry per column holding personal data, in frame order. */
    readonly findings: readonly PiiFinding[],
  ) {}

  /**
   * Scans `frame`: every configured column, and each category column whose sampled dictionary
   * entries hold a recognised item (its whole dictionary is then scanned, so counts are exact).
   */
  static scan(frame: Frame, settings: PiiSettings, maxExamples: number): Redactor {
    const rules = new Map<string, ColumnRule>();
    const findings: PiiFinding[] = [];
    for (const name of frame.names) {
      const column = frame.column(name);
      const configured = settings.columns.includes(name);
      if (configured) {
        rules.set(name, { whole: true, cache: new Map() });
        findings.push(configuredFinding(name, column, settings, maxExamples));
      } else if (column.dtype === 'category' && settings.kinds.length > 0 && !settings.exclude?.includes(name) && sampleHasPii(column, settings)) {
        const finding = detectedFinding(name, column, settings, maxExamples);
        if (finding.rows > 0) {
          rules.set(name, { whole: false, cache: new Map() });
          findings.push(finding);
        }
      }
    }
    return new Redactor(settings, rules, findings);
  }

  /** True when `column` holds personal data. */
  has(column: string): boolean {
    return this.rules.has(column);
  }

  /** A value of `column` as it may be shown: redacted when the column holds personal data. */
  redact(column: string, value: Json): Json {
    const rule = this.rules.get(column);
    if (!rule || value === null || typeof value === 'object') return value;
    return this.redactString(rule, String(value));
  }

  /** `frame` with every PII column replaced by a category column of redacted values. */
  apply(frame: Frame): Frame {
    let out = frame;
    for (const [name, rule] of this.rules) {
      if (frame.has(name)) out = out.withColumn(name, this.redactColumn(rule, frame.column(name)));
    }
    return out;
  }

  private redactString(rule: ColumnRule, text: string): string {
    let done = rule.cache.get(text);
    if (done === undefined) {
      done = redactText(text, this.policy, rule.whole)?.text ?? text;
      rule.cache.set(text, done);
    }
    return done;
  }

  private redactColumn(rule: ColumnRule, column: Column): CategoryColumn {
    const n = column.length;
    const index = new Map<string, number>();
    const dictionary: string[] = [];
    const codeOf = (text: string) => {
      let code = index.get(text);
      if (code === undefined) index.set(text, (code = dictionary.push(text) - 1));
      return code;
    };
    const codes = new Int32Array(n);
    if (column.dtype === 'category') {
      // Per dictionary entry, not per row; masks can merge entries, so codes are remapped.
      const remap = Int32Array.from(column.dictionary, (text) => codeOf(this.redactString(rule, text)));
      for (let i = 0; i < n; i++) codes[i] = column.data[i] < 0 ? -1 : remap[column.data[i]];
    } else {
      for (let i = 0; i < n; i++) codes[i] = isNullAt(column, i) ? -1 : codeOf(this.redactString(rule, cellText(column, i)));
    }
    return categoryColumn(codes, dictionary);
  }
}

function isNullAt(column: Column, i: number): boolean {
  return column.nulls !== undefined && column.nulls[i] === 1;
}

/** A non-null cell as text: numbers as JS prints them, booleans, timestamps as ISO-8601. */
function cellText(column: Column, i: number): string {
  const v = columnValue(column, i);
  return v instanceof Date ? v.toISOString() : String(v);
}

function sampleHasPii(column: CategoryColumn, settings: PiiSettings): boolean {
  const size = column.dictionary.length;
  const step = Math.max(1, size / settings.sampleSize);
  for (let at = 0; at < size; at += step) {
    if (findPii(column.dictionary[Math.floor(at)], settings.kinds).length > 0) return true;
  }
  return false;
}

const kindBits: Record<PiiKind, number> = { email: 1, phone: 2, card: 4, ip: 8 };

function kindMask(text: string, settings: PiiSettings, base: number): number {
  let bits = base;
  for (const m of findPii(text, settings.kinds)) bits |= kindBits[m.kind];
  return bits;
}

function detectedFinding(name: string, column: CategoryColumn, settings: PiiSettings, maxExamples: number): PiiFinding {
  const bits = Uint8Array.from(column.dictionary, (text) => kindMask(text, settings, 0));
  return countRows(name, false, column.data, bits, settings, maxExamples);
}

function configuredFinding(name: string, column: Column, settings: PiiSettings, maxExamples: number): PiiFinding {
  if (column.dtype === 'category') {
    // Every non-null value is redacted; bit 16 marks "PII of no recognised kind".
    const bits = Uint8Array.from(column.dictionary, (text) => kindMask(text, settings, 16));
    return countRows(name, true, column.data, bits, settings, maxExamples);
  }
  const firstRows: number[] = [];
  let rows = 0;
  for (let i = 0; i < column.length; i++) {
    if (isNullAt(column, i)) continue;
    rows++;
    if (firstRows.length < maxExamples) firstRows.push(i);
  }
  return { column: name, configured: true, rows, kinds: {}, firstRows };
}

function countRows(name: string, configured: boolean, codes: Int32Array, bits: Uint8Array, settings: PiiSettings, maxExamples: number): PiiFinding {
  const perKind = new Float64Array(4);
  const firstRows: number[] = [];
  let rows = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    const b = code < 0 ? 0 : bits[code];
    if (b === 0) continue;
    rows++;
    if (firstRows.length < maxExamples) firstRows.push(i);
    for (let k = 0; k < 4; k++) if (b & (1 << k)) perKind[k]++;
  }
  const kinds: Partial<Record<PiiKind, number>> = {};
  (['email', 'phone', 'card', 'ip'] as const).forEach((kind, k) => {
    if (settings.kinds.includes(kind) && perKind[k] > 0) kinds[kind] = perKind[k];
  });
  return { column: name, configured, rows, kinds, firstRows };
}
