import type { DType } from '../column/Column';
import { parseBoolBytes } from '../text/parseBoolBytes';
import { parseFloatBytes } from '../text/parseFloatBytes';
import { parseInt32Bytes } from '../text/parseInt32Bytes';
import { parseIsoBytes } from '../text/parseTimestampBytes';
import type { NullTokens } from '../text/NullTokens';
import type { CsvScanner } from './CsvScanner';

const CAN_BOOL = 1;
const CAN_INT = 2;
const CAN_FLOAT = 4;
const CAN_TIMESTAMP = 8;
const SEEN = 16;

/**
 * Accumulates, per column, which dtypes every sampled non-null value fits, then picks one:
 * int32 if all values are int32, else float64 if all are numbers, else bool (`true`/`false`),
 * else timestamp (ISO-8601), else category. A column with only nulls in the sample is float64.
 */
export class CsvTypeSampler {
  private readonly masks: Uint8Array;
  private readonly state = { ok: true, end: 0 };

  constructor(private readonly nulls: readonly NullTokens[]) {
    this.masks = new Uint8Array(nulls.length).fill(CAN_BOOL | CAN_INT | CAN_FLOAT | CAN_TIMESTAMP);
  }

  /** Folds one well-formed record into the masks. */
  add(buf: Uint8Array, scanner: CsvScanner): void {
    for (let c = 0; c < this.masks.length; c++) {
      const s = scanner.starts[c];
      const e = scanner.ends[c];
      if (this.nulls[c].matches(buf, s, e)) continue;
      this.masks[c] &= this.fits(buf, s, e) | SEEN;
      this.masks[c] |= SEEN;
    }
  }

  /** The chosen dtype per column. */
  result(): DType[] {
    return Array.from(this.masks, (m): DType => {
      if ((m & SEEN) === 0) return 'float64';
      if (m & CAN_INT) return 'int32';
      if (m & CAN_FLOAT) return 'float64';
      if (m & CAN_BOOL) return 'bool';
      if (m & CAN_TIMESTAMP) return 'timestamp';
      return 'category';
    });
  }

  private fits(buf: Uint8Array, s: number, e: number): number {
    const st = this.state;
    let m = 0;
    parseInt32Bytes(buf, s, e, st);
    if (st.ok) m |= CAN_INT;
    parseFloatBytes(buf, s, e, st);
    if (st.ok) m |= CAN_FLOAT;
    parseBoolBytes(buf, s, e, false, st);
    if (st.ok) m |= CAN_BOOL;
    parseIsoBytes(buf, s, e, st);
    if (st.ok) m |= CAN_TIMESTAMP;
    return m;
  }
}
