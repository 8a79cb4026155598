import type { SignatureColumn, TensorData, TensorValue } from '@mlops/core';
import type { FeedKind, FeedSpec } from './FeedSpec';
import { fixedKeyRecord, type FixedKeyRecord } from './fixedKeyRecord';
import type { Feeds } from './toFeeds';
import { fitsInteger } from './validatedRowFeeds';

// Largest finite float32: a bigger number would become Infinity in a float32 feed.
const float32Max = 3.4028234663852886e38;
// 10^0 … 10^22: every one is an exact double, so m × 10^e and m / 10^e round once, correctly.
const powersOfTen = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** What {@link scanRowFeeds} needs of a model, worked out once per model: see {@link rowScanPlan}. */
export interface RowScanPlan {
  /** Column names as UTF-8 bytes, in signature order. */
  names: Uint8Array[];
  /** The same names as strings: the feeds' keys. */
  keys: string[];
  /** Builds the feeds object over `keys` in one step. */
  record: FixedKeyRecord;
  kinds: FeedKind[];
  nullable: boolean[];
  /** Signature type `int`: only safe integers. */
  integer: boolean[];
  maxRows: number;
  /** Scratch columns (maxRows values each), reused by every call: scanning never yields, so calls cannot interleave. */
  scratch: Float64Array[];
  /** Per column, the row it was last seen in (+1), reset by every call: a repeated key in one row is refused. */
  seen: Int32Array;
}

/**
 * The plan for a model whose inputs are all numbers (float, double or int columns fed to numeric
 * tensors); undefined otherwise (strings and booleans take the JSON.parse path).
 */
export function rowScanPlan(columns: readonly SignatureColumn[], specs: readonly FeedSpec[], maxRows: number): RowScanPlan | undefined {
  if (columns.length === 0 || specs.length !== columns.length || columns.length > 1024) return undefined;
  for (let c = 0; c < columns.length; c++) {
    const column = columns[c]!;
    const kind = specs[c]!.kind;
    if (specs[c]!.name !== column.name || (column.type !== 'float' && column.type !== 'double' && column.type !== 'int')) return undefined;
    if (kind === 'string' || kind === 'bool') return undefined;
    // Names compared byte for byte must be written as they are in JSON: no quote, backslash or control character.
    if (/["\\\u0000-\u001f]/.test(column.name)) return undefined;
  }
  return {
    names: columns.map((c) => Buffer.from(c.name, 'utf8')),
    keys: columns.map((c) => c.name),
    record: fixedKeyRecord(columns.map((c) => c.name)),
    kinds: specs.map((s) => s.kind),
    nullable: columns.map((c) => c.nullable === true),
    integer: columns.map((c) => c.type === 'int'),
    maxRows,
    scratch: columns.map(() => new Float64Array(maxRows)),
    seen: new Int32Array(columns.length),
  };
}

/**
 * A `{"rows":[{…},…]}` or `{"row":{…}}` body read from its bytes straight into typed feed columns:
 * no text decoding, no JSON.parse, no object per row (the `/predict` hot path for numeric models).
 * It accepts a strict subset of JSON (plain keys, numbers, null) and only values the request schema
 * accepts, exactly as `validatedRowFeeds` would; for anything else (an escape in a key, a string, a
 * missing or extra field, a number out of range, malformed JSON, too many rows) it returns undefined
 * and the caller takes the JSON.parse path, which decides and names every error. Numbers are read
 * as JSON.parse reads them (correctly rounded: the exact fast path below, else `Number` of the text).
 */
export function scanRowFeeds(body: Uint8Array, plan: RowScanPlan): { feeds: Feeds; rows: number } | undefined {
  const scanner = new Scanner(body, plan);
  return scanner.body();
}

class Scanner {
  private at = 0;
  private readonly k: number;
  private readonly seen: Int32Array;

  constructor(
    private readonly b: Uint8Array,
    readonly plan: RowScanPlan,
  ) {
    this.k = plan.names.length;
    // The plan's, cleared here rather than allocated: a one-row request is a few hundred instructions.
    const seen = plan.seen;
    for (let c = 0; c < seen.length; c++) seen[c] = 0;
    this.seen = seen;
  }

  body(): { feeds: Feeds; rows: number } | undefined {
    if (!this.punct(0x7b)) return undefined; // {
    this.ws();
    let rows: number;
    if (this.word('"rows"')) {
      if (!this.punct(0x3a) || !this.punct(0x5b)) return undefined; // : [
      rows = 0;
      do {
        if (rows >= this.plan.maxRows || !this.row(rows)) return undefined;
        rows++;
      } while (this.punct(0x2c)); // ,
      if (!this.punct(0x5d)) return undefined; // ]
    } else if (this.word('"row"')) {
      if (!this.punct(0x3a) || !this.row(0)) return undefined;
      rows = 1;
    } else {
      return undefined;
    }
    if (!this.punct(0x7d)) return undefined; // }
    this.ws();
    if (this.at !== this.b.length) return undefined;
    return { feeds: this.feeds(rows), rows };
  }

  /** One `{ "name": number|null, … }` with every column exactly once, into the scratch columns at `i`. */
  private row(i: number): boolean {
    if (!this.punct(0x7b)) return false;
    const mark = i + 1;
    let count = 0;
    let c = -1;
    do {
      this.ws();
      c = this.key(c);
      if (c < 0 || this.seen[c] === mark || !this.punct(0x3a)) return false;
      this.seen[c] = mark;
      count++;
      this.ws();
      const v = this.value();
      if (v !== v) {
        // NaN: null (JSON has no NaN), or not a value this path takes.
        if (!this.nulled || !this.plan.nullable[c]) return false;
      } else if (!accepts(v, this.plan.kinds[c]!, this.plan.integer[c]!)) {
        return false;
      }
      this.plan.scratch[c]![i] = v;
    } while (this.punct(0x2c));
    return count === this.k && this.punct(0x7d);
  }

  /** The column index of the key at `at` (tried first: the one after `previous`, as clients write columns in order); -1 if none. */
  private key(previous: number): number {
    const b = this.b;
    if (this.byte(this.at) !== 0x22) return -1;
    const start = this.at + 1;
    // The likely name first, compared in place: it matches when its bytes and then a quote follow.
    const next = previous + 1 < this.k ? previous + 1 : 0;
    const likely = this.plan.names[next]!;
    let j = 0;
    while (j < likely.length && this.byte(start + j) === likely[j]) j++;
    if (j === likely.length && this.byte(start + j) === 0x22) {
      this.at = start + j + 1;
      return next;
    }
    let end = start;
    while (end < b.length && b[end] !== 0x22) {
      if (b[end] === 0x5c || b[end]! < 0x20) return -1; // an escape or a raw control character: JSON.parse decides
      end++;
    }
    if (end >= b.length) return -1;
    this.at = end + 1;
    for (let c = 0; c < this.k; c++) if (c !== next && this.nameAt(c, start, end)) return c;
    return -1;
  }

  private nameAt(c: number, start: number, end: number): boolean {
    const name = this.plan.names[c]!;
    if (name.length !== end - start) return false;
    for (let j = 0; j < name.length; j++) if (name[j] !== this.b[start + j]) return false;
    return true;
  }

  /** Set by `value` when it read `null`. */
  private nulled = false;

  /** A JSON number (as JSON.parse reads it) or null (NaN, with `nulled`); NaN without `nulled` for anything else. */
  private value(): number {
    const b = this.b;
    this.nulled = false;
    if (this.byte(this.at) === 0x6e) {
      if (this.byte(this.at + 1) === 0x75 && this.byte(this.at + 2) === 0x6c && this.byte(this.at + 3) === 0x6c) {
        this.at += 4;
        this.nulled = true;
      }
      return NaN;
    }
    const start = this.at;
    let i = start;
    const negative = this.byte(i) === 0x2d;
    if (negative) i++;
    // JSON: 0, or a digit 1-9 and more digits; then an optional fraction and exponent. The digits
    // are gathered as an integer mantissa m (exact while it has at most 15 significant digits).
    let m = 0;
    let digits = 0;
    let d = this.byte(i) - 0x30;
    if (d === 0) {
      d = this.byte(++i) - 0x30;
    } else if (d > 0 && d <= 9) {
      do {
        m = m * 10 + d;
        digits++;
        d = this.byte(++i) - 0x30;
      } while (d >= 0 && d <= 9);
    } else {
      return NaN;
    }
    let e = 0;
    if (d === 0x2e - 0x30) {
      d = this.byte(++i) - 0x30;
      if (!(d >= 0 && d <= 9)) return NaN;
      do {
        m = m * 10 + d;
        if (m !== 0) digits++;
        e--;
        d = this.byte(++i) - 0x30;
      } while (d >= 0 && d <= 9);
    }
    if (d === 0x65 - 0x30 || d === 0x45 - 0x30) {
      let exponent = 0;
      d = this.byte(++i) - 0x30;
      const negExp = d === 0x2d - 0x30;
      if (negExp || d === 0x2b - 0x30) d = this.byte(++i) - 0x30;
      if (!(d >= 0 && d <= 9)) return NaN;
      do {
        exponent = exponent * 10 + d;
        d = this.byte(++i) - 0x30;
      } while (d >= 0 && d <= 9 && exponent < 100_000);
      if (d >= 0 && d <= 9) return NaN; // an absurd exponent: JSON.parse decides
      e += negExp ? -exponent : exponent;
    }
    this.at = i;
    let v: number;
    if (m === 0) v = 0;
    else if (digits <= 15 && e >= 0 && e <= 22) v = m * powersOfTen[e]!;
    else if (digits <= 15 && e < 0 && e >= -22) v = m / powersOfTen[-e]!;
    else v = Number(latin1(b, negative ? start + 1 : start, i));
    return negative ? -v : v;
  }

  /** Rows read so far: set once the whole body is read, for `feedAt`. */
  rows = 0;

  private feeds(n: number): Feeds {
    this.rows = n;
    return this.plan.record(this, feedAt);
  }

  private ws(): void {
    const b = this.b;
    let at = this.at;
    // Bounded by the length, never reading past the end (see `byte`).
    while (at < b.length) {
      const c = b[at]!;
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      at++;
    }
    this.at = at;
  }

  /**
   * The byte at `i`, or -1 past the end. A truncated body must not make the scanner read
   * `undefined`: after one comparison of it, V8 compiles that comparison (in every place the
   * function is inlined) as a generic strict-equality call, for all later requests.
   */
  private byte(i: number): number {
    return i < this.b.length ? this.b[i]! : -1;
  }

  /** Skips whitespace, then consumes `byte` if it is next. */
  private punct(byte: number): boolean {
    this.ws();
    if (this.byte(this.at) !== byte) return false;
    this.at++;
    return true;
  }

  /** Consumes the ASCII text `word` if it is next. */
  private word(word: string): boolean {
    for (let j = 0; j < word.length; j++) if (this.byte(this.at + j) !== word.charCodeAt(j)) return false;
    this.at += word.length;
    return true;
  }
}

/** Input `c` of the scanned rows as a feed. */
function feedAt(s: Scanner, c: number): TensorValue {
  const n = s.rows;
  return { data: column(s.plan.scratch[c]!, n, s.plan.kinds[c]!), dims: [n, 1] };
}

/** What `validatedRowFeeds` accepts for a finite number of a numeric column fed to a numeric tensor. */
function accepts(v: number, kind: FeedKind, integer: boolean): boolean {
  if (!Number.isFinite(v)) return false;
  if (integer && !Number.isSafeInteger(v)) return false;
  if (kind === 'float32') return v <= float32Max && v >= -float32Max;
  return fitsInteger(v, kind);
}

/**
 * The first `n` scratch values (null = NaN) as the feed's typed array, converted as
 * `validatedRowFeeds` stores them. Plain loops: for the few values of a typical request, a
 * subarray view and a converting `set` or `slice` cost more than the copy.
 */
function column(values: Float64Array, n: number, kind: FeedKind): TensorData {
  switch (kind) {
    case 'float64': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = values[i]!;
      return out;
    }
    case 'int64': {
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) out[i] = values[i] !== values[i] ? 0n : BigInt(Math.trunc(values[i]!));
      return out;
    }
    case 'int32': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = values[i] !== values[i] ? 0 : values[i]!;
      return out;
    }
    default: {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = values[i]!;
      return out;
    }
  }
}

function latin1(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let j = start; j < end; j++) s += String.fromCharCode(b[j]!);
  return s;
}
