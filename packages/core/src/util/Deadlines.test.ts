import { describe, expect, it } from '@jest/globals';
import { Deadlines } from './Deadlines';

class Late extends Error {
  constructor(readonly what: string, ms: number) {
    super(`${what} timed out after ${ms} ms`);
  }
}

describe('Deadlines', () => {
  it('passes a settled promise through and fails one still pending after the timeout with the error timedOut makes', async () => {
    const deadlines = new Deadlines<string>(100, (what, ms) => new Late(what, ms));
    await expect(deadlines.within(Promise.resolve(7), 'a')).resolves.toBe(7);
    await expect(deadlines.within(Promise.reject(new Error('boom')), 'b')).rejects.toThrow('boom');
    const started = performance.now();
    await expect(deadlines.within(new Promise<number>(() => undefined), 'hmget')).rejects.toMatchObject({ what: 'hmget', message: 'hmget timed out after 100 ms' });
    const waited = performance.now() - started;
    // Checked every tenth of the timeout: due at 100 ms, failed by about 110 ms (timers may run late on a busy machine).
    expect(waited).toBeGreaterThanOrEqual(99);
    expect(waited).toBeLessThan(400);
  });

  it('fails only the overdue ones when several are pending, and drops a late answer', async () => {
    const deadlines = new Deadlines<string>(60, (what) => new Late(what, 60));
    let settleLate!: (v: string) => void;
    const slow = deadlines.within(new Promise<string>((r) => (settleLate = r)), 'slow');
    const quick = deadlines.within(new Promise<string>((r) => setTimeout(() => r('quick'), 20)), 'quick');
    await expect(quick).resolves.toBe('quick');
    await expect(slow).rejects.toMatchObject({ what: 'slow' });
    settleLate('too late');
    await expect(slow).rejects.toMatchObject({ what: 'slow' });
  });

  it('tracks work without a promise: overdue gets the label and the error once, settle tells whether the deadline was still running', async () => {
    const overdue: [string, unknown][] = [];
    const deadlines = new Deadlines<string>(50, (what, ms) => new Late(what, ms), (what, error) => overdue.push([what, error]));
    const quick = deadlines.track('quick');
    const slow = deadlines.track('slow');
    expect(deadlines.settle(quick)).toBe(true);
    expect(deadlines.settle(quick)).toBe(false);
    await new Promise((r) => setTimeout(r, 150));
    expect(overdue.map(([what]) => what)).toEqual(['slow']);
    expect(overdue[0]![1]).toMatchObject({ what: 'slow', message: 'slow timed out after 50 ms' });
    // Too late: the deadline already fired.
    expect(deadlines.settle(slow)).toBe(false);
    expect(() => new Deadlines<string>(50, (what) => new Late(what, 50)).track('x')).toThrow(/overdue callback/);
  });
});
