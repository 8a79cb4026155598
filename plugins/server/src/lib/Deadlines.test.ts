import { describe, expect, it } from '@jest/globals';
import { Deadlines } from './Deadlines';

describe('Deadlines', () => {
  it('passes a settled promise through and fails one still pending after the timeout with a 503 timeout', async () => {
    const deadlines = new Deadlines(100);
    await expect(deadlines.within(Promise.resolve(7))).resolves.toBe(7);
    await expect(deadlines.within(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const started = performance.now();
    const never = new Promise<number>(() => undefined);
    await expect(deadlines.within(never)).rejects.toMatchObject({ code: 'timeout', message: 'no prediction within 100 ms' });
    const waited = performance.now() - started;
    // Checked every tenth of the timeout: due at 100 ms, failed by about 110 ms (timers may run late on a busy machine).
    expect(waited).toBeGreaterThanOrEqual(99);
    expect(waited).toBeLessThan(400);
  });

  it('fails only the overdue ones when several are pending', async () => {
    const deadlines = new Deadlines(60);
    const slow = deadlines.within(new Promise<string>(() => undefined));
    const quick = deadlines.within(new Promise<string>((r) => setTimeout(() => r('quick'), 20)));
    await expect(quick).resolves.toBe('quick');
    await expect(slow).rejects.toMatchObject({ code: 'timeout' });
  });
});
