/**
 * A number as shown in reports, the same on every machine: up to 4 significant digits without
 * trailing zeros (`0.1235`, `12.5`), exponent form outside [1e-3, 1e6) (`2.4e-12`), `—` for none.
 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e6) return String(Number(value.toPrecision(4)));
  const [mantissa, exponent] = value.toExponential(2).split('e');
  return `${String(Number(mantissa))}e${exponent!.replace('+', '')}`;
}

/** A share in [0, 1] as a percentage with up to 1 decimal (`12.3%`, `50%`, `<0.1%` for tiny non-zero). */
export function formatPercent(share: number): string {
  if (share > 0 && share < 0.0005) return '<0.1%';
  return `${String(Number((share * 100).toFixed(1)))}%`;
}

/** An integer with thousands separators (`1,000,000`), independent of the machine's locale. */
export function formatCount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
