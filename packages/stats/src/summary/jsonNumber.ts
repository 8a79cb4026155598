/** `value` when finite, else null: JSON has no NaN or Infinity, and summaries are stored as JSON. */
export function jsonNumber(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** `part / whole`, or 0 when `whole` is 0 (the null rate of an empty column). */
export function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
