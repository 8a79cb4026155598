/** Small text formatting helpers for terminal output; no dependencies, so start-up stays fast. */

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const wrap = (code: number) => (s: string) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
export const color = { green: wrap(32), red: wrap(31), yellow: wrap(33), dim: wrap(2), bold: wrap(1), cyan: wrap(36) };

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m${Math.round((ms % 60_000) / 1000)}s`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

export function formatTime(ms: number | null | undefined): string {
  if (!ms) return '-';
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function statusText(status: string): string {
  if (status === 'succeeded') return color.green(status);
  if (status === 'failed' || status === 'crashed') return color.red(status);
  if (status === 'cached') return color.cyan(status);
  return color.yellow(status);
}

// eslint-disable-next-line no-control-regex
const ansi = /\x1b\[[0-9;]*m/g;
const visible = (s: string) => s.replace(ansi, '').length;

/** Renders rows as aligned columns under a header. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => visible(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i] - visible(c)))).join('  ');
  return [color.dim(line(header)), ...rows.map(line)].join('\n');
}

/** Prints a value as indented JSON (for `--json`). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The shortest prefix length, at least `min`, at which the ids of one listing are all distinct. Ids
 * made in the same millisecond by one process share their first 19 characters (time, then a
 * counter), so a fixed 12 would show two outputs of one step as the same id.
 */
export function uniquePrefixLength(ids: readonly string[], min = 12): number {
  const sorted = [...new Set(ids)].sort();
  let length = min;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    let common = 0;
    while (common < a.length && a[common] === b[common]) common++;
    length = Math.max(length, common + 1);
  }
  return Math.min(length, Math.max(0, ...sorted.map((id) => id.length)));
}
