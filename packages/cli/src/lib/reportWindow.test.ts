import { describe, expect, it } from '@jest/globals';
import { reportWindow } from './reportWindow';

const now = Date.parse('2026-12-03T12:00:00Z');

describe('reportWindow', () => {
  it('reads --window as the length ending now, or at --until', () => {
    expect(reportWindow({ window: '1h' }, now)).toEqual({ since: now - 3_600_000, until: now });
    expect(reportWindow({ window: '24h' }, now)).toEqual({ since: now - 86_400_000, until: now });
    expect(reportWindow({ window: '30m', until: '2026-12-03T10:00:00Z' }, now)).toEqual({ since: Date.parse('2026-12-03T09:30:00Z'), until: Date.parse('2026-12-03T10:00:00Z') });
    expect(reportWindow({ window: '7d' }, now).since).toBe(now - 7 * 86_400_000);
  });

  it('reads --since/--until as ISO 8601 or epoch ms; until defaults to now', () => {
    expect(reportWindow({ since: '2026-12-03T11:00:00Z' }, now)).toEqual({ since: now - 3_600_000, until: now });
    expect(reportWindow({ since: '1000', until: '5000' }, now)).toEqual({ since: 1000, until: 5000 });
  });

  it('names the flag, what it expected and what it got', () => {
    expect(() => reportWindow({ window: '1 hour' }, now)).toThrow('--window: expected a positive length like 30m, 1h, 24h or 7d, received "1 hour"');
    expect(() => reportWindow({ window: '0h' }, now)).toThrow('--window: expected a positive length');
    expect(() => reportWindow({ since: 'yesterday' }, now)).toThrow('--since: expected an ISO 8601 time (2026-12-03T10:00:00Z) or epoch milliseconds, received "yesterday"');
    expect(() => reportWindow({ since: '2026-12-03T11:00:00Z', until: '2026-12-03T10:00:00Z' }, now)).toThrow('--until: expected a time after --since (2026-12-03T11:00:00.000Z), received 2026-12-03T10:00:00.000Z');
    expect(() => reportWindow({}, now)).toThrow('--window or --since');
    expect(() => reportWindow({ window: '1h', since: '1000' }, now)).toThrow('--window and --since: give one of them');
  });
});
