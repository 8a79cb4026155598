/** A coordinate with one decimal and no trailing zeros: short, and the same on every machine. */
export function svgNumber(value: number): string {
  return String(Math.round(value * 10) / 10);
}
