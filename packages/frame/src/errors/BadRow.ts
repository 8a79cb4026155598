/** One malformed input row, as reported by `readCsv` and `readJsonl`. */
export interface BadRow {
  /** The file the row came from, as given to the reader. */
  readonly path: string;
  /** Physical line of the row's first byte, 1-based; a CSV header is line 1. */
  readonly line: number;
  /** Why the row was rejected, e.g. `column "price": "abc" is not a valid float64`. */
  readonly reason: string;
}
