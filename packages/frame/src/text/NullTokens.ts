/**
 * Null tokens used when none are given: spellings of "missing" that pandas also treats as NaN. The
 * one list: `@mlops/serving` reads it too, so batch inference, `/predict` and online lookups treat a
 * cell as missing exactly when training did.
 */
export const defaultNullTokens: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL'];

/**
 * Matches a cell's bytes against a set of null tokens without decoding it. A 256-entry table of
 * first bytes rejects most numbers after one lookup.
 */
export class NullTokens {
  private readonly tokens: Uint8Array[];
  private readonly firstBytes = new Uint8Array(256);
  /** True when the empty cell is a null token. */
  readonly empty: boolean;

  constructor(tokens: readonly string[]) {
    this.tokens = tokens.filter((t) => t.length > 0).map((t) => Buffer.from(t, 'utf8'));
    this.empty = tokens.includes('');
    for (const t of this.tokens) this.firstBytes[t[0]] = 1;
  }

  /** True when `buf[start..end)` is exactly one of the tokens. */
  matches(buf: Uint8Array, start: number, end: number): boolean {
    if (start === end) return this.empty;
    if (this.firstBytes[buf[start]] === 0) return false;
    const n = end - start;
    for (const t of this.tokens) {
      if (t.length !== n) continue;
      let k = 0;
      while (k < n && t[k] === buf[start + k]) k++;
      if (k === n) return true;
    }
    return false;
  }

  /** Same test for a JS string (JSONL and value inputs). */
  matchesString(value: string): boolean {
    if (value.length === 0) return this.empty;
    const bytes = Buffer.from(value, 'utf8');
    return this.matches(bytes, 0, bytes.length);
  }
}
