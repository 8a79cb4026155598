import { UsageError } from './fail';

const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--since`/`--until`: an ISO 8601 time or epoch milliseconds. */
function parseTime(flag: string, value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new UsageError(`${flag}: expected an ISO 8601 time (2026-12-03T10:00:00Z) or epoch milliseconds, received ${JSON.stringify(value)}`);
  return ms;
}

/**
 * The report's window from `--window 1h` (the last hour, ending now) or `--since … [--until …]`
 * (until defaults to now). Exactly one of `--window` and `--since`; the window must not be empty.
 */
export function reportWindow(flags: { window?: string; since?: string; until?: string }, now: number): { since: number; until: number } {
  if (flags.window !== undefined && flags.since !== undefined) throw new UsageError('--window and --since: give one of them (--window 24h is --since 24 hours ago)');
  if (flags.window !== undefined) {
    const m = /^(\d+(?:\.\d+)?)(m|h|d)$/.exec(flags.window);
    if (!m || Number(m[1]) <= 0) throw new UsageError(`--window: expected a positive length like 30m, 1h, 24h or 7d, received ${JSON.stringify(flags.window)}`);
    const until = flags.until !== undefined ? parseTime('--until', flags.until) : now;
    return { since: until - Number(m[1]) * units[m[2]!]!, until };
  }
  if (flags.since === undefined) throw new UsageError('--window or --since: expected the window to report on, e.g. --window 1h, received neither');
  const since = parseTime('--since', flags.since);
  const until = flags.until !== undefined ? parseTime('--until', flags.until) : now;
  if (!(until > since)) throw new UsageError(`--until: expected a time after --since (${new Date(since).toISOString()}), received ${new Date(until).toISOString()}`);
  return { since, until };
}
