import type { Column, DType } from '../column/Column';
import { BoolBuilder } from '../build/BoolBuilder';
import { CategoryBuilder } from '../build/CategoryBuilder';
import { Float64Builder } from '../build/Float64Builder';
import { Int32Builder } from '../build/Int32Builder';
import { parseBoolBytes } from '../text/parseBoolBytes';
import { parseFloatBytes } from '../text/parseFloatBytes';
import { parseInt32Bytes, scanInt32 } from '../text/parseInt32Bytes';
import { parseIsoBytes } from '../text/parseTimestampBytes';
import { scanFloat, type ParseState } from '../text/scanFloat';
import type { NullTokens } from '../text/NullTokens';
import { FIELD_ESCAPED, FIELD_QUOTED, unescapeQuoted, type CsvScanner } from './CsvScanner';
import { WidenToCategory, type CsvColumnPlan } from './CsvColumnPlan';

const F64 = 0;
const I32 = 1;
const BOOL = 2;
const CAT = 3;
const TS = 4;
const kindOf = { float64: F64, int32: I32, bool: BOOL, category: CAT, timestamp: TS } as const;
const dtypeOfKind: readonly DType[] = ['float64', 'int32', 'bool', 'category', 'timestamp'];

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** `appendFast` result: the record needs the general scanner (quotes, wrong field count, bad value). */
export const NOT_FAST = -1;

/**
 * The builders of every column of one CSV read, and the conversion from field bytes.
 * Builders live in one array per kind (not one array of mixed classes) so each `push` call site
 * only ever sees one class and V8 keeps it monomorphic: this is the innermost loop of `readCsv`.
 */
export class CsvColumnSet {
  private readonly kinds: Uint8Array;
  private readonly f64: (Float64Builder | undefined)[] = [];
  private readonly i32: (Int32Builder | undefined)[] = [];
  private readonly bool: (BoolBuilder | undefined)[] = [];
  private readonly cat: (CategoryBuilder | undefined)[] = [];
  private readonly nulls: NullTokens[];
  private readonly inferred: boolean[];
  private readonly state: ParseState = { ok: true, end: 0 };
  private scratch = new Uint8Array(256);
  /** Column whose value failed in the last `append`/`appendFast` (for the bad-row reason). */
  failedColumn = -1;

  constructor(
    private readonly plans: readonly CsvColumnPlan[],
    capacity: number,
    private readonly delimiter: number,
    private readonly epochScale: number,
  ) {
    this.kinds = Uint8Array.from(plans, (p) => kindOf[p.dtype]);
    this.nulls = plans.map((p) => p.nulls);
    this.inferred = plans.map((p) => p.inferred);
    this.kinds.forEach((kind, c) => {
      this.f64[c] = kind === F64 || kind === TS ? new Float64Builder(capacity) : undefined;
      this.i32[c] = kind === I32 ? new Int32Builder(capacity) : undefined;
      this.bool[c] = kind === BOOL ? new BoolBuilder(capacity) : undefined;
      this.cat[c] = kind === CAT ? new CategoryBuilder(capacity) : undefined;
    });
  }

  /**
   * Fast path for the common record: unquoted fields, right field count, values that parse.
   * Parses straight from `buf[pos..]` in one pass (numbers are scanned and converted together,
   * no separate tokenising pass). The caller guarantees a newline before `limit`, so the record
   * is complete. Returns the offset after the record's newline, or NOT_FAST after rolling back
   * to `rowCount` rows, in which case the caller runs the general scanner on the same record.
   */
  appendFast(buf: Uint8Array, pos: number, limit: number, rowCount: number): number {
    const n = this.kinds.length;
    const delimiter = this.delimiter;
    const state = this.state;
    let p = pos;
    for (let c = 0; c < n; c++) {
      const terminator = c === n - 1 ? LF : delimiter;
      const kind = this.kinds[c];
      // Numbers: scan and convert in one go; anything unusual drops to the general field code.
      if (kind === F64) {
        const v = scanFloat(buf, p, limit, state);
        const end = state.end;
        if (state.ok && (buf[end] === terminator || (terminator === LF && buf[end] === CR && buf[end + 1] === LF))) {
          this.f64[c]!.push(v);
          p = buf[end] === CR ? end + 2 : end + 1;
          continue;
        }
      } else if (kind === I32) {
        const v = scanInt32(buf, p, limit, state);
        const end = state.end;
        if (state.ok && (buf[end] === terminator || (terminator === LF && buf[end] === CR && buf[end + 1] === LF))) {
          this.i32[c]!.push(v);
          p = buf[end] === CR ? end + 2 : end + 1;
          continue;
        }
      }
      if (buf[p] === QUOTE) {
        p = this.quotedFast(c, buf, p, limit, terminator);
        if (p < 0) return this.bail(rowCount);
        continue;
      }
      let e = p;
      while (e < limit && buf[e] !== delimiter && buf[e] !== LF) e++;
      if (buf[e] !== terminator) return this.bail(rowCount); // too few or too many fields
      const next = e + 1;
      if (terminator === LF && e > p && buf[e - 1] === CR) e--;
      if (!this.convert(c, buf, p, e, 0)) return this.bail(rowCount);
      p = next;
    }
    return p;
  }

  /**
   * A quoted field on the fast path: returns the offset after its terminator, or NOT_FAST when it
   * spans lines (the scanner counts those), is followed by junk, or does not convert.
   */
  private quotedFast(c: number, buf: Uint8Array, open: number, limit: number, terminator: number): number {
    let flags = FIELD_QUOTED;
    let q = open + 1;
    for (;;) {
      while (q < limit && buf[q] !== QUOTE && buf[q] !== LF) q++;
      if (q >= limit || buf[q] === LF) return NOT_FAST;
      if (buf[q + 1] !== QUOTE) break;
      flags |= FIELD_ESCAPED;
      q += 2;
    }
    const after = buf[q + 1];
    const crlf = terminator === LF && after === CR && buf[q + 2] === LF;
    if (after !== terminator && !crlf) return NOT_FAST;
    if (!this.convert(c, buf, open + 1, q, flags)) return NOT_FAST;
    return crlf ? q + 3 : q + 2;
  }

  /** Appends the scanner's current record; false (and `failedColumn` set) when a value does not parse. */
  append(buf: Uint8Array, scanner: CsvScanner): boolean {
    const { starts, ends, flags } = scanner;
    for (let c = 0; c < this.kinds.length; c++) {
      if (!this.convert(c, buf, starts[c], ends[c], flags[c])) return false;
    }
    return true;
  }

  /**
   * Converts one field into column `c`. Returns false when it does not parse as a schema dtype;
   * throws WidenToCategory when an inferred column meets a value only a category can hold.
   */
  private convert(c: number, buf: Uint8Array, s: number, e: number, flags: number): boolean {
    const state = this.state;
    switch (this.kinds[c]) {
      case F64: {
        if (this.nulls[c].matches(buf, s, e)) this.f64[c]!.pushNull();
        else {
          const v = parseFloatBytes(buf, s, e, state);
          if (!state.ok) return this.reject(c);
          this.f64[c]!.push(v);
        }
        return true;
      }
      case I32: {
        if (this.nulls[c].matches(buf, s, e)) this.i32[c]!.pushNull();
        else {
          const v = parseInt32Bytes(buf, s, e, state);
          if (state.ok) this.i32[c]!.push(v);
          else if (!this.inferred[c]) return this.reject(c);
          else this.widenToFloat(c, buf, s, e);
        }
        return true;
      }
      case TS: {
        if (this.nulls[c].matches(buf, s, e)) this.f64[c]!.pushNull();
        else {
          let v = parseIsoBytes(buf, s, e, state);
          if (!state.ok && !this.inferred[c]) v = parseFloatBytes(buf, s, e, state) * this.epochScale;
          if (!state.ok) return this.reject(c);
          this.f64[c]!.push(v);
        }
        return true;
      }
      case BOOL: {
        if (this.nulls[c].matches(buf, s, e)) this.bool[c]!.pushNull();
        else {
          const v = parseBoolBytes(buf, s, e, !this.inferred[c], state);
          if (!state.ok) return this.reject(c);
          this.bool[c]!.push(v === 1);
        }
        return true;
      }
      default: {
        const b = this.cat[c]!;
        // A quoted cell is always literal text: `""` is the empty string, `"NA"` the string NA.
        if ((flags & FIELD_QUOTED) === 0 && this.nulls[c].matches(buf, s, e)) b.pushNull();
        else if ((flags & FIELD_ESCAPED) === 0) b.pushBytes(buf, s, e);
        else {
          if (this.scratch.length < e - s) this.scratch = new Uint8Array(2 * (e - s));
          b.pushBytes(this.scratch, 0, unescapeQuoted(buf, s, e, this.scratch));
        }
        return true;
      }
    }
  }

  /** Rolls every column back to `rowCount` rows (a bad record was half appended). */
  truncate(rowCount: number): void {
    for (let c = 0; c < this.kinds.length; c++) {
      this.f64[c]?.truncate(rowCount);
      this.i32[c]?.truncate(rowCount);
      this.bool[c]?.truncate(rowCount);
      this.cat[c]?.truncate(rowCount);
    }
  }

  /** The finished columns, by name. */
  finish(): Record<string, Column> {
    const out: Record<string, Column> = {};
    this.plans.forEach((plan, c) => {
      const kind = this.kinds[c];
      if (kind === F64) out[plan.name] = this.f64[c]!.finishFloat64();
      else if (kind === TS) out[plan.name] = this.f64[c]!.finishTimestamp();
      else if (kind === I32) out[plan.name] = this.i32[c]!.finish();
      else if (kind === BOOL) out[plan.name] = this.bool[c]!.finish();
      else out[plan.name] = this.cat[c]!.finish();
    });
    return out;
  }

  /** Current dtype of column `c` (inferred int32 columns may have widened to float64). */
  dtypeOf(c: number): DType {
    return dtypeOfKind[this.kinds[c]];
  }

  private bail(rowCount: number): number {
    this.truncate(rowCount);
    return NOT_FAST;
  }

  /** A value did not parse: a bad row for a schema column, a restart for an inferred one. */
  private reject(c: number): false {
    if (this.inferred[c]) throw new WidenToCategory(c);
    this.failedColumn = c;
    return false;
  }

  /** An inferred int32 column met a non-integer: widen it in place (exact) if the value is a float. */
  private widenToFloat(c: number, buf: Uint8Array, s: number, e: number): void {
    const v = parseFloatBytes(buf, s, e, this.state);
    if (!this.state.ok) throw new WidenToCategory(c);
    const b = this.i32[c]!.toFloat64();
    this.i32[c] = undefined;
    this.f64[c] = b;
    this.kinds[c] = F64;
    b.push(v);
  }
}
