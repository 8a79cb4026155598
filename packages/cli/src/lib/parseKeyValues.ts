import { UsageError } from './fail';

/** `--param k=v` values: JSON when the value parses as JSON (numbers, booleans, arrays), else text. */
export function parseKeyValues(pairs: string[], flag: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} "${pair}": expected key=value`);
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // Not JSON: keep the text as it is.
    }
    setPath(out, pair.slice(0, eq).split('.'), value);
  }
  return out;
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let obj = target;
  for (const k of keys.slice(0, -1)) obj = (obj[k] ??= {}) as Record<string, unknown>;
  obj[keys[keys.length - 1]] = value;
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
