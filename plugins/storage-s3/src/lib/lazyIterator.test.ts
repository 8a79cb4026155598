import { describe, expect, it } from '@jest/globals';
import { lazyIterator } from './lazyIterator';

async function* count(n: number, log: string[]): AsyncGenerator<number> {
  try {
    for (let i = 0; i < n; i++) yield i;
  } finally {
    log.push('inner finally');
  }
}

describe('lazyIterator', () => {
  it('starts on the first next() only, then hands every call to the started iterator', async () => {
    const log: string[] = [];
    const iterator = lazyIterator(async () => {
      log.push('start');
      return count(3, log);
    });
    expect(log).toEqual([]);
    const seen: number[] = [];
    for await (const i of iterator) seen.push(i);
    expect([seen, log]).toEqual([[0, 1, 2], ['start', 'inner finally']]);
  });

  it('a failed start fails that next(); the iterator is done after it and does not start again', async () => {
    let starts = 0;
    const iterator = lazyIterator<number>(async () => {
      starts++;
      throw new Error('not found');
    });
    await expect(iterator.next()).rejects.toThrow('not found');
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(starts).toBe(1);
  });

  it('return() before the first next() never starts; during the start it returns the started iterator', async () => {
    let starts = 0;
    const log: string[] = [];
    const never = lazyIterator(async () => {
      starts++;
      return count(3, log);
    });
    await never.return!();
    expect([await never.next(), starts]).toEqual([{ value: undefined, done: true }, 0]);

    const during = lazyIterator(async () => count(3, log));
    const first = during.next();
    await during.return!();
    expect(await first).toEqual({ value: undefined, done: true });
    expect(await during.next()).toEqual({ value: undefined, done: true });
  });

  it('return() after a break runs the started iterator\'s cleanup', async () => {
    const log: string[] = [];
    for await (const i of lazyIterator(async () => count(10, log))) if (i === 1) break;
    expect(log).toEqual(['inner finally']);
  });
});
