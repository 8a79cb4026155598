import { describe, expect, it } from '@jest/globals';
import { orchestrationOptions } from './orchestrationOptions';
import { retryDelayMs, stepPolicyOf } from './stepPolicy';

describe('orchestration options', () => {
  it('fills defaults and merges a step override over them', () => {
    const o = orchestrationOptions.parse({ steps: { 'retrain.train': { timeoutMs: 5000, retry: { attempts: 5 } }, 'retrain.fetch': { isolation: 'inline' } } });
    expect(stepPolicyOf(o, 'retrain', 'train')).toEqual({ retry: { attempts: 5, delayMs: 1000, factor: 2, maxDelayMs: 300_000 }, timeoutMs: 5000, isolation: 'process' });
    expect(stepPolicyOf(o, 'retrain', 'fetch')).toEqual({ retry: { attempts: 3, delayMs: 1000, factor: 2, maxDelayMs: 300_000 }, timeoutMs: 3_600_000, isolation: 'inline' });
    // Every step inline by default, one kept in its own process.
    const inline = orchestrationOptions.parse({ defaults: { isolation: 'inline' }, steps: { 'retrain.train': { isolation: 'process' } } });
    expect([stepPolicyOf(inline, 'retrain', 'train').isolation, stepPolicyOf(inline, 'retrain', 'fetch').isolation]).toEqual(['process', 'inline']);
  });

  it('backs off exponentially up to the cap', () => {
    const policy = { attempts: 6, delayMs: 300_000 / 8, factor: 2, maxDelayMs: 300_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(policy, n))).toEqual([0, 37_500, 75_000, 150_000, 300_000, 300_000]);
  });

  it('rejects an unknown time zone, catch-up policy and step key by field', () => {
    const r = orchestrationOptions.safeParse({ schedules: { weekly: { pipeline: 'p', cron: '0 2 * * 0', timeZone: 'Mars/Olympus', catchUp: 'all' } }, steps: { train: {} } });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).sort();
    expect(paths[0]).toMatch(/^schedules\.weekly\.catchUp: .*"skip".*"once".*"backfill"/);
    expect(paths[1]).toBe('schedules.weekly.timeZone: an IANA time zone such as "UTC" or "Europe/Berlin"');
    expect(paths[2]).toBe('steps.train: a key "<pipeline>.<step id>", received "train"');
  });

  it('rejects an isolation other than process or inline, naming the step', () => {
    const r = orchestrationOptions.safeParse({ steps: { 'retrain.fetch': { isolation: 'thread' } } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['steps.retrain.fetch.isolation: Invalid option: expected one of "process"|"inline"']);
  });
});
